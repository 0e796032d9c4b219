/**
 * Progress of a long operation (many pages or batches), shown in the `pulumi up` output: a dynamic provider's
 * `pulumi.log.info` reaches the engine's output (CLI v3.259, Node language host v3.68), unlike a spinner. Throttled, so
 * that a CD log stays readable: nothing in the first PROGRESS_AFTER_MS, then at most one line per PROGRESS_EVERY_MS.
 */
import * as pulumi from "@pulumi/pulumi";

export const PROGRESS_AFTER_MS = 3_000;
export const PROGRESS_EVERY_MS = 5_000;

export interface Progress {
  /** Counts `n` more done, and says so if the operation has run long enough and the last line is old enough. */
  advance(n: number): void;
}

const count = (n: number) => n.toLocaleString("en-US");

/** `what` says what is being done to how many, e.g. "MemberAuthIdentity <id>: authorizing 5,000 pairs". */
export function progress(what: string, log: (line: string) => void = (line) => void pulumi.log.info(line), now = Date.now): Progress {
  const started = now();
  let last: number | undefined;
  let done = 0;
  return {
    advance(n) {
      done += n;
      const time = now();
      if (time - started < PROGRESS_AFTER_MS || (last !== undefined && time - last < PROGRESS_EVERY_MS)) return;
      last = time;
      log(`${what}: ${count(done)} done`);
    },
  };
}

export const pairs = (n: number) => `${count(n)} ${n === 1 ? "pair" : "pairs"}`;
