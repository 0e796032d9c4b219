/**
 * What keeps a stack loadable and free of orphans when an operation fails part-way: partial failures that record what
 * was written, creates that recover an object their own earlier attempt made (and never one they did not make), and
 * deletes for which "already gone" is done.
 *
 * The rules:
 * - A failure that wrote nothing records nothing: the error goes to the engine as it is.
 * - A failure after the first write records the object (PartialFailure) with only what is known to be true, so the next
 *   `up` diffs against the truth and completes the work.
 * - A create whose outcome is unknown (timeout, reset, 5xx, lost answer, InternalError), or that meets its own name
 *   already taken (an earlier attempt whose answer never reached state: a killed run), looks the object up and takes
 *   it as its own only with proof that this resource made it (./ownership). Anything else under that name is a clear
 *   error that says what to do.
 */
import { type ActionName, GONE_CODES } from "../api";
import { isApiError, isUnknownOutcome } from "../client";
import { judgeOwnership, type OwnedKind, type OwnershipEvidence, type OwnershipVerdict } from "./ownership";
import { withoutUndefined } from "./properties";

/**
 * An error that tells the engine the object exists with these properties although the operation failed, so state keeps
 * it and the next `up` completes the work instead of orphaning it. The registry adds the serialized provider.
 */
export class PartialFailure extends Error {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  /** What the engine prints for a partially created or updated resource (it shows these, not the message). */
  readonly reasons: string[];

  constructor(id: string, properties: Record<string, unknown>, cause: unknown, what?: string) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(what === undefined ? detail : `${what}: ${detail}`, { cause });
    this.name = "PartialFailure";
    this.id = id;
    this.properties = withoutUndefined(properties);
    this.reasons = [this.message];
  }

  /** The same failure with more properties recorded. */
  withProperties(extra: Record<string, unknown>): PartialFailure {
    const copy = new PartialFailure(this.id, { ...this.properties, ...extra }, this.cause);
    copy.message = this.message;
    copy.reasons.splice(0, copy.reasons.length, ...this.reasons);
    return copy;
  }
}

/**
 * Runs what follows a create that succeeded (read-back, properties the create call cannot set). Any failure there is
 * a partial failure: the object exists, so state must hear of it with what is known (`known`).
 */
export async function afterCreate<T>(
  id: string,
  known: () => Record<string, unknown>,
  what: string,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PartialFailure) throw error;
    throw new PartialFailure(id, known(), error, what);
  }
}

/** Whether `error` is the API answering one of the codes `table` (GONE_CODES, NAME_TAKEN_CODES, IN_USE_CODES) lists for `action`. */
export function answeredOneOf(table: Partial<Record<ActionName, readonly string[]>>, action: ActionName, error: unknown): boolean {
  return (table[action] ?? []).some((code) => isApiError(error, code));
}

/**
 * Runs a delete; an object that is already gone is what a delete wants. "Gone" is what the action's official error
 * list says it is (GONE_CODES). Where that is a generic code (DeleteOrganizationMembers answers InvalidParameter for a
 * UIN that is not a member), `confirmGone` must agree, by a read, before the refusal counts as done.
 */
export async function deleteIfPresent(
  action: ActionName,
  run: () => Promise<unknown>,
  confirmGone?: () => Promise<boolean>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!answeredOneOf(GONE_CODES, action, error)) throw error;
    if (confirmGone !== undefined && !(await confirmGone())) throw error;
  }
}

/** An object found under the name a create wanted. */
export interface Candidate {
  readonly id: number;
}

export interface OwnedCreate<C extends Candidate> {
  readonly kind: OwnedKind;
  /** For messages: `member "platform-ops"`. */
  readonly what: string;
  /** The action that deletes such an object: part of the way out when no proof can tell whose the object is. */
  readonly deleteAction: ActionName;
  /** Sends the create; resolves to the new object's id. */
  create(): Promise<number>;
  /** Whether the API refused the create because the unique name is taken. */
  nameTaken(error: unknown): boolean;
  /** The object holding the name, if any. */
  findByName(): Promise<C | undefined>;
  /** What `candidate` offers as proof that this resource made it; ./ownership judges it. */
  evidence(candidate: C): OwnershipEvidence;
  /**
   * What to tell the user when the name belongs to an object the stack did not create; `undefined` when the API says
   * the name is taken but the lookup cannot see by whom.
   */
  howToAdopt(candidate: C | undefined): string;
}

