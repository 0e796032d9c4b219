/** What this process's writes touched: a listing started before a write (or during it) is never used for what it touched. */
import { type Emulator, generatedMemberUin, generateSeed, start } from "../../../emulator";
import { closeSharedAgent, OrganizationClient } from "../../../provider/client";
import { beginOperation, logWrites, mark, touchedBy, touches, untouchedSince } from "../../../provider/resources/write-log";

describe("touchedBy", () => {
  it("names the member, the pairs and the policy a write touches", () => {
    expect(touchedBy("UpdateOrganizationMember", { MemberUin: 11, Remark: "x" })).toEqual([touches.member(11)]);
    expect(touchedBy("MoveOrganizationNodeMembers", { NodeId: 2, MemberUin: [11, 12] })).toEqual([touches.member(11), touches.member(12)]);
    expect(touchedBy("CreateOrganizationMemberAuthIdentity", { MemberUins: [11], IdentityIds: [3, 4] })).toEqual([
      touches.member(11),
      touches.pair(11, 3),
      touches.pair(11, 4),
    ]);
    expect(touchedBy("DeleteOrganizationMemberAuthIdentity", { MemberUin: 11, IdentityId: 3 })).toEqual([touches.member(11), touches.pair(11, 3)]);
    expect(touchedBy("UpdateOrganizationMembersPolicy", { PolicyId: 7, MemberUins: [11], IdentityId: 3 })).toEqual([touches.policy(7)]);
    expect(touchedBy("CreateOrganizationMembersPolicy", { PolicyName: "p", MemberUins: [11], IdentityId: 3 }, { PolicyId: 9 })).toEqual([touches.policy(9)]);
  });

  it("touches everything for a write whose effect the keys cannot name", () => {
    const before = mark();
    expect(touchedBy("UpdateOrganizationNode", { NodeId: 2, Name: "renamed" })).toEqual(["*"]);
    expect(touchedBy("DeleteOrganizationMembers", { MemberUin: [11] })).toEqual(["*"]);
    expect(untouchedSince(before, [touches.member(11)])).toBe(true);
  });
});

describe("the log", () => {
  let emulator: Emulator;
  let client: OrganizationClient;
  const uin = generatedMemberUin(0);
  beforeAll(async () => {
    emulator = await start({ port: 0, rateLimits: false, seed: generateSeed({ members: 10, departments: 2, identities: 3, authorizations: 0, policies: 0 }) });
    client = logWrites(new OrganizationClient({ ...emulator.credentials, endpoint: emulator.url, pacing: false }));
  });
  afterAll(async () => {
    await emulator.stop();
    await closeSharedAgent();
  });

  it("a write marks what it touched; a listing started after it is usable, one started before is not", async () => {
    const before = mark();
    await client.call("UpdateOrganizationMember", { MemberUin: uin, Remark: "written" });
    const after = mark();
    expect(untouchedSince(before, [touches.member(uin)])).toBe(false);
    expect(untouchedSince(after, [touches.member(uin)])).toBe(true);
    // Another member is not touched.
    expect(untouchedSince(before, [touches.member(generatedMemberUin(1))])).toBe(true);
  });

  it("a listing started while the write was in flight is not usable, during the write nor after it", async () => {
    let during: number | undefined;
    let usableDuring: boolean | undefined;
    const remove = emulator.control.afterAnswer(({ action }) => {
      if (action !== "UpdateOrganizationMember") return;
      during = mark();
      usableDuring = untouchedSince(during, [touches.member(uin)]);
    });
    try {
      await client.call("UpdateOrganizationMember", { MemberUin: uin, Remark: "in flight" });
    } finally {
      remove();
    }
    expect(usableDuring).toBe(false);
    expect(untouchedSince(during!, [touches.member(uin)])).toBe(false);
  });

  it("a refused write still marks what it touched (an answer lost in transit may have been applied)", async () => {
    const before = mark();
    await expect(client.call("UpdateOrganizationMember", { MemberUin: 999999999999, Remark: "nobody" })).rejects.toThrow();
    expect(untouchedSince(before, [touches.member(999999999999)])).toBe(false);
  });

  it("reads are not logged, and a new operation makes everything listed before it unusable", async () => {
    const before = mark();
    await client.call("DescribeOrganizationMembers", { Offset: 0, Limit: 50 });
    expect(untouchedSince(before, [touches.member(uin)])).toBe(true);
    beginOperation();
    expect(untouchedSince(before, [touches.member(uin)])).toBe(false);
    expect(untouchedSince(mark(), [touches.member(uin)])).toBe(true);
  });
});
