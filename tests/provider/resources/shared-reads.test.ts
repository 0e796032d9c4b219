/**
 * Shared reads against an in-process emulator (no engine): which calls a batch of reads costs, and the sharing rule:
 * within one operation a read may be answered from a listing of that operation at most sharedReadMaxAge old that no
 * write of this process has touched since; a write is always seen by the next read, a listing older than the bound
 * is never used, an outside change made before the operation is always seen. And a failed call fails only the reads
 * it answers.
 */
import { DEFAULT_SEED, type Emulator, generatedMemberUin, generateSeed, start } from "../../../emulator";
import { DEFAULT_RETRY_POLICY } from "../../../provider/client";
import { configure, sharedClient } from "../../../provider/resources/config";
import { readAuthorizations, readMember, readPolicyRows } from "../../../provider/resources/shared-reads";
import { beginOperation } from "../../../provider/resources/write-log";

const MEMBERS = 160; // 4 pages of 50
const uin = generatedMemberUin;
let emulator: Emulator;

const callsOf = (action: string) => emulator.control.calls().filter((call) => call.action === action).length;
const memberCalls = () => callsOf("DescribeOrganizationMembers");
const readAll = (indexes: number[]) => Promise.all(indexes.map((i) => readMember(uin(i))));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A new operation, as the engine starts one: the provider configured, against `target`. */
async function newOperation(target: Emulator = emulator, sharedReadMaxAge?: string): Promise<void> {
  const settings: Record<string, string> = {
    "tencentcloud:secretId": target.credentials.secretId,
    "tencentcloud:secretKey": target.credentials.secretKey,
    "tencentcloud-organization:endpoint": target.url,
    ...(sharedReadMaxAge === undefined ? {} : { "tencentcloud-organization:sharedReadMaxAge": sharedReadMaxAge }),
  };
  await configure({ config: { get: (key: string) => settings[key] } } as never);
  // The engine starts a new process for each operation; here the operation begins explicitly.
  beginOperation();
}

