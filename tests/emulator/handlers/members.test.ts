/** Members: DescribeOrganizationMembers, Create/Update/DeleteOrganizationMember(s), MoveOrganizationNodeMembers. */
import { SEED_IDS, formatApiTime } from "../../../emulator";
import { PERMISSION_CHANGE_WINDOW_MS } from "../../../emulator/backend/members";
import { PERMISSIONS } from "../../../provider/api";
import { call, expectError, page, startTarget } from "../helpers";

const { invitedUin: ALICE, createdUin: BOB, paidUin: CAROL, hostUin: HOST, rootNodeId: ROOT, departmentNodeId: DEPT } = SEED_IDS;
let now = Date.UTC(2025, 5, 1, 4, 0, 0);
let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget({ now: () => now });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

async function members(filter: Record<string, unknown> = {}) {
  return call(emulator, "DescribeOrganizationMembers", { ...page, ...filter });
}
async function member(uin: number) {
  const found = (await members()).Items?.find((m) => m.MemberUin === uin);
  if (!found) throw new Error(`member ${uin} not listed`);
  return found;
}

describe("DescribeOrganizationMembers", () => {
  it("lists the seeded members sorted by UIN with node, payer, permission and identity details", async () => {
    const answer = await members();
    expect(answer.Total).toBe(3);
    expect(answer.Items?.map((m) => m.MemberUin)).toEqual([ALICE, BOB, CAROL]);
    const carol = answer.Items![2]!;
    expect(carol).toMatchObject({
      Name: "carol",
      MemberType: "Invite",
      NodeId: DEPT,
      NodeName: "Engineering",
      PayUin: String(ALICE),
      PayName: "alice",
      IsAllowQuit: "Denied",
      OrgPolicyType: "Financial",
      OrgPermission: [1, 2, 7].map((id) => ({ Id: id, Name: PERMISSIONS[id] })),
    });
    expect(answer.Items![1]!.OrgIdentity).toEqual([
      { IdentityId: 1, IdentityAliasName: "admin" },
      { IdentityId: 2, IdentityAliasName: "readonly" },
    ]);
  });

  it("matches SearchKey against a name substring (any case) or the exact UIN", async () => {
    expect((await members({ SearchKey: "ARO" })).Items?.map((m) => m.Name)).toEqual(["carol"]);
    expect((await members({ SearchKey: String(BOB) })).Items?.map((m) => m.Name)).toEqual(["bob"]);
    expect((await members({ SearchKey: String(BOB).slice(0, 8) })).Total).toBe(0);
  });

  it("filters by Tags: a member must carry every tag asked for", async () => {
    const tags = [{ TagKey: "team", TagValue: "infra" }];
    const create = { PolicyType: "Financial" as const, PermissionIds: [1, 2], NodeId: ROOT };
    const { Uin } = await call(emulator, "CreateOrganizationMember", { ...create, Name: "tagged", AccountName: "tagged", Tags: tags });
    await call(emulator, "CreateOrganizationMember", { ...create, Name: "other", AccountName: "other", Tags: [{ TagKey: "team", TagValue: "web" }] });
    expect((await members({ Tags: tags })).Items?.map((m) => [m.MemberUin, m.Tags])).toEqual([[Uin, tags]]);
  });

  it("filters by NodeId and NodeName", async () => {
    expect((await members({ NodeId: DEPT })).Items?.map((m) => m.MemberUin)).toEqual([BOB, CAROL]);
    expect((await members({ NodeName: "Root" })).Items?.map((m) => m.MemberUin)).toEqual([ALICE]);
  });

  it("answers ResourceNotFound.OrganizationNodeNotExist for a NodeId filter naming no node", async () => {
    await expectError(emulator, "DescribeOrganizationMembers", { ...page, NodeId: 424242 }, "ResourceNotFound.OrganizationNodeNotExist", 424242);
  });
});

