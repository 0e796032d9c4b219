/**
 * Drives the real Pulumi engine (the CLI built by scripts/ensure-engine.sh, the Automation API's Node.js language
 * runtime, the dynamic provider plugin) against a private emulator. Each EngineStack has its own emulator, backend
 * folder, PULUMI_HOME and stack; `close()` removes them all.
 *
 * Each operation runs in a child Node process (dist/tests/engine/driver.js), where the program is serialized exactly
 * as in a user's `pulumi up`; run `npm run build` first (`npm test` does).
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { start, type Emulator } from "../../emulator";
import { OrganizationClient } from "../../provider/client";
import { ensureEngine, LOCAL_DIR, REPO_ROOT } from "../../scripts/engine";
import type { DriverFlags, DriverOperation, DriverRequest, DriverResponse, PlannedStep, RefreshChange } from "./driver";

export type { PlannedStep, RefreshChange };

export type ChangeSummary = Partial<Record<"create" | "update" | "delete" | "replace" | "same" | "read" | "create-replacement" | "delete-replaced", number>>;

export interface ResourceSpec {
  kind: "OrganizationMember" | "MemberAccessPolicy" | "MemberAuthIdentity" | "OrganizationNode" | "OrganizationIdentity";
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

/** An operation's outcome, whether it succeeded or not. */
export interface Attempt {
  ok: boolean;
  /** The engine's error message on failure, "" on success. */
  message: string;
  /** Everything the CLI printed. */
  output: string;
}

/** An `up` running in its own process group, to be killed. */
export interface RunningUp {
  /** SIGKILLs the driver, the CLI and every process they started, as a CI job's cancellation does. */
  kill(): Promise<void>;
}

export interface EngineStack {
  emulator: Emulator;
  /** A client of the same emulator, for changes made outside the stack. */
  api: OrganizationClient;
  workDir: string;
  /** Write actions the emulator received since the last `emulator.control.resetCalls()`, in order. */
  writeCalls(): string[];
  /** Replaces the declared resources (the `declared` program only). */
  declare(resources: ResourceSpec[]): Promise<void>;
  up(): Promise<ChangeSummary>;
  preview(): Promise<ChangeSummary>;
  /** Preview, returning each non-trivial step with the inputs it changes; declares `resources` first when given. */
  previewSteps(resources?: ResourceSpec[]): Promise<PlannedStep[]>;
  /** Preview, then up, in one engine process: the steps of each (declares `resources` first when given). */
  previewThenUp(resources?: ResourceSpec[]): Promise<{ preview: PlannedStep[]; up: PlannedStep[] }>;
  /** Refresh, returning each resource whose state it changed. */
  refreshSteps(): Promise<RefreshChange[]>;
  /** After an up, in one engine process: the next preview's steps, then a refresh's changes, then the state's resources. */
  afterUp(): Promise<{ preview: PlannedStep[]; refresh: RefreshChange[]; resources: StateResource[] }>;
  refresh(): Promise<ChangeSummary>;
  destroy(): Promise<ChangeSummary>;
  /** Operations that are expected to fail; each returns the engine's message. */
  previewError(): Promise<string>;
  upError(): Promise<string>;
  destroyError(): Promise<string>;
  /** Runs an operation that may fail either way. */
  attempt(op: "up" | "refresh" | "destroy" | "preview", flags?: DriverFlags): Promise<Attempt>;
  /** `pulumi refresh --clear-pending-creates --yes`. */
  refreshClearingPendingCreates(): Promise<ChangeSummary>;
  /** `pulumi cancel --yes`. */
  cancel(): Promise<void>;
  /** Starts `up` in a process group of its own, to be killed mid-run. */
  startUp(): RunningUp;
  /** `pulumi refresh` / `pulumi destroy` with flags (e.g. `--run-program`). */
  refreshWith(flags: DriverFlags): Promise<ChangeSummary>;
  destroyWith(flags: DriverFlags): Promise<ChangeSummary>;
  /** Changes the environment of later operations (a rotated key in the CI's secrets). */
  setEnv(env: Record<string, string>): void;
  /** Sets stack config, by full key (a rotated key set with `pulumi config set --secret`). */
  setConfig(config: Record<string, { value: string; secret?: boolean }>): Promise<void>;
  outputs(): Promise<Record<string, unknown>>;
  /** The stack's resources in the exported state, by name, without the stack resource. */
  resources(): Promise<Record<string, StateResource>>;
  exportedState(): Promise<string>;
  close(): Promise<void>;
}