beforeAll(async () => {
  emulator = await start({
    port: 0,
    rateLimits: false,
    seed: generateSeed({ members: MEMBERS, departments: 2, identities: 8, authorizations: 0, policies: 0, freeIdentities: 7 }),
  });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.resetCalls());

describe("member reads", () => {
  beforeAll(() => newOperation());

  it("a lone read is one lookup", async () => {
    expect((await readMember(uin(3)))?.MemberUin).toBe(uin(3));
    expect(memberCalls()).toBe(1);
  });

  it("reads arriving together on the first page cost that page alone", async () => {
    const found = await readAll([0, 1, 2, 4, 5, 6, 7, 8]);
    expect(found.map((m) => m?.MemberUin)).toEqual([0, 1, 2, 4, 5, 6, 7, 8].map(uin));
    expect(memberCalls()).toBe(1);
  });

  it("reads spread over the organization cost a sweep when that is fewer than lookups", async () => {
    const indexes = [60, 61, 110, 111, 150, 151, 159, 100];
    const found = await readAll(indexes);
    expect(found.map((m) => m?.MemberUin)).toEqual(indexes.map(uin));
    expect(memberCalls()).toBe(4);
  });

  it("then reads of members this operation listed cost nothing: a change made outside since is a race, not seen yet", async () => {
    emulator.control.apply("UpdateOrganizationMember", { MemberUin: uin(120), Remark: "changed outside mid-operation" });
    const found = await readAll([120, 121, 122, 3]);
    expect(found.map((m) => m?.MemberUin)).toEqual([120, 121, 122, 3].map(uin));
    expect(found[0]?.Remark).not.toBe("changed outside mid-operation");
    expect(memberCalls()).toBe(0);
  });

  it("a write by the process is seen by its next read", async () => {
    await sharedClient().call("UpdateOrganizationMember", { MemberUin: uin(121), Remark: "written by the process" });
    const [written, other] = await readAll([121, 122]);
    expect(written?.Remark).toBe("written by the process");
    expect(other?.MemberUin).toBe(uin(122));
    // Only the member the write touched is read again.
    expect(memberCalls()).toBe(1);
  });

  it("a member missing from the listings is looked up, every time: absence is never shared", async () => {
    emulator.control.apply("DeleteOrganizationMembers", { MemberUin: [uin(130)] });
    expect(await readMember(uin(130))).toBeDefined(); // listed earlier in the operation: the race
    await newOperation();
    emulator.control.resetCalls();
    expect(await readMember(uin(130))).toBeUndefined();
    emulator.control.resetCalls();
    // The same read again calls again: what the first found missing is not kept.
    expect(await readMember(uin(130))).toBeUndefined();
    expect(memberCalls()).toBeGreaterThan(0);
  });

  it("an outside change made before the operation started is seen", async () => {
    emulator.control.apply("UpdateOrganizationMember", { MemberUin: uin(122), Remark: "changed before the operation" });
    await newOperation();
    expect((await readMember(uin(122)))?.Remark).toBe("changed before the operation");
    expect(memberCalls()).toBeGreaterThan(0);
  });

  it("a listing older than the bound is never used", async () => {
    await newOperation(emulator, "0.05");
    await readAll([0, 1, 2]);
    await sleep(100);
    emulator.control.apply("UpdateOrganizationMember", { MemberUin: uin(1), Remark: "changed after the bound" });
    emulator.control.resetCalls();
    expect((await readMember(uin(1)))?.Remark).toBe("changed after the bound");
    expect(memberCalls()).toBe(1);
  });

  it("sharedReadMaxAge 0 turns sharing off: every read is answered by calls made after it", async () => {
    await newOperation(emulator, "0");
    await readAll([0, 1, 2]);
    emulator.control.resetCalls();
    await readAll([0, 1, 2]);
    expect(memberCalls()).toBe(1);
  });
});

describe("authorization reads", () => {
  // The stack's identities 3-7 are free in the seed; members 0-9 are authorized for 3 and 4 here.
  const members = Array.from({ length: 10 }, (_, i) => uin(i));
  const pairsOf = (rows: Array<{ MemberUin?: number | null; IdentityId: number }>) =>
    rows.map((row) => `${row.MemberUin}:${row.IdentityId}`).sort();
  beforeAll(async () => {
    await newOperation();
    await sharedClient().call("CreateOrganizationMemberAuthIdentity", { MemberUins: members, IdentityIds: [3, 4] });
  });

  it("a listing per identity answers later queries of the operation for its members", async () => {
    await newOperation();
    emulator.control.resetCalls();
    const first = await readAuthorizations({ memberUins: members.slice(0, 5), identityIds: [3, 4], exclusive: false });
    const listings = callsOf("DescribeOrganizationMemberAuthIdentities");
    expect(listings).toBe(2);
    // The caller keeps the rows of the members it asked about.
    expect(pairsOf(first.filter((row) => members.slice(0, 5).includes(row.MemberUin!)))).toHaveLength(10);
    const second = await readAuthorizations({ memberUins: members.slice(5), identityIds: [3, 4], exclusive: false });
    expect(pairsOf(second.filter((row) => members.slice(5).includes(row.MemberUin!)))).toEqual(members.slice(5).flatMap((m) => [`${m}:3`, `${m}:4`]).sort());
    expect(callsOf("DescribeOrganizationMemberAuthIdentities")).toBe(listings);
  });

  it("a write by the process is seen by its next read; pairs it did not touch are still shared", async () => {
    await sharedClient().call("DeleteOrganizationMemberAuthIdentity", { MemberUin: members[0]!, IdentityId: 3 });
    emulator.control.resetCalls();
    const rows = await readAuthorizations({ memberUins: [members[0]!], identityIds: [3, 4], exclusive: false });
    expect(pairsOf(rows.filter((row) => row.MemberUin === members[0]))).toEqual([`${members[0]}:4`]);
    expect(callsOf("DescribeOrganizationMemberAuthIdentities")).toBeGreaterThan(0);
    emulator.control.resetCalls();
    await readAuthorizations({ memberUins: [members[9]!], identityIds: [3, 4], exclusive: false });
    expect(callsOf("DescribeOrganizationMemberAuthIdentities")).toBe(0);
  });

  it("a fresh query lists again, whatever the operation listed", async () => {
    emulator.control.apply("DeleteOrganizationMemberAuthIdentity", { MemberUin: members[9]!, IdentityId: 4 });
    const rows = await readAuthorizations({ memberUins: [members[9]!], identityIds: [3, 4], exclusive: false, fresh: true });
    expect(pairsOf(rows.filter((row) => row.MemberUin === members[9]))).toEqual([`${members[9]}:3`]);
  });
});

describe("a failed call fails only the reads it answers", () => {
  // Past the client's retries.
  const PERSISTENT = 2 * DEFAULT_RETRY_POLICY.maxAttempts;
  beforeAll(async () => {
    // Places the members on their pages, as earlier operations would have.
    await newOperation();
    await readAll([0, 1, 2, 3, 60, 110, 145, 150]);
  });
  // Each read is the operation's first: nothing listed before answers it.
  beforeEach(async () => {
    await newOperation();
    emulator.control.resetCalls();
  });
  afterEach(() => emulator.control.clearFaults());

  it("members: one member's failed lookup fails that read; the others of the batch are answered", async () => {
    // Members 0-2 are read from the first page, as the earlier batches placed them; member 145, gone from the page it
    // was on, is then looked up on its own, and that lookup fails.
    emulator.control.apply("DeleteOrganizationMembers", { MemberUin: [uin(145)] });
    emulator.control.injectFault({ kind: "internal-error", action: "DescribeOrganizationMembers", request: { SearchKey: String(uin(145)) }, count: PERSISTENT });
    const results = await Promise.allSettled([0, 1, 2, 145].map((i) => readMember(uin(i))));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value?.MemberUin : "failed"))).toEqual([uin(0), uin(1), uin(2), "failed"]);
    expect(results[3]).toMatchObject({ status: "rejected", reason: { code: "InternalError" } });
  });

  it("members: when the page the batch shared fails, each member is read on its own", async () => {
    // The page fails every attempt the client makes; the lookups that follow it are answered.
    emulator.control.injectFault({ kind: "internal-error", action: "DescribeOrganizationMembers", count: DEFAULT_RETRY_POLICY.maxAttempts });
    const found = await readAll([3, 4, 5]);
    expect(found.map((m) => m?.MemberUin)).toEqual([uin(3), uin(4), uin(5)]);
    expect(emulator.control.calls().map((call) => call.code ?? "ok")).toEqual([...Array(DEFAULT_RETRY_POLICY.maxAttempts).fill("InternalError"), "ok", "ok", "ok"]);
  });

  it("authorizations: a failed listing fails the queries that needed it, not the others", async () => {
    emulator.control.injectFault({ kind: "internal-error", action: "DescribeOrganizationMemberAuthIdentities", request: { MemberUin: uin(7) }, count: PERSISTENT });
    const results = await Promise.allSettled([
      readAuthorizations({ memberUins: [uin(6)], identityIds: [], exclusive: true }),
      readAuthorizations({ memberUins: [uin(7)], identityIds: [], exclusive: true }),
      readAuthorizations({ memberUins: [uin(8)], identityIds: [], exclusive: true }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });

  it("policies: when the binding listing the batch shared fails, each policy is read on its own, and only its own failure fails it", async () => {
    // Injection order decides: policy 2's own listing always fails; the shared listing (no PolicyId) fails every attempt.
    emulator.control.injectFault({ kind: "internal-error", action: "DescribeOrganizationMembersAuthPolicy", request: { PolicyId: 2 }, count: PERSISTENT });
    emulator.control.injectFault({ kind: "internal-error", action: "DescribeOrganizationMembersAuthPolicy", count: DEFAULT_RETRY_POLICY.maxAttempts });
    // The organization has no policies: every read answers "no bindings", except the failed one.
    const results = await Promise.allSettled([1, 2, 3].map(readPolicyRows));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value.bindings.length : "failed"))).toEqual([0, "failed", 0]);
  });
});

