/**
 * The plugin test project (project plugin-test) in YAML, Python and TypeScript, for pluginStack (./cli.ts): the same
 * declarations, as a Pulumi YAML program written into Pulumi.yaml, or read from resources.json by ./project-python,
 * which uses the Python SDK generated from schema.json (scripts/gen-sdks.sh), installed with pip from the cached venv
 * into a folder on PYTHONPATH, or by ./project-typescript, which uses the generated Node.js SDK, compiled and linked
 * into the project's node_modules (ts-node type-checks the program against it; tsconfig.test.json leaves it out, as
 * the SDK is not there). Each SDK is generated once per test process.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { LOCAL_DIR, PYTHON_VENV_BIN, REPO_ROOT } from "../../../scripts/engine";
import type { Declared, ProjectLanguage } from "./cli";

const PYTHON_PROJECT = path.join(__dirname, "project-python");

/** `{ $ref: "dept.nodeId" }` → `${dept.nodeId}`, through arrays and objects. */
function yamlValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(yamlValue);
  if (value !== null && typeof value === "object") {
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === "string") return `\${${ref}}`;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, yamlValue(item)]));
  }
  return value;
}

/** The declarations as a Pulumi YAML program: the explicit provider `org`, resources, and functions as outputs. */
export const YAML_PROJECT: ProjectLanguage = {
  setUp: () => undefined,
  pulumiYaml(resources: Declared[]) {
    const program = {
      name: "plugin-test",
      runtime: "yaml",
      config: { endpoint: { type: "string" }, secretId: { type: "string" }, secretKey: { type: "string" } },
      resources: {
        // The key is passed as plain config on purpose: the plugin must keep it secret in state by itself.
        org: {
          type: "pulumi:providers:tencentcloud-organization",
          properties: { endpoint: "${endpoint}", secretId: "${secretId}", secretKey: "${secretKey}", readBackTimeout: "5" },
        },
        ...Object.fromEntries(
          resources.flatMap((spec) =>
            "invoke" in spec
              ? []
              : [[spec.name, {
                  type: `tencentcloud-organization:index:${spec.type}`,
                  properties: yamlValue(spec.args),
                  options: { provider: "${org}", ...(spec.dependsOn ? { dependsOn: spec.dependsOn.map((name) => `\${${name}}`) } : {}) },
                }]],
          ),
        ),
      },
      outputs: Object.fromEntries(
        resources.flatMap((spec) =>
          "invoke" in spec
            ? [[spec.name, {
                "fn::invoke": {
                  function: `tencentcloud-organization:index:${spec.invoke}`,
                  arguments: yamlValue(spec.args),
                  options: { provider: "${org}" },
                },
              }]]
            : [],
        ),
      ),
    };
    return stringify(program);
  },
  readsResourcesJson: false,
};

let pythonSdk: string | undefined;

/** Generates the Python SDK from schema.json and installs it, offline, into a folder of this process. */
function installPythonSdk(): string {
  if (pythonSdk !== undefined) return pythonSdk;
  const dir = path.join(LOCAL_DIR, "plugin-tests", `python-sdk-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  execFileSync("bash", [path.join(REPO_ROOT, "scripts", "gen-sdks.sh"), "--out", path.join(dir, "sdk"), "--languages", "python"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  execFileSync(path.join(PYTHON_VENV_BIN, "python"), [
    "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--no-build-isolation", "--no-index",
    "--target", path.join(dir, "site"), path.join(dir, "sdk", "python"),
  ]);
  pythonSdk = path.join(dir, "site");
  return pythonSdk;
}

const TYPESCRIPT_PROJECT = path.join(__dirname, "project-typescript");
let nodejsSdk: string | undefined;

/** Generates the Node.js SDK from schema.json and compiles it into its bin/, the package as Pulumi publishes it. */
function buildNodejsSdk(): string {
  if (nodejsSdk !== undefined) return nodejsSdk;
  const dir = path.join(LOCAL_DIR, "plugin-tests", `nodejs-sdk-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  execFileSync("bash", [path.join(REPO_ROOT, "scripts", "gen-sdks.sh"), "--out", dir, "--languages", "nodejs"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const sdk = path.join(dir, "nodejs");
  execFileSync(path.join(REPO_ROOT, "node_modules", ".bin", "tsc"), ["-p", path.join(sdk, "tsconfig.json")]);
  fs.copyFileSync(path.join(sdk, "package.json"), path.join(sdk, "bin", "package.json"));
  nodejsSdk = path.join(sdk, "bin");
  return nodejsSdk;
}

/** ./project-typescript on the generated Node.js SDK, installed under the package name schema.json gives it. */
export function typescriptProject(): ProjectLanguage {
  const sdk = buildNodejsSdk();
  const { name } = JSON.parse(fs.readFileSync(path.join(sdk, "package.json"), "utf8")) as { name: string };
  return {
    setUp(workDir) {
      for (const file of ["index.ts", "tsconfig.json"]) {
        fs.copyFileSync(path.join(TYPESCRIPT_PROJECT, file), path.join(workDir, file));
      }
      // A link, as `npm install <folder>` makes: the SDK resolves @pulumi/pulumi from its real path, the repository's.
      fs.mkdirSync(path.dirname(path.join(workDir, "node_modules", name)), { recursive: true });
      fs.symlinkSync(sdk, path.join(workDir, "node_modules", name), "dir");
    },
    pulumiYaml: () => fs.readFileSync(path.join(TYPESCRIPT_PROJECT, "Pulumi.yaml"), "utf8"),
    readsResourcesJson: true,
  };
}

/** Removes this process's Node.js SDK folder. */
export function removeNodejsSdk(): void {
  if (nodejsSdk !== undefined) fs.rmSync(path.dirname(path.dirname(nodejsSdk)), { recursive: true, force: true });
  nodejsSdk = undefined;
}

/** Removes this process's Python SDK folder. */
export function removePythonSdk(): void {
  if (pythonSdk !== undefined) fs.rmSync(path.dirname(pythonSdk), { recursive: true, force: true });
  pythonSdk = undefined;
}

/** ./project-python on the generated Python SDK. */
export function pythonProject(): ProjectLanguage {
  return {
    setUp: (workDir) => fs.copyFileSync(path.join(PYTHON_PROJECT, "__main__.py"), path.join(workDir, "__main__.py")),
    pulumiYaml: () => fs.readFileSync(path.join(PYTHON_PROJECT, "Pulumi.yaml"), "utf8"),
    readsResourcesJson: true,
    env: { PYTHONPATH: installPythonSdk() },
  };
}