/** The name is held by an object this resource cannot prove it created; `reason` says why (see judgeOwnership). */
export class NameCollisionError extends Error {
  override readonly name = "NameCollisionError";
  constructor(
    message: string,
    readonly reason: Exclude<OwnershipVerdict, "ours"> | "unseen",
    readonly objectId: number | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * How long a create whose outcome is unknown may still be completing at the API, or not yet listed: as long again as
 * the attempt took (a timed-out request may still be running there), within these bounds. The lookup repeats every
 * LATE_CREATE_POLL_MS until then.
 */
export const LATE_CREATE_WAIT_MS = { min: 5_000, max: 60_000 } as const;
export const LATE_CREATE_POLL_MS = 1_000;

/** The object a create whose outcome is unknown may have made, looked for until LATE_CREATE_WAIT_MS runs out. */
async function lookUpAfterUnknownOutcome<C extends Candidate>(spec: OwnedCreate<C>, startedAt: number): Promise<C | undefined> {
  const tookMs = Date.now() - startedAt;
  const deadline = Date.now() + Math.min(Math.max(tookMs, LATE_CREATE_WAIT_MS.min), LATE_CREATE_WAIT_MS.max);
  for (;;) {
    const found = await spec.findByName();
    if (found !== undefined || Date.now() >= deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, LATE_CREATE_POLL_MS));
  }
}

/** Why a candidate is not this resource's, and what to do, for each verdict. */
function collisionMessage<C extends Candidate>(spec: OwnedCreate<C>, candidate: C, verdict: Exclude<OwnershipVerdict, "ours">): string {
  const taken = `cannot create ${spec.what}: the name is already used by ${candidate.id}`;
  switch (verdict) {
    case "adopted":
      return (
        `${taken}, which this stack adopts: an adopted object is released on destroy, never taken for one the stack ` +
        `created (${spec.howToAdopt(candidate)}; a resource that stops adopting needs a name the adopted object does not hold)`
      );
    case "unproven":
      return (
        `${taken}, which has every field this create sends, but nothing shows that this stack created it: only the run ` +
        `that sent a create can recognize what it made. If a run of this stack was interrupted while creating it (a killed ` +
        `or failed up), delete ${candidate.id} (${spec.deleteAction}, or in the console) and run up again, which creates it ` +
        `anew; otherwise, ${spec.howToAdopt(candidate)}`
      );
    case "foreign":
      return `${taken}, which this stack did not create (${spec.howToAdopt(candidate)})`;
  }
}

/**
 * Creates an object, or recovers the one an earlier attempt of this resource made. Resolves to its id and whether it
 * was recovered (its other properties may then differ from what was asked, and need reading).
 */
export async function createOwned<C extends Candidate>(spec: OwnedCreate<C>): Promise<{ id: number; recovered: boolean }> {
  const startedAt = Date.now();
  try {
    return { id: await spec.create(), recovered: false };
  } catch (error) {
    const unknownOutcome = isUnknownOutcome(error);
    if (!unknownOutcome && !spec.nameTaken(error)) throw error;
    let candidate: C | undefined;
    try {
      candidate = unknownOutcome ? await lookUpAfterUnknownOutcome(spec, startedAt) : await spec.findByName();
    } catch (lookupError) {
      // Nothing is lost: the next `up` meets the name taken and looks again.
      if (error instanceof Error) {
        error.message += ` (whether the ${spec.what} was created could not be checked: ${
          lookupError instanceof Error ? lookupError.message : String(lookupError)
        }; the next up checks again)`;
      }
      throw error;
    }
    if (candidate === undefined) {
      if (unknownOutcome) throw error;
      throw new NameCollisionError(
        `cannot create ${spec.what}: the name is already used by an object this stack did not create ` +
          `(${spec.howToAdopt(undefined)}). ${error instanceof Error ? error.message : String(error)}`,
        "unseen",
        undefined,
        { cause: error },
      );
    }
    const verdict = judgeOwnership(spec.kind, candidate.id, spec.evidence(candidate), unknownOutcome ? startedAt : undefined);
    if (verdict === "ours") return { id: candidate.id, recovered: true };
    throw new NameCollisionError(collisionMessage(spec, candidate, verdict), verdict, candidate.id, { cause: error });
  }
}
