/**
 * Where the Pulumi engine lives for this project, the environment that keeps it offline, and how a program runs on it:
 * shared by the main command, the engine tests and the bench. The engine (the CLI and the Node.js language host) is
 * built by scripts/ensure-engine.sh.
 *
 * `npm start` runs the example project with the `pulumi` binary, which starts the language host. The engine tests and
 * the bench run programs as Automation API inline programs (`inlineStack`): the official Node.js language runtime of
 * @pulumi/pulumi runs in the calling process and the CLI reaches it through --client.
 */
import { execFileSync } from "node:child_process";
import { LocalWorkspace, PulumiCommand, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";
import * as fs from "node:fs";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", __dirname.includes(`${path.sep}dist${path.sep}`) ? ".." : ".");
/**
 * `<root>/bin` holds pulumi, the language hosts (nodejs, yaml, python) and pulumi-resource-pulumi-nodejs (the
 * Automation API's root); `<root>/python-venv` is the Python venv with the Pulumi Python SDK.
 */
export const ENGINE_ROOT = path.join(REPO_ROOT, ".tools", "engine");
/** Put first on PATH: the Python language host runs the first `python` there (it ignores the virtualenv option). */
export const PYTHON_VENV_BIN = path.join(ENGINE_ROOT, "python-venv", "bin");
/** What scripts/ensure-engine.sh links into `<root>/bin`; all present means the engine need not be checked again. */
const ENGINE_LINKS = [
  "pulumi", "pulumi-language-nodejs", "pulumi-language-yaml", "pulumi-language-python", "pulumi-language-python-exec",
  "sdkgen",
];
export const LOCAL_DIR = path.join(REPO_ROOT, ".pulumi-local");

/** Builds or finds the engine: the CLI, the language hosts, the Python venv and sdkgen (under a second when cached). */
export function ensureEngine(options: { quiet?: boolean } = {}): void {
  const linked = ENGINE_LINKS.every((name) => fs.existsSync(path.join(ENGINE_ROOT, "bin", name))) &&
    fs.existsSync(path.join(PYTHON_VENV_BIN, "python"));
  if (linked && process.env.PULUMI_ENGINE_RECHECK !== "true") return;
  execFileSync("bash", [path.join(REPO_ROOT, "scripts", "ensure-engine.sh")], {
    stdio: options.quiet ? ["ignore", "ignore", "inherit"] : "inherit",
  });
}

export interface EngineEnvironmentOptions {
  /** Folder of the file:// backend. */
  stateDir: string;
  /** PULUMI_HOME: plugins, credentials and workspace files, private to this run. */
  homeDir: string;
  /** Added last: emulator endpoint and keys, or cloud credentials. */
  extra?: Record<string, string>;
}

/**
 * Node 22 from node_modules comes first on PATH: the language host and the dynamic provider plugin both run `node`;
 * so does the Python venv's bin, for the Python language host's `python`.
 * No update checks, no plugin downloads, passphrase secrets with an empty passphrase unless one is set.
 * Every operation starts new Node processes (the language host, the dynamic provider plugin) that load the same
 * modules, so they share V8's compile cache (NODE_COMPILE_CACHE, keyed by file content): about a seventh less time
 * for a generated scenario's step.
 */
export function engineEnvironment(options: EngineEnvironmentOptions): Record<string, string> {
  fs.mkdirSync(options.stateDir, { recursive: true });
  fs.mkdirSync(options.homeDir, { recursive: true });
  const pathEntries = [
    path.join(ENGINE_ROOT, "bin"), PYTHON_VENV_BIN, path.join(REPO_ROOT, "node_modules", ".bin"),
    process.env.PATH ?? "",
  ];
  return {
    PATH: pathEntries.join(path.delimiter),
    PULUMI_HOME: options.homeDir,
    PULUMI_BACKEND_URL: `file://${options.stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? path.join(LOCAL_DIR, "node-compile-cache"),
    ...options.extra,
  };
}

export interface InlineStackOptions {
  projectName: string;
  stackName: string;
  program: PulumiFn;
  /** The project directory: the dynamic provider plugin runs here and resolves the package from its node_modules. */
  workDir: string;
  envVars: Record<string, string>;
}

/** Found once per process: `PulumiCommand.get` runs `pulumi version` each time it is called. */
let engineCommand: Promise<PulumiCommand> | undefined;

/** The project's engine (.tools/engine/bin), with the private home and environment of `envVars`. */
async function workspaceOptions(envVars: Record<string, string>) {
  engineCommand ??= PulumiCommand.get({ root: ENGINE_ROOT, skipVersionCheck: true });
  const pulumiCommand = await engineCommand;
  return { pulumiCommand, pulumiHome: envVars.PULUMI_HOME, envVars };
}

/** Creates or selects a stack that runs `program` in this process on the project's engine. */
export async function inlineStack(options: InlineStackOptions): Promise<Stack> {
  return LocalWorkspace.createOrSelectStack(
    { projectName: options.projectName, stackName: options.stackName, program: options.program },
    {
      ...(await workspaceOptions(options.envVars)),
      workDir: options.workDir,
      // An existing Pulumi.yaml (the repository root's) is kept as it is.
      projectSettings: fs.existsSync(path.join(options.workDir, "Pulumi.yaml"))
        ? undefined
        : { name: options.projectName, runtime: "nodejs" },
    },
  );
}

export interface ProjectStackOptions {
  /** The Pulumi project's directory (its Pulumi.yaml): the `pulumi` binary starts the language host there. */
  projectDir: string;
  stackName: string;
  envVars: Record<string, string>;
}

/**
 * Creates or selects a stack of a Pulumi project on disk, run as users run it: the `pulumi` binary starts
 * pulumi-language-nodejs, which runs the project's program (TypeScript through ts-node) in a Node process of its own.
 */
export async function projectStack(options: ProjectStackOptions): Promise<Stack> {
  return LocalWorkspace.createOrSelectStack(
    { stackName: options.stackName, workDir: options.projectDir },
    await workspaceOptions(options.envVars),
  );
}

