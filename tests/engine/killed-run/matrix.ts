/**
 * A `pulumi up` killed mid-run (SIGKILL of the driver, the CLI and everything they started, as a cancelled CI job), at
 * five points of a multi-resource `up`, each with the emulator holding the request so that the kill lands mid-call and
 * the server completes the write after the client is gone:
 *   - during the department's create, and during the identity's;
 *   - after the first member was created, during the second member's create;
 *   - during the second batch of the authorizations;
 *   - during the policy's create.
 * Then the README's runbook: `pulumi cancel --yes` (the file backend's lock), `pulumi refresh --clear-pending-creates
 * --yes` (the pending operations), `pulumi up`. It must end with no duplicate, no orphan and an empty preview. The
 * dynamic provider processes of the killed run must not outlive it by more than a few seconds.
 * Departments and members carry an ownership tag, so the `up` recognizes what the killed run made of them. Identities
 * and policies take no tags: nothing proves that one the killed run made (the one it was creating, or one whose
 * answer it got but never recorded) is the stack's, so the `up` stops with an error naming each and saying to delete
 * it; the runbook then deletes them and runs `up` again.
 */
import * as fs from "node:fs";
import { DEFAULT_SEED, SEED_IDS, type Seed, type State } from "../../../emulator";
import type { ActionName } from "../../../provider/api";
import { LOCAL_DIR } from "../../../scripts/engine";
import { CONVERGED, convergence } from "../convergence";
import { createEngineStack, type EngineStack, type ResourceSpec } from "../harness";


/** Six identities for one member group: two CreateOrganizationMemberAuthIdentity batches (at most 5 identities each). */
const EXTRA_IDENTITIES = [11, 12];
const template = DEFAULT_SEED.identities!.find((identity) => identity.IdentityId === SEED_IDS.customIdentityId)!;
const SEED: Seed = {
  ...DEFAULT_SEED,
  identities: [
    ...DEFAULT_SEED.identities!,
    ...EXTRA_IDENTITIES.map((id) => ({ ...template, IdentityId: id, IdentityAliasName: `extra-${id}`, IdentityRoleName: `OrganizationExtra${id}Role` })),
  ],
};
const IDENTITIES = [SEED_IDS.adminIdentityId, SEED_IDS.readonlyIdentityId, SEED_IDS.financeIdentityId, SEED_IDS.customIdentityId, ...EXTRA_IDENTITIES];

const member = (name: string, dependsOn: string[] = []): ResourceSpec => ({
  kind: "OrganizationMember",
  name,
  args: { name: `kill-${name}`, accountName: `kill-${name}`, nodeId: { $ref: "department.nodeId" }, permissionIds: [1, 2] },
  dependsOn,
});

const RESOURCES: ResourceSpec[] = [
  { kind: "OrganizationNode", name: "department", args: { name: "kill-department", parentNodeId: SEED_IDS.departmentNodeId } },
  {
    kind: "OrganizationIdentity",
    name: "identity",
    args: { aliasName: "kill-identity", policies: [{ policyDocument: '{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*"],"resource":["*"]}]}' }] },
  },
  member("first"),
  member("second", ["first"]),
  {
    kind: "MemberAuthIdentity",
    name: "access",
    args: { memberUins: [{ $ref: "first.memberUin" }, { $ref: "second.memberUin" }], identityIds: [...IDENTITIES, { $ref: "identity.identityId" }] },
  },
  {
    kind: "MemberAccessPolicy",
    name: "policy",
    args: { policyName: "kill-policy", identityId: SEED_IDS.readonlyIdentityId, memberUins: [{ $ref: "first.memberUin" }, { $ref: "second.memberUin" }] },
    dependsOn: ["access"],
  },
];

/** The dynamic provider processes the engine started for this stack (they run in its project directory). */
function providerProcesses(workDir: string): number[] {
  return fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry)).map(Number).filter((pid) => {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      return cmdline.includes("dynamic-provider") && fs.realpathSync(`/proc/${pid}/cwd`).startsWith(fs.realpathSync(workDir));
    } catch {
      return false; // gone meanwhile, or not ours to read
    }
  });
}

