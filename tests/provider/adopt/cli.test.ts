/**
 * The adoption command as users run it (the compiled bin, as a process), on its failure path: an API that keeps failing
 * part-way through the reads. It must exit non-zero naming the action and the API's answer, write nothing, and never
 * print a credential.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { start, type Emulator } from "../../../emulator";

const CLI = path.resolve(__dirname, "../../../dist/provider/adopt/cli.js");

let emulator: Emulator;
let workDir: string;

beforeAll(async () => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  emulator = await start({ port: 0 });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-cli-"));
});
afterAll(async () => {
  await emulator.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? "",
    TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
    TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
    TENCENTCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, timeout: 90_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

describe("tencentcloud-organization-adopt", () => {
  it("fails clearly and writes nothing when the API keeps failing part-way through the reads", async () => {
    // The departments and members read fine; every identity listing then fails, past the client's retries.
    emulator.control.injectFault({ kind: "internal-error", action: "ListOrganizationIdentity", count: 1000 });
    const project = path.join(workDir, "org");
    const result = await run(["--project", project]);
    emulator.control.clearFaults();

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ListOrganizationIdentity failed: InternalError/);
    expect(result.stdout).toBe("");
    expect(fs.existsSync(project)).toBe(false);
    const writes = emulator.control.calls().filter((call) => !/^(Describe|List)/.test(call.action));
    expect(writes).toEqual([]);
    for (const secret of [emulator.credentials.secretKey, emulator.credentials.secretId]) {
      expect(result.stderr).not.toContain(secret);
    }
  });

  it("writes the project once the API answers again", async () => {
    const project = path.join(workDir, "org");
    const result = await run(["--project", project]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.stringMatching(/^adopted: .*\nAPI calls: \d+/) });
    expect(fs.readdirSync(project).sort()).toEqual(["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
  });
});
