/**
 * Reads shared by the resources of one provider process. The engine runs every resource of a stack in one dynamic
 * provider process and reads them concurrently (at most `--parallel` at once), so lookups arrive together; each kind is
 * coalesced (./coalescer) into the fewest calls that answer the batch:
 *
 * - members: one SearchKey lookup per UIN, the pages they were last seen on, or one sweep of the organization
 *   (⌈org/50⌉ pages), whichever is fewer;
 * - authorizations: per member or per identity, over the whole batch, whichever is fewer pages;
 * - policies: one listing of every binding when that is fewer pages than one per policy, and the descriptions from the
 *   fewest members whose policy lists cover the batch.
 *
 * Absence is only ever concluded from a lookup of the one object (a member's UIN, a PolicyId): a delete plus a create
 * between two pages of a full listing leaves Total unchanged, so paging cannot notice, and the listing skips an item.
 *
 * The sharing rule: within one operation (one provider process, configured once), a read may be answered from a listing
 * this process took during the same operation, provided the listing is at most `sharedReadMaxAge` old (30 s by
 * default; `tencentcloud-organization:sharedReadMaxAge`, 0 turns sharing off) and no write by this process touched what
 * the read asks about since the listing started (./write-log: a write invalidates what it touches). So a write by the
 * process is always seen by its next read, and an outside change made before the operation started is always seen; an
 * outside change made during the operation is a race, which the next operation shows. Absence is never kept: an object
 * missing from a listing is looked up again each time, so waits for a lagging listing (./read.ts) look afresh. A read
 * may ask for `fresh` rows (the second look of a wait) and is then answered by calls made after it arrived.
 *
 * A call that fails fails only the reads it answers (a FailedRead for each), never the others of its batch.
 */
import type { ItemOf } from "../api";
import { MAX_PAGE_SIZE } from "../api/constants";
import { paginate } from "../client";
import { Coalescer, FailedRead, settled } from "./coalescer";
import { sharedClient, sharedReadMaxAge } from "./config";
import { mark, touches, untouchedSince, writtenInOperation } from "./write-log";

const pagesOf = (total: number) => Math.max(1, Math.ceil(total / MAX_PAGE_SIZE));

/** When a listing started: on the write log's clock, and in wall time for its age. */
interface Started {
  mark: number;
  at: number;
}
const starting = (): Started => ({ mark: mark(), at: Date.now() });

/** Something a listing of this operation said, and when that listing started. */
interface Listed<T> {
  value: T;
  started: Started;
}

/** Whether `listed` may answer a read about `keys` (the sharing rule above). */
function usable<T>(listed: Listed<T> | undefined, keys: Iterable<string>): listed is Listed<T> {
  if (listed === undefined) return false;
  const maxAge = sharedReadMaxAge();
  return maxAge > 0 && Date.now() - listed.started.at <= maxAge && untouchedSince(listed.started.mark, keys);
}

// ---- members ----

type OrgMember = ItemOf<"DescribeOrganizationMembers">;

/** The organization's size in pages, once a listing told it: a sweep's cost. */
let organizationPages: number | undefined;
/**
 * The page each member was on when last listed. Only a hint of which page to read for it: the answer always comes
 * from that page read now, and a member not found where the hint said is looked up on its own.
 */
const pageOfMember = new Map<number, number>();
/**
 * Lookups made by this process of members it had not written: once they add up to a quarter of a sweep, a sweep
 * (which answers every later read of the operation too, and gives every member's page) pays. At worst a stack pays
 * 1.25 sweeps for its members. A read-back of a write is a lookup whatever came before: no listing could answer it.
 */
let lookupsMade = 0;
const SWEEP_AFTER = 0.25;
/** Reads of one member each, before the organization's size is known: a stack this small is never swept. */
const FIRST_LOOKUPS = 4;
/** Members as this operation's listings and lookups found them. */
const listedMembers = new Map<number, Listed<OrgMember>>();

type MemberPage = { Items: OrgMember[]; Total: number };

function remember(page: MemberPage, offset: number, started: Started): void {
  page.Items.forEach((member, i) => {
    pageOfMember.set(member.MemberUin, Math.floor((offset + i) / MAX_PAGE_SIZE));
    listedMembers.set(member.MemberUin, { value: member, started });
  });
}

