/**
 * The ownership of MemberAuthIdentity's pairs, as a specification (provider/resources/pairs.ts): which pairs a resource
 * owns, releases, deletes and keeps pending. Examples first, then the rules as properties over generated ownerships.
 */
import fc from "fast-check";
import { MAX_AUTH_IDENTITIES, MAX_AUTH_MEMBERS } from "../../../provider/api/constants";
import {
  createBatches,
  declaredPairs,
  NOTHING_OWNED,
  type Ownership,
  ownedAtDestroy,
  parsePair,
  pendingAfter,
  preexistingAfter,
  preexistingAfterCreates,
  sortPairs,
  toDelete,
  unsureRemovals,
} from "../../../provider/resources/pairs";

/** What create or update decides, for the examples. */
const plan = (before: Ownership, declared: string[], existing: string[], exclusive = false) => ({
  preexisting: preexistingAfter(before, declared, existing, exclusive),
  toDelete: toDelete(before, declared, existing, exclusive),
});

describe("pairs: form and order", () => {
  it("a pair is `memberUin:identityId`; lists are distinct and ordered numerically by member, then identity", () => {
    expect(parsePair("100000000013:20")).toEqual({ memberUin: 100000000013, identityId: 20 });
    expect(sortPairs(["12:10", "11:2", "12:1", "11:2", "9:30"])).toEqual(["9:30", "11:2", "12:1", "12:10"]);
  });

  it("the declaration is every member with every identity", () => {
    expect(declaredPairs([12, 11], [10, 1])).toEqual(["11:1", "11:10", "12:1", "12:10"]);
  });

  it("creates are batched by identical identity sets, within the API's limits, each pair once", () => {
    const members = Array.from({ length: 12 }, (_, i) => 100 + i);
    const identities = Array.from({ length: 10 }, (_, i) => 1 + i);
    const batches = createBatches(declaredPairs(members, identities));
    expect(batches).toHaveLength(4);
    for (const batch of batches) {
      expect(batch.MemberUins.length).toBeLessThanOrEqual(MAX_AUTH_MEMBERS);
      expect(batch.IdentityIds.length).toBeLessThanOrEqual(MAX_AUTH_IDENTITIES);
    }
    expect(sortPairs(batches.flatMap((b) => declaredPairs(b.MemberUins, b.IdentityIds)))).toEqual(declaredPairs(members, identities));
  });
});

describe("pairs: ownership on create", () => {
  it("declared pairs that exist already are pre-existing; nothing is deleted", () => {
    expect(plan(NOTHING_OWNED, ["1:1", "1:2"], ["1:1", "1:3"])).toEqual({ preexisting: ["1:1"], toDelete: [] });
  });

  it("with exclusive, every other existing pair of the members is deleted and none is pre-existing", () => {
    expect(plan(NOTHING_OWNED, ["1:1"], ["1:1", "1:3", "2:3"], true)).toEqual({ preexisting: [], toDelete: ["1:3"] });
  });
});

