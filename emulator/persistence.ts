/**
 * Durable state: every accepted write replaces the state file atomically. The new content goes to a temporary file in
 * the same directory, is fsynced, renamed over the state file, and the directory is fsynced; a crash at any point
 * leaves either the old file or the new one, never a mix. Leftover temporary files (a crash before the rename) are
 * ignored when loading. Writes are synchronous: the answer to a write is sent only once the state is on disk.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { State } from "./backend/state";
import { stateFromSeed } from "./backend/state";

const FORMAT = "tencentcloud-organization-emulator-state";
const FORMAT_VERSION = 1;

interface StateFile {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  state: State;
}

/** The temporary files of a state file start with this prefix (in the same directory). */
export function tempPrefix(stateFile: string): string {
  return `.${basename(stateFile)}.tmp-`;
}

export function saveState(stateFile: string, state: State): void {
  const directory = dirname(stateFile);
  const tempFile = join(directory, `${tempPrefix(stateFile)}${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const content: StateFile = { format: FORMAT, version: FORMAT_VERSION, state };
  const fd = openSync(tempFile, "wx", 0o600);
  try {
    // writeFileSync on a descriptor loops until every byte is written; a single writeSync may write fewer.
    writeFileSync(fd, `${JSON.stringify(content, null, 2)}\n`);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(tempFile);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(tempFile, stateFile);
  } catch (error) {
    unlinkSync(tempFile);
    throw error;
  }
  syncDirectory(directory);
}

/** The saved state, or undefined when there is no state file yet. Throws on a file that is not a valid state. */
export function loadState(stateFile: string): State | undefined {
  if (!existsSync(stateFile)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(stateFile, "utf8"));
  } catch (error) {
    throw new Error(`State file ${stateFile} is not valid JSON: ${(error as Error).message}`);
  }
  const file = parsed as Partial<StateFile> | null;
  if (file === null || typeof file !== "object" || file.format !== FORMAT || file.version !== FORMAT_VERSION)
    throw new Error(`State file ${stateFile} is not an emulator state file (format ${FORMAT} v${FORMAT_VERSION})`);
  // Re-validated like a seed: a hand-edited file must still be consistent. Times and counters are all present.
  return stateFromSeed(file.state, "1970-01-01 08:00:00", `state file ${stateFile}`);
}

function syncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(directory, "r");
    fsyncSync(fd);
  } catch {
    // Some platforms cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
