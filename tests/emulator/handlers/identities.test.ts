/** Identities (Create/Update/Delete/ListOrganizationIdentity) and member authorizations. */
import { SEED_IDS } from "../../../emulator";
import { MAX_CUSTOM_IDENTITIES } from "../../../emulator/backend/identities";
import { call, expectError, page, startTarget } from "../helpers";

const { invitedUin: ALICE, createdUin: BOB, paidUin: CAROL, policyId: SEEDED_POLICY } = SEED_IDS;
let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

const CUSTOM = SEED_IDS.customIdentityId;
const preset = { PolicyType: 2 as const, PolicyId: 2, PolicyName: "ReadOnlyAccess" };
const document = '{"version":"2.0","statement":[{"effect":"allow","action":["cos:GetObject"],"resource":["*"]}]}';
const custom = { PolicyType: 1 as const, PolicyName: "cos-read", PolicyDocument: document };
const create = async (IdentityAliasName: string, IdentityPolicy = [custom]) =>
  (await call(emulator, "CreateOrganizationIdentity", { IdentityAliasName, IdentityPolicy })).IdentityId;
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
      [20, "auditor", 2],
      [21, "network-ops", 2],
    ]);
    expect(answer.Items?.[0]).toMatchObject({ Description: "AdministratorAccess", IdentityPolicy: [expect.objectContaining({ PolicyName: "AdministratorAccess" })] });
  });

  it("filters by SearchKey on the alias, IdentityId and IdentityType", async () => {
    expect((await identities({ SearchKey: "FIN" })).Items?.map((i) => i.IdentityId)).toEqual([3]);
    expect((await identities({ IdentityId: 2 })).Items?.map((i) => i.IdentityAliasName)).toEqual(["readonly"]);
    expect((await identities({ IdentityType: 2 })).Items?.map((i) => i.IdentityAliasName)).toEqual(["devops", "auditor", "network-ops"]);
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

describe("CreateOrganizationIdentity", () => {
  it("creates a custom identity with a new id, which ListOrganizationIdentity reports with its policies as given", async () => {
    const { IdentityId } = await call(emulator, "CreateOrganizationIdentity", {
      IdentityAliasName: "reviewer",
      Description: "reads COS",
      IdentityPolicy: [preset, custom],
    });
    expect(IdentityId).toBeGreaterThan(CUSTOM);
    expect((await identities({ IdentityId })).Items).toEqual([
      {
        IdentityId,
        IdentityAliasName: "reviewer",
        Description: "reads COS",
        IdentityType: 2,
        IdentityPolicy: [
          { PolicyId: 2, PolicyName: "ReadOnlyAccess", PolicyType: 2, PolicyDocument: "" },
          { PolicyId: 0, PolicyName: "cos-read", PolicyType: 1, PolicyDocument: document },
        ],
        UpdateTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      },
    ]);
    expect(await create("second")).toBe(IdentityId + 1);
  });

  it("takes PolicyType 2 (preset) when it is left out", async () => {
    const IdentityId = await create("defaulted", [{ PolicyId: 1, PolicyName: "AdministratorAccess" }] as never);
    expect((await identities({ IdentityId })).Items?.[0]?.IdentityPolicy).toEqual([
      { PolicyId: 1, PolicyName: "AdministratorAccess", PolicyType: 2, PolicyDocument: "" },
    ]);
  });

  it("makes an identity that members can be authorized for and that member access policies can use", async () => {
    const IdentityId = await create("reviewer");
    await call(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [CAROL], IdentityIds: [IdentityId] });
    expect((await authorizations({ IdentityId })).Items).toEqual([
      expect.objectContaining({ IdentityId, MemberUin: CAROL, IdentityType: 2, IdentityRoleAliasName: "reviewer", IdentityRoleName: `OrganizationIdentityRole-${IdentityId}`, Status: 1 }),
    ]);
    const { PolicyId } = await call(emulator, "CreateOrganizationMembersPolicy", { MemberUins: [CAROL], PolicyName: "carol-audit", IdentityId });
    const bindings = await call(emulator, "DescribeOrganizationMembersAuthPolicy", { ...page, PolicyId });
    expect(bindings.Items).toEqual([expect.objectContaining({ PolicyId, IdentityId, MemberUin: CAROL, IdentityRoleAliasName: "reviewer" })]);
    const members = await call(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: String(CAROL) });
    expect(members.Items?.[0]?.OrgIdentity).toEqual([{ IdentityId, IdentityAliasName: "reviewer" }]);
  });

  it("answers FailedOperation.OrganizationIdentityNameUsed for the alias of any identity, preset or custom", async () => {
    await expectError(emulator, "CreateOrganizationIdentity", { IdentityAliasName: "admin", IdentityPolicy: [custom] }, "FailedOperation.OrganizationIdentityNameUsed", "admin", 1);
    await expectError(emulator, "CreateOrganizationIdentity", { IdentityAliasName: "devops", IdentityPolicy: [custom] }, "FailedOperation.OrganizationIdentityNameUsed", CUSTOM);
    await create("Devops");
  });

  it("answers ResourceNotFound.PolicyNotExist for a preset policy CAM does not have, by id or by name, naming the entry", async () => {
    const wrongName = { PolicyType: 2 as const, PolicyId: 2, PolicyName: "AdministratorAccess" };
    const wrongId = { PolicyType: 2 as const, PolicyId: 424242, PolicyName: "ReadOnlyAccess" };
    await expectError(emulator, "CreateOrganizationIdentity", { IdentityAliasName: "x", IdentityPolicy: [preset, wrongName] }, "ResourceNotFound.PolicyNotExist", "IdentityPolicy.1", "AdministratorAccess");
    await expectError(emulator, "CreateOrganizationIdentity", { IdentityAliasName: "x", IdentityPolicy: [wrongId] }, "ResourceNotFound.PolicyNotExist", 424242);
    expect((await identities({ SearchKey: "x" })).Total).toBe(0);
  });

  it("keeps a custom policy's document as given: no code is documented for a malformed one", async () => {
    const IdentityId = await create("free-form", [{ PolicyType: 1, PolicyDocument: "not json" }] as never);
    expect((await identities({ IdentityId })).Items?.[0]?.IdentityPolicy).toEqual([{ PolicyId: 0, PolicyName: "", PolicyType: 1, PolicyDocument: "not json" }]);
  });

  it("requires PolicyId and PolicyName for a preset policy, PolicyDocument for a custom one, and at least one policy", async () => {
    await expectError(emulator, "CreateOrganizationIdentity", { IdentityAliasName: "x", IdentityPolicy: [{ PolicyType: 2, PolicyId: 2 }] }, "InvalidParameterValue", "IdentityPolicy.0.PolicyName");
    await expectError(emulator, "CreateOrganizationIdentity", { IdentityAliasName: "x", IdentityPolicy: [{ PolicyType: 1, PolicyDocument: "" }] }, "InvalidParameterValue", "IdentityPolicy.0.PolicyDocument");
    await expectError(emulator, "CreateOrganizationIdentity", { IdentityAliasName: "x", IdentityPolicy: [] }, "InvalidParameterValue", "IdentityPolicy");
    await expectError(emulator, "CreateOrganizationIdentity", { IdentityAliasName: "", IdentityPolicy: [custom] }, "InvalidParameterValue", "IdentityAliasName");
  });

  it(`answers LimitExceeded.IdentityExceedLimit beyond ${MAX_CUSTOM_IDENTITIES} custom identities`, async () => {
    const existing = (await identities({ IdentityType: 2 })).Total;
    for (let i = existing; i < MAX_CUSTOM_IDENTITIES; i++) await create(`identity-${i}`);
    await expectError(emulator, "CreateOrganizationIdentity", { IdentityAliasName: "one-more", IdentityPolicy: [custom] }, "LimitExceeded.IdentityExceedLimit", MAX_CUSTOM_IDENTITIES);
  });
});

