/**
 * The pull-request preview of examples/ci/github-actions.yml, run locally:
 *
 *   npm run preview:pr -- [--project DIR] [--stack NAME] [--seed-file PATH] [--work-dir DIR] [--summary PATH]
 *                         [--port N] [--reset] [--apply]
 *   node dist/scripts/pr-preview.js ...        (the same, without the build; exit codes reach the caller unchanged)
 *
 * 1. starts the emulator from the package's bin (`tencentcloud-organization-emulator`) on loopback, on a free port
 *    (or --port), with the seed file (default examples/ci/org-seed.json) and a state file in the work folder, and
 *    waits until it accepts connections;
 * 2. selects or creates the stack (default `pr`) of the project (default examples/organization) in a file backend of
 *    the work folder, with a private PULUMI_HOME and no update checks (scripts/engine.ts's engineEnvironment); the
 *    stack's Pulumi.<stack>.yaml is kept in the work folder, not in the project, unless the project already has one;
 * 3. runs `pulumi preview --diff` (printed) and `pulumi preview --json` (parsed) with the emulator's test keys in
 *    TENCENTCLOUD_SECRET_ID/KEY and its URL in TENCENTCLOUD_ORGANIZATION_ENDPOINT (any TENCENTCLOUD_* of the caller
 *    is dropped, so real credentials never reach the run);
 * 4. writes the markdown summary (also appended to $GITHUB_STEP_SUMMARY when set), stops the emulator.
 *
 * Exit codes: 0 = no changes, 2 = changes (a resource to create, update, replace or delete), 1 = error (a preview
 * failed, the emulator did not start, bad arguments). `--apply` runs `pulumi up --yes` against the emulator instead
 * of previewing (0 = applied, 1 = error): it stands for the default branch's deployment, so that later previews with
 * the same work folder show a branch's changes against it.
 *
 * The work folder (default .pulumi-local/pr-preview/<stack>) keeps the backend (state/), PULUMI_HOME (home/), the
 * emulator's state (emulator-state.json), the stack config, and each run's preview-diff.txt, preview.json,
 * changes.json and summary.md. A new work folder, or --reset, previews from the seed as CI does.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { engineEnvironment, ENGINE_ROOT, ensureEngine, LOCAL_DIR, REPO_ROOT } from "./engine";

export const EXIT_NO_CHANGES = 0;
export const EXIT_ERROR = 1;
export const EXIT_CHANGES = 2;

const PULUMI = path.join(ENGINE_ROOT, "bin", "pulumi");
const DEFAULT_PROJECT = path.join(REPO_ROOT, "examples", "organization");
const DEFAULT_SEED_FILE = path.join(REPO_ROOT, "examples", "ci", "org-seed.json");
const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);
/** What the engine puts where a value is not known until apply (plugin.UnknownStringValue). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Step ops that change nothing. */
const UNCHANGED_OPS = new Set(["same", "read"]);

const USAGE =
  "usage: pr-preview [--project DIR] [--stack NAME] [--seed-file PATH] [--work-dir DIR] [--summary PATH] [--port N] [--reset] [--apply]";

const log = (line: string) => process.stderr.write(`[pr-preview] ${line}\n`);

// ---------------------------------------------------------------------------------------------------------------------
// The emulator, from the package's bin

