/**
 * A stack of the plugin test project (./project), run through the real CLI as a user runs it: `pulumi` starts the
 * Node.js language host, which runs index.js, and the engine starts the native plugin named by Pulumi.yaml's
 * `plugins.providers[].path` (the repository's plugin/ directory). Each stack has its own emulator, folder, file
 * backend and PULUMI_HOME; `close()` removes them. Run `npm run build` first: the plugin runs dist/.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { start, type Emulator } from "../../../emulator";
import { OrganizationClient } from "../../../provider/client";
import { ENGINE_ROOT, engineEnvironment, ensureEngine, LOCAL_DIR, REPO_ROOT } from "../../../scripts/engine";
import type { StateResource } from "../harness";

export type Declared =
  | {
      type: "OrganizationMember" | "MemberAccessPolicy" | "MemberAuthIdentity" | "OrganizationNode" | "OrganizationIdentity";
      name: string;
      args: Record<string, unknown>;
      dependsOn?: string[];
    }
  /** A function of the plugin, its result exported as the stack output `name`. */
  | { invoke: string; name: string; args: Record<string, unknown> };

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A resource as `pulumi stack export` records it: the dynamic provider's tests read the same shape. */
export type { StateResource } from "../harness";

export interface PluginStack {
  emulator: Emulator;
  /** A client of the same emulator, for changes made outside the stack. */
  api: OrganizationClient;
  /** The secret key the stack's provider is configured with. */
  secretKey: string;
  /** The explicit provider's URN, for `pulumi import --provider`. */
  providerUrn: string;
  declare(resources: Declared[]): void;
  /** Runs `pulumi <args>`; fails unless it exits 0 (or `allowFailure`). */
  pulumi(args: string[], options?: { allowFailure?: boolean }): Promise<Run>;
  /** The stack's resources of the plugin, from `pulumi stack export`. */
  resources(): Promise<StateResource[]>;
  /** The stack's outputs. */
  outputs(): Promise<Record<string, unknown>>;
  /** The explicit provider's resource in state. */
  providerState(): Promise<StateResource | undefined>;
  /** Every byte the CLI printed so far, and every file of the backend: where no secret may appear. */
  everythingWritten(): string;
  close(): Promise<void>;
}

const PROJECT = path.join(__dirname, "project");
const PLUGIN_DIR = path.join(REPO_ROOT, "plugin");
const STACK = "dev";

/** How a project of one language is written (project plugin-test, with config endpoint, secretId, secretKey). */
export interface ProjectLanguage {
  /** Writes the program's files, all but Pulumi.yaml, into the stack's folder. */
  setUp(workDir: string): void;
  /** Pulumi.yaml without its plugins section, declaring `resources` (a YAML program lives in it). */
  pulumiYaml(resources: Declared[]): string;
  /** The program reads what is declared from resources.json (./project/index.js does). */
  readsResourcesJson: boolean;
  /** Added to the CLI's environment. */
  env?: Record<string, string>;
}

/** ./project: the Node.js program. */
export const NODEJS_PROJECT: ProjectLanguage = {
  setUp: (workDir) => fs.copyFileSync(path.join(PROJECT, "index.js"), path.join(workDir, "index.js")),
  pulumiYaml: () => fs.readFileSync(path.join(PROJECT, "Pulumi.yaml"), "utf8"),
  readsResourcesJson: true,
};

const readTree = (dir: string): string =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8"))
        .join("\n")
    : "";

export async function pluginStack(name: string, language: ProjectLanguage = NODEJS_PROJECT): Promise<PluginStack> {
  ensureEngine({ quiet: true });
  const secretKey = `plugin-test-key-${process.pid}-${Date.now().toString(36)}`;
  const credentials = { secretId: "AKIDplugintest0000000000000000000000", secretKey };
  const emulator = await start({ credentials: [credentials] });
  const api = OrganizationClient.fromEnvironment({
    TENCENTCLOUD_SECRET_ID: credentials.secretId,
    TENCENTCLOUD_SECRET_KEY: credentials.secretKey,
    TENCENTCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
  });
  const base = path.join(LOCAL_DIR, "plugin-tests");
  fs.mkdirSync(base, { recursive: true });
  const workDir = fs.mkdtempSync(path.join(base, `${name}-`));
  const stateDir = path.join(workDir, ".state");
  language.setUp(workDir);
  const env = {
    ...process.env,
    ...engineEnvironment({ stateDir, homeDir: path.join(workDir, ".home") }),
    // Nothing of the environment may configure the provider: only the program's provider resource does.
    TENCENTCLOUD_SECRET_ID: "",
    TENCENTCLOUD_SECRET_KEY: "",
    TENCENTCLOUD_ORGANIZATION_ENDPOINT: "",
    ...language.env,
  };
  const printed: string[] = [];

  const pulumi = (args: string[], options: { allowFailure?: boolean } = {}): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(path.join(ENGINE_ROOT, "bin", "pulumi"), [...args, "--non-interactive"], { cwd: workDir, env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        printed.push(stdout, stderr);
        const run = { code: code ?? -1, stdout, stderr };
        if (run.code !== 0 && !options.allowFailure) reject(new Error(`pulumi ${args.join(" ")} exited ${run.code}:\n${stdout}\n${stderr}`));
        else resolve(run);
      });
    });

  const exported = async () =>
    (JSON.parse((await pulumi(["stack", "export"])).stdout) as { deployment: { resources?: StateResource[] } }).deployment.resources ?? [];

  const stack: PluginStack = {
    emulator,
    api,
    secretKey,
    providerUrn: `urn:pulumi:${STACK}::plugin-test::pulumi:providers:tencentcloud-organization::org`,
    declare(resources) {
      if (language.readsResourcesJson) {
        fs.writeFileSync(path.join(workDir, "resources.json"), JSON.stringify(resources, null, 2));
      }
      // The path is absolute: the project is a copy, and the plugin is the repository's.
      fs.writeFileSync(
        path.join(workDir, "Pulumi.yaml"),
        `${language.pulumiYaml(resources)}plugins:\n  providers:\n    - name: tencentcloud-organization\n      path: ${PLUGIN_DIR}\n`,
      );
    },
    pulumi,
    async resources() {
      return (await exported()).filter((resource) => resource.type.startsWith("tencentcloud-organization:index:"));
    },
    async outputs() {
      return JSON.parse((await pulumi(["stack", "output", "--json", "--show-secrets"])).stdout) as Record<string, unknown>;
    },
    async providerState() {
      return (await exported()).find((resource) => resource.urn === stack.providerUrn);
    },
    everythingWritten: () => [...printed, readTree(stateDir)].join("\n"),
    async close() {
      await emulator.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
  stack.declare([]);
  await pulumi(["stack", "init", STACK]);
  await pulumi(["config", "set", "endpoint", emulator.url]);
  await pulumi(["config", "set", "secretId", credentials.secretId]);
  await pulumi(["config", "set", "--secret", "secretKey", secretKey]);
  return stack;
}

/** A step of `pulumi preview --json`. */
export interface PreviewStep {
  op: string;
  urn: string;
  detailedDiff?: Record<string, { kind: string; inputDiff?: boolean }>;
  replaceReasons?: string[];
}

export async function previewSteps(stack: PluginStack): Promise<PreviewStep[]> {
  const run = await stack.pulumi(["preview", "--json"]);
  const steps = (JSON.parse(run.stdout) as { steps?: PreviewStep[] }).steps ?? [];
  return steps.filter((step) => step.op !== "same");
}
