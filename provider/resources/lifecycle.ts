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
 *   already taken (an earlier attempt whose answer never reached state: a killed run, a failed read-back), looks the
 *   object up and adopts it only with proof that this resource made it. Anything else under that name is a clear
 *   error that says how to adopt the object.
 */
import { type ActionName, GONE_CODES } from "../api";
import { isApiError, isUnknownOutcome } from "../client";
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
  /** For messages: `member "platform-ops"`. */
  readonly what: string;
  /** Sends the create; resolves to the new object's id. */
  create(): Promise<number>;
  /** Whether the API refused the create because the unique name is taken. */
  nameTaken(error: unknown): boolean;
  /** The object holding the name, if any. */
  findByName(): Promise<C | undefined>;
  /**
   * Whether `candidate` is proven to be this resource's own earlier (or just now unanswered) create. `attemptStartedAt`
   * is when this process sent the create whose outcome is unknown; absent when the name was taken at the first try.
   */
  isOurs(candidate: C, attemptStartedAt: number | undefined): boolean;
  /**
   * What to tell the user when the name belongs to an object the stack did not create; `undefined` when the API says
   * the name is taken but the lookup cannot see by whom.
   */
  howToAdopt(candidate: C | undefined): string;
}

/** The name is held by an object this resource cannot prove it created. */
export class NameCollisionError extends Error {
  override readonly name = "NameCollisionError";
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
      candidate = await spec.findByName();
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
        { cause: error },
      );
    }
    if (spec.isOurs(candidate, unknownOutcome ? startedAt : undefined)) return { id: candidate.id, recovered: true };
    throw new NameCollisionError(
      `cannot create ${spec.what}: the name is already used by ${candidate.id}, which this stack did not create ` +
        `(${spec.howToAdopt(candidate)})`,
      { cause: error },
    );
  }
}

/** How far apart our clock and the API's may be when comparing a CreateTime with when we sent a create. */
export const CLOCK_SKEW_MS = 5 * 60_000;