export interface RunningEmulator {
  url: string;
  secretId: string;
  secretKey: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

/** The package's `tencentcloud-organization-emulator` bin, from package.json (compiled by `npm run build`). */
export function emulatorBin(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
  const relative = pkg.bin["tencentcloud-organization-emulator"];
  if (!relative) throw new Error("package.json has no bin tencentcloud-organization-emulator");
  const bin = path.join(REPO_ROOT, relative);
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run "npm run build" first`);
  return bin;
}

function waitForPort(host: string, port: number, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect({ host, port });
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", (error) => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`the emulator does not listen on ${host}:${port}: ${error.message}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/**
 * Starts the bin in a child process (`--print-json`), reads its URL and keys from the first line it prints, and
 * waits until the port accepts connections. Refuses anything but a loopback URL.
 */
export async function startEmulator(options: {
  seedFile: string;
  stateFile?: string;
  port?: number;
  timeoutMs?: number;
}): Promise<RunningEmulator> {
  const args = [emulatorBin(), "--port", String(options.port ?? 0), "--seed-file", options.seedFile, "--print-json"];
  if (options.stateFile) args.push("--state-file", options.stateFile);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (!running) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      const timer = setTimeout(() => reject(new Error("the emulator printed nothing in time")), Math.max(0, deadline - Date.now()));
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
        const newline = stdout.indexOf("\n");
        if (newline >= 0) {
          clearTimeout(timer);
          resolve(stdout.slice(0, newline));
        }
      });
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the emulator exited with code ${child.exitCode}: ${stderr.trim()}`));
      });
    });
    const info = JSON.parse(line) as { url: string; secretId: string; secretKey: string };
    const url = new URL(info.url);
    if (!LOOPBACK.has(url.hostname)) throw new Error(`the emulator listens on ${url.hostname}, not on loopback`);
    await waitForPort(url.hostname.replace(/^\[|\]$/g, ""), Number(url.port), deadline);
    return { url: info.url, secretId: info.secretId, secretKey: info.secretKey, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The Pulumi CLI

export interface PulumiResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pulumi <argv>` in `cwd`; asynchronous, with stdin closed (non-interactive). `echo` copies stdout to ours. */
export function runPulumi(argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean }): Promise<PulumiResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(PULUMI, argv, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

async function pulumiOk(argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean }): Promise<PulumiResult> {
  const result = await runPulumi(argv, options);
  if (result.code !== 0) throw new PreviewError(`pulumi ${argv.join(" ")} exited with code ${result.code}`, result);
  return result;
}

class PreviewError extends Error {
  constructor(
    message: string,
    readonly result?: PulumiResult,
  ) {
    super(message);
  }
}

/** The environment of every pulumi command: offline engine settings, the emulator, and no TENCENTCLOUD_* of ours. */
export function previewEnvironment(workDir: string, emulator: Pick<RunningEmulator, "url" | "secretId" | "secretKey">): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TENCENTCLOUD_")));
  return {
    ...inherited,
    ...engineEnvironment({
      stateDir: path.join(workDir, "state"),
      homeDir: path.join(workDir, "home"),
      extra: {
        TENCENTCLOUD_SECRET_ID: emulator.secretId,
        TENCENTCLOUD_SECRET_KEY: emulator.secretKey,
        TENCENTCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
      },
    }),
  };
}

/**
 * Selects the stack, creating it if needed, and returns the `--config-file` arguments. `pulumi stack init` writes
 * Pulumi.<stack>.yaml (the passphrase provider's salt) into the project: a file it created there is moved into the
 * work folder, so the project stays as it was. A Pulumi.<stack>.yaml the project already had is used as it is.
 */
export async function selectStack(projectDir: string, stack: string, workDir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const inProject = path.join(projectDir, `Pulumi.${stack}.yaml`);
  const kept = path.join(workDir, `Pulumi.${stack}.yaml`);
  const existed = fs.existsSync(inProject);
  await pulumiOk(["stack", "select", "--create", "--non-interactive", stack], { cwd: projectDir, env });
  if (existed) return ["--config-file", inProject];
  if (fs.existsSync(inProject)) {
    fs.copyFileSync(inProject, kept);
    fs.unlinkSync(inProject);
  }
  return fs.existsSync(kept) ? ["--config-file", kept] : [];
}

// ---------------------------------------------------------------------------------------------------------------------
// `pulumi preview --json`

/** One step of `pulumi preview --json` (v3.259: steps[] with op, urn, oldState/newState, detailedDiff, replaceReasons). */
interface PreviewStep {
  op: string;
  urn: string;
  oldState?: { type?: string; inputs?: Record<string, unknown> };
  newState?: { type?: string; inputs?: Record<string, unknown> };
  diffs?: string[];
  detailedDiff?: Record<string, unknown> | null;
  replaceReasons?: string[];
}

