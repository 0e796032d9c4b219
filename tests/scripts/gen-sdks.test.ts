/**
 * scripts/gen-sdks.sh with tools/sdkgen: the SDKs generated from the package schema are usable in each language.
 * The Node.js SDK compiles with the project's tsc and exports a class per resource and a function per lookup; the
 * Python SDK installs with pip from the cached venv, offline, and imports them; the Go SDK builds with `go build ./...`
 * (the module proxy on a machine's first run, its cache afterwards). Each SDK carries the schema's version
 * (respectSchemaVersion), and a schema without a valid version is refused, naming the field.
 *
 * The SDKs go to a folder under .pulumi-local, inside the repository, so the Node.js SDK resolves @pulumi/pulumi and
 * @types/node from the project's node_modules.
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { ensureEngine, ENGINE_ROOT, LOCAL_DIR, PYTHON_VENV_BIN, REPO_ROOT } from "../../scripts/engine";

jest.setTimeout(900_000);

const run = promisify(execFile);
/** The native plugin's package schema, generated from the zod schemas (npm run schema). */
const SCHEMA = path.join(REPO_ROOT, "schema.json");
const root = path.join(LOCAL_DIR, "tests", `gen-sdks-${process.pid}-${Date.now()}`);
const out = path.join(root, "sdk");

interface PackageSchema {
  version: string;
  resources: Record<string, unknown>;
  functions: Record<string, unknown>;
  language: { nodejs: { packageName: string }; python: { packageName: string } };
}
const schema = JSON.parse(fs.readFileSync(SCHEMA, "utf8")) as PackageSchema;
/** `pkg:index:OrganizationNode` → `OrganizationNode`: the name each SDK gives a resource or function. */
const memberName = (token: string): string => token.slice(token.lastIndexOf(":") + 1);
const resourceNames = Object.keys(schema.resources).map(memberName);
const functionNames = Object.keys(schema.functions).map(memberName);
/** Python names functions in snake_case: getNode → get_node. */
const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

beforeAll(() => {
  ensureEngine({ quiet: true });
  fs.mkdirSync(root, { recursive: true });
  execFileSync("bash", [path.join(REPO_ROOT, "scripts", "gen-sdks.sh"), "--schema", SCHEMA, "--out", out], {
    stdio: ["ignore", "ignore", "inherit"],
  });
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("the Node.js SDK", () => {
  const dir = path.join(out, "nodejs");

  it("compiles with tsc, strict, and exports every resource and function", async () => {
    const tsc = path.join(REPO_ROOT, "node_modules", ".bin", "tsc");
    await run(tsc, ["-p", path.join(dir, "tsconfig.json")]);
    // The package is its compiled bin/ with the manifest beside it, as Pulumi's SDKs are published (README).
    const bin = path.join(dir, "bin");
    fs.copyFileSync(path.join(dir, "package.json"), path.join(bin, "package.json"));
    // Loaded by node itself: it resolves @pulumi/pulumi from the repository's node_modules, as a project would.
    const exports = `console.log(Object.keys(require(${JSON.stringify(bin)})).join(","))`;
    const { stdout } = await run(process.execPath, ["-e", exports]);
    expect(stdout.trim().split(",")).toEqual(expect.arrayContaining([...resourceNames, ...functionNames, "Provider"]));
  });

  it("carries the schema's version", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: schema.language.nodejs.packageName, version: schema.version });
  });
});

describe("the Python SDK", () => {
  const python = path.join(PYTHON_VENV_BIN, "python");
  const site = path.join(root, "python-site");
  const module = schema.language.python.packageName;

  it("installs with pip, offline, and imports every resource and function", async () => {
    // --target keeps the shared venv as it is; its setuptools and wheel build the package without the network.
    await run(python, [
      "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--no-build-isolation",
      "--no-index", "--target", site, path.join(out, "python"),
    ]);
    const names = [...resourceNames, ...functionNames.map(snake), "Provider"];
    const present = `import ${module} as m, sys; print(",".join(n for n in sys.argv[1:] if hasattr(m, n)))`;
    const { stdout } = await run(python, ["-c", present, ...names], { env: { ...process.env, PYTHONPATH: site } });
    expect(stdout.trim().split(",")).toEqual(names);
  });

  it("carries the schema's version", () => {
    const dist = fs.readdirSync(site).find((entry) => entry.endsWith(".dist-info"));
    expect(dist).toBe(`${module}-${schema.version}.dist-info`);
  });
});

describe("the Go SDK", () => {
  const dir = path.join(out, "go");

  it("builds with go build ./...", async () => {
    // The engine's build tags, so the build reuses the engine's compiled Pulumi Go SDK from Go's build cache.
    await run("nice", ["-n", "10", "go", "build", "-trimpath", "-tags", "osusergo,grpcnotrace", "./..."], {
      cwd: dir,
      env: { ...process.env, GOFLAGS: "-mod=mod -buildvcs=false" },
    });
  });

  it("requires the Pulumi Go SDK of the engine's release", () => {
    const engine = fs.readFileSync(path.join(REPO_ROOT, "tools", "engine", "go.mod"), "utf8");
    const release = /^require github\.com\/pulumi\/pulumi\/pkg\/v3 (v[\d.]+)$/m.exec(engine)?.[1];
    expect(release).toMatch(/^v3\./);
    expect(fs.readFileSync(path.join(dir, "go.mod"), "utf8")).toContain(`github.com/pulumi/pulumi/sdk/v3 ${release}`);
  });
});

describe("sdkgen", () => {
  it("refuses a schema without a semantic version, naming the field", async () => {
    const broken = path.join(root, "no-version.json");
    fs.writeFileSync(broken, JSON.stringify({ ...schema, version: "latest" }));
    const refused = path.join(root, "refused");
    const failure = run(path.join(ENGINE_ROOT, "bin", "sdkgen"), ["-schema", broken, "-out", refused]);
    const message = `"version" "latest" is not a semantic version`;
    await expect(failure).rejects.toMatchObject({ stderr: expect.stringContaining(message) });
    expect(fs.existsSync(refused)).toBe(false);
  });
});