describe("pairs: ownership on update", () => {
  const made: Ownership = { declared: ["1:1", "1:2"], preexisting: ["1:1"], pending: [] };

  it("a pair the resource made and no longer declares is deleted; a pre-existing one is released, not deleted", () => {
    expect(plan(made, [], ["1:1", "1:2"])).toEqual({ preexisting: [], toDelete: ["1:2"] });
  });

  it("a pre-existing pair stays pre-existing while declared", () => {
    expect(plan(made, ["1:1", "1:2"], ["1:1", "1:2"])).toEqual({ preexisting: ["1:1"], toDelete: [] });
  });

  it("a pre-existing pair released and declared again is pre-existing again", () => {
    const released: Ownership = { declared: ["1:2"], preexisting: [], pending: [] };
    expect(plan(released, ["1:1", "1:2"], ["1:1", "1:2"]).preexisting).toEqual(["1:1"]);
  });

  it("a pre-existing pair deleted outside and authorized again by the resource is the resource's from then on", () => {
    // 12:2 was there before the stack; it was deleted outside and the update authorized it again; 11:2 still exists.
    const after = preexistingAfterCreates(["11:2", "12:2"], ["11:2"], ["12:2"]);
    expect(after).toEqual(["11:2"]);
    expect(ownedAtDestroy({ declared: ["11:2", "12:2"], preexisting: after, pending: [] }, false, [])).toEqual(["12:2"]);
  });

  it("a pre-existing pair in Status 2 authorized again stays the organization's", () => {
    // It existed (not configured) when the update authorized it: the resource reconfigured it, it did not make it.
    expect(preexistingAfterCreates(["12:2"], ["12:2"], ["12:2"])).toEqual(["12:2"]);
  });

  it("a pending pair declared again is the resource's again: neither pre-existing nor deleted", () => {
    const waiting: Ownership = { declared: ["1:20"], preexisting: [], pending: ["3:20"] };
    expect(plan(waiting, ["1:20", "3:20"], ["1:20", "3:20"])).toEqual({ preexisting: [], toDelete: [] });
    expect(ownedAtDestroy({ declared: ["1:20", "3:20"], preexisting: [], pending: [] }, false, [])).toEqual(["1:20", "3:20"]);
  });

  it("a pending pair is deleted whether or not it is known to exist (a failure may have left it)", () => {
    expect(plan({ declared: [], preexisting: [], pending: ["1:2"] }, ["1:1"], []).toDelete).toEqual(["1:2"]);
  });

  it("a made pair that needs reconfiguring (it exists, not configured) is deleted when no longer declared", () => {
    // `existing` holds configured and Status-2 pairs alike.
    expect(plan({ declared: ["1:1", "1:3"], preexisting: [], pending: [] }, ["1:1"], ["1:1", "1:3"]).toDelete).toEqual(["1:3"]);
  });

  it("with exclusive, a dropped member loses the pairs the resource made for it; its other pairs are left alone", () => {
    const before: Ownership = { declared: ["1:1", "2:1"], preexisting: ["2:1"], pending: [] };
    expect(plan(before, ["1:1"], ["1:1", "2:1", "2:5"], true).toDelete).toEqual([]);
    const madeForTwo: Ownership = { declared: ["1:1", "2:1"], preexisting: [], pending: [] };
    expect(plan(madeForTwo, ["1:1"], ["1:1", "2:1", "2:5"], true).toDelete).toEqual(["2:1"]);
  });

  it("a made pair no longer declared whose existence state cannot tell must be looked up first", () => {
    const before: Ownership = { declared: ["1:1", "1:2", "1:3"], preexisting: ["1:3"], pending: [] };
    expect(unsureRemovals(before, ["1:1"], ["1:1"])).toEqual(["1:2"]);
    expect(unsureRemovals(before, ["1:1"], ["1:1", "1:2"])).toEqual([]);
  });
});

describe("pairs: after a failure, and on destroy", () => {
  it("every planned removal not known done stays pending", () => {
    expect(pendingAfter(["1:2", "1:3", "1:4"], ["1:2"])).toEqual(["1:3", "1:4"]);
  });

  it("destroy deletes the declared pairs not pre-existing and the pending ones; with exclusive, every recorded pair too", () => {
    const own: Ownership = { declared: ["1:1", "1:2"], preexisting: ["1:1"], pending: ["2:2"] };
    expect(ownedAtDestroy(own, false, ["1:1", "1:2"])).toEqual(["1:2", "2:2"]);
    expect(ownedAtDestroy({ ...own, preexisting: [] }, true, ["1:1", "1:2", "1:9"])).toEqual(["1:1", "1:2", "1:9", "2:2"]);
  });
});

