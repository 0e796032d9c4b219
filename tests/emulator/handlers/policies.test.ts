/** Member access policies: Create/Update/Delete, DescribeOrganizationMemberPolicies, DescribeOrganizationMembersAuthPolicy. */
import { SEED_IDS } from "../../../emulator";
import { call, expectError, page, startTarget } from "../helpers";

const { invitedUin: ALICE, createdUin: BOB, paidUin: CAROL, policyId: SEEDED_POLICY } = SEED_IDS;
let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

const policiesOf = (MemberUin: number, SearchKey?: string) =>
  call(emulator, "DescribeOrganizationMemberPolicies", { ...page, MemberUin, ...(SearchKey ? { SearchKey } : {}) });
const bindings = (filter: Record<string, number> = {}) =>
  call(emulator, "DescribeOrganizationMembersAuthPolicy", { ...page, ...filter });

describe("CreateOrganizationMembersPolicy", () => {
  const create = { MemberUins: [BOB], PolicyName: "bob-readonly", IdentityId: 2, Description: "read only" };

  it("creates a policy with a new PolicyId, listed for each member", async () => {
    const { PolicyId } = await call(emulator, "CreateOrganizationMembersPolicy", create);
    expect(PolicyId).toBe(SEEDED_POLICY + 1);
    expect((await policiesOf(BOB)).Items).toEqual([
      expect.objectContaining({
        PolicyId,
        PolicyName: "bob-readonly",
        IdentityId: 2,
        IdentityRoleName: "OrganizationReadOnlyAccessRole",
        IdentityRoleAliasName: "readonly",
        Description: "read only",
      }),
    ]);
  });

  it("answers FailedOperation.MemberPolicyNameExist when a listed member already has a policy of that name", async () => {
    await expectError(
      emulator,
      "CreateOrganizationMembersPolicy",
      { MemberUins: [BOB, ALICE], PolicyName: "alice-admin", IdentityId: 1 },
      "FailedOperation.MemberPolicyNameExist",
      "alice-admin",
      ALICE,
      SEEDED_POLICY,
    );
  });

  it("allows the same name for members that do not hold it yet", async () => {
    await call(emulator, "CreateOrganizationMembersPolicy", { MemberUins: [BOB], PolicyName: "alice-admin", IdentityId: 1 });
  });

  it("answers ResourceNotFound.OrganizationMemberNotExist for an unknown member", async () => {
    await expectError(emulator, "CreateOrganizationMembersPolicy", { ...create, MemberUins: [BOB, 4040] }, "ResourceNotFound.OrganizationMemberNotExist", 4040);
  });

  it("answers ResourceNotFound.MemberIdentityNotExist for an unknown identity (the code the action documents)", async () => {
    await expectError(emulator, "CreateOrganizationMembersPolicy", { ...create, IdentityId: 99 }, "ResourceNotFound.MemberIdentityNotExist", 99);
  });

  it("answers ResourceNotFound.MemberIdentityNotExist when a member is not authorized for the identity", async () => {
    await expectError(emulator, "CreateOrganizationMembersPolicy", { ...create, MemberUins: [BOB, CAROL] }, "ResourceNotFound.MemberIdentityNotExist", CAROL, 2);
    expect((await policiesOf(BOB)).Total).toBe(0);
  });

  it.each([
    [{ PolicyName: "has space" }, "InvalidParameterValue", "PolicyName"],
    [{ PolicyName: "p".repeat(129) }, "InvalidParameterValue", "PolicyName"],
    [{ Description: "d".repeat(129) }, "InvalidParameterValue", "Description"],
    [{ MemberUins: Array.from({ length: 11 }, (_, i) => BOB + i) }, "InvalidParameterValue", "MemberUins"],
    [{ MemberUins: [] }, "InvalidParameterValue", "MemberUins"],
    [{ IdentityId: undefined }, "MissingParameter", "IdentityId"],
    [{ PolicyName: undefined }, "MissingParameter", "PolicyName"],
  ])("validates %j: %s naming %s", async (fields, code, field) => {
    await expectError(emulator, "CreateOrganizationMembersPolicy", { ...create, ...fields }, code, field);
  });
});

