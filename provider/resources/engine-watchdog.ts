/**
 * Ends the dynamic provider process when the engine that started it is gone.
 *
 * The engine starts `pulumi-resource-pulumi-nodejs` (a shell script that runs Node) in a process group of its own and
 * stops it when the run ends. When the engine is killed instead (a cancelled CI job, `kill -9`), nothing stops it: the
 * host's gRPC server keeps the event loop alive, and the process sat there for as long as the machine ran (measured:
 * still alive 30 minutes after the kill). The engine's own address is the host's first argument, so the watchdog
 * checks every few seconds that something still listens there, and exits once it has been refused twice in a row.
 */
import * as net from "node:net";

const CHECK_EVERY_MS = 2_000;
const REFUSALS_TO_EXIT = 2;

/** The engine's `host:port` when this process is the dynamic provider host, else undefined. */
export function engineAddress(argv: readonly string[] = process.argv): { host: string; port: number } | undefined {
  const script = argv[1] ?? "";
  if (!/dynamic-provider([\\/]index(\.js)?)?$/.test(script)) return undefined;
  const match = /^(127\.0\.0\.1|localhost|\[::1\]|::1):(\d{1,5})$/.exec(argv[2] ?? "");
  return match ? { host: match[1]!.replace(/^\[|\]$/g, ""), port: Number(match[2]) } : undefined;
}

function listening(address: { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(address.port, address.host);
    socket.setTimeout(CHECK_EVERY_MS);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    // Only a refusal says the engine is gone; a slow answer from a busy engine does not.
    socket.once("timeout", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code !== "ECONNREFUSED"));
  });
}

let started = false;

/** Starts the watchdog once per process, when running as the dynamic provider host. */
export function watchEngine(exit: (code: number) => void = (code) => process.exit(code)): void {
  const address = engineAddress();
  if (started || address === undefined) return;
  started = true;
  let refusals = 0;
  const timer = setInterval(() => {
    void listening(address).then((alive) => {
      refusals = alive ? 0 : refusals + 1;
      if (refusals >= REFUSALS_TO_EXIT) {
        process.stderr.write(`the Pulumi engine at ${address.host}:${address.port} is gone; the dynamic provider exits\n`);
        exit(0);
      }
    });
  }, CHECK_EVERY_MS);
  // The watchdog never keeps the process alive by itself.
  timer.unref();
}