/** Ownerships over 3 members x 3 identities, consistent as state records them. */
const GRID = declaredPairs([1, 2, 3], [1, 2, 3]);
const pairSet = fc.subarray(GRID);
const ownership = fc
  .record({ members: fc.subarray([1, 2, 3]), identities: fc.subarray([1, 2, 3]), preexisting: pairSet, pending: pairSet })
  .map(({ members, identities, preexisting, pending }): Ownership => {
    const declared = declaredPairs(members, identities);
    return {
      declared,
      preexisting: preexisting.filter((pair) => declared.includes(pair)),
      pending: pending.filter((pair) => !declared.includes(pair)),
    };
  });
const declaration = fc.record({ members: fc.subarray([1, 2, 3], { minLength: 1 }), identities: fc.subarray([1, 2, 3], { minLength: 1 }) })
  .map(({ members, identities }) => declaredPairs(members, identities));
const step = fc.record({ before: ownership, declared: declaration, existing: pairSet, exclusive: fc.boolean(), deletedShare: fc.double({ min: 0, max: 1, noNaN: true }) });

/** Without exclusive, what a resource owns is what it made and has not deleted. */
const madeBy = (own: Ownership, pair: string) => own.pending.includes(pair) || (own.declared.includes(pair) && !own.preexisting.includes(pair));

describe("pairs: the rules, for every ownership", () => {
  it("a declared pair is never deleted", () => {
    fc.assert(
      fc.property(step, ({ before, declared, existing, exclusive }) => {
        expect(toDelete(before, declared, existing, exclusive).filter((pair) => declared.includes(pair))).toEqual([]);
      }),
    );
  });

  it("only owned pairs are deleted, and with exclusive the other pairs of declared members", () => {
    fc.assert(
      fc.property(step, ({ before, declared, existing, exclusive }) => {
        const members = new Set(declared.map((pair) => parsePair(pair).memberUin));
        for (const pair of toDelete(before, declared, existing, exclusive)) {
          expect(madeBy(before, pair) || (exclusive && members.has(parsePair(pair).memberUin))).toBe(true);
        }
      }),
    );
  });

  it("a pair the resource made is never pre-existing afterwards", () => {
    fc.assert(
      fc.property(step, ({ before, declared, existing, exclusive }) => {
        const preexisting = preexistingAfter(before, declared, existing, exclusive);
        expect(preexisting.filter((pair) => madeBy(before, pair))).toEqual([]);
        expect(preexisting.filter((pair) => !declared.includes(pair))).toEqual([]);
      }),
    );
  });

  it("a pair the resource made stays owned until it is deleted, whichever removals a failure left undone", () => {
    fc.assert(
      fc.property(step, ({ before, declared, existing, exclusive, deletedShare }) => {
        const planned = toDelete(before, declared, existing, exclusive);
        const deleted = planned.slice(0, Math.floor(planned.length * deletedShare));
        const after: Ownership = {
          declared,
          preexisting: preexistingAfter(before, declared, existing, exclusive),
          pending: pendingAfter(planned, deleted),
        };
        for (const pair of GRID.filter((p) => madeBy(before, p) && (existing.includes(p) || before.pending.includes(p)))) {
          expect(deleted.includes(pair) || madeBy(after, pair)).toBe(true);
        }
        expect(after.pending.filter((pair) => declared.includes(pair))).toEqual([]);
      }),
    );
  });

  it("every made pair dropped from the declaration that state does not know to exist is named for lookup", () => {
    fc.assert(
      fc.property(step, ({ before, declared, existing }) => {
        const unsure = unsureRemovals(before, declared, existing);
        for (const pair of before.declared.filter((p) => madeBy(before, p) && !declared.includes(p) && !existing.includes(p))) {
          expect(unsure).toContain(pair);
        }
        expect(unsure.filter((pair) => !madeBy(before, pair) || declared.includes(pair))).toEqual([]);
      }),
    );
  });

  it("destroy deletes exactly the owned pairs, never a pre-existing one (without exclusive)", () => {
    fc.assert(
      fc.property(ownership, (own) => {
        expect(ownedAtDestroy(own, false, own.declared)).toEqual(GRID.filter((pair) => madeBy(own, pair)));
      }),
    );
  });
});
