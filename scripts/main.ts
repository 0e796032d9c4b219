/**
 * The main job (`npm start`): the example project (examples/organization) applied with the Pulumi CLI, exactly as a
 * user runs it: `pulumi up --yes`, then `pulumi preview --expect-no-changes`, in the project's directory. The CLI
 * starts the Node.js language host, which runs the TypeScript program with ts-node.
 *
 * By default against the emulator, whose state persists in .pulumi-local/emulator/state.json, so running it twice
 * converges with no changes. `--cloud` targets the real Organization API with TENCENTCLOUD_SECRET_ID/SECRET_KEY from the
 * environment (nothing else ever does). `--destroy` tears the example stack down instead.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { start, type Emulator } from "../emulator";
import { engineEnvironment, ENGINE_ROOT, ensureEngine, LOCAL_DIR, REPO_ROOT } from "./engine";

const args = new Set(process.argv.slice(2));
const cloud = args.has("--cloud");
const destroy = args.has("--destroy");

/** The Pulumi project `npm start` runs; the root Pulumi.yaml runs the same one. */
const PROJECT_DIR = path.join(REPO_ROOT, "examples", "organization");
const PROJECT_NAME = "tencentcloud-organization-example";
const PULUMI = path.join(ENGINE_ROOT, "bin", "pulumi");

const log = (line: string) => process.stdout.write(`[main] ${line}\n`);

/** The cloud is targeted only on request and with credentials in the environment, which reach the provider from there. */
function assertCloudCredentials(): void {
  const secretId = process.env.TENCENTCLOUD_SECRET_ID;
  const secretKey = process.env.TENCENTCLOUD_SECRET_KEY;
  if (!secretId || !secretKey) {
    throw new Error("--cloud needs TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY in the environment");
  }
  if (process.env.TENCENTCLOUD_ORGANIZATION_ENDPOINT) {
    throw new Error("--cloud targets the real API: unset TENCENTCLOUD_ORGANIZATION_ENDPOINT");
  }
}

/**
 * Runs `pulumi <args>` in the project directory. Asynchronous on purpose: the emulator serves the provider's requests
 * from this process's event loop. The CLI's output goes to the terminal unless `capture` is set.
 */
function pulumi(argv: string[], env: NodeJS.ProcessEnv, capture = false): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PULUMI, argv, { cwd: PROJECT_DIR, env, stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"] });
    let stdout = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout }));
  });
}

async function pulumiOk(argv: string[], env: NodeJS.ProcessEnv, capture = false): Promise<string> {
  const { code, stdout } = await pulumi(argv, env, capture);
  if (code !== 0) throw new Error(`pulumi ${argv.join(" ")} exited with code ${code}`);
  return stdout;
}

interface StateResource {
  urn: string;
  type: string;
  id?: string;
}

async function main(): Promise<void> {
  const started = Date.now();
  log("ensuring the Pulumi engine and language host (scripts/ensure-engine.sh)");
  ensureEngine();

  let emulator: Emulator | undefined;
  let target: Record<string, string>;
  const stackName = cloud ? "cloud" : "demo";
  if (cloud) {
    assertCloudCredentials();
    // Nothing to add: the credentials stay in the environment the engine inherits, and never reach the stack's state.
    target = {};
    log("target: the real Tencent Cloud Organization API");
  } else {
    const stateFile = path.join(LOCAL_DIR, "emulator", "state.json");
    fs.mkdirSync(path.dirname(stateFile), { recursive: true });
    emulator = await start({ port: 0, stateFile });
    target = {
      TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
      TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
      TENCENTCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
    };
    log(`target: the emulator at ${emulator.url} (state file ${path.relative(REPO_ROOT, stateFile)})`);
  }

  // Ctrl-C reaches the CLI too, which stops cleanly: keep the emulator serving until it has.
  const onInterrupt = () => log("interrupted: waiting for pulumi to stop");
  process.on("SIGINT", onInterrupt);
  try {
    const stateDir = path.join(LOCAL_DIR, "state");
    const env = {
      ...process.env,
      ...engineEnvironment({ stateDir, homeDir: path.join(LOCAL_DIR, "home"), extra: target }),
    };
    const where = `in ${path.relative(REPO_ROOT, PROJECT_DIR)} (stack ${stackName}, backend file://${stateDir})`;
    await pulumiOk(["stack", "select", "--create", stackName], env);

    if (destroy) {
      log(`pulumi destroy --yes ${where}`);
      await pulumiOk(["destroy", "--yes"], env);
      log(`destroyed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return;
    }

    log(`pulumi up --yes ${where}`);
    await pulumiOk(["up", "--yes"], env);
    log("pulumi preview --expect-no-changes");
    const preview = await pulumi(["preview", "--expect-no-changes"], env);
    if (preview.code !== 0) {
      throw new Error(`the stack did not converge: pulumi preview --expect-no-changes exited with code ${preview.code}`);
    }

    const outputs = JSON.parse(await pulumiOk(["stack", "output", "--json"], env, true)) as Record<string, unknown>;
    const exported = JSON.parse(await pulumiOk(["stack", "export"], env, true)) as {
      deployment?: { resources?: StateResource[] };
    };
    const managed = (exported.deployment?.resources ?? []).filter(
      (r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"),
    );
    log(`converged: the stack manages ${managed.length} resources; preview after up shows no changes`);
    for (const r of managed) log(`  ${r.type.replace(/^pulumi-nodejs:dynamic\//, "")} ${r.urn.split("::").pop()} (id ${r.id})`);
    log("outputs:");
    for (const [name, value] of Object.entries(outputs)) log(`  ${name} = ${JSON.stringify(value)}`);
    const stackFile = path.join(stateDir, ".pulumi", "stacks", PROJECT_NAME, `${stackName}.json`);
    log(`Pulumi state: ${fs.existsSync(stackFile) ? stackFile : stateDir} (backend file://${stateDir})`);
    if (emulator) {
      const { members, policies, authorizations } = emulator.control.snapshot();
      log(`emulator now holds ${members.length} members, ${policies.length} policies, ${authorizations.length} authorizations`);
    }
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    process.off("SIGINT", onInterrupt);
    await emulator?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[main] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
