/** Rules that span actions: what one action writes, the others see. */
import { SEED_IDS } from "../../emulator";
import { call, expectError, page, startTarget } from "./helpers";

const { invitedUin: ALICE, createdUin: BOB, paidUin: CAROL, policyId: SEEDED_POLICY } = SEED_IDS;
let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

async function orgIdentityOf(uin: number) {
  const answer = await call(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: String(uin) });
  return answer.Items?.[0]?.OrgIdentity?.map((i) => i.IdentityId);
}

it("authorizations show in DescribeOrganizationMembers' OrgIdentity, and leave it when withdrawn", async () => {
  expect(await orgIdentityOf(CAROL)).toEqual([]);
  await call(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [CAROL], IdentityIds: [10, 3] });
  expect(await orgIdentityOf(CAROL)).toEqual([3, 10]);
  await call(emulator, "DeleteOrganizationMemberAuthIdentity", { MemberUin: CAROL, IdentityId: 10 });
  expect(await orgIdentityOf(CAROL)).toEqual([3]);
});

it("a policy needs its members to hold its identity: authorize first, then the policy is accepted", async () => {
  const policy = { MemberUins: [CAROL], PolicyName: "carol-devops", IdentityId: 10 };
  await expectError(emulator, "CreateOrganizationMembersPolicy", policy, "ResourceNotFound.MemberIdentityNotExist", CAROL);
  await call(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [CAROL], IdentityIds: [10] });
  await call(emulator, "CreateOrganizationMembersPolicy", policy);
});

it("deleting a member removes its authorizations and bindings, and a policy left without members", async () => {
  await call(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [ALICE], IdentityIds: [2] });
  const { PolicyId: shared } = await call(emulator, "CreateOrganizationMembersPolicy", { MemberUins: [ALICE, BOB], PolicyName: "shared", IdentityId: 2 });
  // alice pays for carol: the pair is undone (carol's permission 7 withdrawn) before either can be deleted.
  await call(emulator, "UpdateOrganizationMember", { MemberUin: CAROL, PolicyType: "Financial", PermissionIds: [1, 2] });
  await call(emulator, "DeleteOrganizationMembers", { MemberUin: [ALICE, CAROL] });

  expect((await call(emulator, "DescribeOrganizationMemberAuthIdentities", { ...page, IdentityId: 1 })).Items?.map((a) => a.MemberUin)).toEqual([BOB]);
  expect((await call(emulator, "DescribeOrganizationMemberAuthIdentities", { ...page, MemberUin: ALICE })).Total).toBe(0);
  const rows = await call(emulator, "DescribeOrganizationMembersAuthPolicy", page);
  expect(rows.Items?.map((r) => [r.PolicyId, r.MemberUin])).toEqual([[shared, BOB]]);
  await expectError(emulator, "DeleteOrganizationMembersPolicy", { PolicyId: SEEDED_POLICY }, "ResourceNotFound.MemberPolicyNotExist");
});

it("a renamed member's new name shows in authorizations and bindings", async () => {
  await call(emulator, "UpdateOrganizationMember", { MemberUin: ALICE, Name: "alicia" });
  expect((await call(emulator, "DescribeOrganizationMemberAuthIdentities", { ...page, MemberUin: ALICE })).Items?.[0]?.MemberName).toBe("alicia");
  expect((await call(emulator, "DescribeOrganizationMembersAuthPolicy", { ...page, MemberUin: ALICE })).Items?.[0]?.MemberName).toBe("alicia");
  expect((await call(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: String(CAROL) })).Items?.[0]?.PayName).toBe("alicia");
});