async function lookupMember(memberUin: number): Promise<OrgMember | undefined> {
  if (!writtenInOperation(touches.member(memberUin))) lookupsMade++;
  const started = starting();
  const found = (await paginate(sharedClient(), "DescribeOrganizationMembers", { SearchKey: String(memberUin) })).find(
    (member) => member.MemberUin === memberUin,
  );
  if (found) listedMembers.set(memberUin, { value: found, started });
  return found;
}

type MemberAnswers = Map<string, OrgMember | undefined | FailedRead>;

async function lookupEach(uins: number[], into: MemberAnswers): Promise<void> {
  const found = await Promise.all(uins.map((uin) => settled(lookupMember(uin))));
  uins.forEach((uin, i) => into.set(String(uin), found[i]));
}

async function readPage(index: number): Promise<MemberPage> {
  const Offset = index * MAX_PAGE_SIZE;
  const started = starting();
  const page = await sharedClient().call("DescribeOrganizationMembers", { Offset, Limit: MAX_PAGE_SIZE });
  remember(page, Offset, started);
  return page;
}

/**
 * Every member, continuing from a first page already read when there is one: later pages must agree with it (same
 * Total, full pages), or the organization is listed again from the start by `paginate`.
 */
async function sweepMembers(first?: MemberPage): Promise<OrgMember[]> {
  const again = async () => {
    const started = starting();
    const all = await paginate(sharedClient(), "DescribeOrganizationMembers", {});
    remember({ Items: all, Total: all.length }, 0, started);
    return all;
  };
  first ??= await readPage(0);
  if (first.Items.length !== Math.min(MAX_PAGE_SIZE, first.Total)) return again();
  const all = [...first.Items];
  for (let index = 1; index < pagesOf(first.Total); index++) {
    const page = await readPage(index);
    if (page.Total !== first.Total || page.Items.length !== Math.min(MAX_PAGE_SIZE, first.Total - index * MAX_PAGE_SIZE)) return again();
    all.push(...page.Items);
  }
  return all;
}

/** Answers `uins` from members just read; the ones they do not hold are looked up on their own. */
async function answer(uins: number[], read: OrgMember[], into: MemberAnswers): Promise<void> {
  const byUin = new Map(read.map((member) => [member.MemberUin, member]));
  for (const uin of uins) if (byUin.has(uin)) into.set(String(uin), byUin.get(uin));
  // Absence is only ever concluded from a lookup.
  await lookupEach(
    uins.filter((uin) => !byUin.has(uin)),
    into,
  );
}

async function fetchMembers(asked: number[]): Promise<MemberAnswers> {
  const result: MemberAnswers = new Map();
  const uins: number[] = [];
  for (const uin of asked) {
    const held = heldMember(uin);
    if (held) result.set(String(uin), held.value);
    else uins.push(uin);
  }
  if (uins.length === 0) return result;
  // One member alone is looked up, until such lookups add up to what a sweep would cost (reads arriving one at a
  // time, as an up's creates do); a read-back of a write always is.
  const lookupPays =
    organizationPages === undefined ? lookupsMade < FIRST_LOOKUPS : lookupsMade + 1 < SWEEP_AFTER * organizationPages;
  if (uins.length === 1 && (lookupPays || writtenInOperation(touches.member(uins[0]!)))) {
    await lookupEach(uins, result);
    return result;
  }
  if (organizationPages === undefined) {
    // The first page tells the organization's size; it answers what it holds, and the rest costs the cheaper way.
    const first = await readPage(0);
    organizationPages = pagesOf(first.Total);
    const rest = uins.filter((uin) => !first.Items.some((member) => member.MemberUin === uin));
    if (rest.length === 0 || lookupsMade + rest.length < SWEEP_AFTER * organizationPages) {
      await answer(uins, first.Items, result);
      return result;
    }
    const all = await sweepMembers(first);
    organizationPages = pagesOf(all.length);
    await answer(uins, all, result);
    return result;
  }
  // The pages the members were last seen on, and lookups for the others; or a sweep, when that is fewer calls or the
  // lookups so far add up to one.
  const pages = new Set(uins.map((uin) => pageOfMember.get(uin)).filter((page) => page !== undefined));
  const unplaced = uins.filter((uin) => !pageOfMember.has(uin)).length;
  if (pages.size + unplaced >= organizationPages || (unplaced > 0 && lookupsMade + unplaced >= SWEEP_AFTER * organizationPages)) {
    const all = await sweepMembers();
    organizationPages = pagesOf(all.length);
    await answer(uins, all, result);
    return result;
  }
  const read = await Promise.all([...pages].map(readPage));
  await answer(
    uins,
    read.flatMap((page) => page.Items),
    result,
  );
  return result;
}

