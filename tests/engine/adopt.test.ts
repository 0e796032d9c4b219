/**
 * The adoption command end to end: a generated organization in the emulator, the installed bin writes a project, the
 * `pulumi` binary runs it (the CLI path). `up` adopts everything without one write, the next preview is empty, and
 * destroy releases everything, leaving the organization exactly as it was.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { start, type Emulator, type Seed, type State } from "../../emulator";
import { generatedIdentity, generateSeed } from "../../emulator/generate";
import { LOCAL_DIR } from "../../scripts/engine";
import { runAdopt } from "./adopt-cli";
import { createEngineStack, type EngineStack } from "./harness";

jest.setTimeout(900_000);

/** Identities 1 and 2 are preset; 3 is custom, with a preset policy and a custom one (emulator/generate.ts). */
const NAMELESS_POLICY_IDENTITY = generatedIdentity(2);
/**
 * At least 200 members, 20 departments and 500 authorizations, plus what the generator leaves out and adoption must
 * keep as it is: a tagged department; a member paid for by another (permission 7, a payer, not allowed to quit) whose
 * payer has the higher UIN, so declaring members by UIN would use the payer before declaring it; and a custom policy
 * without a name, as CreateOrganizationIdentity stores one created without PolicyName (the API then reports "").
 */
const SEED = ((generated: Seed): Seed => {
  const [root, tagged, ...nodes] = generated.nodes ?? [];
  const [paid, payer, ...members] = generated.members ?? [];
  const identities = (generated.identities ?? []).map((identity) =>
    identity.IdentityId === NAMELESS_POLICY_IDENTITY
      ? { ...identity, IdentityPolicy: (identity.IdentityPolicy ?? []).map((policy) => (policy.PolicyType === 1 ? { ...policy, PolicyName: "" } : policy)) }
      : identity,
  );
  return {
    ...generated,
    nodes: [root!, { ...tagged!, Tags: [{ TagKey: "cost-center", TagValue: "cc-01" }] }, ...nodes],
    members: [{ ...paid!, PermissionIds: [1, 2, 7], PayUin: String(payer!.MemberUin), IsAllowQuit: "Denied" }, payer!, ...members],
    identities,
  };
})(generateSeed({ members: 200, departments: 20, identities: 8, authorizations: 500, policies: 30 }));

describe("adopting a generated organization", () => {
  let emulator: Emulator;
  let engine: EngineStack;
  let before: State;
  let projectDir: string;
  let resources = 0;

  beforeAll(async () => {
    emulator = await start({ port: 0, seed: SEED });
    before = emulator.control.snapshot();
    // A clean clone has no .pulumi-local yet when this suite runs first.
    fs.mkdirSync(LOCAL_DIR, { recursive: true });
    projectDir = fs.mkdtempSync(path.join(LOCAL_DIR, "adopt-project-"));
  });
  afterAll(async () => {
    await engine?.close();
    await emulator?.stop();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("the command writes a project declaring every entity, and only reads", async () => {
    emulator.control.resetCalls();
    const started = Date.now();
    const summary = await runAdopt(emulator, ["--project", projectDir, "--name", "adopted"]);
    const elapsed = Date.now() - started;
    const calls = emulator.control.calls();
    expect(calls.filter((call) => !/^(Describe|List)/.test(call.action))).toEqual([]);
    expect(summary).toContain(`API calls: ${calls.length};`);
    const counts = Object.fromEntries([...summary.matchAll(/(\d+) (\w+)/g)].map((m) => [m[2], Number(m[1])]));
    expect(counts).toMatchObject({
      OrganizationNode: before.nodes.length,
      OrganizationIdentity: before.identities.length,
      OrganizationMember: before.members.length,
      // One per identity that some member holds.
      MemberAuthIdentity: new Set(before.authorizations.map((a) => a.IdentityId)).size,
      MemberAccessPolicy: before.policies.length,
    });
    resources = ["OrganizationNode", "OrganizationIdentity", "OrganizationMember", "MemberAuthIdentity", "MemberAccessPolicy"].reduce((n, kind) => n + (counts[kind] ?? 0), 0);
    expect(fs.readdirSync(projectDir).sort()).toEqual(["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
    const program = fs.readFileSync(path.join(projectDir, "index.ts"), "utf8");
    expect(program).toContain(`tags: { "cost-center": "cc-01" },`);
    // The payer (member 2) is declared before the member it pays for (member 1), which references its output.
    expect(program).toMatch(/payUin: pulumi\.interpolate`\$\{member0002Member\.memberUin\}`,/);
    expect(program.indexOf("const member0002Member =")).toBeLessThan(program.indexOf("const member0001Member ="));
    // Policy documents are objects to read and edit, and a policy without a name is written without one.
    expect(program).not.toContain(`policyName: ""`);
    expect(program).toMatch(/policyDocument: JSON\.stringify\(\{\n +version: "2\.0",\n +statement: \[\{ effect: "allow", action: \["\w+:\*"\], resource: \["\*"\] \}\],\n/);
    expect(program).not.toMatch(/policyDocument: "/);
    // Recorded for the report: the command's own summary, and its time seen from here.
    console.log(`adopt: ${summary.trim()} (wall ${elapsed} ms)`);
  });

  it("up adopts everything without one write", async () => {
    engine = await createEngineStack({ program: "declared", path: "cli", projectDir, emulator });
    emulator.control.resetCalls();
    const started = Date.now();
    expect(await engine.up()).toEqual({ create: resources + 1 });
    console.log(`up: ${Date.now() - started} ms, ${emulator.control.calls().length} API calls`);
    expect(engine.writeCalls()).toEqual([]);
  });

  it("the next preview is empty", async () => {
    expect(await engine.preview()).toEqual({ same: resources + 1 });
    expect(engine.writeCalls()).toEqual([]);
  });

  it("destroy releases everything: the organization is exactly as before", async () => {
    await engine.destroy();
    expect(engine.writeCalls()).toEqual([]);
    expect(emulator.control.snapshot()).toEqual(before);
  });
});
