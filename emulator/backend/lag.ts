/**
 * Listing lag: a created object is left out of every Describe and List answer until it is `lagMs` old (on the
 * emulator's clock), as a cloud's read path lags its writes (moto's state transitions: an object progresses from
 * "created" to "listed" after a time). Off (0) by default.
 *
 * What lags, and what does not (emulator/README.md "Listing lag"):
 * - Whole items of a listing lag: a node, member, identity, authorization pair or policy (with every binding row of
 *   it) created less than `lagMs` ago is not in the answer, and Total does not count it, so pages stay consistent.
 *   Filtered lookups of one object (SearchKey, IdentityId, PolicyId, MemberUin) are listings too and lag the same way.
 * - Updates and deletes are visible at once, and so are fields inside an item that is listed (a member's identities,
 *   a policy's new binding). Writes and their checks, and the errors a read answers for an unknown filter value
 *   (a NodeId naming no node), see every object at once: only what a listing answers lags.
 * - Creation times are kept in memory, not in the state file: after a restart every object is listed.
 */
import type { Clock } from "./time";

/** The kinds of object a listing answers, each keyed by its id (a pair by `memberUin:identityId`). */
export type ListedKind = "node" | "member" | "identity" | "authorization" | "policy";

export class ListingLag {
  private lag = 0;
  /** When each object created since the start (or the last reset) was created, ms on the clock, by `kind:key`. */
  private readonly createdAt = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  get lagMs(): number {
    return this.lag;
  }

  /** Sets the lag; 0 turns it off. Applies at once, to objects already created too. */
  setLag(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0) throw new Error(`listing lag must be a whole number of milliseconds from 0, not ${ms}`);
    this.lag = ms;
  }

  /** Records that a write created this object now (always, so that a lag set later applies to it too). */
  created(kind: ListedKind, key: number | string): void {
    this.createdAt.set(`${kind}:${key}`, this.clock());
  }

  /** Whether a listing answers this object now. */
  listed(kind: ListedKind, key: number | string): boolean {
    if (this.lag === 0) return true;
    const at = this.createdAt.get(`${kind}:${key}`);
    return at === undefined || this.clock() - at >= this.lag;
  }

  /** The items a listing answers now. */
  visible<T>(kind: ListedKind, items: readonly T[], key: (item: T) => number | string): readonly T[] {
    return this.lag === 0 ? items : items.filter((item) => this.listed(kind, key(item)));
  }

  /** Forgets every creation (back to a seed, whose objects are listed at once). */
  forget(): void {
    this.createdAt.clear();
  }
}
