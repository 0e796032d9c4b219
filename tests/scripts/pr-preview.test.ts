/**
 * The pull-request flow of scripts/pr-preview.ts, end to end on the example project (examples/organization): the
 * compiled script (dist/scripts/pr-preview.js, run `npm run build` first; `npm test` does) previews against the
 * emulator, `--apply` deploys to the same emulator state, and the next preview is empty. One work folder under
 * .pulumi-local/ holds the file backend, PULUMI_HOME and the emulator's state file between the runs.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { TEST_CREDENTIALS } from "../../emulator";
import { ensureEngine, LOCAL_DIR, REPO_ROOT } from "../../scripts/engine";
import { EXIT_CHANGES, EXIT_NO_CHANGES, type PreviewReport } from "../../scripts/pr-preview";

jest.setTimeout(300_000);

const SCRIPT = path.join(REPO_ROOT, "dist", "scripts", "pr-preview.js");
const PROJECT_DIR = path.join(REPO_ROOT, "examples", "organization");
const PROJECT = "tencentcloud-organization-example";
const TYPE = "pulumi-nodejs:dynamic/tencentcloud-organization:";
const STACK = `prtest${process.pid}`;
const workDir = path.join(LOCAL_DIR, "tests", `pr-preview-${process.pid}-${Date.now()}`);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runScript(...extra: string[]): Promise<Run> {
  const args = [SCRIPT, "--stack", STACK, "--work-dir", workDir, ...extra];
  // No TENCENTCLOUD_* and no job summary from the test's own environment.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("TENCENTCLOUD_") && name !== "GITHUB_STEP_SUMMARY"),
  );
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: REPO_ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const read = (name: string) => fs.readFileSync(path.join(workDir, name), "utf8");
const report = () => JSON.parse(read("changes.json")) as PreviewReport & { emulatorUrl: string };
const stackStateFile = () => path.join(workDir, "state", ".pulumi", "stacks", PROJECT, `${STACK}.json`);

/** True when nothing accepts connections at the URL any more (the script stopped its emulator). */
function closed(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => (socket.destroy(), resolve(true)));
  });
}

describe("the pull-request preview (scripts/pr-preview.ts) on examples/organization", () => {
  beforeAll(() => {
    ensureEngine({ quiet: true });
    if (!fs.existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run "npm run build" first`);
  });
  afterAll(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.rmSync(path.join(PROJECT_DIR, `Pulumi.${STACK}.yaml`), { force: true });
  });

  it("previews the example's six resources to create against the seeded emulator, and exits 2", async () => {
    const run = await runScript();
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: EXIT_CHANGES, stderr: expect.any(String) });

    const parsed = report();
    expect(parsed.hasChanges).toBe(true);
    expect(parsed.stackOp).toBe("create");
    expect(parsed.changes.map(({ op, name, type }) => ({ op, name, type })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { op: "create", name: "owner", type: `${TYPE}OrganizationMember` },
      { op: "create", name: "platform", type: `${TYPE}OrganizationMember` },
      { op: "create", name: "platform-access", type: `${TYPE}MemberAuthIdentity` },
      { op: "create", name: "platform-deploy", type: `${TYPE}OrganizationIdentity` },
      { op: "create", name: "platform-devops", type: `${TYPE}MemberAccessPolicy` },
      { op: "create", name: "platform-team", type: `${TYPE}OrganizationNode` },
    ]);
    const inputs = Object.fromEntries(parsed.changes.map((c) => [c.name, c.inputs]));
    expect(inputs.owner).toEqual(["memberUin", "remark"]);
    expect(inputs.platform).toEqual(expect.arrayContaining(["accountName", "name", "nodeId", "permissionIds"]));
    expect(inputs["platform-devops"]).toEqual(["description", "identityId", "memberUins", "policyName"]);
    expect(parsed.changes.every((c) => !c.inputs.includes("__provider"))).toBe(true);
    expect(parsed.changeSummary).toEqual({ create: 7 });

    const summary = read("summary.md");
    expect(summary).toContain("**6 resources to change:** 6 to create");
    for (const [name, type] of [
      ["owner", "OrganizationMember"],
      ["platform", "OrganizationMember"],
      ["platform-access", "MemberAuthIdentity"],
      ["platform-devops", "MemberAccessPolicy"],
      ["platform-team", "OrganizationNode"],
      ["platform-deploy", "OrganizationIdentity"],
    ]) {
      expect(summary).toContain(`| create | \`${name}\` | ${type} |`);
    }
    expect(summary).toContain("pulumi preview --diff");
    expect(summary).toContain("+ 7 to create");

    // Loopback only, and stopped when the script ended.
    expect(new URL(parsed.emulatorUrl).hostname).toBe("127.0.0.1");
    expect(await closed(parsed.emulatorUrl)).toBe(true);
    // The preview wrote nothing: the emulator's state file still holds the seed's one member.
    const emulatorState = JSON.parse(read("emulator-state.json")) as { state: { members: unknown[] } };
    expect(emulatorState.state.members).toHaveLength(1);
    // The stack's config (its passphrase salt) stays in the work folder, not in the project.
    expect(fs.existsSync(path.join(workDir, `Pulumi.${STACK}.yaml`))).toBe(true);
    expect(fs.existsSync(path.join(PROJECT_DIR, `Pulumi.${STACK}.yaml`))).toBe(false);
  });

  it("--apply runs pulumi up --yes on the same emulator state and backend", async () => {
    const run = await runScript("--apply");
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(run.stdout).toContain("7 created");
    const emulatorState = JSON.parse(read("emulator-state.json")) as {
      state: { members: { Name: string }[]; policies: { PolicyName: string }[] };
    };
    expect(emulatorState.state.members.map((m) => m.Name).sort()).toEqual(["alice", "platform-ops"]);
    expect(emulatorState.state.policies.map((p) => p.PolicyName)).toEqual(["platform-devops"]);
    expect(fs.existsSync(stackStateFile())).toBe(true);
  });

  it("previews again with no changes: exit 0 and an empty change list", async () => {
    const run = await runScript();
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: EXIT_NO_CHANGES, stderr: expect.any(String) });
    const parsed = report();
    expect(parsed).toMatchObject({ hasChanges: false, stackOp: "same", changes: [], changeSummary: { same: 7 } });
    const summary = read("summary.md");
    expect(summary).toContain("**No changes.**");
    expect(summary).not.toContain("| create |");
  });

  it("never writes the emulator's secret key to the summary, the preview output or the backend state", () => {
    const { secretKey } = TEST_CREDENTIALS;
    for (const file of ["summary.md", "preview-diff.txt", "preview.json", "changes.json"]) {
      expect({ file, leaks: read(file).includes(secretKey) }).toEqual({ file, leaks: false });
    }
    const backend = path.join(workDir, "state");
    const files = (fs.readdirSync(backend, { recursive: true }) as string[])
      .map((entry) => path.join(backend, entry))
      .filter((file) => fs.statSync(file).isFile());
    expect(files).toContain(stackStateFile());
    for (const file of files) {
      expect({ file, leaks: fs.readFileSync(file, "utf8").includes(secretKey) }).toEqual({ file, leaks: false });
    }
  });
});
