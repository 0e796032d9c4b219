/** Pairs `memberUin:identityId` of MemberAuthIdentity: parsing, formatting, ordering and the declared grid. */
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