async function until(condition: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The deletes the way out names, for the objects no proof can claim. */
const WAY_OUT = {
  DeleteOrganizationIdentity: (engine: EngineStack, id: number) => engine.api.call("DeleteOrganizationIdentity", { IdentityId: id }),
  DeleteOrganizationMembersPolicy: (engine: EngineStack, id: number) => engine.api.call("DeleteOrganizationMembersPolicy", { PolicyId: id }),
};
type WayOut = keyof typeof WAY_OUT;
const UNPROVEN =
  /the name is already used by (\d+), which has every field this create sends, but nothing shows that this stack created it.*?delete \1 \((\w+), or in the console\) and run up again/g;

/**
 * The runbook's `up`: if it stops because the killed run made identities or policies that no proof can claim, it
 * follows the way out the error gives (delete each, up again). Resolves to the deletes it made.
 */
async function upFollowingTheWayOut(engine: EngineStack): Promise<WayOut[]> {
  const first = await engine.attempt("up");
  if (first.ok) return [];
  const named = new Map([...first.message.matchAll(UNPROVEN)].map((match) => [Number(match[1]), match[2] as WayOut]));
  expect([...named.values()]).toEqual(expect.arrayContaining([expect.stringMatching(/^(DeleteOrganizationIdentity|DeleteOrganizationMembersPolicy)$/)]));
  for (const [id, action] of named) await WAY_OUT[action](engine, id);
  await engine.up();
  return [...named.values()];
}

/**
 * Waits (at most 3 s, well inside the held request's 4 s) until the file backend's checkpoints parse and have not
 * changed for 300 ms. Other steps finish while the request is held, and the engine then writes the checkpoint: a
 * SIGKILL in the middle of that write leaves a truncated file ("failed to load checkpoint: EOF"), which is a different
 * failure from the one these tests are about (a kill mid-call) and one the runbook does not repair.
 */
async function checkpointWhole(workDir: string): Promise<void> {
  const stacks = `${workDir}/state/.pulumi/stacks`;
  const files = (): string[] =>
    fs.existsSync(stacks) ? (fs.readdirSync(stacks, { recursive: true }) as string[]).filter((f) => f.endsWith(".json")).map((f) => `${stacks}/${f}`) : [];
  const whole = (file: string): boolean => {
    try {
      JSON.parse(fs.readFileSync(file, "utf8"));
      return Date.now() - fs.statSync(file).mtimeMs >= 300;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline && !files().every(whole)) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** `unproven`: the object whose create the kill lands in, which takes no tag, so the way out must delete it. */
const KILL_POINTS: Array<{ point: string; action: ActionName; after: number; unproven?: WayOut }> = [
  { point: "during the department's create", action: "AddOrganizationNode", after: 0 },
  { point: "during the identity's create", action: "CreateOrganizationIdentity", after: 0, unproven: "DeleteOrganizationIdentity" },
  { point: "after the first create, during the second member's create", action: "CreateOrganizationMember", after: 1 },
  { point: "mid-batch: during the second authorization batch", action: "CreateOrganizationMemberAuthIdentity", after: 1 },
  { point: "during the policy's create", action: "CreateOrganizationMembersPolicy", after: 0, unproven: "DeleteOrganizationMembersPolicy" },
];

/** How long the provider processes outlived each kill (ms), for the record: .pulumi-local/provider-lifetimes-<file>.txt. */
const providerLifetimes: number[] = [];

/**
 * The kill points whose create is one of `actions`, as describe blocks of the calling test file (one file per group,
 * so jest's workers run the groups side by side); `record` names the file of provider lifetimes.
 */
export function killedRuns(record: string, actions: ActionName[]): void {
  jest.setTimeout(300_000);
  afterAll(() => {
    fs.mkdirSync(LOCAL_DIR, { recursive: true });
    fs.writeFileSync(`${LOCAL_DIR}/provider-lifetimes-${record}.txt`, `${providerLifetimes.join("\n")}\n`);
  });
  const points = KILL_POINTS.filter((point) => actions.includes(point.action));
  if (points.length !== actions.length) throw new Error(`no kill point for some of ${actions.join(", ")}`);
  describe.each(points)("pulumi up killed $point", ({ action, after, unproven }) => {
    let engine: EngineStack;
    let seed: State;

    beforeAll(async () => {
      engine = await createEngineStack({ program: "declared", resources: RESOURCES, emulatorOptions: { seed: SEED } });
      seed = engine.emulator.control.snapshot();
    });
    afterAll(() => engine?.close());

    it("the runbook (cancel, refresh --clear-pending-creates, up; delete what the up names, up) converges with 0 duplicates, 0 orphans and an empty preview", async () => {
      engine.emulator.control.injectFault({ kind: "latency", action, after, latencyMs: 4_000 });
      const run = engine.startUp();
      await until(() => engine.emulator.control.inFlight().includes(action), `${action} to be in flight`);
      expect(providerProcesses(engine.workDir).length).toBeGreaterThan(0);
      await checkpointWhole(engine.workDir);
      await run.kill();
      // The engine starts its plugins in a process group of their own, so the kill does not reach them: they end
      // themselves once the engine's address refuses connections (provider/resources/engine-watchdog.ts).
      const killedAt = Date.now();
      await until(() => providerProcesses(engine.workDir).length === 0, "the dynamic provider processes to exit", 15_000);
      providerLifetimes.push(Date.now() - killedAt);
      // The server finishes the write the killed client was waiting for.
      await until(() => engine.emulator.control.inFlight().length === 0, "the held request to complete", 10_000);

      const locked = await engine.attempt("up");
      expect(locked.ok).toBe(false);
      expect(locked.message + locked.output).toMatch(/the stack is currently locked/);

      await engine.cancel();
      await engine.refreshClearingPendingCreates();
      const deleted = await upFollowingTheWayOut(engine);
      if (unproven) expect(deleted).toContain(unproven);
      expect(await engine.preview()).toEqual({ same: 7 });
      expect(await convergence(engine, seed)).toEqual(CONVERGED);
      expect(engine.emulator.control.snapshot().policies.filter((p) => p.PolicyName === "kill-policy")).toHaveLength(1);
    });

    it("and destroy then leaves the organization as seeded", async () => {
      await engine.destroy();
      const after = engine.emulator.control.snapshot();
      expect(after.members.map((m) => m.MemberUin)).toEqual(seed.members.map((m) => m.MemberUin));
      expect(after.policies.map((p) => p.PolicyId)).toEqual(seed.policies.map((p) => p.PolicyId));
      expect(after.authorizations.length).toBe(seed.authorizations.length);
      expect(after.nodes.map((n) => n.NodeId)).toEqual(seed.nodes.map((n) => n.NodeId));
      expect(after.identities.map((i) => i.IdentityId)).toEqual(seed.identities.map((i) => i.IdentityId));
    });
  });
}
