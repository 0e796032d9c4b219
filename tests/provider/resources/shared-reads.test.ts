/**
 * Shared reads against an in-process emulator (no engine): which calls a batch of member reads costs, and that each
 * answer is what the API holds when the batch is read, whatever earlier batches saw; and that a failed call fails only
 * the reads it answers.
 */
import { DEFAULT_SEED, type Emulator, generatedMemberUin, generateSeed, start } from "../../../emulator";
import { DEFAULT_RETRY_POLICY } from "../../../provider/client";
import { configure } from "../../../provider/resources/config";
import { readAuthorizations, readMember, readPolicyRows } from "../../../provider/resources/shared-reads";

const MEMBERS = 160; // 4 pages of 50
const uin = generatedMemberUin;
let emulator: Emulator;

const memberCalls = () => emulator.control.calls().filter((call) => call.action === "DescribeOrganizationMembers").length;
const readAll = (indexes: number[]) => Promise.all(indexes.map((i) => readMember(uin(i))));

beforeAll(async () => {
  emulator = await start({ port: 0, rateLimits: false, seed: generateSeed({ members: MEMBERS, departments: 2, identities: 3, authorizations: 0, policies: 0 }) });
  process.env.TENCENTCLOUD_SECRET_ID = emulator.credentials.secretId;
  process.env.TENCENTCLOUD_SECRET_KEY = emulator.credentials.secretKey;
  process.env.TENCENTCLOUD_ORGANIZATION_ENDPOINT = emulator.url;
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.resetCalls());

describe("member reads", () => {
  it("a lone read is one lookup", async () => {
    expect((await readMember(uin(3)))?.MemberUin).toBe(uin(3));
    expect(memberCalls()).toBe(1);
  });

  it("reads arriving together on the first page cost that page alone", async () => {
    const found = await readAll([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(found.map((m) => m?.MemberUin)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map(uin));
    expect(memberCalls()).toBe(1);
  });

  it("reads spread over the organization cost a sweep when that is fewer than lookups", async () => {
    const indexes = [60, 61, 110, 111, 150, 151, 159, 100];
    const found = await readAll(indexes);
    expect(found.map((m) => m?.MemberUin)).toEqual(indexes.map(uin));
    expect(memberCalls()).toBe(4);
  });

  it("then reads of members seen together cost the page they were on, read now: a change since is seen", async () => {
    emulator.control.apply("UpdateOrganizationMember", { MemberUin: uin(120), Remark: "changed since the sweep" });
    const found = await readAll([120, 121, 122, 123, 124, 125, 126, 127]);
    expect(found[0]?.Remark).toBe("changed since the sweep");
    expect(memberCalls()).toBe(1);
  });

  it("a member gone from the page it was on is looked up, and reported missing only by that lookup", async () => {
    emulator.control.apply("DeleteOrganizationMembers", { MemberUin: [uin(130)] });
    const found = await readAll([130, 131, 132]);
    expect(found[0]).toBeUndefined();
    expect(found.slice(1).map((m) => m?.MemberUin)).toEqual([uin(131), uin(132)]);
    expect(emulator.control.calls().filter((call) => call.action === "DescribeOrganizationMembers")).toHaveLength(2);
  });
});

describe("a failed call fails only the reads it answers", () => {
  // Past the client's retries.
  const PERSISTENT = 2 * DEFAULT_RETRY_POLICY.maxAttempts;
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
});