describe("UpdateOrganizationMembersPolicy", () => {
  it("replaces the members and the identity, keeping an omitted description", async () => {
    await call(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [BOB], IdentityIds: [3] });
    await call(emulator, "UpdateOrganizationMembersPolicy", { PolicyId: SEEDED_POLICY, MemberUins: [BOB], IdentityId: 1 });
    expect((await policiesOf(ALICE)).Total).toBe(0);
    expect((await policiesOf(BOB)).Items?.[0]).toMatchObject({ PolicyId: SEEDED_POLICY, IdentityId: 1, Description: "administrator access for alice" });
    await call(emulator, "UpdateOrganizationMembersPolicy", { PolicyId: SEEDED_POLICY, MemberUins: [BOB], IdentityId: 3, Description: "finance" });
    expect((await policiesOf(BOB)).Items?.[0]).toMatchObject({ PolicyName: "alice-admin", IdentityId: 3, IdentityRoleAliasName: "finance", Description: "finance" });
  });

  it("answers ResourceNotFound.MemberPolicyNotExist for an unknown policy", async () => {
    await expectError(emulator, "UpdateOrganizationMembersPolicy", { PolicyId: 777, MemberUins: [ALICE], IdentityId: 1 }, "ResourceNotFound.MemberPolicyNotExist", 777);
  });

  it("answers ResourceNotFound.OrganizationMemberNotExist for an unknown member", async () => {
    await expectError(emulator, "UpdateOrganizationMembersPolicy", { PolicyId: SEEDED_POLICY, MemberUins: [12], IdentityId: 1 }, "ResourceNotFound.OrganizationMemberNotExist", 12);
  });

  it("answers ResourceNotFound.MemberIdentityNotExist for an unknown identity (the code the action documents)", async () => {
    await expectError(emulator, "UpdateOrganizationMembersPolicy", { PolicyId: SEEDED_POLICY, MemberUins: [ALICE], IdentityId: 55 }, "ResourceNotFound.MemberIdentityNotExist", 55);
  });

  it("answers ResourceNotFound.MemberIdentityNotExist when a member is not authorized for the identity, changing nothing", async () => {
    await expectError(emulator, "UpdateOrganizationMembersPolicy", { PolicyId: SEEDED_POLICY, MemberUins: [ALICE, CAROL], IdentityId: 1 }, "ResourceNotFound.MemberIdentityNotExist", CAROL);
    expect((await bindings({ PolicyId: SEEDED_POLICY })).Items?.map((b) => b.MemberUin)).toEqual([ALICE]);
  });

  it("answers FailedOperation.OperatePolicy (its documented code; MemberPolicyNameExist is not) when a new member already holds another policy of that name", async () => {
    await call(emulator, "CreateOrganizationMembersPolicy", { MemberUins: [BOB], PolicyName: "alice-admin", IdentityId: 1 });
    await expectError(emulator, "UpdateOrganizationMembersPolicy", { PolicyId: SEEDED_POLICY, MemberUins: [ALICE, BOB], IdentityId: 1 }, "FailedOperation.OperatePolicy", BOB, "alice-admin");
  });
});

describe("DeleteOrganizationMembersPolicy", () => {
  it("deletes the policy and its bindings; a second delete answers ResourceNotFound.MemberPolicyNotExist", async () => {
    await call(emulator, "DeleteOrganizationMembersPolicy", { PolicyId: SEEDED_POLICY });
    expect((await policiesOf(ALICE)).Total).toBe(0);
    expect((await bindings()).Total).toBe(0);
    await expectError(emulator, "DeleteOrganizationMembersPolicy", { PolicyId: SEEDED_POLICY }, "ResourceNotFound.MemberPolicyNotExist", SEEDED_POLICY);
  });

  it("answers MissingParameter without PolicyId", async () => {
    await expectError(emulator, "DeleteOrganizationMembersPolicy", {}, "MissingParameter", "PolicyId");
  });
});

describe("DescribeOrganizationMemberPolicies", () => {
  it("requires MemberUin", async () => {
    await expectError(emulator, "DescribeOrganizationMemberPolicies", page, "MissingParameter", "MemberUin");
  });

  it("answers ResourceNotFound.OrganizationMemberNotExist for an unknown member", async () => {
    await expectError(emulator, "DescribeOrganizationMemberPolicies", { ...page, MemberUin: 999 }, "ResourceNotFound.OrganizationMemberNotExist", 999);
  });

  it("filters with SearchKey on the name or the description", async () => {
    await call(emulator, "CreateOrganizationMembersPolicy", { MemberUins: [BOB], PolicyName: "ops", IdentityId: 1, Description: "on-call access" });
    await call(emulator, "CreateOrganizationMembersPolicy", { MemberUins: [BOB], PolicyName: "audit", IdentityId: 2 });
    expect((await policiesOf(BOB)).Items?.map((p) => p.PolicyName)).toEqual(["ops", "audit"]);
    expect((await policiesOf(BOB, "AUD")).Items?.map((p) => p.PolicyName)).toEqual(["audit"]);
    expect((await policiesOf(BOB, "on-call")).Items?.map((p) => p.PolicyName)).toEqual(["ops"]);
  });
});

describe("DescribeOrganizationMembersAuthPolicy", () => {
  beforeEach(async () => {
    await call(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [ALICE, BOB], IdentityIds: [2] });
    await call(emulator, "CreateOrganizationMembersPolicy", { MemberUins: [BOB, ALICE], PolicyName: "shared", IdentityId: 2 });
  });

  it("lists one row per policy and member, sorted, with names", async () => {
    const answer = await bindings();
    expect(answer.Total).toBe(3);
    expect(answer.Items?.map((b) => [b.PolicyId, b.MemberUin])).toEqual([
      [SEEDED_POLICY, ALICE],
      [SEEDED_POLICY + 1, ALICE],
      [SEEDED_POLICY + 1, BOB],
    ]);
    expect(answer.Items?.[2]).toMatchObject({
      PolicyName: "shared",
      IdentityId: 2,
      IdentityRoleName: "OrganizationReadOnlyAccessRole",
      IdentityRoleAliasName: "readonly",
      MemberName: "bob",
      BindType: null,
    });
  });

  it("filters by PolicyId and MemberUin", async () => {
    expect((await bindings({ PolicyId: SEEDED_POLICY + 1 })).Items?.map((b) => b.MemberUin)).toEqual([ALICE, BOB]);
    expect((await bindings({ MemberUin: ALICE })).Items?.map((b) => b.PolicyId)).toEqual([SEEDED_POLICY, SEEDED_POLICY + 1]);
    expect((await bindings({ PolicyId: SEEDED_POLICY + 1, MemberUin: BOB })).Total).toBe(1);
  });

  it("finds nothing for a sub-account (not modelled)", async () => {
    expect((await bindings({ OrgSubAccountUin: ALICE })).Total).toBe(0);
  });
});