describe("UpdateOrganizationIdentity", () => {
  it("sets the description and replaces the policies, moving UpdateTime; the alias stays", async () => {
    let clock = Date.parse("2025-05-01T00:00:00Z");
    const clocked = await startTarget({ now: () => clock });
    try {
      const { IdentityId } = await call(clocked, "CreateOrganizationIdentity", { IdentityAliasName: "reviewer", IdentityPolicy: [custom] });
      clock += 3_600_000;
      await call(clocked, "UpdateOrganizationIdentity", { IdentityId, Description: "now read-only", IdentityPolicy: [preset] });
      const [identity] = (await call(clocked, "ListOrganizationIdentity", { ...page, IdentityId })).Items ?? [];
      expect(identity).toMatchObject({
        IdentityAliasName: "reviewer",
        Description: "now read-only",
        IdentityPolicy: [{ PolicyId: 2, PolicyName: "ReadOnlyAccess", PolicyType: 2, PolicyDocument: "" }],
        UpdateTime: "2025-05-01 09:00:00",
      });
    } finally {
      await clocked.stop();
    }
  });

  it("answers ResourceNotFound.OrganizationIdentityNotExist for an unknown identity", async () => {
    await expectError(emulator, "UpdateOrganizationIdentity", { IdentityId: 404, Description: "", IdentityPolicy: [custom] }, "ResourceNotFound.OrganizationIdentityNotExist", 404);
  });

  it("answers InvalidParameter for a preset identity, which cannot be changed", async () => {
    await expectError(emulator, "UpdateOrganizationIdentity", { IdentityId: 1, Description: "", IdentityPolicy: [custom] }, "InvalidParameter", "IdentityId 1", "preset");
    expect((await identities({ IdentityId: 1 })).Items?.[0]?.Description).toBe("AdministratorAccess");
  });

  it("answers ResourceNotFound.PolicyNotExist for an unknown preset policy, changing nothing", async () => {
    await expectError(emulator, "UpdateOrganizationIdentity", { IdentityId: CUSTOM, Description: "x", IdentityPolicy: [{ PolicyType: 2, PolicyId: 9, PolicyName: "Nope" }] }, "ResourceNotFound.PolicyNotExist", "Nope");
    expect((await identities({ IdentityId: CUSTOM })).Items?.[0]?.Description).toBe("CVM and CLS operations");
  });

  it("requires Description and IdentityPolicy", async () => {
    await expectError(emulator, "UpdateOrganizationIdentity", { IdentityId: CUSTOM, IdentityPolicy: [custom] }, "MissingParameter", "Description");
    await expectError(emulator, "UpdateOrganizationIdentity", { IdentityId: CUSTOM, Description: "" }, "MissingParameter", "IdentityPolicy");
  });
});

