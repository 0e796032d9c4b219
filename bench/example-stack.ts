/**
 * API-call budget of the example stack through the real engine: calls per `up`, no-change `preview`, `refresh` and
 * `destroy`, wall time of each, and the bytes of each resource's serialized provider (`__provider`) in the state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { start } from "../emulator";
import { organizationProgram } from "../examples/organization/program";
import { engineEnvironment, ensureEngine, inlineStack, LOCAL_DIR } from "../scripts/engine";

interface StateResource {
  urn: string;
  type: string;
  outputs?: Record<string, unknown>;
}

function countByAction(actions: string[]): string {
  const counts = new Map<string, number>();
  for (const action of actions) counts.set(action, (counts.get(action) ?? 0) + 1);
  return [...counts].map(([action, n]) => `${action} ${n}`).join(", ");
}

export async function exampleStackBudget(): Promise<void> {
  ensureEngine({ quiet: true });
  const emulator = await start({ port: 0 });
  const workDir = path.join(LOCAL_DIR, `bench-${process.pid}`);
  fs.mkdirSync(workDir, { recursive: true });
  try {
    const envVars = engineEnvironment({
      stateDir: path.join(workDir, "state"),
      homeDir: path.join(workDir, "home"),
      extra: {
        TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
        TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
        TENCENTCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
      },
    });
    const stack = await inlineStack({
      projectName: "bench-example",
      stackName: "bench",
      program: async () => organizationProgram(),
      workDir,
      envVars,
    });
    const measure = async (label: string, run: () => Promise<unknown>) => {
      emulator.control.resetCalls();
      const started = performance.now();
      await run();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const calls = emulator.control.calls().map((call) => call.action);
      console.log(`example stack ${label}: ${calls.length} API calls in ${seconds} s (${countByAction(calls) || "none"})`);
    };
    await measure("up", () => stack.up());
    await measure("no-change preview", () => stack.preview());
    await measure("refresh", () => stack.refresh());
    const deployment = (await stack.exportStack()).deployment as { resources?: StateResource[] };
    for (const resource of deployment.resources ?? []) {
      const provider = resource.outputs?.__provider;
      if (typeof provider !== "string") continue;
      console.log(`__provider of ${resource.urn.split("::").pop()} (${resource.type}): ${Buffer.byteLength(provider)} bytes`);
    }
    await measure("destroy", () => stack.destroy());
  } finally {
    await emulator.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
