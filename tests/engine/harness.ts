/**
 * Drives the real Pulumi engine (CLI + Node.js language host + dynamic provider plugin) against a private emulator.
 * Each EngineStack has its own emulator, backend folder, PULUMI_HOME and stack; `close()` removes them all.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { start, type Emulator } from "../../emulator";
import { OrganizationClient } from "../../provider/client";
import { engineEnvironment, ensureEngine, ENGINE_ROOT, LOCAL_DIR, REPO_ROOT } from "../../scripts/engine";

export type ChangeSummary = Partial<Record<"create" | "update" | "delete" | "replace" | "same" | "read" | "create-replacement" | "delete-replaced", number>>;

export interface ResourceSpec {
  kind: "OrganizationMember" | "MemberAccessPolicy" | "MemberAuthIdentity";
  name: string;
  args: Record<string, unknown>;
  dependsOn?: string[];
  retainOnDelete?: boolean;
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** One planned step as the engine reports it in its events. */
export interface PlannedStep {
  name: string;
  op: string;
  /** Properties the engine says differ. */
  diffs: string[];
  /** Properties that force a replacement. */
  replaces: string[];
}

export interface EngineStack {
  emulator: Emulator;
  /** A client of the same emulator, for changes made outside the stack. */
  api: OrganizationClient;
  /** Write actions the emulator received since the last `emulator.control.resetCalls()`, in order. */
  writeCalls(): string[];
  stack: Stack;
  workDir: string;
  /** Replaces the declared resources (the `declared` program only). */
  declare(resources: ResourceSpec[]): Promise<void>;
  up(): Promise<ChangeSummary>;
  preview(): Promise<ChangeSummary>;
  /** Preview, returning each non-trivial step with the properties the engine says change. */
  previewSteps(): Promise<PlannedStep[]>;
  /** Preview that is expected to fail; returns the engine's message. */
  previewError(): Promise<string>;
  upError(): Promise<string>;
  destroyError(): Promise<string>;
  refresh(): Promise<ChangeSummary>;
  destroy(): Promise<ChangeSummary>;
  /** The stack's resources in the exported state, by name, without the stack and provider resources. */
  resources(): Promise<Record<string, StateResource>>;
  exportedState(): Promise<string>;
  close(): Promise<void>;
}

const PROGRAMS = path.join(REPO_ROOT, "dist", "tests", "engine", "programs");
const READ_ACTION = /^(Describe|List)/;
let counter = 0;

function summaryOf(changes: Record<string, number> | undefined): ChangeSummary {
  return Object.fromEntries(Object.entries(changes ?? {}).filter(([, n]) => n > 0)) as ChangeSummary;
}

async function expectFailure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected the engine operation to fail, but it succeeded");
}

export async function createEngineStack(options: {
  program: "declared" | "probe";
  resources?: ResourceSpec[];
  emulatorOptions?: Parameters<typeof start>[0];
}): Promise<EngineStack> {
  ensureEngine({ quiet: true });
  const programDir = path.join(PROGRAMS, options.program);
  if (!fs.existsSync(path.join(programDir, "index.js"))) {
    throw new Error(`${programDir}/index.js is missing: run "npm run build" first`);
  }
  const emulator = await start({ port: 0, ...options.emulatorOptions });
  // Inside the repository, so the provider plugin resolves the package from the repo's node_modules.
  const workDir = path.join(LOCAL_DIR, "tests", `${process.pid}-${++counter}-${Date.now()}`);
  fs.mkdirSync(workDir, { recursive: true });
  fs.writeFileSync(
    path.join(workDir, "Pulumi.yaml"),
    [
      `name: engine-test`,
      `runtime:`,
      `  name: nodejs`,
      `  options:`,
      `    typescript: false`,
      `main: ${path.relative(workDir, programDir)}`,
      "",
    ].join("\n"),
  );
  const envVars = engineEnvironment({
    stateDir: path.join(workDir, "state"),
    homeDir: path.join(workDir, "home"),
    extra: {
      TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
      TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
      TENCENTCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
    },
  });
  const pulumiCommand = await PulumiCommand.get({ root: ENGINE_ROOT, skipVersionCheck: true });
  const stack = await LocalWorkspace.createStack(
    { stackName: "test", workDir },
    { workDir, pulumiCommand, pulumiHome: envVars.PULUMI_HOME, envVars },
  );

  const api = new OrganizationClient({
    secretId: emulator.credentials.secretId,
    secretKey: emulator.credentials.secretKey,
    endpoint: emulator.url,
  });
  const engine: EngineStack = {
    emulator,
    api,
    writeCalls: () => emulator.control.calls().map((call) => call.action).filter((action) => !READ_ACTION.test(action)),
    stack,
    workDir,
    async declare(resources) {
      await stack.setConfig("resources", { value: JSON.stringify(resources) });
    },
    async up() {
      return summaryOf((await stack.up()).summary.resourceChanges);
    },
    async preview() {
      return summaryOf((await stack.preview()).changeSummary);
    },
    async previewSteps() {
      const steps: PlannedStep[] = [];
      await stack.preview({
        onEvent: (event) => {
          const metadata = event.resourcePreEvent?.metadata;
          if (!metadata || metadata.op === "same" || metadata.type.startsWith("pulumi:")) return;
          steps.push({
            name: metadata.urn.split("::").pop()!,
            op: metadata.op,
            diffs: [...(metadata.diffs ?? [])].sort(),
            replaces: [...(metadata.keys ?? [])].sort(),
          });
        },
      });
      return steps;
    },
    previewError: () => expectFailure(() => stack.preview()),
    upError: () => expectFailure(() => stack.up()),
    destroyError: () => expectFailure(() => stack.destroy()),
    async refresh() {
      return summaryOf((await stack.refresh()).summary.resourceChanges);
    },
    async destroy() {
      return summaryOf((await stack.destroy()).summary.resourceChanges);
    },
    async exportedState() {
      return JSON.stringify((await stack.exportStack()).deployment);
    },
    async resources() {
      const deployment = (await stack.exportStack()).deployment as { resources?: StateResource[] };
      const result: Record<string, StateResource> = {};
      for (const resource of deployment.resources ?? []) {
        if (resource.type.startsWith("pulumi:")) continue;
        result[resource.urn.split("::").pop()!] = resource;
      }
      return result;
    },
    async close() {
      await emulator.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
  if (options.resources) await engine.declare(options.resources);
  return engine;
}
