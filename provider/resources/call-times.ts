/**
 * Where an operation's time goes, for the bench: with TENCENTCLOUD_ORGANIZATION_CALL_TIMES set to a file, each call
 * the engine makes into the provider (check, diff, create, read, update, delete) appends one line to it, `kind entry
 * startMs endMs` (ms since the epoch). The bench sums them: time with a provider call in flight is the provider's share
 * of the operation, time with none the engine's. Nothing is written without the variable. Lines are appended
 * synchronously, so that none is lost when the engine ends the process; a write that fails is dropped (profiling never
 * fails a call).
 */
import * as fs from "node:fs";

const VARIABLE = "TENCENTCLOUD_ORGANIZATION_CALL_TIMES";

/** `run`, timed into the file the variable names, when it names one. */
export async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
  const file = process.env[VARIABLE];
  if (!file) return run();
  const start = Date.now();
  try {
    return await run();
  } finally {
    try {
      fs.appendFileSync(file, `${what} ${start} ${Date.now()}\n`);
    } catch {
      // Dropped: see above.
    }
  }
}

let highest = 0;

/**
 * With the variable set, appends `memory rss heapTotal heapUsed external arrayBuffers` (bytes) whenever the process's
 * RSS is the highest seen yet: what the peak is made of (V8's heap, or memory outside it).
 */
export function recordMemory(): void {
  const file = process.env[VARIABLE];
  if (!file) return;
  const usage = process.memoryUsage();
  if (usage.rss <= highest) return;
  highest = usage.rss;
  try {
    fs.appendFileSync(file, `memory ${usage.rss} ${usage.heapTotal} ${usage.heapUsed} ${usage.external} ${usage.arrayBuffers}\n`);
  } catch {
    // Dropped: see above.
  }
}