function heldMember(uin: number): { value: OrgMember } | undefined {
  const listed = listedMembers.get(uin);
  return usable(listed, [touches.member(uin)]) ? { value: listed.value } : undefined;
}

const members = new Coalescer<number, OrgMember | undefined>(fetchMembers, String, heldMember);

/** The member with this UIN (under the sharing rule above), or undefined when a lookup does not find it. */
export function readMember(memberUin: number): Promise<OrgMember | undefined> {
  return members.load(memberUin);
}

// ---- authorizations ----

type AuthRow = ItemOf<"DescribeOrganizationMemberAuthIdentities">;

export interface AuthQuery {
  memberUins: number[];
  identityIds: number[];
  /** Every identity of the members is wanted, so they are listed per member. */
  exclusive: boolean;
  /** Answered by listings made after the query arrived, never by earlier ones (a wait's second look). */
  fresh?: boolean;
}

/** Pages of one identity's listing, once read: the cost of listing it again. */
const identityPages = new Map<number, number>();
/** Listings per member made by this process: once they add up to an identity's listing, that listing pays. */
let memberListingsMade = 0;
/** This operation's listings, per member (every identity of it) and per identity (every member holding it). */
const listingOfMember = new Map<number, Listed<AuthRow[]>>();
const listingOfIdentity = new Map<number, Listed<AuthRow[]>>();

async function listAuth(request: { MemberUin: number } | { IdentityId: number }): Promise<AuthRow[]> {
  const started = starting();
  const rows = await paginate(sharedClient(), "DescribeOrganizationMemberAuthIdentities", request);
  if ("IdentityId" in request) {
    identityPages.set(request.IdentityId, pagesOf(rows.length));
    listingOfIdentity.set(request.IdentityId, { value: rows, started });
  } else {
    memberListingsMade++;
    listingOfMember.set(request.MemberUin, { value: rows, started });
  }
  return rows;
}

const authId = (query: AuthQuery) => JSON.stringify([query.memberUins, query.identityIds, query.exclusive, query.fresh === true]);

/** The query's rows from this operation's listings, when the sharing rule lets them answer it. */
function listedAuth(query: AuthQuery): AuthRow[] | undefined {
  if (query.fresh) return undefined;
  // A member's listing holds every identity of it; any authorization write for the member touches the member.
  const ofMembers = query.memberUins.map((uin) => listingOfMember.get(uin));
  if (ofMembers.every((listed, i) => usable(listed, [touches.member(query.memberUins[i]!)]))) {
    return ofMembers.flatMap((listed) => listed!.value);
  }
  if (query.exclusive) return undefined;
  const members = new Set(query.memberUins);
  const ofIdentities = query.identityIds.map((id) => listingOfIdentity.get(id));
  const untouched = (listed: Listed<AuthRow[]> | undefined, id: number) =>
    usable(
      listed,
      query.memberUins.map((uin) => touches.pair(uin, id)),
    );
  if (!ofIdentities.every((listed, i) => untouched(listed, query.identityIds[i]!))) return undefined;
  return ofIdentities.flatMap((listed) => listed!.value.filter((row) => row.MemberUin != null && members.has(row.MemberUin)));
}

