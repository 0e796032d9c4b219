#!/usr/bin/env node
/**
 * tencentcloud-organization-emulator: runs the emulator until SIGINT/SIGTERM.
 *
 *   tencentcloud-organization-emulator [--port N] [--state-file PATH] [--seed-file PATH] [--no-rate-limit]
 *     [--listing-lag-ms N] [--print-json]
 *
 * Prints `url=...`, `secret_id=...`, `secret_key=...`, `read_only_secret_id=...`, `read_only_secret_key=...` (emulator
 * test keys, not cloud credentials; the second pair may only read), or with --print-json one line
 * `{"url","secretId","secretKey","readOnlySecretId","readOnlySecretKey"}`.
 */
import { parseArgs } from "node:util";
import { start } from "./index";

const USAGE =
  "usage: tencentcloud-organization-emulator [--port N] [--state-file PATH] [--seed-file PATH] [--no-rate-limit] " +
  "[--listing-lag-ms N] [--print-json]";

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "0" },
      "state-file": { type: "string" },
      "seed-file": { type: "string" },
      "no-rate-limit": { type: "boolean", default: false },
      "listing-lag-ms": { type: "string" },
      "print-json": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535 (got ${values.port})`);
  // Absent, the seed file's behaviour.listingLagMs (or none) decides.
  const listingLagMs = values["listing-lag-ms"] === undefined ? undefined : Number(values["listing-lag-ms"]);
  if (listingLagMs !== undefined && (!Number.isInteger(listingLagMs) || listingLagMs < 0))
    throw new Error(`--listing-lag-ms must be a whole number of milliseconds from 0 (got ${values["listing-lag-ms"]})`);

  const emulator = await start({
    port,
    ...(values["state-file"] ? { stateFile: values["state-file"] } : {}),
    ...(values["seed-file"] ? { seed: values["seed-file"] } : {}),
    rateLimits: !values["no-rate-limit"],
    ...(listingLagMs === undefined ? {} : { listingLagMs }),
  });
  const { url, credentials, readOnlyCredentials } = emulator;
  const printed = {
    url,
    secretId: credentials.secretId,
    secretKey: credentials.secretKey,
    ...(readOnlyCredentials ? { readOnlySecretId: readOnlyCredentials.secretId, readOnlySecretKey: readOnlyCredentials.secretKey } : {}),
  };
  if (values["print-json"]) {
    process.stdout.write(`${JSON.stringify(printed)}\n`);
  } else {
    // secretId -> secret_id, readOnlySecretKey -> read_only_secret_key
    const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    process.stdout.write(Object.entries(printed).map(([key, value]) => `${snake(key)}=${value}\n`).join(""));
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`emulator: ${signal}, stopping\n`);
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(2);
});
