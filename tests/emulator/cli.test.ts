/**
 * The CLI as users run it: compiled to JavaScript, started as a process, stopped by signals. Also the persistence
 * guarantee under real crashes: SIGKILL during a stream of writes never leaves an unreadable state file, and every
 * write that was answered is in it.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DEFAULT_SEED, SEED_IDS, TEST_CREDENTIALS, TEST_READ_ONLY_CREDENTIALS } from "../../emulator";
import { loadState } from "../../emulator/persistence";
import { type Target, call, page, send } from "./helpers";

const ROOT = resolve(__dirname, "../..");
let dir: string;
let cli: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "emulator-cli-"));
  const out = join(dir, "build");
  execFileSync(
    process.execPath,
    [
      require.resolve("typescript/bin/tsc"),
      join(ROOT, "emulator/cli.ts"),
      ...["--outDir", out, "--rootDir", ROOT, "--module", "commonjs", "--moduleResolution", "node10", "--target", "ES2022"],
      ...["--esModuleInterop", "--skipLibCheck", "--strict", "--types", "node"],
    ],
    { cwd: ROOT, stdio: "pipe" },
  );
  cli = join(out, "emulator/cli.js");
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(args: string[]): Running {
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, NODE_PATH: join(ROOT, "node_modules") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on("exit", (code, signal) => done({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function until(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts the CLI and waits for its key=value banner. */
async function startCli(args: string[] = []): Promise<Running & { target: Target }> {
  const running = run(args);
  await until(() => running.stdout().includes("secret_key="), `the banner (stderr: ${running.stderr()})`);
  const lines = Object.fromEntries(running.stdout().trim().split("\n").map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { ...running, target: { url: lines.url, credentials: { secretId: lines.secret_id, secretKey: lines.secret_key } } };
}

/** Starts the CLI with `args`, creates a node and expects the listing to leave it out (listing lag), then stops. */
async function expectCreatedNodeUnlisted(args: string[]): Promise<void> {
  const running = await startCli(args);
  try {
    const { NodeId } = await call(running.target, "AddOrganizationNode", { ParentNodeId: SEED_IDS.rootNodeId, Name: "lagging" });
    const listed = await call(running.target, "DescribeOrganizationNodes", page);
    expect(listed.Items!.map((n) => n.NodeId)).not.toContain(NodeId);
  } finally {
    running.child.kill("SIGTERM");
    await running.exited;
  }
}

it("prints the URL and the test keys, serves the API, and stops cleanly on SIGTERM", async () => {
  const running = await startCli();
  expect(running.target.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(running.target.credentials).toEqual(TEST_CREDENTIALS);
  expect((await call(running.target, "DescribeOrganization", {})).OrgId).toBe(SEED_IDS.orgId);
  running.child.kill("SIGTERM");
  expect(await running.exited).toEqual({ code: 0, signal: null });
  await expect(fetch(running.target.url)).rejects.toThrow();
});

it("prints one JSON line with --print-json and stops on SIGINT", async () => {
  const running = run(["--print-json", "--port", "0"]);
  await until(() => running.stdout().includes("\n"), "the JSON line");
  const info = JSON.parse(running.stdout()) as Record<string, string>;
  expect(info).toEqual({
    url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    ...TEST_CREDENTIALS,
    readOnlySecretId: TEST_READ_ONLY_CREDENTIALS.secretId,
    readOnlySecretKey: TEST_READ_ONLY_CREDENTIALS.secretKey,
  });
  running.child.kill("SIGINT");
  expect((await running.exited).code).toBe(0);
});

it("honours --seed-file, --state-file and --no-rate-limit", async () => {
  const seedFile = join(dir, "seed.json");
  const stateFile = join(dir, "flags-state.json");
  writeFileSync(
    seedFile,
    JSON.stringify({
      organization: { OrgId: 9, HostUin: 300000000001, HostName: "h", NickName: "From file", RootNodeId: 1 },
      nodes: [{ NodeId: 1, Name: "Root", ParentNodeId: null }],
    }),
  );
  const running = await startCli(["--seed-file", seedFile, "--state-file", stateFile, "--no-rate-limit"]);
  try {
    expect((await call(running.target, "DescribeOrganization", {})).NickName).toBe("From file");
    const answers = await Promise.all(Array.from({ length: 30 }, () => send(running.target, "DescribeOrganizationNodes", page)));
    expect(answers.filter((a) => a.response.Error)).toEqual([]);
    expect(loadState(stateFile)?.organization.NickName).toBe("From file");
  } finally {
    running.child.kill("SIGTERM");
    await running.exited;
  }
});

it("--listing-lag-ms leaves a created node out of listings; a value that is not whole milliseconds exits 2", async () => {
  // Longer than the test runs: the node stays unlisted throughout.
  await expectCreatedNodeUnlisted(["--listing-lag-ms", "600000", "--no-rate-limit"]);
  const refused = run(["--listing-lag-ms=soon"]);
  expect((await refused.exited).code).toBe(2);
  expect(refused.stderr()).toContain("--listing-lag-ms must be a whole number of milliseconds");
});

it("takes the listing lag from the seed file's behaviour when --listing-lag-ms is absent", async () => {
  const seedFile = join(dir, "lagging-seed.json");
  writeFileSync(seedFile, JSON.stringify({ ...DEFAULT_SEED, behaviour: { listingLagMs: 600_000 } }));
  await expectCreatedNodeUnlisted(["--seed-file", seedFile, "--no-rate-limit"]);
});

it("exits with status 2 and the usage on an unknown flag", async () => {
  const running = run(["--colour"]);
  expect((await running.exited).code).toBe(2);
  expect(running.stderr()).toContain("usage:");
});

it("survives SIGKILL during writes: the state file stays readable and holds every answered write", async () => {
  const stateFile = join(dir, "crash-state.json");
  for (let round = 0; round < 3; round += 1) {
    const running = await startCli(["--state-file", stateFile, "--no-rate-limit"]);
    let acknowledged = -1;
    let stop = false;
    const writer = (async () => {
      for (let n = round * 10_000; !stop; n += 1) {
        try {
          const { response } = await send(running.target, "UpdateOrganizationMember", { MemberUin: SEED_IDS.createdUin, Remark: `w${n}` });
          if (!response.Error) acknowledged = n;
        } catch {
          return; // the process is gone
        }
      }
    })();
    await until(() => acknowledged >= round * 10_000 + 5, "some acknowledged writes");
    await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 80)));
    running.child.kill("SIGKILL");
    await running.exited;
    stop = true;
    await writer;

    const state = loadState(stateFile);
    const remark = state?.members.find((m) => m.MemberUin === SEED_IDS.createdUin)?.Remark ?? "";
    expect(Number(remark.slice(1))).toBeGreaterThanOrEqual(acknowledged);
    expect(() => JSON.parse(readFileSync(stateFile, "utf8"))).not.toThrow();
  }
}, 60_000);
