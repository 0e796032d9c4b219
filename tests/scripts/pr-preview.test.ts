/**
 * The flow of examples/ci/github-actions.yml through scripts/pr-preview.ts, on the real engine, against an emulator this
 * test runs (--endpoint), so that it sees every call: a base `up` with the writing key (job `deploy`), a branch's
 * preview with the read-only key that shows exactly the branch's change, which the following `up` then performs (job
 * `preview`), and the drift check (job `drift`), which passes while the organization matches the state and fails,
 * naming the resource and property, after a change made outside through the API. Preview and drift check make no
 * write call. Last, the fork's path: the script starts the emulator from the package's bin, from the seed.
 *
 * Runs the compiled script (dist/scripts/pr-preview.js): `npm run build` first (`npm test` does).
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { start, TEST_CREDENTIALS, TEST_READ_ONLY_CREDENTIALS, type Emulator } from "../../emulator";
import { actions, isActionName } from "../../provider/api";
import { OrganizationClient } from "../../provider/client";
import { ensureEngine, LOCAL_DIR, REPO_ROOT } from "../../scripts/engine";
import { EXIT_CHANGES, EXIT_NO_CHANGES } from "../../scripts/pr-preview";
import type { PlannedChange, StepReport } from "../../scripts/pulumi-steps";

jest.setTimeout(600_000);

const SCRIPT = path.join(REPO_ROOT, "dist", "scripts", "pr-preview.js");
const PROJECT_DIR = path.join(REPO_ROOT, "examples", "organization");
const SEED_FILE = path.join(REPO_ROOT, "examples", "ci", "org-seed.json");
const TYPE = "pulumi-nodejs:dynamic/tencentcloud-organization:";
const STACK = `prtest${process.pid}`;
const root = path.join(LOCAL_DIR, "tests", `pr-preview-${process.pid}-${Date.now()}`);
const workDir = path.join(root, "work");
/** The pull request's checkout: the example with a department's remark and a policy's description changed. */
const branchDir = path.join(root, "branch");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runScript(dir: string, ...extra: string[]): Promise<Run> {
  const args = [SCRIPT, "--stack", STACK, "--work-dir", dir, ...extra];
  // No TENCENTCLOUD_* and no job summary from the test's own environment.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("TENCENTCLOUD_") && name !== "GITHUB_STEP_SUMMARY"),
  );
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: REPO_ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), "utf8");
const changes = (dir: string) => JSON.parse(read(dir, "changes.json")) as StepReport & { mode: string };
const steps = (list: PlannedChange[]) => list.map(({ op, name, properties }) => ({ op, name, properties })).sort((a, b) => a.name.localeCompare(b.name));