async function fetchAuth(asked: AuthQuery[]): Promise<Map<string, AuthRow[] | FailedRead>> {
  const answers = new Map<string, AuthRow[] | FailedRead>();
  const queries: AuthQuery[] = [];
  for (const query of asked) {
    const rows = listedAuth(query);
    if (rows) answers.set(authId(query), rows);
    else queries.push(query);
  }
  const exclusiveMembers = new Set(queries.filter((q) => q.exclusive).flatMap((q) => q.memberUins));
  const shared = queries.filter((q) => !q.exclusive);
  const sharedMembers = new Set(shared.flatMap((q) => q.memberUins).filter((uin) => !exclusiveMembers.has(uin)));
  // An identity's listing costs what it cost last time, or at least a page per 50 members of the batch asking for it.
  const demand = new Map<number, number>();
  for (const q of shared) for (const id of q.identityIds) demand.set(id, (demand.get(id) ?? 0) + q.memberUins.length);
  const identityCost = [...demand].reduce((sum, [id, asked]) => sum + (identityPages.get(id) ?? pagesOf(asked)), 0);
  // An identity's listing answers the later reads of the operation too: once listings per member have cost as much,
  // it pays.
  const byIdentity = identityCost < sharedMembers.size + memberListingsMade;
  const memberList = [...exclusiveMembers, ...(byIdentity ? [] : sharedMembers)];
  const identityList = byIdentity ? [...demand.keys()] : [];
  const [ofMembers, ofIdentities] = await Promise.all([
    Promise.all(memberList.map((MemberUin) => settled(listAuth({ MemberUin })))),
    Promise.all(identityList.map((IdentityId) => settled(listAuth({ IdentityId })))),
  ]);
  const rowsOfMember = new Map(memberList.map((uin, i) => [uin, ofMembers[i]!]));
  const rowsOfIdentity = new Map(identityList.map((id, i) => [id, ofIdentities[i]!]));
  for (const q of queries) {
    const perMember = q.exclusive || !byIdentity || q.memberUins.every((uin) => rowsOfMember.has(uin));
    const listings = perMember ? q.memberUins.map((uin) => rowsOfMember.get(uin)!) : q.identityIds.map((id) => rowsOfIdentity.get(id)!);
    // A query fails when a listing it needs failed; the others' rows stand.
    const failed = listings.find((listing) => listing instanceof FailedRead);
    answers.set(authId(q), failed ?? (listings as AuthRow[][]).flat());
  }
  return answers;
}

const authorizations = new Coalescer<AuthQuery, AuthRow[]>(fetchAuth, authId, (query) => {
  const rows = listedAuth(query);
  return rows && { value: rows };
});

/**
 * The authorizations of these members for these identities (for every identity when exclusive), possibly with others:
 * the caller keeps the ones it asked for.
 */
export function readAuthorizations(query: AuthQuery): Promise<AuthRow[]> {
  return authorizations.load(query);
}

// ---- policies ----

type BindingRow = ItemOf<"DescribeOrganizationMembersAuthPolicy">;
type MemberPolicy = ItemOf<"DescribeOrganizationMemberPolicies">;

export interface PolicyRows {
  /** The policy's bindings (one row per member). */
  bindings: BindingRow[];
  /** The policy as a member's policy list reports it (it holds the description), when it has members. */
  detail?: MemberPolicy;
}

/** Pages of the listing of every binding, once read. */
let bindingPages: number | undefined;
/** Policies looked up by PolicyId, not written before: once they add up to the listing of every binding, it pays. */
let policyLookupsMade = 0;
/** This operation's bindings of each policy it listed (absence is never kept), and policy details from member lists. */
const listedBindings = new Map<number, Listed<BindingRow[]>>();
const listedDetails = new Map<number, Listed<MemberPolicy>>();

async function fetchBindings(asked: number[]): Promise<Map<number, BindingRow[] | FailedRead>> {
  const client = sharedClient();
  const result = new Map<number, BindingRow[] | FailedRead>();
  const ids: number[] = [];
  for (const id of asked) {
    const listed = listedBindings.get(id);
    if (usable(listed, [touches.policy(id)])) result.set(id, listed.value);
    else ids.push(id);
  }
  if (ids.length === 0) return result;
  // One policy's bindings by its PolicyId; a failure is that policy's alone.
  const lookUp = async (policyIds: number[]) => {
    const listed = await Promise.all(
      policyIds.map(async (PolicyId) => {
        // A read-back of a write is a lookup whatever came before: a listing would not have answered it.
        if (!writtenInOperation(touches.policy(PolicyId))) policyLookupsMade++;
        const started = starting();
        return settled(
          paginate(client, "DescribeOrganizationMembersAuthPolicy", { PolicyId }).then((rows) => {
            const own = rows.filter((row) => row.PolicyId === PolicyId);
            if (own.length > 0) listedBindings.set(PolicyId, { value: own, started });
            return own;
          }),
        );
      }),
    );
    policyIds.forEach((id, i) => result.set(id, listed[i]!));
  };
  const listingPays = bindingPages === undefined ? ids.length > 1 : bindingPages <= ids.length + policyLookupsMade;
  if (listingPays) {
    const started = starting();
    const all = await paginate(client, "DescribeOrganizationMembersAuthPolicy", {});
    bindingPages = pagesOf(all.length);
    const byPolicy = new Map<number, BindingRow[]>(ids.map((id) => [id, []]));
    for (const row of all) {
      if (row.PolicyId == null) continue;
      if (!byPolicy.has(row.PolicyId)) byPolicy.set(row.PolicyId, []);
      byPolicy.get(row.PolicyId)!.push(row);
    }
    for (const [id, rows] of byPolicy) if (rows.length > 0) listedBindings.set(id, { value: rows, started });
    for (const id of ids) if (byPolicy.get(id)!.length > 0) result.set(id, byPolicy.get(id)!);
    // Absence is only ever concluded from a lookup.
    await lookUp(ids.filter((id) => byPolicy.get(id)!.length === 0));
    return result;
  }
  await lookUp(ids);
  return result;
}