describe("UpdateOrganizationMember", () => {
  const update = (request: Record<string, unknown>) => call(emulator, "UpdateOrganizationMember", request as never);

  it("updates name and remark and stamps UpdateTime from the clock", async () => {
    now += 60_000;
    await update({ MemberUin: BOB, Name: "robert", Remark: "renamed" });
    expect(await member(BOB)).toMatchObject({ Name: "robert", Remark: "renamed", UpdateTime: formatApiTime(now) });
  });

  it("accepts a member's own current name", async () => {
    await update({ MemberUin: BOB, Name: "bob" });
  });

  it("answers ResourceNotFound.MemberNotExist for an unknown member", async () => {
    await expectError(emulator, "UpdateOrganizationMember", { MemberUin: 999999 }, "ResourceNotFound.MemberNotExist", 999999);
  });

  it("answers FailedOperation.OrganizationMemberNameUsed for another member's name", async () => {
    await expectError(emulator, "UpdateOrganizationMember", { MemberUin: BOB, Name: "alice" }, "FailedOperation.OrganizationMemberNameUsed", "alice", ALICE);
  });

  it.each([
    [{ Name: "has space" }, "InvalidParameterValue", "Name"],
    [{ Name: "n".repeat(26) }, "InvalidParameterValue", "Name"],
    [{ Remark: "r".repeat(41) }, "InvalidParameterValue", "Remark"],
    [{ IsAllowQuit: "Maybe" }, "InvalidParameterValue", "IsAllowQuit"],
    [{ PolicyType: "Operations", PermissionIds: [1, 2] }, "InvalidParameterValue", "PolicyType"],
    [{ PolicyType: "Financial" }, "FailedOperation.OrganizationPolicyIllegal", "PermissionIds"],
    [{ PolicyType: "Financial", PermissionIds: [] }, "InvalidParameterValue", "PermissionIds"],
    [{ PermissionIds: [1, 2] }, "FailedOperation.OrganizationPolicyIllegal", "PolicyType"],
    [{ PolicyType: "Financial", PermissionIds: [1, 8] }, "FailedOperation.OrganizationPermissionIllegal", "PermissionIds"],
    [{ PolicyType: "Financial", PermissionIds: [1, 2, 11] }, "InvalidParameterValue", "PermissionIds.2"],
    [{ PolicyType: "Financial", PermissionIds: [1, 2, 7] }, "FailedOperation.PayUinIllegal", "PayUin"],
    [{ PayUin: "12ab" }, "InvalidParameterValue", "PayUin"],
    [{ Colour: "blue" }, "UnknownParameter", "Colour"],
  ])("validates %j: %s naming %s", async (fields, code, field) => {
    await expectError(emulator, "UpdateOrganizationMember", { MemberUin: BOB, ...fields }, code, field);
  });

  it("answers MissingParameter without MemberUin and InvalidParameter for a MemberUin of the wrong type", async () => {
    await expectError(emulator, "UpdateOrganizationMember", { Name: "x" }, "MissingParameter", "MemberUin");
    await expectError(emulator, "UpdateOrganizationMember", { MemberUin: "100000000012" }, "InvalidParameter", "MemberUin");
  });

  it("replaces the permission set with PolicyType and PermissionIds", async () => {
    await update({ MemberUin: BOB, PolicyType: "Financial", PermissionIds: [9, 2, 1, 5] });
    expect((await member(BOB)).OrgPermission).toEqual([1, 2, 5, 9].map((id) => ({ Id: id, Name: PERMISSIONS[id] })));
  });

  it("answers FailedOperation.PayUinIllegal for a PayUin outside the organization or the member itself", async () => {
    const grant = { MemberUin: BOB, PolicyType: "Financial", PermissionIds: [1, 2, 7], IsAllowQuit: "Denied" };
    await expectError(emulator, "UpdateOrganizationMember", { ...grant, PayUin: "555555555555" }, "FailedOperation.PayUinIllegal", "PayUin", "555555555555");
    await expectError(emulator, "UpdateOrganizationMember", { ...grant, PayUin: String(BOB) }, "FailedOperation.PayUinIllegal", "PayUin", String(BOB));
  });

  it("answers FailedOperation.PayUinIllegal for a PayUin while permission 7 is not granted", async () => {
    await expectError(emulator, "UpdateOrganizationMember", { MemberUin: BOB, PayUin: String(ALICE) }, "FailedOperation.PayUinIllegal", "PayUin", "7");
  });

  it("accepts the management account as payer, named by PayName", async () => {
    await update({ MemberUin: BOB, PolicyType: "Financial", PermissionIds: [1, 2, 7], PayUin: String(HOST) });
    expect(await member(BOB)).toMatchObject({ PayUin: String(HOST), PayName: "org-admin" });
  });

  it("answers InvalidParameter.AllowQuitIllegal for IsAllowQuit=Allow on a paid-for member", async () => {
    await expectError(emulator, "UpdateOrganizationMember", { MemberUin: CAROL, IsAllowQuit: "Allow" }, "InvalidParameter.AllowQuitIllegal", CAROL);
  });

  it("answers InvalidParameter.AllowQuitIllegal when a member that may quit gets a payer, unless it is denied in the same call", async () => {
    const grant = { MemberUin: ALICE, PolicyType: "Financial", PermissionIds: [1, 2, 7], PayUin: String(BOB) };
    await expectError(emulator, "UpdateOrganizationMember", grant, "InvalidParameter.AllowQuitIllegal", ALICE);
    await update({ ...grant, IsAllowQuit: "Denied" });
    expect(await member(ALICE)).toMatchObject({ PayUin: String(BOB), IsAllowQuit: "Denied" });
  });

  it("clears PayUin when permission 7 is withdrawn, after which the member may be allowed to quit", async () => {
    await update({ MemberUin: CAROL, PolicyType: "Financial", PermissionIds: [1, 2] });
    expect(await member(CAROL)).toMatchObject({ PayUin: "", PayName: "" });
    await update({ MemberUin: CAROL, IsAllowQuit: "Allow" });
    expect((await member(CAROL)).IsAllowQuit).toBe("Allow");
  });

  describe("FailedOperation.ChangePermissionRecordExist", () => {
    const change = { MemberUin: BOB, PolicyType: "Financial", PermissionIds: [1, 2, 5] };

    it("answers the same permission change sent again within the window, then accepts it; other changes go through", async () => {
      await update(change);
      now += PERMISSION_CHANGE_WINDOW_MS - 1000;
      await expectError(emulator, "UpdateOrganizationMember", { ...change, PermissionIds: [5, 2, 1], Remark: "again" }, "FailedOperation.ChangePermissionRecordExist", BOB);
      expect((await member(BOB)).Remark).not.toBe("again");
      await update({ MemberUin: BOB, Remark: "other fields are not a permission change" });
      await update({ ...change, PermissionIds: [1, 2, 5, 9] });
      await update(change);
      now += PERMISSION_CHANGE_WINDOW_MS;
      await update(change);
    });

    it("counts a new payer as a change, and not the permissions a member already has", async () => {
      await update({ MemberUin: BOB, PolicyType: "Financial", PermissionIds: [1, 2] });
      await update({ MemberUin: BOB, PolicyType: "Financial", PermissionIds: [1, 2] });
      await update({ MemberUin: CAROL, PolicyType: "Financial", PermissionIds: [1, 2, 7], PayUin: String(HOST) });
      await expectError(emulator, "UpdateOrganizationMember", { MemberUin: CAROL, PolicyType: "Financial", PermissionIds: [1, 2, 7], PayUin: String(HOST) }, "FailedOperation.ChangePermissionRecordExist");
      await update({ MemberUin: CAROL, PolicyType: "Financial", PermissionIds: [1, 2, 7], PayUin: String(ALICE) });
    });
  });

  it("changes nothing when it refuses", async () => {
    const before = emulator.control.snapshot();
    await expectError(emulator, "UpdateOrganizationMember", { MemberUin: CAROL, Name: "carla", IsAllowQuit: "Allow" }, "InvalidParameter.AllowQuitIllegal");
    expect(emulator.control.snapshot()).toEqual(before);
  });
});

