/**
 * What this process's writes touched, and when: the other half of the sharing rule of ./shared-reads. A listing
 * records the moment it started (`mark()`, a logical clock, so two events never tie); a read may be answered from it
 * only while no write touching what the read asks about has started since. A write marks what it touches when it
 * starts and again when it ends (answered, refused or lost alike: a lost answer may have been applied), so a listing
 * taken while the write was in flight is never used for what the write touched.
 *
 * Objects are named by keys (`touches`): a member, one authorization pair, a policy. A write whose effect the keys
 * cannot name (a department renamed shows in every member's NodeName; a member removed may take its policy bindings
 * with it) touches everything. `beginOperation` touches everything too: the provider is configured once per operation,
 * so nothing listed before it is ever used, and an outside change made before the operation started is always seen.
 */
import { actions, type ActionName, type RequestOf, type ResponseOf } from "../api";
import type { OrganizationClient } from "../client";

/** Keys of what writes touch. */
export const touches = {
  member: (memberUin: number) => `member:${memberUin}`,
  pair: (memberUin: number, identityId: number) => `pair:${memberUin}:${identityId}`,
  policy: (policyId: number) => `policy:${policyId}`,
} as const;

const EVERYTHING = "*";

let clock = 0;
/** The clock when a write touching the key last started or ended. */
const lastTouched = new Map<string, number>();
/** Writes touching the key that have started and not ended. */
const inFlight = new Map<string, number>();

/** Now, on the log's clock: what a listing records when it starts. */
export function mark(): number {
  return ++clock;
}

function touch(keys: readonly string[]): void {
  const at = ++clock;
  for (const key of keys) lastTouched.set(key, at);
}

/** Whether no write by this process touched any of `keys` since `since` (a `mark()`), and none is in flight. */
export function untouchedSince(since: number, keys: Iterable<string>): boolean {
  if ((lastTouched.get(EVERYTHING) ?? 0) > since || (inFlight.get(EVERYTHING) ?? 0) > 0) return false;
  for (const key of keys) if ((lastTouched.get(key) ?? 0) > since || (inFlight.get(key) ?? 0) > 0) return false;
  return true;
}

/**
 * Whether a write by this process touched the key (itself, not through everything) during this operation: a read of
 * it is the read-back of a write, which no listing taken before could have answered.
 */
export function writtenInOperation(key: string): boolean {
  return (lastTouched.get(key) ?? 0) > (lastTouched.get(EVERYTHING) ?? 0) || (inFlight.get(key) ?? 0) > 0;
}

/** A new operation: nothing listed before it may answer a read. */
export function beginOperation(): void {
  touch([EVERYTHING]);
}

/** Reads a write's request and answer for the keys it touches; an action not listed touches everything. */
type Touched<A extends ActionName> = (request: RequestOf<A>, response?: ResponseOf<A>) => string[];
const TOUCHED: { [A in ActionName]?: Touched<A> } = {
  UpdateOrganizationMember: (request) => [touches.member(request.MemberUin)],
  MoveOrganizationNodeMembers: (request) => request.MemberUin.map(touches.member),
  // A new member's UIN is known from the answer only; before it, no listing holds the member (and absence is only
  // ever concluded from a lookup of the one member).
  CreateOrganizationMember: (_request, response) => (response ? [touches.member(response.Uin)] : []),
  // Members report their identities (OrgIdentity): a pair's write touches its member too.
  CreateOrganizationMemberAuthIdentity: (request) =>
    request.MemberUins.flatMap((uin) => [touches.member(uin), ...request.IdentityIds.map((id) => touches.pair(uin, id))]),
  DeleteOrganizationMemberAuthIdentity: (request) => [touches.member(request.MemberUin), touches.pair(request.MemberUin, request.IdentityId)],
  CreateOrganizationMembersPolicy: (_request, response) => (response ? [touches.policy(response.PolicyId)] : []),
  UpdateOrganizationMembersPolicy: (request) => [touches.policy(request.PolicyId)],
  DeleteOrganizationMembersPolicy: (request) => [touches.policy(request.PolicyId)],
};

export function touchedBy<A extends ActionName>(action: A, request: RequestOf<A>, response?: ResponseOf<A>): string[] {
  const touched = TOUCHED[action] as Touched<A> | undefined;
  return touched ? touched(request, response) : [EVERYTHING];
}

/** Logs what `client`'s writes touch, as they start and as they end. */
export function logWrites(client: OrganizationClient): OrganizationClient {
  const call = client.call.bind(client);
  client.call = async (action, request, options) => {
    if (!actions[action].writes) return call(action, request, options);
    const before = touchedBy(action, request);
    for (const key of before) inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    touch(before);
    let response: ResponseOf<typeof action> | undefined;
    try {
      response = await call(action, request, options);
      return response as Awaited<ReturnType<typeof call<typeof action>>>;
    } finally {
      for (const key of before) inFlight.set(key, inFlight.get(key)! - 1);
      touch([...before, ...touchedBy(action, request, response)]);
    }
  };
  return client;
}