/** Writes the branch: the example's files, with two in-place changes to its program. */
function writeBranch(): void {
  fs.mkdirSync(branchDir, { recursive: true });
  for (const file of ["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]) fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(branchDir, file));
  let program = fs.readFileSync(path.join(PROJECT_DIR, "program.ts"), "utf8");
  for (const [from, to] of [
    ['remark: "platform engineering"', 'remark: "platform engineering, on call"'],
    ['description: "Deploy access to the platform account"', 'description: "Deploy access for the platform account"'],
  ] as const) {
    if (!program.includes(from)) throw new Error(`examples/organization/program.ts no longer has ${from}: update this test`);
    program = program.replace(from, to);
  }
  fs.writeFileSync(path.join(branchDir, "program.ts"), program);
}

describe("the pull-request flow of scripts/pr-preview.ts (base up, branch preview, drift check)", () => {
  let emulator: Emulator;
  const endpoint = () => ["--endpoint", emulator.url];
  const writeCalls = () => emulator.control.calls().filter((call) => !isActionName(call.action) || actions[call.action].writes);
  const refused = () => emulator.control.calls().filter((call) => call.code !== undefined);

  beforeAll(async () => {
    ensureEngine({ quiet: true });
    if (!fs.existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run "npm run build" first`);
    writeBranch();
    emulator = await start({ seed: SEED_FILE });
  });
  afterAll(async () => {
    await emulator?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("a base up with the writing key deploys the example's six resources", async () => {
    const run = await runScript(workDir, "--apply", ...endpoint());
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: EXIT_NO_CHANGES, stderr: expect.stringContaining("apply with the writing key") });
    expect(steps(changes(workDir).changes).map(({ op, name }) => `${op} ${name}`)).toEqual([
      "create owner",
      "create platform",
      "create platform-access",
      "create platform-deploy",
      "create platform-devops",
      "create platform-team",
    ]);
    expect(writeCalls().length).toBeGreaterThan(0);
    expect(refused()).toEqual([]);
    expect(emulator.control.snapshot().members.map((m) => m.Name).sort()).toEqual(["alice", "platform-ops"]);
  });

  let previewed: ReturnType<typeof steps>;

  it("the branch's preview with the read-only key shows exactly the branch's change, and writes nothing", async () => {
    const before = emulator.control.snapshot();
    emulator.control.resetCalls();
    const run = await runScript(workDir, "--project", branchDir, ...endpoint());
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: EXIT_CHANGES, stderr: expect.stringContaining("preview with the read-only key") });
    const report = changes(workDir);
    previewed = steps(report.changes);
    expect(previewed).toEqual([
      { op: "update", name: "platform-devops", properties: ["description"] },
      { op: "update", name: "platform-team", properties: ["remark"] },
    ]);
    expect(report.changes.map((c) => c.type).sort()).toEqual([`${TYPE}MemberAccessPolicy`, `${TYPE}OrganizationNode`]);
    expect(writeCalls()).toEqual([]);
    expect(refused()).toEqual([]);
    expect(emulator.control.snapshot()).toEqual(before);
    const summary = read(workDir, "summary.md");
    expect(summary).toContain("| update | `platform-team` | OrganizationNode | remark |");
    expect(summary).toContain("| update | `platform-devops` | MemberAccessPolicy | description |");
  });

  it("the up that follows performs exactly the steps the preview showed", async () => {
    const run = await runScript(workDir, "--apply", "--project", branchDir, ...endpoint());
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: EXIT_NO_CHANGES, stderr: expect.any(String) });
    const performed = changes(workDir);
    expect(performed.mode).toBe("apply");
    expect(steps(performed.changes)).toEqual(previewed);
    expect(performed.changeSummary).toEqual({ same: 5, update: 2 });
  });

  it("the drift check passes while the organization matches the state, reading it with the read-only key", async () => {
    emulator.control.resetCalls();
    const run = await runScript(workDir, "--drift", "--project", branchDir, ...endpoint());
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: EXIT_NO_CHANGES, stderr: expect.stringContaining("drift with the read-only key") });
    expect(changes(workDir).changes).toEqual([]);
    expect(read(workDir, "summary.md")).toContain("**No drift:** the organization matches the state.");
    expect(emulator.control.calls().length).toBeGreaterThan(0);
    expect(writeCalls()).toEqual([]);
    expect(refused()).toEqual([]);
  });

  it("after a change outside through the API, the drift check fails naming the resource and the property, writing nothing", async () => {
    const node = emulator.control.snapshot().nodes.find((n) => n.Name === "platform-team");
    expect(node).toBeDefined();
    const outside = new OrganizationClient({ ...TEST_CREDENTIALS, endpoint: emulator.url, pacing: false });
    await outside.call("UpdateOrganizationNode", { NodeId: node!.NodeId, Name: "platform-team", Remark: "changed in the console" });
    const changed = emulator.control.snapshot();
    emulator.control.resetCalls();

    const run = await runScript(workDir, "--drift", "--project", branchDir, ...endpoint());
    expect(run.code).toBe(EXIT_CHANGES);
    expect(run.stderr).toMatch(/drift: update platform-team \(OrganizationNode\): remark\b/);
    const drifted = changes(workDir).changes;
    expect(drifted.map((c) => c.name)).toEqual(["platform-team"]);
    expect(drifted[0]!.properties).toContain("remark");
    expect(read(workDir, "summary.md")).toContain("**1 resource drifted:**");
    expect(read(workDir, "refresh-diff.txt")).toContain('"platform engineering, on call" => "changed in the console"');
    expect(writeCalls()).toEqual([]);
    expect(refused()).toEqual([]);
    // A drift check changes neither the organization nor the state: the next check finds the same drift.
    expect(emulator.control.snapshot()).toEqual(changed);
  });

  it("the workflow's drift job names the same resource and property from the same CLI output", () => {
    const workflow = parse(read(REPO_ROOT, "examples/ci/github-actions.yml")) as { jobs: { drift: { steps: Array<{ name?: string; run?: string }> } } };
    const script = workflow.jobs.drift.steps.find((step) => step.name === "Job summary")?.run;
    expect(script).toBeDefined();
    const runnerTemp = path.join(root, "runner");
    fs.mkdirSync(runnerTemp, { recursive: true });
    fs.copyFileSync(path.join(workDir, "refresh-diff.txt"), path.join(runnerTemp, "refresh.txt"));
    const summaryFile = path.join(runnerTemp, "summary.md");
    const stdout = execFileSync("bash", ["-e", "-c", script!], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, RUNNER_TEMP: runnerTemp, GITHUB_STEP_SUMMARY: summaryFile, OUTCOME: "failure", PROJECT_DIR: "examples/organization", STACK: "production" },
    });
    expect(stdout).toMatch(/^::error::drift: platform-team \(update\): remark\b/m);
    expect(fs.readFileSync(summaryFile, "utf8")).toContain("**The organization differs from the state**");
  });

  it("for a fork, the script starts the emulator from the package's bin and previews the example from the seed", async () => {
    const forkDir = path.join(root, "fork");
    const run = await runScript(forkDir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: EXIT_CHANGES, stderr: expect.stringContaining("preview with the read-only key") });
    const report = changes(forkDir);
    expect(report.stackOp).toBe("create");
    expect(report.changes.map((c) => c.op)).toEqual(Array(6).fill("create"));
    // The preview wrote nothing: the emulator's state file still holds the seed's one member.
    const emulatorState = JSON.parse(read(forkDir, "emulator-state.json")) as { state: { members: unknown[] } };
    expect(emulatorState.state.members).toHaveLength(1);
    // The stack's config (its passphrase salt) stays in the work folder, not in the project.
    expect(fs.existsSync(path.join(forkDir, `Pulumi.${STACK}.yaml`))).toBe(true);
    expect(fs.existsSync(path.join(PROJECT_DIR, `Pulumi.${STACK}.yaml`))).toBe(false);
  });

  it("never writes a secret key to the summaries, the CLI output or the backend state", () => {
    const files = (fs.readdirSync(root, { recursive: true }) as string[])
      .map((entry) => path.join(root, entry))
      .filter((file) => fs.statSync(file).isFile());
    expect(files).toContain(path.join(workDir, "state", ".pulumi", "stacks", "tencentcloud-organization-example", `${STACK}.json`));
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      for (const key of [TEST_CREDENTIALS.secretKey, TEST_READ_ONLY_CREDENTIALS.secretKey]) {
        expect({ file, leaks: text.includes(key) }).toEqual({ file, leaks: false });
      }
    }
  });
});