describe("policy reads", () => {
  let policiesEmulator: Emulator;
  const bob = 100000000012;
  beforeAll(async () => {
    // 50 bindings (one per policy, all bob's, identity 1) before the two the test reads: those open the second page.
    const seed = {
      ...DEFAULT_SEED,
      policies: Array.from({ length: 52 }, (_, i) => ({ PolicyId: 201 + i, PolicyName: `p-${i}`, IdentityId: 1, Bindings: [{ MemberUin: bob }] })),
    };
    policiesEmulator = await start({ port: 0, rateLimits: false, seed });
    const settings: Record<string, string> = {
      "tencentcloud:secretId": policiesEmulator.credentials.secretId,
      "tencentcloud:secretKey": policiesEmulator.credentials.secretKey,
      "tencentcloud-organization:endpoint": policiesEmulator.url,
    };
    await configure({ config: { get: (key: string) => settings[key] } } as never);
    beginOperation();
  });
  afterAll(() => policiesEmulator.stop());

  it("a policy a full listing skipped (a delete and a create between its pages) is looked up, and found", async () => {
    let shifted = false;
    policiesEmulator.control.afterAnswer(({ action, request }) => {
      if (shifted || action !== "DescribeOrganizationMembersAuthPolicy" || request.Offset !== 0 || request.PolicyId !== undefined) return;
      shifted = true;
      policiesEmulator.control.apply("DeleteOrganizationMembersPolicy", { PolicyId: 201 });
      policiesEmulator.control.apply("CreateOrganizationMembersPolicy", { MemberUins: [bob], PolicyName: "came-in-between", IdentityId: 1 });
    });
    const [first, second] = await Promise.all([readPolicyRows(251), readPolicyRows(252)]);
    expect(shifted).toBe(true);
    expect(first.bindings.map((row) => row.PolicyId)).toEqual([251]);
    expect(second.bindings.map((row) => row.PolicyId)).toEqual([252]);
    const lookups = policiesEmulator.control.calls().filter((call) => call.action === "DescribeOrganizationMembersAuthPolicy");
    // Two pages of the full listing, then the lookup of the one policy they missed.
    expect(lookups).toHaveLength(3);
  });

  it("the listing answers the operation's later reads of other policies; a write to one is seen by its next read", async () => {
    policiesEmulator.control.resetCalls();
    const bindingCalls = () => policiesEmulator.control.calls().filter((call) => call.action === "DescribeOrganizationMembersAuthPolicy").length;
    expect((await readPolicyRows(230)).bindings.map((row) => row.MemberUin)).toEqual([bob]);
    expect(bindingCalls()).toBe(0);
    await sharedClient().call("UpdateOrganizationMembersPolicy", { PolicyId: 230, MemberUins: [bob], IdentityId: 1, Description: "written" });
    expect((await readPolicyRows(230)).detail?.Description).toBe("written");
    expect(bindingCalls()).toBeGreaterThan(0);
  });
});
