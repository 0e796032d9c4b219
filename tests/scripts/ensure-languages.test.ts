/**
 * The language hosts of scripts/ensure-languages.sh run programs through the real CLI, found where the engine looks
 * for bundled plugins (no "using ... from $PATH" warning): a YAML program keeps an `fn::secret` output encrypted in
 * state, and a Python program runs on the cached venv's interpreter with the Pulumi Python SDK of the engine's
 * version, though its Pulumi.yaml names no virtualenv.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { engineEnvironment, ensureEngine, ENGINE_ROOT, LOCAL_DIR, PYTHON_VENV_BIN, REPO_ROOT } from "../../scripts/engine";

jest.setTimeout(300_000);

const run = promisify(execFile);
const root = path.join(LOCAL_DIR, "tests", `ensure-languages-${process.pid}-${Date.now()}`);
const env = engineEnvironment({ stateDir: path.join(root, "state"), homeDir: path.join(root, "home") });
const sdkManifest = path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "package.json");
const sdkVersion = (JSON.parse(fs.readFileSync(sdkManifest, "utf8")) as { version: string }).version;

/** Writes a project, then `pulumi up` in a new stack; returns everything the CLI printed and the stack's outputs. */
async function upProject(name: string, files: Record<string, string>) {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  const pulumi = (...args: string[]) =>
    run(path.join(ENGINE_ROOT, "bin", "pulumi"), [...args, "--non-interactive"], { cwd: dir, env });
  await pulumi("stack", "init", "dev");
  const up = await pulumi("up", "--yes", "--skip-preview");
  const shown = await pulumi("stack", "output", "--json", "--show-secrets");
  const outputs = JSON.parse(shown.stdout) as Record<string, unknown>;
  const state = (await pulumi("stack", "export")).stdout;
  return { printed: up.stdout + up.stderr, outputs, state };
}

beforeAll(() => {
  ensureEngine({ quiet: true });
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it("runs a YAML program, its secret output encrypted in state", async () => {
  const secret = `yaml-secret-${process.pid}`;
  const { printed, outputs, state } = await upProject("yaml", {
    "Pulumi.yaml": [
      "name: hosts-yaml",
      "runtime: yaml",
      "variables:",
      "  greeting: hello from yaml",
      "outputs:",
      "  greeting: ${greeting}",
      "  token:",
      `    fn::secret: ${secret}`,
      "",
    ].join("\n"),
  });
  expect(outputs).toEqual({ greeting: "hello from yaml", token: secret });
  expect(state).not.toContain(secret);
  expect(printed).not.toContain("from $PATH");
});

it("runs a Python program on the cached venv, with the engine's Pulumi Python SDK", async () => {
  const { printed, outputs } = await upProject("python", {
    "Pulumi.yaml": "name: hosts-python\nruntime: python\n",
    "__main__.py": [
      "import importlib.metadata, sys",
      "import pulumi",
      'pulumi.export("prefix", sys.prefix)',
      'pulumi.export("sdk", importlib.metadata.version("pulumi"))',
      "",
    ].join("\n"),
  });
  expect(outputs).toEqual({ prefix: path.dirname(PYTHON_VENV_BIN), sdk: sdkVersion });
  expect(printed).not.toContain("from $PATH");
});