export interface PlannedChange {
  op: string;
  /** The resource's name (the URN's last part). */
  name: string;
  /** Its type token, e.g. pulumi-nodejs:dynamic/tencentcloud-organization:OrganizationMember. */
  type: string;
  urn: string;
  /** create: the inputs it sets; update and replace: the inputs that differ; delete: none. `__provider` is left out. */
  inputs: string[];
  /** The inputs that force a replacement. */
  replaceReasons: string[];
}

export interface PreviewReport {
  hasChanges: boolean;
  /** The stack resource's own op (create on a new stack, else same). */
  stackOp?: string;
  /** Every resource that changes, stack and provider resources left out, in the engine's order. */
  changes: PlannedChange[];
  /** How many resources per op, as the engine counts them (the stack resource included). */
  changeSummary: Record<string, number>;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

function inputNames(inputs: Record<string, unknown> | undefined): string[] {
  return Object.keys(inputs ?? {}).filter((name) => name !== "__provider");
}

/**
 * The inputs a step sets or changes. The engine's own `diffs` and `detailedDiff` are used when present; for dynamic
 * resources they are absent or null at v3.259 (the dynamic provider host returns only changes and replaces), so the
 * old and new inputs are compared. A value not known until apply counts as changed, as `preview --diff` shows it.
 */
function changedInputs(step: PreviewStep): string[] {
  if (step.op === "create" || step.op === "create-replacement" || step.op === "import") return inputNames(step.newState?.inputs).sort();
  if (step.op === "delete" || step.op === "delete-replaced" || step.op === "discard") return [];
  const names = new Set<string>(step.diffs ?? []);
  for (const key of Object.keys(step.detailedDiff ?? {})) names.add(key.split(/[.[]/)[0]!);
  const olds = step.oldState?.inputs ?? {};
  const news = step.newState?.inputs ?? {};
  for (const name of new Set([...inputNames(olds), ...inputNames(news)])) {
    if (canonical(olds[name]) !== canonical(news[name]) || canonical(news[name]).includes(UNKNOWN)) names.add(name);
  }
  names.delete("__provider");
  return [...names].sort();
}

function typeOf(step: PreviewStep): string {
  const qualified = step.newState?.type ?? step.oldState?.type ?? step.urn.split("::")[2] ?? "";
  return qualified.split("$").pop()!;
}

export function parsePreview(json: string): PreviewReport {
  const preview = JSON.parse(json) as { steps?: PreviewStep[]; changeSummary?: Record<string, number> };
  const steps = preview.steps ?? [];
  // A replacement may be reported as one `replace` step or with its create-replacement / delete-replaced halves.
  const replaced = new Set(steps.filter((s) => s.op === "replace").map((s) => s.urn));
  let stackOp: string | undefined;
  const changes: PlannedChange[] = [];
  for (const step of steps) {
    const type = typeOf(step);
    if (type === "pulumi:pulumi:Stack") {
      stackOp = step.op;
      continue;
    }
    if (type.startsWith("pulumi:providers:") || UNCHANGED_OPS.has(step.op)) continue;
    if (replaced.has(step.urn) && step.op !== "replace") continue;
    changes.push({
      op: step.op,
      name: step.urn.split("::").pop()!,
      type,
      urn: step.urn,
      inputs: changedInputs(step),
      replaceReasons: step.replaceReasons ?? [],
    });
  }
  return {
    hasChanges: changes.length > 0 || (stackOp !== undefined && !UNCHANGED_OPS.has(stackOp)),
    ...(stackOp !== undefined ? { stackOp } : {}),
    changes,
    changeSummary: preview.changeSummary ?? {},
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// The markdown summary

function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${text.replace(/\s+$/, "")}\n${fence}`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
/** `pulumi-nodejs:dynamic/<module>:OrganizationMember` reads as OrganizationMember; other types stay whole. */
const shortType = (type: string) => (type.startsWith("pulumi-nodejs:dynamic/") ? type.split(":").pop()! : type);
const MAX_OUTPUT = 60_000;

export interface SummaryInput {
  project: string;
  stack: string;
  seedFile: string;
  report?: PreviewReport;
  /** `pulumi preview --diff`'s output, or the failing command's. */
  output: string;
  error?: string;
  /** Strings that must never appear in the summary (the keys the run used). */
  redact?: string[];
}

export function renderSummary(input: SummaryInput): string {
  const lines = [`### Pulumi preview: \`${input.project}\`, stack \`${input.stack}\``, ""];
  lines.push(`Against the Organization emulator seeded from \`${input.seedFile}\`, with its test keys: no cloud account is used.`, "");
  if (input.error || !input.report) {
    lines.push(`**The preview failed:** ${input.error ?? "no result"}`, "");
  } else if (!input.report.hasChanges) {
    lines.push("**No changes.**", "");
  } else {
    const counts = new Map<string, number>();
    for (const change of input.report.changes) counts.set(change.op, (counts.get(change.op) ?? 0) + 1);
    const total = input.report.changes.length;
    const byOp = [...counts].map(([op, n]) => `${n} to ${op}`).join(", ");
    lines.push(`**${total} ${total === 1 ? "resource" : "resources"} to change:** ${byOp || "the stack itself"}`, "");
    if (total > 0) {
      lines.push("| op | resource | type | inputs |", "|---|---|---|---|");
      for (const c of input.report.changes) {
        const inputs = c.inputs.map((name) => (c.replaceReasons.includes(name) ? `**${name}** (replaces)` : name)).join(", ");
        lines.push(`| ${c.op} | \`${cell(c.name)}\` | ${cell(shortType(c.type))} | ${cell(inputs)} |`);
      }
      lines.push("");
    }
  }
  let output = input.output;
  if (output.length > MAX_OUTPUT) output = `${output.slice(0, MAX_OUTPUT)}\n... (${output.length - MAX_OUTPUT} more characters)`;
  const title = input.error ? "output" : "pulumi preview --diff";
  lines.push(`<details${input.error ? " open" : ""}><summary>${title}</summary>`, "", fenced(output), "", "</details>", "");
  let text = lines.join("\n");
  for (const secret of input.redact ?? []) if (secret) text = text.split(secret).join("***");
  return text;
}

// ---------------------------------------------------------------------------------------------------------------------
// The command

export interface PrPreviewOptions {
  projectDir: string;
  stack: string;
  seedFile: string;
  workDir: string;
  summaryFile: string;
  port: number;
  reset: boolean;
  apply: boolean;
}

function projectName(projectDir: string): string {
  const file = path.join(projectDir, "Pulumi.yaml");
  if (!fs.existsSync(file)) throw new PreviewError(`${projectDir} has no Pulumi.yaml`);
  return /^name:\s*(\S+)/m.exec(fs.readFileSync(file, "utf8"))?.[1] ?? path.basename(projectDir);
}

/** Removes what earlier runs left in the work folder, and nothing else. */
function resetWorkDir(workDir: string, stack: string): void {
  for (const entry of ["state", "home", "emulator-state.json", `Pulumi.${stack}.yaml`, "preview-diff.txt", "preview.json", "changes.json", "summary.md"]) {
    fs.rmSync(path.join(workDir, entry), { recursive: true, force: true });
  }
}

function writeSummary(options: PrPreviewOptions, summary: string): void {
  fs.mkdirSync(path.dirname(options.summaryFile), { recursive: true });
  fs.writeFileSync(options.summaryFile, summary);
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary);
  log(`summary: ${options.summaryFile}`);
}

export async function prPreview(options: PrPreviewOptions): Promise<number> {
  const started = Date.now();
  const project = projectName(options.projectDir);
  if (!fs.existsSync(options.seedFile)) throw new PreviewError(`seed file ${options.seedFile} not found`);
  fs.mkdirSync(options.workDir, { recursive: true });
  if (options.reset) resetWorkDir(options.workDir, options.stack);
  ensureEngine();

  const emulator = await startEmulator({
    seedFile: options.seedFile,
    stateFile: path.join(options.workDir, "emulator-state.json"),
    port: options.port,
  });
  log(`emulator (pid ${emulator.pid}) at ${emulator.url}, seed ${path.relative(REPO_ROOT, options.seedFile)}`);
  const summaryBase = { project, stack: options.stack, seedFile: path.relative(REPO_ROOT, options.seedFile) || options.seedFile, redact: [emulator.secretKey] };
  try {
    const env = previewEnvironment(options.workDir, emulator);
    const cwd = options.projectDir;
    const configArgs = await selectStack(cwd, options.stack, options.workDir, env);
    const common = ["--non-interactive", "--stack", options.stack, ...configArgs];
    log(`project ${path.relative(REPO_ROOT, cwd) || "."}, stack ${options.stack}, backend file://${path.join(options.workDir, "state")}`);

    if (options.apply) {
      log("pulumi up --yes (against the emulator)");
      await pulumiOk(["up", "--yes", "--color", "never", ...common], { cwd, env, echo: true });
      log(`applied in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return EXIT_NO_CHANGES;
    }

    log("pulumi preview --diff");
    const diff = await runPulumi(["preview", "--diff", "--color", "never", ...common], { cwd, env, echo: true });
    fs.writeFileSync(path.join(options.workDir, "preview-diff.txt"), diff.stdout + diff.stderr);
    if (diff.code !== 0) {
      const error = `pulumi preview --diff exited with code ${diff.code}`;
      writeSummary(options, renderSummary({ ...summaryBase, output: diff.stdout + diff.stderr, error }));
      throw new PreviewError(error);
    }
    log("pulumi preview --json");
    const json = await runPulumi(["preview", "--json", ...common], { cwd, env });
    fs.writeFileSync(path.join(options.workDir, "preview.json"), json.stdout);
    if (json.code !== 0) {
      const error = `pulumi preview --json exited with code ${json.code}`;
      writeSummary(options, renderSummary({ ...summaryBase, output: json.stderr || json.stdout, error }));
      throw new PreviewError(error);
    }
    const report = parsePreview(json.stdout);
    fs.writeFileSync(
      path.join(options.workDir, "changes.json"),
      `${JSON.stringify({ project, stack: options.stack, emulatorUrl: emulator.url, ...report }, null, 2)}\n`,
    );
    writeSummary(options, renderSummary({ ...summaryBase, report, output: diff.stdout }));
    const code = report.hasChanges ? EXIT_CHANGES : EXIT_NO_CHANGES;
    const what = report.changes.map((c) => `${c.op} ${c.name}`).join(", ");
    log(`${report.hasChanges ? `changes: ${what || `stack ${report.stackOp}`}` : "no changes"} (${((Date.now() - started) / 1000).toFixed(1)} s) -> exit ${code}`);
    return code;
  } finally {
    await emulator.stop();
  }
}

function resolveFrom(base: string, value: string | undefined, fallback: string): string {
  return value === undefined ? fallback : path.resolve(base, value);
}

export function parseOptions(argv: string[]): PrPreviewOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      project: { type: "string" },
      stack: { type: "string", default: "pr" },
      "seed-file": { type: "string" },
      "work-dir": { type: "string" },
      summary: { type: "string" },
      port: { type: "string", default: "0" },
      reset: { type: "boolean", default: false },
      apply: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  // `npm run` runs in the package root; relative paths are the caller's.
  const base = process.env.INIT_CWD ?? process.cwd();
  const stack = values.stack;
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new PreviewError(`--stack must be a plain stack name (got ${stack})`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PreviewError(`--port must be 0..65535 (got ${values.port})`);
  const workDir = resolveFrom(base, values["work-dir"], path.join(LOCAL_DIR, "pr-preview", stack));
  return {
    projectDir: resolveFrom(base, values.project, DEFAULT_PROJECT),
    stack,
    seedFile: resolveFrom(base, values["seed-file"], DEFAULT_SEED_FILE),
    workDir,
    summaryFile: resolveFrom(base, values.summary, path.join(workDir, "summary.md")),
    port,
    reset: values.reset,
    apply: values.apply,
  };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    process.stdout.write(`${USAGE}\nexit codes: 0 no changes (or applied), 2 changes, 1 error\n`);
    return EXIT_NO_CHANGES;
  }
  return prPreview(options);
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      log(`failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(EXIT_ERROR);
    },
  );
}