/**
 * Details of the batch's policies from the fewest members' policy lists that cover them all (greedy set cover); a
 * policy whose member's list failed gets that failure.
 */
async function fetchDetails(bindings: Map<number, BindingRow[]>): Promise<Map<number, MemberPolicy | FailedRead>> {
  const details = new Map<number, MemberPolicy | FailedRead>();
  const membersOf = new Map<number, number[]>();
  for (const [id, rows] of bindings) {
    const listed = listedDetails.get(id);
    if (usable(listed, [touches.policy(id)])) {
      details.set(id, listed.value);
      continue;
    }
    const uins = rows.map((row) => row.MemberUin).filter((uin): uin is number => typeof uin === "number");
    if (uins.length > 0) membersOf.set(id, uins);
  }
  const uncovered = new Set(membersOf.keys());
  const queries: Array<{ request: { MemberUin: number; SearchKey?: string }; covered: number[] }> = [];
  while (uncovered.size > 0) {
    const coverage = new Map<number, number>();
    for (const id of uncovered) for (const uin of membersOf.get(id)!) coverage.set(uin, (coverage.get(uin) ?? 0) + 1);
    const [best] = [...coverage].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
    const covered = [...uncovered].filter((id) => membersOf.get(id)!.includes(best));
    for (const id of covered) uncovered.delete(id);
    // A member covering one policy is asked for it by name: one page, whatever else the member holds.
    const name = covered.length === 1 ? bindings.get(covered[0]!)![0]?.PolicyName : undefined;
    queries.push({ request: name ? { MemberUin: best, SearchKey: name } : { MemberUin: best }, covered });
  }
  const lists = await Promise.all(
    queries.map(async (query) => {
      const started = starting();
      const list = await settled(paginate(sharedClient(), "DescribeOrganizationMemberPolicies", query.request));
      if (!(list instanceof FailedRead)) for (const policy of list) listedDetails.set(policy.PolicyId, { value: policy, started });
      return list;
    }),
  );
  // A detail that any list gave stands; a policy that none gave, and whose member's list failed, gets that failure.
  for (const list of lists) {
    if (list instanceof FailedRead) continue;
    for (const policy of list) if (membersOf.has(policy.PolicyId) && !details.has(policy.PolicyId)) details.set(policy.PolicyId, policy);
  }
  lists.forEach((list, i) => {
    if (list instanceof FailedRead) for (const id of queries[i]!.covered) if (!details.has(id)) details.set(id, list);
  });
  return details;
}

async function fetchPolicies(ids: number[]): Promise<Map<string, PolicyRows | FailedRead>> {
  const bindings = await fetchBindings(ids);
  const listed = new Map([...bindings].filter((entry): entry is [number, BindingRow[]] => !(entry[1] instanceof FailedRead)));
  const details = await fetchDetails(listed);
  return new Map(
    ids.map((id): [string, PolicyRows | FailedRead] => {
      const rows = bindings.get(id) ?? [];
      const detail = details.get(id);
      if (rows instanceof FailedRead) return [String(id), rows];
      if (detail instanceof FailedRead) return [String(id), detail];
      return [String(id), { bindings: rows, ...(detail ? { detail } : {}) }];
    }),
  );
}

/** A policy whose bindings and details this operation listed, under the sharing rule. */
function heldPolicy(id: number): { value: PolicyRows } | undefined {
  const bindings = listedBindings.get(id);
  const detail = listedDetails.get(id);
  if (!usable(bindings, [touches.policy(id)]) || !usable(detail, [touches.policy(id)])) return undefined;
  return { value: { bindings: bindings.value, detail: detail.value } };
}

const policies = new Coalescer<number, PolicyRows>(fetchPolicies, String, heldPolicy);

/** The policy's bindings and details (no bindings: the policy does not exist), under the sharing rule above. */
export function readPolicyRows(policyId: number): Promise<PolicyRows> {
  return policies.load(policyId);
}
