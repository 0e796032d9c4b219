/**
 * The main job (`npm start`): the example stack applied through the real Pulumi engine.
 *
 * By default against the emulator, whose state persists in .pulumi-local/emulator/state.json, so running it twice
 * converges with no changes. `--cloud` targets the real Organization API with TENCENTCLOUD_SECRET_ID/SECRET_KEY from the
 * environment (nothing else ever does). `--destroy` tears the example stack down instead.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { start, type Emulator } from "../emulator";
import { organizationProgram } from "../examples/organization/program";
import { engineEnvironment, ensureEngine, inlineStack, LOCAL_DIR, REPO_ROOT } from "./engine";

const args = new Set(process.argv.slice(2));
const cloud = args.has("--cloud");
const destroy = args.has("--destroy");

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

async function main(): Promise<void> {
  const started = Date.now();
  log("ensuring the Pulumi engine (scripts/ensure-engine.sh)");
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

  try {
    const stateDir = path.join(LOCAL_DIR, "state");
    const envVars = engineEnvironment({ stateDir, homeDir: path.join(LOCAL_DIR, "home"), extra: target });
    // The root Pulumi.yaml's project, with examples/organization as an inline program of this process.
    const stack = await inlineStack({
      projectName: "tencentcloud-organization-example",
      stackName,
      program: async () => organizationProgram(),
      workDir: REPO_ROOT,
      envVars,
    });
    const onOutput = (out: string) => process.stdout.write(out);

    if (destroy) {
      log(`pulumi destroy (stack ${stackName})`);
      await stack.destroy({ onOutput });
      log(`destroyed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return;
    }

    log(`pulumi up (stack ${stackName})`);
    const up = await stack.up({ onOutput });
    log("pulumi preview (must show no changes)");
    const preview = await stack.preview({ onOutput });
    const pending = Object.entries(preview.changeSummary).filter(([op, n]) => op !== "same" && n > 0);
    if (pending.length > 0) {
      throw new Error(`the stack did not converge: preview after up still shows ${JSON.stringify(preview.changeSummary)}`);
    }

    const outputs = await stack.outputs();
    log(`up: ${JSON.stringify(up.summary.resourceChanges)}; preview after up: no changes`);
    for (const [name, output] of Object.entries(outputs)) log(`  ${name} = ${JSON.stringify(output.value)}`);
    log(`Pulumi state: ${stateDir} (stack ${stackName}, backend file://)`);
    if (emulator) {
      const { members, policies, authorizations } = emulator.control.snapshot();
      log(`emulator now holds ${members.length} members, ${policies.length} policies, ${authorizations.length} authorizations`);
    }
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await emulator?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[main] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
