/**
 * Runs the emulator in a worker thread so the bench's clients and the emulator each get a core, as they would in
 * separate processes. Posts `{ url, credentials }` once listening; stops on any message from the parent.
 */
import { parentPort, workerData } from "node:worker_threads";
import { start } from "../emulator";

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error("emulator-worker must run as a worker thread");
  const { rateLimits } = (workerData ?? {}) as { rateLimits?: boolean };
  const emulator = await start({ port: 0, rateLimits: rateLimits ?? false });
  port.once("message", () => {
    void emulator.stop().then(() => port.close());
  });
  port.postMessage({ url: emulator.url, credentials: emulator.credentials });
}

void main();
