/** Identities and member authorizations. */
import { SEED_IDS } from "../../../emulator";
import { call, expectError, page, startTarget } from "../helpers";

const { invitedUin: ALICE, createdUin: BOB, paidUin: CAROL, policyId: SEEDED_POLICY } = SEED_IDS;
let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

const identities = (filter: Record<string, unknown> = {}) => call(emulator, "ListOrganizationIdentity", { ...page, ...filter });
const authorizations = (filter: Record<string, number>) =>
  call(emulator, "DescribeOrganizationMemberAuthIdentities", { ...page, ...filter });

describe("ListOrganizationIdentity", () => {
  it("lists the preset and custom identities sorted by id", async () => {
    const answer = await identities();
    expect(answer.Items?.map((i) => [i.IdentityId, i.IdentityAliasName, i.IdentityType])).toEqual([
      [1, "admin", 1],
      [2, "readonly", 1],
      [3, "finance", 1],
      [10, "devops", 2],
    ]);
    expect(answer.Items?.[0]).toMatchObject({ Description: "AdministratorAccess", IdentityPolicy: [expect.objectContaining({ PolicyName: "AdministratorAccess" })] });
  });

  it("filters by SearchKey on the alias, IdentityId and IdentityType", async () => {
    expect((await identities({ SearchKey: "FIN" })).Items?.map((i) => i.IdentityId)).toEqual([3]);
    expect((await identities({ IdentityId: 2 })).Items?.map((i) => i.IdentityAliasName)).toEqual(["readonly"]);
    expect((await identities({ IdentityType: 2 })).Items?.map((i) => i.IdentityAliasName)).toEqual(["devops"]);
  });

  it("answers InvalidParameterValue for an IdentityType other than 1 or 2", async () => {
    await expectError(emulator, "ListOrganizationIdentity", { ...page, IdentityType: 3 }, "InvalidParameterValue", "IdentityType");
  });
});

describe("CreateOrganizationMemberAuthIdentity", () => {
  it("authorizes every listed member for every listed identity", async () => {
    await call(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [ALICE, CAROL], IdentityIds: [3, 10] });
    expect((await authorizations({ IdentityId: 3 })).Items?.map((a) => a.MemberUin)).toEqual([ALICE, CAROL]);
    expect((await authorizations({ MemberUin: CAROL })).Items?.map((a) => a.IdentityId)).toEqual([3, 10]);
  });

  it("accepts pairs that are already authorized, changing nothing", async () => {
    const before = (await authorizations({ MemberUin: BOB })).Items;
    await call(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [BOB], IdentityIds: [1, 2] });
    expect((await authorizations({ MemberUin: BOB })).Items).toEqual(before);
  });

  it("answers ResourceNotFound.OrganizationMemberNotExist for an unknown member, authorizing none", async () => {
    await expectError(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [CAROL, 606], IdentityIds: [3] }, "ResourceNotFound.OrganizationMemberNotExist", 606);
    expect((await authorizations({ MemberUin: CAROL })).Total).toBe(0);
  });

  it("answers ResourceNotFound.OrganizationIdentityNotExist for an unknown identity", async () => {
    await expectError(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [CAROL], IdentityIds: [3, 404] }, "ResourceNotFound.OrganizationIdentityNotExist", 404);
  });

  it("answers InvalidParameterValue for more than 5 identities or 10 members", async () => {
    await expectError(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [CAROL], IdentityIds: [1, 2, 3, 4, 5, 6] }, "InvalidParameterValue", "IdentityIds");
    const eleven = Array.from({ length: 11 }, (_, i) => ALICE + i);
    await expectError(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: eleven, IdentityIds: [1] }, "InvalidParameterValue", "MemberUins");
  });
});

describe("DescribeOrganizationMemberAuthIdentities", () => {
  it("answers InvalidParameter without MemberUin or IdentityId", async () => {
    await expectError(emulator, "DescribeOrganizationMemberAuthIdentities", page, "InvalidParameter", "MemberUin", "IdentityId");
  });

  it("describes each authorization as seed page 003 shows it, with the member", async () => {
    expect((await authorizations({ MemberUin: ALICE })).Items).toEqual([
      {
        IdentityId: 1,
        IdentityRoleName: "OrganizationAccessControlRole",
        IdentityRoleAliasName: "admin",
        Description: "AdministratorAccess",
        IdentityType: 1,
        Status: 1,
        MemberUin: ALICE,
        MemberName: "alice",
        CreateTime: "2024-03-01 10:00:00",
        UpdateTime: "2024-03-01 10:00:00",
      },
    ]);
  });

  it("reports Status 2 for an authorization flagged as needing reconfiguration", async () => {
    emulator.control.setAuthIdentityStatus(BOB, 2, 2);
    expect((await authorizations({ MemberUin: BOB })).Items?.map((a) => [a.IdentityId, a.Status])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it("configures a Status 2 authorization again when it is authorized again", async () => {
    emulator.control.setAuthIdentityStatus(BOB, 2, 2);
    await call(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [BOB], IdentityIds: [2] });
    expect((await authorizations({ MemberUin: BOB, IdentityId: 2 })).Items?.map((a) => a.Status)).toEqual([1]);
  });

  it("filters by both MemberUin and IdentityId", async () => {
    expect((await authorizations({ MemberUin: BOB, IdentityId: 2 })).Total).toBe(1);
    expect((await authorizations({ MemberUin: ALICE, IdentityId: 2 })).Total).toBe(0);
  });
});

describe("DeleteOrganizationMemberAuthIdentity", () => {
  it("withdraws one authorization", async () => {
    await call(emulator, "DeleteOrganizationMemberAuthIdentity", { MemberUin: BOB, IdentityId: 2 });
    expect((await authorizations({ MemberUin: BOB })).Items?.map((a) => a.IdentityId)).toEqual([1]);
  });

  it("answers ResourceNotFound.OrganizationIdentityNotExist for an unknown identity", async () => {
    await expectError(emulator, "DeleteOrganizationMemberAuthIdentity", { MemberUin: BOB, IdentityId: 88 }, "ResourceNotFound.OrganizationIdentityNotExist", 88);
  });

  it("answers ResourceNotFound.MemberIdentityNotExist for a pair that is not authorized", async () => {
    await expectError(emulator, "DeleteOrganizationMemberAuthIdentity", { MemberUin: CAROL, IdentityId: 1 }, "ResourceNotFound.MemberIdentityNotExist", CAROL, 1);
  });

  it("answers FailedOperation.MemberIdentityAuthUsed while a policy binding uses it, naming the policy", async () => {
    await expectError(emulator, "DeleteOrganizationMemberAuthIdentity", { MemberUin: ALICE, IdentityId: 1 }, "FailedOperation.MemberIdentityAuthUsed", SEEDED_POLICY);
    await call(emulator, "DeleteOrganizationMembersPolicy", { PolicyId: SEEDED_POLICY });
    await call(emulator, "DeleteOrganizationMemberAuthIdentity", { MemberUin: ALICE, IdentityId: 1 });
  });
});
