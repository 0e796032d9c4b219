/** Runs the built adoption command (`tencentcloud-organization-adopt`) against an emulator, as a user runs it. */
import { execFile } from "node:child_process";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/engine";

const CLI = path.join(REPO_ROOT, "dist", "provider", "adopt", "cli.js");

/** Resolves with the command's stderr (its summary); rejects with it when the command fails. */
export function runAdopt(emulator: Emulator, args: string[]): Promise<string> {
  const env = {
    ...process.env,
    TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
    TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
    TENCENTCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
  };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { env }, (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stderr)));
  });
}