describe("CreateOrganizationMember", () => {
  const create = { Name: "dave", PolicyType: "Financial", PermissionIds: [1, 2], NodeId: DEPT, AccountName: "dave-account" };

  it("creates a Create-type member with a new UIN, authorized for IdentityRoleID", async () => {
    const { Uin } = await call(emulator, "CreateOrganizationMember", { ...create, Remark: "new", IdentityRoleID: [2] } as never);
    expect(Uin).toBeGreaterThan(CAROL);
    expect(await member(Uin)).toMatchObject({
      Name: "dave",
      MemberType: "Create",
      NodeId: DEPT,
      NodeName: "Engineering",
      Remark: "new",
      NickName: "dave-account",
      OrgIdentity: [{ IdentityId: 2, IdentityAliasName: "readonly" }],
    });
    const second = await call(emulator, "CreateOrganizationMember", { ...create, Name: "erin" } as never);
    expect(second.Uin).toBe(Uin + 1);
  });

  it("answers FailedOperation.OrganizationMemberNameUsed for a name in use", async () => {
    await expectError(emulator, "CreateOrganizationMember", { ...create, Name: "bob" }, "FailedOperation.OrganizationMemberNameUsed", "bob");
  });

  it("answers ResourceNotFound.OrganizationNodeNotExist for an unknown node", async () => {
    await expectError(emulator, "CreateOrganizationMember", { ...create, NodeId: 424242 }, "ResourceNotFound.OrganizationNodeNotExist", 424242);
  });

  it("answers InvalidParameter (no identity code is documented for this action) for an unknown IdentityRoleID, creating nothing", async () => {
    await expectError(emulator, "CreateOrganizationMember", { ...create, IdentityRoleID: [2, 77] }, "InvalidParameter", "IdentityRoleID", 77);
    expect((await members()).Total).toBe(3);
  });

  it("answers MissingParameter for each required field", async () => {
    for (const field of ["Name", "PolicyType", "PermissionIds", "NodeId", "AccountName"]) {
      const { [field as keyof typeof create]: _omitted, ...rest } = create;
      await expectError(emulator, "CreateOrganizationMember", rest, "MissingParameter", field);
    }
  });

  it("records a payer with permission 7", async () => {
    const { Uin } = await call(emulator, "CreateOrganizationMember", { ...create, PermissionIds: [1, 2, 7], PayUin: String(ALICE) } as never);
    expect(await member(Uin)).toMatchObject({ PayUin: String(ALICE), PayName: "alice", IsAllowQuit: "Denied" });
  });
});

