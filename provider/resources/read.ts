/**
 * The read skeleton that OrganizationNode, OrganizationIdentity, OrganizationMember and MemberAccessPolicy share
 * (read the object; not found: drop it from state; else its outputs, with the managed properties as inputs), and the
 * waits that listings lagging writes need. Cloud listings often leave a new object out for a few seconds after it is
 * created (the Terraform provider retries its reads after a create for this reason), so:
 *
 * - `readBack`: a create's read of what it just wrote waits for the object to be listed, at most `readBackTimeout`
 *   (default 30 s; `tencentcloud-organization:readBackTimeout`), printing progress, then fails with an error that
 *   names the object, the action and what to do.
 * - `findOrConfirmGone`: a read concludes that an object is gone only from a read that can settle it. Where the usual
 *   read is a full listing (nodes: the API cannot look one up), that is a second full listing made after the first: a
 *   delete plus a create between two pages of one listing leaves Total unchanged, so paging cannot notice, and the
 *   listing can skip an object that exists. Members, identities and policies are looked up directly already. An object
 *   the stack wrote less than `readBackTimeout` ago is dropped only once that time has passed with it still unlisted.
 *
 * Limitations: "written shortly before" is judged from the times state recorded (the API's CreateTime/UpdateTime, or
 * what the resource recorded itself); an object state knows without them (a partial create) gets one confirming read
 * and no wait. Two full node listings can both miss a node if the organization changes under both in the same way.
 */
import type * as pulumi from "@pulumi/pulumi";
import { type ActionName, parseApiTime } from "../api";
import { readBackTimeout } from "./config";
import { type Progress, progress } from "./progress";
import { defined, withoutProvider } from "./properties";

/** The first pause between two looks, doubling up to MAX_PAUSE_MS: a listing that lags a few seconds costs a few calls. */
export const FIRST_PAUSE_MS = 250;
export const MAX_PAUSE_MS = 2_000;

/** A created object that the listings did not show within the read-back bound. */
export class ReadBackTimeoutError extends Error {
  override readonly name = "ReadBackTimeoutError";

  constructor(
    /** e.g. `node 100005` */
    readonly what: string,
    readonly action: ActionName,
    readonly timeoutMs: number,
  ) {
    super(
      `${what} was created, but ${action} did not list it within ${timeoutMs / 1000} s (the API's listings can lag its ` +
        "writes). It exists and state records it: run `pulumi up` again once it is listed, or let reads wait longer " +
        "with tencentcloud-organization:readBackTimeout (TENCENTCLOUD_ORGANIZATION_READ_BACK_TIMEOUT), in seconds",
    );
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Looks until `done` holds or `deadline` (ms since the epoch) has passed; the last look is made at the deadline. */
async function lookUntil<T>(look: () => Promise<T>, done: (value: T) => boolean, deadline: number, waiting: Progress): Promise<T> {
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    const value = await look();
    const left = deadline - Date.now();
    if (done(value) || left <= 0) return value;
    await sleep(Math.min(pause, left));
    pause = Math.min(MAX_PAUSE_MS, 2 * pause);
    waiting.advance(1);
  }
}

const waitingFor = (action: ActionName, what: string, timeoutMs: number): Progress =>
  progress(`waiting for ${action} to list ${what} (listings can lag writes; at most ${timeoutMs / 1000} s): lookups`);

/** The object just written, once a listing shows it; a ReadBackTimeoutError after `readBackTimeout`. */
export async function readBack<T>(what: string, action: ActionName, find: () => Promise<T | undefined>): Promise<T> {
  const timeoutMs = readBackTimeout();
  const found = await lookUntil(find, (value) => value !== undefined, Date.now() + timeoutMs, waitingFor(action, what, timeoutMs));
  if (found === undefined) throw new ReadBackTimeoutError(what, action, timeoutMs);
  return found;
}

/** When the stack last wrote an object, from the API times state recorded for it (ms since the epoch). */
export function writtenAt(previous: Record<string, unknown>): number | undefined {
  const times = [previous.createTime, previous.updateTime].map((time) => parseApiTime(time as string | undefined));
  const known = times.filter((time): time is number => time !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
}

export interface ObjectRead<T> {
  /** For messages: `node 100005`. */
  what: string;
  /** The action whose answer shows the object. */
  action: ActionName;
  /** The usual read: the object, or undefined when this read did not see it. */
  find(): Promise<T | undefined>;
  /**
   * A read that settles absence when `find` cannot (a full listing made after find's). Without it, `find` concludes
   * absence only from a direct lookup, and is repeated only while the object counts as written shortly before.
   */
  confirm?: () => Promise<T | undefined>;
  /** When the stack last wrote the object (ms since the epoch), if known. */
  writtenAt: number | undefined;
}

/**
 * Reads until the outcome is settled: `look` again while `settled` is false and the object was written less than
 * `readBackTimeout` ago, with progress; one look more when `confirmOnce` and it is older. Returns the last read.
 */
export async function lookUntilSettled<T>(
  spec: { what: string; action: ActionName; writtenAt: number | undefined },
  look: () => Promise<T>,
  settled: (value: T) => boolean,
  confirmOnce: boolean,
): Promise<T | undefined> {
  const timeoutMs = readBackTimeout();
  const deadline = spec.writtenAt === undefined ? 0 : spec.writtenAt + timeoutMs;
  if (!confirmOnce && Date.now() >= deadline) return undefined;
  return lookUntil(look, settled, deadline, waitingFor(spec.action, spec.what, timeoutMs));
}

/** The object, or undefined once its absence is confirmed (see the module comment). */
export async function findOrConfirmGone<T>(spec: ObjectRead<T>): Promise<T | undefined> {
  const found = await spec.find();
  if (found !== undefined) return found;
  return lookUntilSettled(spec, spec.confirm ?? spec.find, (value) => value !== undefined, spec.confirm !== undefined);
}

export interface ResourceRead<T> extends Omit<ObjectRead<T>, "writtenAt"> {
  /** The managed properties when state records none (a read by id alone). */
  defaultManaged: readonly string[];
  /** Inputs carried as found besides the managed properties (the member's ownership tag). */
  alsoInputs?: readonly string[];
  outputs(found: T, managed: readonly string[], createdByStack: boolean, previous: Record<string, unknown>): Record<string, unknown>;
}

/**
 * The dynamic provider's `read` of one object: dropped (empty id) once its absence is confirmed, else its outputs, and
 * as inputs the managed properties as found, so a following preview shows exactly the drift.
 */
export async function readResource<T>(id: string, props: Record<string, unknown>, spec: ResourceRead<T>): Promise<pulumi.dynamic.ReadResult> {
  const previous = withoutProvider(props);
  const found = await findOrConfirmGone({ ...spec, writtenAt: writtenAt(previous) });
  if (found === undefined) return { id: "" };
  const managed = (previous.managedProperties as string[] | undefined) ?? spec.defaultManaged;
  const outs = spec.outputs(found, managed, previous.createdByStack === true, previous);
  const inputs = defined(Object.fromEntries([...managed, ...(spec.alsoInputs ?? [])].map((key) => [key, outs[key]])));
  return { id, props: outs, inputs };
}
