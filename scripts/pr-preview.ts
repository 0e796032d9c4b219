/**
 * The three jobs of examples/ci/github-actions.yml, run against the emulator:
 *
 *   npm run preview:pr -- [--project DIR] [--stack NAME] [--seed-file PATH] [--work-dir DIR] [--endpoint URL]
 *                         [--reset] [--apply | --drift]
 *   node dist/scripts/pr-preview.js ...   (the same without the build; exit codes reach the caller unchanged)
 *
 *   --apply  `pulumi up --yes` with the emulator's writing key: the default branch's deployment (job `deploy`);
 *   (none)   `pulumi preview` with its read-only key: the branch's change against that state (job `preview`);
 *   --drift  `pulumi refresh --preview-only --expect-no-changes` with the read-only key (job `drift`).
 *
 * The emulator is the one already running at --endpoint (loopback only, with its fixed test keys), or else one started
 * from the package's bin for this run, with the seed file (default examples/ci/org-seed.json) and a state file in the
 * work folder, so that successive runs share one organization. Any TENCENTCLOUD_* of the caller is dropped: real
 * credentials never reach a run. The stack (default `pr`) of the project (default examples/organization) lives in a file
 * backend in the work folder (default .pulumi-local/pr-preview/<stack>), with a private PULUMI_HOME; its
 * Pulumi.<stack>.yaml is kept there too, so the project folder is left as it was. --reset starts again from the seed.
 *
 * Each run writes the CLI's output (up.json, preview.json or refresh-diff.txt), changes.json (the parsed steps,
 * scripts/pulumi-steps.ts) and summary.md (also appended to $GITHUB_STEP_SUMMARY when set).
 *
 * Exit codes: 0 = no changes (with --apply: applied), 2 = changes to preview, or drift (named on stderr and in the
 * summary), 1 = error.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { TEST_CREDENTIALS, TEST_READ_ONLY_CREDENTIALS } from "../emulator";
import { engineEnvironment, ENGINE_ROOT, ensureEngine, LOCAL_DIR, REPO_ROOT } from "./engine";
import { parsePerformed, parsePlan, parseRefreshDiff, type PlannedChange, type StepReport } from "./pulumi-steps";

export const EXIT_NO_CHANGES = 0;
export const EXIT_ERROR = 1;
export const EXIT_CHANGES = 2;

const PULUMI = path.join(ENGINE_ROOT, "bin", "pulumi");
const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);
const USAGE =
  "usage: pr-preview [--project DIR] [--stack NAME] [--seed-file PATH] [--work-dir DIR] [--endpoint URL] [--reset] [--apply | --drift]";

const log = (line: string) => process.stderr.write(`[pr-preview] ${line}\n`);

class PrPreviewError extends Error {}

type Mode = "apply" | "preview" | "drift";

export interface PrPreviewOptions {
  projectDir: string;
  stack: string;
  seedFile: string;
  workDir: string;
  /** An emulator already running; otherwise one is started for the run. */
  endpoint?: string;
  reset: boolean;
  mode: Mode;
}

/** What each mode runs, with which key, how its output is read, and what its summary calls it. */
const MODES: Record<Mode, { argv: string[]; key: typeof TEST_CREDENTIALS; parse: (output: string) => StepReport; title: string; file: string }> = {
  apply: { argv: ["up", "--yes", "--json"], key: TEST_CREDENTIALS, parse: parsePerformed, title: "pulumi up", file: "up.json" },
  preview: { argv: ["preview", "--json"], key: TEST_READ_ONLY_CREDENTIALS, parse: parsePlan, title: "Pulumi preview", file: "preview.json" },
  drift: {
    argv: ["refresh", "--preview-only", "--expect-no-changes", "--diff", "--color", "never"],
    key: TEST_READ_ONLY_CREDENTIALS,
    parse: parseRefreshDiff,
    title: "Drift check",
    file: "refresh-diff.txt",
  },
};

// ---------------------------------------------------------------------------------------------------------------------
// The emulator and the CLI

interface RunningEmulator {
  url: string;
  stop(): Promise<void>;
}

function loopbackUrl(url: string): string {
  const { hostname } = new URL(url);
  if (!LOOPBACK.has(hostname)) throw new PrPreviewError(`the emulator must listen on loopback, not on ${hostname} (--endpoint)`);
  return url;
}