describe("DeleteOrganizationMembers", () => {
  it("removes the members", async () => {
    await call(emulator, "DeleteOrganizationMembers", { MemberUin: [BOB] });
    expect((await members()).Items?.map((m) => m.MemberUin)).toEqual([ALICE, CAROL]);
  });

  it("answers InvalidParameter (no not-found code is documented for this action) for a UIN that is not a member, deleting none of the others", async () => {
    await expectError(emulator, "DeleteOrganizationMembers", { MemberUin: [BOB, 31337] }, "InvalidParameter", 31337);
    expect((await members()).Total).toBe(3);
    await call(emulator, "DeleteOrganizationMembers", { MemberUin: [BOB] });
    await expectError(emulator, "DeleteOrganizationMembers", { MemberUin: [BOB] }, "InvalidParameter", BOB);
  });

  it("refuses to remove the management account with FailedOperation.DisableQuitSelfCreatedOrganization", async () => {
    await expectError(emulator, "DeleteOrganizationMembers", { MemberUin: [HOST] }, "FailedOperation.DisableQuitSelfCreatedOrganization", HOST);
  });

  it("refuses a payer and a paid-for member, even together, until the pay-on-behalf pair is undone", async () => {
    await expectError(emulator, "DeleteOrganizationMembers", { MemberUin: [ALICE] }, "FailedOperation.MemberIsDelegatePayerNotAllowDelete", ALICE, CAROL);
    await expectError(emulator, "DeleteOrganizationMembers", { MemberUin: [CAROL] }, "FailedOperation.MemberExistDelegatePayerNotAllowDelete", CAROL, ALICE);
    await expectError(emulator, "DeleteOrganizationMembers", { MemberUin: [ALICE, CAROL] }, "FailedOperation.MemberIsDelegatePayerNotAllowDelete", ALICE);
    await call(emulator, "UpdateOrganizationMember", { MemberUin: CAROL, PolicyType: "Financial", PermissionIds: [1, 2] });
    await call(emulator, "DeleteOrganizationMembers", { MemberUin: [ALICE, CAROL] });
    expect((await members()).Items?.map((m) => m.MemberUin)).toEqual([BOB]);
  });

  it("answers InvalidParameterValue for an empty list", async () => {
    await expectError(emulator, "DeleteOrganizationMembers", { MemberUin: [] }, "InvalidParameterValue", "MemberUin");
  });
});

describe("MoveOrganizationNodeMembers", () => {
  it("moves members to a node", async () => {
    await call(emulator, "MoveOrganizationNodeMembers", { NodeId: ROOT, MemberUin: [BOB, CAROL] });
    expect(await member(BOB)).toMatchObject({ NodeId: ROOT, NodeName: "Root" });
    expect((await member(CAROL)).NodeId).toBe(ROOT);
  });

  it("answers ResourceNotFound.OrganizationNodeNotExist for an unknown node", async () => {
    await expectError(emulator, "MoveOrganizationNodeMembers", { NodeId: 5, MemberUin: [BOB] }, "ResourceNotFound.OrganizationNodeNotExist", 5);
  });

  it("answers FailedOperation.SomeUinsNotInOrganization naming every UIN outside the organization, moving none", async () => {
    await expectError(emulator, "MoveOrganizationNodeMembers", { NodeId: ROOT, MemberUin: [8, BOB, 9] }, "FailedOperation.SomeUinsNotInOrganization", 8, 9);
    expect((await member(BOB)).NodeId).toBe(DEPT);
  });
});
