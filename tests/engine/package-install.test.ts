/**
 * Day one, exactly as a user lives it: the package as npm publishes it (`npm pack` of the built checkout), installed
 * with `npm install` into a fresh TypeScript Pulumi project outside the repository, and run with the `pulumi` CLI and
 * the Node.js language host: stack init, credentials in secret stack config, up, preview, refresh, destroy.
 *
 * Nothing from the repository resolves in the user's project: it lives in os.tmpdir(), its node_modules come from the
 * npm registry (cache first) and the tarball, and its PATH holds only the engine, Node 22 and the system's tools.
 * The emulator runs in this process. Needs `npm run build` first (`npm test` does) and the npm registry or a warm cache.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { start, type Emulator, SEED_IDS } from "../../emulator";
import { engineEnvironment, ENGINE_ROOT, ensureEngine, REPO_ROOT } from "../../scripts/engine";

jest.setTimeout(360_000);

const PACKAGE = "pulumi-tencentcloud-organization";
const FIXTURE = path.join(__dirname, "fixtures", "user-project");
const PROJECT = "day-one";
const STACK = "dev";
const STUB_REQUIRE = `require("${PACKAGE}/dist/provider/resources/registry")`;
const PULUMI = path.join(ENGINE_ROOT, "bin", "pulumi");
const COMMAND_TIMEOUT_MS = 300_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every byte the CLI and npm printed, to look for the secret in. */
const transcript: string[] = [];
const timings: Record<string, number> = {};