/** The package's bin (package.json), `--print-json`: its first line holds the URL once the server listens. */
function startEmulator(seedFile: string, stateFile: string): Promise<RunningEmulator> {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
  const bin = path.join(REPO_ROOT, pkg.bin["tencentcloud-organization-emulator"] ?? "");
  if (!fs.existsSync(bin)) throw new PrPreviewError(`${bin} is missing: run "npm run build" first`);
  const child = spawn(process.execPath, [bin, "--port", "0", "--seed-file", seedFile, "--state-file", stateFile, "--print-json"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await exited;
  };
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stop().then(() => reject(error));
    };
    const timer = setTimeout(() => fail(new PrPreviewError(`the emulator printed no URL in 20 s: ${stderr.trim()}`)), 20_000);
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (!stdout.includes("\n")) return;
      try {
        const url = loopbackUrl((JSON.parse(stdout.split("\n")[0]!) as { url: string }).url);
        clearTimeout(timer);
        resolve({ url, stop });
      } catch (error) {
        fail(error as Error);
      }
    });
    void exited.then(() => fail(new PrPreviewError(`the emulator exited with code ${child.exitCode}: ${stderr.trim()}`)));
  });
}

interface PulumiResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `pulumi <argv>` in `cwd`, stdin closed (non-interactive); stderr is passed through. */
function runPulumi(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<PulumiResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(PULUMI, argv, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/**
 * Selects the stack, creating it if needed, and returns the `--config-file` arguments. `pulumi stack init` writes
 * Pulumi.<stack>.yaml (the passphrase provider's salt) into the project: a file it created there is moved into the work
 * folder. A Pulumi.<stack>.yaml the project already had is used as it is.
 */
async function selectStack(projectDir: string, stack: string, workDir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const inProject = path.join(projectDir, `Pulumi.${stack}.yaml`);
  const kept = path.join(workDir, `Pulumi.${stack}.yaml`);
  if (fs.existsSync(inProject)) return ["--config-file", inProject];
  const selected = await runPulumi(["stack", "select", "--create", "--non-interactive", stack], projectDir, env);
  if (fs.existsSync(inProject)) fs.renameSync(inProject, kept);
  if (selected.code !== 0) throw new PrPreviewError(`pulumi stack select ${stack} exited with code ${selected.code}`);
  return fs.existsSync(kept) ? ["--config-file", kept] : [];
}

// ---------------------------------------------------------------------------------------------------------------------
// The summary

const shortType = (type: string) => (type.startsWith("pulumi-nodejs:dynamic/") ? type.split(":").pop()! : type);
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** `name, parentNodeId (replaces)`; `mark` wraps the names that replace (bold in markdown). */
const propertyList = (c: PlannedChange, mark = (name: string) => name) =>
  c.properties.map((name) => (c.replaceReasons.includes(name) ? `${mark(name)} (replaces)` : name)).join(", ");

/** One line per change: `update platform-team (OrganizationNode): remark`. */
export function describeChanges(report: StepReport): string[] {
  return report.changes.map((c) => `${c.op} ${c.name} (${shortType(c.type)})${c.properties.length ? `: ${propertyList(c)}` : ""}`);
}

export function renderSummary(mode: Mode, stack: string, report: StepReport | undefined, error?: string): string {
  const lines = [`### ${MODES[mode].title}: stack \`${stack}\``, ""];
  const key = mode === "apply" ? "writing" : "read-only";
  lines.push(`Against the Organization emulator, with its ${key} test key: no cloud account is used.`, "");
  if (error || !report) lines.push(`**Failed:** ${error ?? "no result"}`, "");
  else if (!report.hasChanges) lines.push(mode === "drift" ? "**No drift:** the organization matches the state." : "**No changes.**", "");
  else {
    const what = mode === "drift" ? "drifted" : mode === "apply" ? "changed" : "to change";
    lines.push(`**${report.changes.length} ${report.changes.length === 1 ? "resource" : "resources"} ${what}:**`, "");
    lines.push("| op | resource | type | properties |", "|---|---|---|---|");
    for (const c of report.changes) {
      lines.push(`| ${c.op} | \`${cell(c.name)}\` | ${cell(shortType(c.type))} | ${cell(propertyList(c, (name) => `**${name}**`))} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------------------------------
// The command

/** Removes what earlier runs left in the work folder, and nothing else. */
function resetWorkDir(workDir: string, stack: string): void {
  const entries = ["state", "home", "emulator-state.json", `Pulumi.${stack}.yaml`, "changes.json", "summary.md"];
  for (const entry of [...entries, ...Object.values(MODES).map((m) => m.file)]) fs.rmSync(path.join(workDir, entry), { recursive: true, force: true });
}

export async function prPreview(options: PrPreviewOptions): Promise<number> {
  if (!fs.existsSync(path.join(options.projectDir, "Pulumi.yaml"))) throw new PrPreviewError(`${options.projectDir} has no Pulumi.yaml`);
  fs.mkdirSync(options.workDir, { recursive: true });
  if (options.reset) resetWorkDir(options.workDir, options.stack);
  ensureEngine();
  const emulator: RunningEmulator = options.endpoint
    ? { url: loopbackUrl(options.endpoint), stop: async () => undefined }
    : await (() => {
        if (!fs.existsSync(options.seedFile)) throw new PrPreviewError(`seed file ${options.seedFile} not found`);
        return startEmulator(options.seedFile, path.join(options.workDir, "emulator-state.json"));
      })();
  const mode = MODES[options.mode];
  log(`emulator at ${emulator.url}; ${options.mode} with the ${mode.key === TEST_CREDENTIALS ? "writing" : "read-only"} key`);
  try {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TENCENTCLOUD_")));
    const env = {
      ...inherited,
      ...engineEnvironment({
        stateDir: path.join(options.workDir, "state"),
        homeDir: path.join(options.workDir, "home"),
        extra: {
          TENCENTCLOUD_SECRET_ID: mode.key.secretId,
          TENCENTCLOUD_SECRET_KEY: mode.key.secretKey,
          TENCENTCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
        },
      }),
    };
    // The engine reads PULUMI_SKIP_CONFIRMATIONS as --yes, which refresh refuses next to --preview-only.
    if (options.mode === "drift") delete env.PULUMI_SKIP_CONFIRMATIONS;
    const configArgs = await selectStack(options.projectDir, options.stack, options.workDir, env);
    const argv = [...mode.argv, "--non-interactive", "--stack", options.stack, ...configArgs];
    log(`pulumi ${argv.join(" ")}`);
    // A failed run leaves no changes.json of an earlier one behind.
    fs.rmSync(path.join(options.workDir, "changes.json"), { force: true });
    const run = await runPulumi(argv, options.projectDir, env);
    fs.writeFileSync(path.join(options.workDir, mode.file), run.stdout);
    let report: StepReport | undefined;
    try {
      report = mode.parse(run.stdout);
    } catch {
      report = undefined;
    }
    // --expect-no-changes makes the CLI fail on drift: that is a result, not an error.
    const drifted = options.mode === "drift" && report?.hasChanges === true;
    const error = run.code !== 0 && !drifted ? `pulumi ${mode.argv[0]} exited with code ${run.code}` : undefined;
    const summary = renderSummary(options.mode, options.stack, report, error);
    fs.writeFileSync(path.join(options.workDir, "summary.md"), summary);
    if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary);
    if (error || !report) throw new PrPreviewError(error ?? `pulumi ${mode.argv[0]}'s output could not be read (${mode.file})`);
    fs.writeFileSync(path.join(options.workDir, "changes.json"), `${JSON.stringify({ mode: options.mode, ...report }, null, 2)}\n`);
    for (const line of describeChanges(report)) log(`${drifted ? "drift: " : ""}${line}`);
    if (options.mode === "apply") return EXIT_NO_CHANGES;
    log(report.hasChanges ? `${drifted ? "drifted" : "changes"}: exit ${EXIT_CHANGES}` : "no changes: exit 0");
    return report.hasChanges ? EXIT_CHANGES : EXIT_NO_CHANGES;
  } finally {
    await emulator.stop();
  }
}

export function parseOptions(argv: string[]): PrPreviewOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      project: { type: "string" },
      stack: { type: "string", default: "pr" },
      "seed-file": { type: "string" },
      "work-dir": { type: "string" },
      endpoint: { type: "string" },
      reset: { type: "boolean", default: false },
      apply: { type: "boolean", default: false },
      drift: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  if (values.apply && values.drift) throw new PrPreviewError("--apply and --drift exclude each other: give one");
  const stack = values.stack;
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new PrPreviewError(`--stack must be a plain stack name (got ${stack})`);
  // `npm run` runs in the package root; relative paths are the caller's.
  const base = process.env.INIT_CWD ?? process.cwd();
  const resolved = (value: string | undefined, fallback: string) => (value === undefined ? fallback : path.resolve(base, value));
  return {
    projectDir: resolved(values.project, path.join(REPO_ROOT, "examples", "organization")),
    stack,
    seedFile: resolved(values["seed-file"], path.join(REPO_ROOT, "examples", "ci", "org-seed.json")),
    workDir: resolved(values["work-dir"], path.join(LOCAL_DIR, "pr-preview", stack)),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
    reset: values.reset,
    mode: values.apply ? "apply" : values.drift ? "drift" : "preview",
  };
}

if (require.main === module) {
  Promise.resolve()
    .then(() => {
      const options = parseOptions(process.argv.slice(2));
      if (options) return prPreview(options);
      process.stdout.write(`${USAGE}\nexit codes: 0 no changes (or applied), 2 changes or drift, 1 error\n`);
      return EXIT_NO_CHANGES;
    })
    .then(
      (code) => process.exit(code),
      (error: unknown) => {
        log(`failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(EXIT_ERROR);
      },
    );
}