describe("DeleteOrganizationIdentity", () => {
  it("deletes a custom identity that no member is authorized for", async () => {
    const IdentityId = await create("short-lived");
    await call(emulator, "DeleteOrganizationIdentity", { IdentityId });
    expect((await identities({ IdentityId })).Total).toBe(0);
    await expectError(emulator, "DeleteOrganizationIdentity", { IdentityId }, "ResourceNotFound.OrganizationIdentityNotExist", IdentityId);
  });

  it("answers FailedOperation.OrganizationIdentityInUsed while members are authorized for it, naming them", async () => {
    await call(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [BOB, CAROL], IdentityIds: [CUSTOM] });
    await expectError(emulator, "DeleteOrganizationIdentity", { IdentityId: CUSTOM }, "FailedOperation.OrganizationIdentityInUsed", BOB, CAROL);
    await call(emulator, "DeleteOrganizationMemberAuthIdentity", { MemberUin: BOB, IdentityId: CUSTOM });
    await call(emulator, "DeleteOrganizationMemberAuthIdentity", { MemberUin: CAROL, IdentityId: CUSTOM });
    await call(emulator, "DeleteOrganizationIdentity", { IdentityId: CUSTOM });
  });

  it("answers InvalidParameter for a preset identity, which cannot be deleted", async () => {
    await expectError(emulator, "DeleteOrganizationIdentity", { IdentityId: 3 }, "InvalidParameter", "IdentityId 3", "preset");
    expect((await identities({ IdentityId: 3 })).Total).toBe(1);
  });

  it("answers ResourceNotFound.OrganizationIdentityNotExist for an unknown identity", async () => {
    await expectError(emulator, "DeleteOrganizationIdentity", { IdentityId: 77 }, "ResourceNotFound.OrganizationIdentityNotExist", 77);
  });
});
