/**
 * The ownership algebra of MemberAuthIdentity over pairs `memberUin:identityId`: which pairs the resource owns, which it
 * releases, which it deletes and which wait. Pure set computations, no API and no engine; ./member-auth-identity reads
 * and writes, this module decides.
 *
 * What state records between operations (`Ownership`):
 * - `declared`: memberUins x identityIds;
 * - `preexisting`: declared pairs that existed before the resource declared them, and that it did not make. They are the
 *   organization's: released (left as found) when no longer declared or on destroy;
 * - `pending`: pairs the resource made, no longer declared, whose removal has not completed yet (a member access policy
 *   still used them, or the operation failed first).
 *
 * The resource owns (declared \ preexisting) ∪ pending; with `exclusive` it owns every declared pair and every pair of
 * its members. The one rule everything here follows: a pair the resource made stays owned until it is deleted. So a
 * pending pair declared again is owned again (not pre-existing), and a failure leaves every pair it did not delete
 * pending.
 *
 * Limitations: ownership is per resource, so two MemberAuthIdentity resources declaring one pair see it as pre-existing
 * or their own, depending on which was first. With `exclusive`, `pending` also holds pairs the resource claimed rather
 * than made (a member's other pair that a policy kept in use); it does not tell the two apart, so such a pair is still
 * removed after its member is dropped from the declaration.
 */
import { MAX_AUTH_IDENTITIES, MAX_AUTH_MEMBERS } from "../api/constants";
import { chunks } from "./properties";

export interface Pair {
  memberUin: number;
  identityId: number;
}

/** `memberUin:identityId`, the form of every pair in state. */
export type PairKey = string;

export const pairKey = (pair: Pair): PairKey => `${pair.memberUin}:${pair.identityId}`;

export function parsePair(key: PairKey): Pair {
  const [member, identity] = key.split(":");
  return { memberUin: Number(member), identityId: Number(identity) };
}

/** Distinct pairs, by member and then identity (numerically). */
export function sortPairs(keys: Iterable<PairKey>): PairKey[] {
  return [...new Set(keys)].sort((a, b) => {
    const [pa, pb] = [parsePair(a), parsePair(b)];
    return pa.memberUin - pb.memberUin || pa.identityId - pb.identityId;
  });
}

/** Every member with every identity. */
export function declaredPairs(memberUins: readonly number[], identityIds: readonly number[]): PairKey[] {
  return sortPairs(memberUins.flatMap((memberUin) => identityIds.map((identityId) => pairKey({ memberUin, identityId }))));
}

/** What state records about the pairs between operations (see the module header). */
export interface Ownership {
  declared: readonly PairKey[];
  preexisting: readonly PairKey[];
  pending: readonly PairKey[];
}

/** Before a create. */
export const NOTHING_OWNED: Ownership = { declared: [], preexisting: [], pending: [] };

/** Whether `before` says the resource made `pair` (and has not deleted it). */
function made(before: Ownership, pair: PairKey): boolean {
  return before.pending.includes(pair) || (before.declared.includes(pair) && !before.preexisting.includes(pair));
}

/** The declared pairs that are not the resource's: recorded before, or newly declared and found existing, and not made by it. */
export function preexistingAfter(before: Ownership, declared: readonly PairKey[], existing: Iterable<PairKey>, exclusive: boolean): PairKey[] {
  if (exclusive) return [];
  const found = new Set(existing);
  return sortPairs(
    declared.filter(
      (pair) => before.preexisting.includes(pair) || (!before.declared.includes(pair) && !before.pending.includes(pair) && found.has(pair)),
    ),
  );
}

/**
 * The pre-existing pairs after a write that authorized `created`. A pre-existing pair that no longer existed (deleted
 * outside the stack) and that the resource authorized again was made by the resource: it is the resource's from then
 * on, and destroy removes it. A pre-existing pair that existed in Status 2 and was authorized again stays the
 * organization's. `existing` holds the pairs known to exist before the write.
 */
export function preexistingAfterCreates(preexisting: readonly PairKey[], existing: Iterable<PairKey>, created: Iterable<PairKey>): PairKey[] {
  const [present, made] = [new Set(existing), new Set(created)];
  return sortPairs(preexisting.filter((pair) => present.has(pair) || !made.has(pair)));
}

/**
 * The pairs to delete when going from `before` to `declared`: the undeclared pairs the resource made that exist or may
 * exist (pending ones always, since a failure may have left them), and with `exclusive` every other existing pair of
 * the declared members. `existing` holds the pairs known to exist, configured or not.
 */
export function toDelete(before: Ownership, declared: readonly PairKey[], existing: Iterable<PairKey>, exclusive: boolean): PairKey[] {
  const wanted = new Set(declared);
  const members = new Set(exclusive ? declared.map((pair) => parsePair(pair).memberUin) : []);
  return sortPairs(
    [...existing, ...before.pending].filter(
      (pair) => !wanted.has(pair) && (made(before, pair) || members.has(parsePair(pair).memberUin)),
    ),
  );
}

/**
 * The previously declared pairs the resource made, now undeclared, whose existence `existing` does not tell: created
 * by a call whose answer was lost, say. They must be looked up before the removals are planned, or they would leak.
 */
export function unsureRemovals(before: Ownership, declared: readonly PairKey[], existing: Iterable<PairKey>): PairKey[] {
  const known = new Set([...existing, ...declared]);
  return sortPairs(before.declared.filter((pair) => made(before, pair) && !known.has(pair)));
}

/** Pending after a create or update that deleted `deleted` of `planned`: every planned removal not known done. */
export function pendingAfter(planned: readonly PairKey[], deleted: Iterable<PairKey>): PairKey[] {
  const gone = new Set(deleted);
  return sortPairs(planned.filter((pair) => !gone.has(pair)));
}

/**
 * The pairs destroy deletes: the owned ones. `recorded` are the configured pairs state holds (with `exclusive`, every
 * pair of the members that the last read found).
 */
export function ownedAtDestroy(own: Ownership, exclusive: boolean, recorded: readonly PairKey[]): PairKey[] {
  return exclusive
    ? sortPairs([...own.declared, ...recorded, ...own.pending])
    : sortPairs([...own.declared.filter((pair) => !own.preexisting.includes(pair)), ...own.pending]);
}

/**
 * Groups pairs into CreateOrganizationMemberAuthIdentity calls: members wanting the same identities share calls, each
 * of at most 10 members and 5 identities. For a full members x identities grid this is the minimum number of calls.
 */
export function createBatches(pairs: string[]): Array<{ MemberUins: number[]; IdentityIds: number[] }> {
  const identitiesByMember = new Map<number, number[]>();
  for (const { memberUin, identityId } of pairs.map(parsePair)) {
    identitiesByMember.set(memberUin, [...(identitiesByMember.get(memberUin) ?? []), identityId]);
  }
  const membersByIdentitySet = new Map<string, number[]>();
  for (const [memberUin, ids] of identitiesByMember) {
    const key = ids.sort((a, b) => a - b).join(",");
    membersByIdentitySet.set(key, [...(membersByIdentitySet.get(key) ?? []), memberUin]);
  }
  const batches: Array<{ MemberUins: number[]; IdentityIds: number[] }> = [];
  for (const [key, memberUins] of membersByIdentitySet) {
    const identityIds = key.split(",").map(Number);
    for (const MemberUins of chunks(memberUins.sort((a, b) => a - b), MAX_AUTH_MEMBERS)) {
      for (const IdentityIds of chunks(identityIds, MAX_AUTH_IDENTITIES)) batches.push({ MemberUins, IdentityIds });
    }
  }
  return batches;
}