const DRIVER = path.join(REPO_ROOT, "dist", "tests", "engine", "driver.js");
/** The Pulumi project of each program, for the CLI path. */
const PROJECT_DIRS: Partial<Record<DriverRequest["program"], string>> = {
  example: path.join(REPO_ROOT, "examples", "organization"),
  declared: path.join(REPO_ROOT, "tests", "engine", "projects", "declared"),
};
const READ_ACTION = /^(Describe|List)/;
let counter = 0;

/** A deployment's resources without the stack and provider resources. */
const withoutStack = (deployment: { resources?: StateResource[] }) => (deployment.resources ?? []).filter((resource) => !resource.type.startsWith("pulumi:"));

/**
 * A driver process serving one stack's operations, one at a time, in the order they were asked for. A driver that
 * exits (or gives no result) fails the operation it was running and the next operation starts a new one.
 */
class DriverProcess {
  private child: ChildProcess | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  run(request: DriverRequest): Promise<DriverResponse> {
    const next = this.queue.then(() => this.send(request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.child?.stdin?.end();
    this.child = undefined;
  }

  private send(request: DriverRequest): Promise<DriverResponse> {
    const child = (this.child ??= spawn(process.execPath, [DRIVER, "--serve"], { stdio: ["pipe", "pipe", "pipe"] }));
    return new Promise((resolve, reject) => {
      let stdout = "";
      let stderr = "";
      const onStdout = (chunk: Buffer) => {
        stdout += chunk.toString();
        const complete = stdout.split("\n").slice(0, -1);
        const line = complete.find((l) => l.startsWith("@@result "));
        if (line === undefined) return;
        done();
        resolve(JSON.parse(line.slice("@@result ".length)) as DriverResponse);
      };
      const onStderr = (chunk: Buffer) => (stderr += chunk.toString());
      const onExit = (code: number | null, signal: string | null) => {
        done();
        this.child = undefined;
        reject(new Error(`engine driver gave no result (exited with ${signal ?? code}):\n${stderr}\n${stdout}`));
      };
      const done = () => {
        child.stdout!.off("data", onStdout);
        child.stderr!.off("data", onStderr);
        child.off("exit", onExit);
      };
      child.stdout!.on("data", onStdout);
      child.stderr!.on("data", onStderr);
      child.on("exit", onExit);
      child.stdin!.write(`${JSON.stringify(request)}\n`);
    });
  }
}

export async function createEngineStack(options: {
  program: DriverRequest["program"];
  resources?: ResourceSpec[];
  emulatorOptions?: Parameters<typeof start>[0];
  /** Where the provider finds the emulator's keys and URL: the environment (default) or secret stack config. */
  credentialsIn?: "environment" | "stack-config";
  /** An emulator another stack already uses (two stacks on one organization); this stack does not stop it. */
  emulator?: Emulator;
  /** More environment for the engine and the provider (e.g. TENCENTCLOUD_ORGANIZATION_REQUEST_TIMEOUT). */
  env?: Record<string, string>;
  /**
   * "cli": the program's Pulumi project on disk, run by the `pulumi` binary and the Node.js language host as a user
   * runs it (examples/organization for "example", tests/engine/projects/declared for "declared"). Default "inline": an
   * Automation API inline program, faster, for tests about the provider rather than the path.
   */
  path?: "inline" | "cli";
  /** With path "cli": run this Pulumi project directory instead of the program's own (a generated project, say). */
  projectDir?: string;
}): Promise<EngineStack> {
  ensureEngine({ quiet: true });
  if (!fs.existsSync(DRIVER)) throw new Error(`${DRIVER} is missing: run "npm run build" first`);
  const emulator = options.emulator ?? (await start({ port: 0, ...options.emulatorOptions }));
  // Inside the repository, so the provider plugin resolves the package from the repo's node_modules.
  const workDir = path.join(LOCAL_DIR, "tests", `${process.pid}-${++counter}-${Date.now()}`);
  fs.mkdirSync(workDir, { recursive: true });
  const projectDir = options.path === "cli" ? (options.projectDir ?? PROJECT_DIRS[options.program]) : undefined;
  if (options.path === "cli" && projectDir === undefined) throw new Error(`program ${options.program} has no Pulumi project`);
  // CLI stacks share their project's directory, where each writes its Pulumi.<stack>.yaml: one name per stack.
  const stackName = projectDir === undefined ? "test" : `engine-test-${process.pid}-${counter}`;
  const base = {
    program: options.program,
    ...(projectDir === undefined ? {} : { projectDir }),
    stackName,
    workDir,
    stateDir: path.join(workDir, "state"),
    homeDir: path.join(workDir, "home"),
    env: {
      ...(options.credentialsIn === "stack-config"
        ? {}
        : {
            TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
            TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
            TENCENTCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
          }),
      ...options.env,
    } as Record<string, string>,
  };
  const api = new OrganizationClient({
    secretId: emulator.credentials.secretId,
    secretKey: emulator.credentials.secretKey,
    endpoint: emulator.url,
  });

  const driver = new DriverProcess();
  const runDriver = (request: DriverRequest) => driver.run(request);
  async function operation<T>(op: DriverOperation, extra: Partial<DriverRequest> = {}): Promise<T> {
    const response = await runDriver({ ...base, operation: op, ...extra });
    if (!response.ok) throw new Error(`pulumi ${op} failed: ${response.message}\n${response.output}`);
    return response.result as T;
  }
  async function failure(op: DriverOperation): Promise<string> {
    const response = await runDriver({ ...base, operation: op });
    if (response.ok) throw new Error(`expected pulumi ${op} to fail, but it succeeded:\n${response.output}`);
    return `${response.message}\n${response.output}`;
  }

  function startUp(): RunningUp {
    const child = spawn(process.execPath, [DRIVER, JSON.stringify({ ...base, operation: "up" })], {
      detached: true,
      stdio: "ignore",
    });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    return {
      async kill() {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // Already gone.
        }
        await exited;
      },
    };
  }

  const engine: EngineStack = {
    emulator,
    api,
    workDir,
    writeCalls: () => emulator.control.calls().map((call) => call.action).filter((action) => !READ_ACTION.test(action)),
    declare: (resources) => operation("declare", { resources }),
    up: () => operation("up"),
    preview: () => operation("preview"),
    previewSteps: (resources) => operation("previewSteps", resources === undefined ? {} : { resources }),
    previewThenUp: (resources) => operation("previewThenUp", resources === undefined ? {} : { resources }),
    refreshSteps: () => operation("refreshSteps"),
    async afterUp() {
      const result = await operation<{ preview: PlannedStep[]; refresh: RefreshChange[]; deployment: { resources?: StateResource[] } }>("afterUp");
      return { preview: result.preview, refresh: result.refresh, resources: withoutStack(result.deployment) };
    },
    refresh: () => operation("refresh"),
    destroy: () => operation("destroy"),
    previewError: () => failure("preview"),
    upError: () => failure("up"),
    destroyError: () => failure("destroy"),
    async attempt(op, flags) {
      const response = await runDriver({ ...base, operation: op, flags });
      return response.ok ? { ok: true, message: "", output: response.output } : { ok: false, message: response.message, output: response.output };
    },
    refreshClearingPendingCreates: () => operation("refresh", { flags: { clearPendingCreates: true } }),
    refreshWith: (flags) => operation("refresh", { flags }),
    destroyWith: (flags) => operation("destroy", { flags }),
    setEnv(env) {
      base.env = { ...base.env, ...env };
    },
    setConfig: (config) => operation("config", { config }),
    cancel: () => operation("cancel"),
    startUp,
    outputs: () => operation("outputs"),
    async exportedState() {
      return JSON.stringify(await operation("export"));
    },
    async resources() {
      const result: Record<string, StateResource> = {};
      for (const resource of withoutStack(await operation<{ resources?: StateResource[] }>("export"))) result[resource.urn.split("::").pop()!] = resource;
      return result;
    },
    async close() {
      driver.close();
      if (options.emulator === undefined) await emulator.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
      if (projectDir !== undefined) fs.rmSync(path.join(projectDir, `Pulumi.${stackName}.yaml`), { force: true });
    },
  };
  // The stack exists once an operation has run; declaring (or a first read of outputs) creates it.
  await operation(options.resources ? "declare" : "outputs", options.resources ? { resources: options.resources } : {});
  if (options.credentialsIn === "stack-config") {
    await operation("config", {
      config: {
        "tencentcloud:secretId": { value: emulator.credentials.secretId, secret: true },
        "tencentcloud:secretKey": { value: emulator.credentials.secretKey, secret: true },
        "tencentcloud-organization:endpoint": { value: emulator.url },
      },
    });
  }
  return engine;
}