function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    // A process group of its own, so a hung command is killed with everything it started.
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, COMMAND_TIMEOUT_MS);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      transcript.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs and requires exit code 0, timing it under `label`. */
async function ok(label: string, command: string, args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  const began = Date.now();
  const result = await run(command, args, cwd, env);
  timings[label] = (timings[label] ?? 0) + (Date.now() - began);
  if (result.code !== 0) {
    throw new Error(`${label}: \`${path.basename(command)} ${args.join(" ")}\` exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** Every regular file under `dir`, skipping node_modules. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

/** The environment of a user's shell: no npm or jest context, no Pulumi or cloud settings of the caller. */
function userShellEnvironment(nodeBin: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(npm_|PULUMI_|TENCENTCLOUD_|JEST_)/i.test(key)) continue;
    if (["NODE_ENV", "NODE_OPTIONS", "NODE_PATH", "INIT_CWD"].includes(key)) continue;
    env[key] = value;
  }
  // The system's tools, without any node_modules/.bin or other folder of the repository.
  const system = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((entry) => entry && !entry.split(path.sep).includes("node_modules") && !path.resolve(entry).startsWith(REPO_ROOT + path.sep));
  // Node 22 first: npm, the language host and the dynamic provider plugin all run the first `node` on PATH.
  env.PATH = [nodeBin, ...system].join(path.delimiter);
  return env;
}

describe("the packed package in a fresh user project, through the pulumi CLI", () => {
  let root: string;
  let projectDir: string;
  let stateDir: string;
  let homeDir: string;
  let shell: Record<string, string>;
  let env: Record<string, string>;
  let emulator: Emulator;
  let seeded: unknown;
  let secretKey: string;
  let secretId: string;

  const stateFile = () => path.join(stateDir, ".pulumi", "stacks", PROJECT, `${STACK}.json`);
  const pulumi = (label: string, ...args: string[]) => ok(label, PULUMI, args, projectDir, env);
  const organization = () => {
    const { members, policies, authorizations } = emulator.control.snapshot();
    return { members, policies, authorizations };
  };

  beforeAll(async () => {
    ensureEngine({ quiet: true });
    const built = path.join(REPO_ROOT, "dist", "provider", "resources", "registry.js");
    if (!fs.existsSync(built)) throw new Error(`${built} is missing: run "npm run build" first`);

    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "tco-day-one-")));
    projectDir = path.join(root, "project");
    stateDir = path.join(root, "state");
    homeDir = path.join(root, "pulumi-home");
    expect(projectDir.startsWith(REPO_ROOT + path.sep)).toBe(false);
    const nodeBin = path.join(root, "bin");
    fs.mkdirSync(nodeBin);
    fs.symlinkSync(fs.realpathSync(path.join(REPO_ROOT, "node_modules", ".bin", "node")), path.join(nodeBin, "node"));
    shell = userShellEnvironment(nodeBin);

    // 1. The package exactly as `npm publish` would upload it.
    const packDir = path.join(root, "pack");
    fs.mkdirSync(packDir);
    const packed = await ok("npm pack", "npm", ["pack", "--json", "--pack-destination", packDir], REPO_ROOT, shell);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const tarball = path.join(packDir, filename);
    expect(fs.existsSync(tarball)).toBe(true);

    // 2. A fresh project: `pulumi new typescript`'s layout, with the package and the tested @pulumi/pulumi.
    const sdkVersion = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }).version;
    const rootDevDependencies = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies;
    fs.mkdirSync(projectDir);
    for (const file of ["Pulumi.yaml", "tsconfig.json", "index.ts"]) fs.copyFileSync(path.join(FIXTURE, file), path.join(projectDir, file));
    const manifest = {
      name: PROJECT,
      private: true,
      main: "index.ts",
      dependencies: { "@pulumi/pulumi": sdkVersion, [PACKAGE]: `file:${tarball}` },
      devDependencies: { "@types/node": rootDevDependencies["@types/node"], typescript: rootDevDependencies.typescript },
    };
    fs.writeFileSync(path.join(projectDir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);

    // 3. npm install, from the npm cache where it can.
    await ok("npm install", "npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], projectDir, shell);

    // 4. The engine, offline, with a private backend and PULUMI_HOME; credentials only from stack config.
    emulator = await start({ port: 0 });
    ({ secretId, secretKey } = emulator.credentials);
    seeded = organization();
    env = {
      ...shell,
      ...engineEnvironment({ stateDir, homeDir, extra: { PULUMI_CONFIG_PASSPHRASE: "day-one passphrase" } }),
      PATH: [path.join(ENGINE_ROOT, "bin"), shell.PATH].join(path.delimiter),
    };
    await pulumi("stack init", "stack", "init", STACK);
    await pulumi("config set", "config", "set", "--secret", "tencentcloud:secretId", secretId);
    await pulumi("config set", "config", "set", "--secret", "tencentcloud:secretKey", secretKey);
    await pulumi("config set", "config", "set", "tencentcloud-organization:endpoint", emulator.url);
  });

  afterAll(async () => {
    await emulator?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
    const seconds = Object.entries(timings).map(([label, ms]) => `${label} ${(ms / 1000).toFixed(1)} s`);
    console.log(`day-one timings: ${seconds.join(", ")}`);
  });

  it("installs the package from its tarball, resolved inside the project with the tested @pulumi/pulumi", () => {
    const installed = path.join(projectDir, "node_modules", PACKAGE);
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    // What the serialized provider stub requires at call time resolves from the user's project.
    const registry = require.resolve(`${PACKAGE}/dist/provider/resources/registry`, { paths: [projectDir] });
    expect(registry.startsWith(installed + path.sep)).toBe(true);
    const sdk = JSON.parse(fs.readFileSync(path.join(projectDir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string };
    const tested = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string };
    expect(sdk.version).toBe(tested.version);
    // The emulator's bin is installed too.
    expect(fs.existsSync(path.join(projectDir, "node_modules", ".bin", "tencentcloud-organization-emulator"))).toBe(true);
  });

  it("installs the adoption command's bin, which answers --help", async () => {
    const bin = path.join(projectDir, "node_modules", ".bin", "tencentcloud-organization-adopt");
    const help = await ok("adopt --help", bin, ["--help"], projectDir, shell);
    expect(help.stdout).toMatch(/^usage: tencentcloud-organization-adopt /);
  });

  it("ships the native plugin: its executable in the installed package starts the gRPC server and prints its port", async () => {
    const executable = path.join(projectDir, "node_modules", PACKAGE, "plugin", "pulumi-resource-tencentcloud-organization");
    expect(fs.statSync(executable).mode & 0o111).not.toBe(0);
    expect(fs.existsSync(path.join(projectDir, "node_modules", PACKAGE, "schema.json"))).toBe(true);
    const child = spawn(executable, [], { cwd: projectDir, env: shell, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
    const deadline = Date.now() + 30_000;
    while (!/^\d+\n/.test(stdout) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGTERM");
    await exited;
    expect({ stdout, stderr }).toEqual({ stdout: expect.stringMatching(/^\d+\n/), stderr: expect.any(String) });
  });

  it("type-checks the user's program against the package's published types with tsc", async () => {
    await ok("tsc", path.join(projectDir, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "."], projectDir, shell);
  });

  it("keeps the credentials encrypted in the stack's config file", () => {
    const stackConfig = fs.readFileSync(path.join(projectDir, `Pulumi.${STACK}.yaml`), "utf8");
    expect(stackConfig).toContain("secure:");
    expect(stackConfig).not.toContain(secretKey);
    expect(stackConfig).not.toContain(secretId);
  });

  it("pulumi up creates the member, its authorizations and the policy in the organization", async () => {
    const up = await pulumi("pulumi up", "up", "--yes");
    expect(up.stdout).toMatch(/\+ 4 created/);
    const outputs = JSON.parse((await pulumi("stack output", "stack", "output", "--json")).stdout) as Record<string, unknown>;
    const memberUin = outputs.memberUin as number;
    const { members, policies, authorizations } = organization();
    expect(members.find((m) => m.MemberUin === memberUin)).toMatchObject({
      Name: "day-one-platform",
      MemberType: "Create",
      NodeId: SEED_IDS.departmentNodeId,
      PermissionIds: [1, 2, 8],
      Remark: "created on day one",
    });
    expect(outputs.department).toBe("Engineering");
    const pairs = authorizations.filter((a) => a.MemberUin === memberUin).map((a) => a.IdentityId).sort((a, b) => a - b);
    expect(pairs).toEqual([SEED_IDS.readonlyIdentityId, SEED_IDS.customIdentityId]);
    expect(outputs.pairs).toEqual([`${memberUin}:${SEED_IDS.readonlyIdentityId}`, `${memberUin}:${SEED_IDS.customIdentityId}`]);
    const policy = policies.find((p) => p.PolicyName === "day-one-devops");
    expect(policy).toMatchObject({ PolicyId: outputs.policyId, IdentityId: SEED_IDS.customIdentityId });
    expect(policy!.Bindings.map((b) => b.MemberUin)).toEqual([memberUin]);
  });

  it("stores only the stub and ciphertext: the secret key is in neither the state file nor `pulumi stack export`", async () => {
    const state = fs.readFileSync(stateFile(), "utf8");
    expect(state).toContain("ciphertext");
    expect(state).not.toContain(secretKey);
    expect(state).not.toContain(secretId);
    const exported = (await pulumi("stack export", "stack", "export")).stdout;
    expect(exported).not.toContain(secretKey);
    expect(exported).not.toContain(secretId);
    const resources = (JSON.parse(exported) as { deployment: { resources: { type: string; outputs?: { __provider?: string } }[] } }).deployment.resources;
    const dynamic = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
    expect(dynamic.map((r) => r.type).sort()).toEqual([
      "pulumi-nodejs:dynamic/tencentcloud-organization:MemberAccessPolicy",
      "pulumi-nodejs:dynamic/tencentcloud-organization:MemberAuthIdentity",
      "pulumi-nodejs:dynamic/tencentcloud-organization:OrganizationMember",
    ]);
    for (const resource of dynamic) expect(resource.outputs?.__provider).toContain(STUB_REQUIRE);
  });

  it("converges: pulumi preview --expect-no-changes, then pulumi refresh finds no drift", async () => {
    const preview = await pulumi("pulumi preview", "preview", "--expect-no-changes");
    expect(preview.stdout).toMatch(/4 unchanged/);
    const refresh = await pulumi("pulumi refresh", "refresh", "--yes");
    expect(refresh.stdout).toMatch(/4 unchanged/);
  });

  it("pulumi destroy leaves the organization as seeded", async () => {
    const destroy = await pulumi("pulumi destroy", "destroy", "--yes");
    expect(destroy.stdout).toMatch(/- 4 deleted/);
    expect(organization()).toEqual(seeded);
  });

  it("never wrote the secret key to the backend, PULUMI_HOME or the project, nor printed it", () => {
    const files = [...filesUnder(stateDir), ...filesUnder(homeDir), ...filesUnder(projectDir)];
    expect(files).toContain(stateFile());
    const leaking = files.filter((file) => {
      const text = fs.readFileSync(file, "latin1");
      return text.includes(secretKey) || text.includes(secretId);
    });
    expect(leaking).toEqual([]);
    const printed = transcript.join("\n");
    expect(printed).not.toContain(secretKey);
    expect(printed).not.toContain(secretId);
  });
});
