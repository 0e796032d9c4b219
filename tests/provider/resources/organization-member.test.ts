/** Unit tests of OrganizationMember's check and diff (no API, no engine). */
import { memberImplementation as member } from "../../../provider/resources/organization-member";
import { UNKNOWN } from "../../../provider/resources/properties";

const toCreate = { name: "platform-ops", accountName: "platform-ops", nodeId: 100002, permissionIds: [8, 2, 1, 2] };

describe("OrganizationMember check", () => {
  it("normalizes permissionIds (sorted, de-duplicated) and assumes the Financial policy type", async () => {
    const result = await member.check({}, { ...toCreate, __provider: "stub" });
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual({ ...toCreate, permissionIds: [1, 2, 8], policyType: "Financial" });
  });

  it("names each invalid property", async () => {
    const result = await member.check({}, { name: "bad name!", accountName: "x".repeat(26), nodeId: 1, permissionIds: [1, 7], remark: "r".repeat(41) });
    const byProperty = Object.fromEntries((result.failures ?? []).map((f) => [f.property, f.reason]));
    expect(byProperty.name).toMatch(/^name may contain only letters/);
    expect(byProperty.accountName).toMatch(/^accountName .*<=25/);
    expect(byProperty.permissionIds).toMatch(/mandatory permissions 1 and 2/);
    expect(byProperty.payUin).toMatch(/required when permission 7/);
    expect(byProperty.remark).toMatch(/^remark /);
  });

  it("requires what CreateOrganizationMember needs when no memberUin is given", async () => {
    const result = await member.check({}, { remark: "only a remark" });
    expect((result.failures ?? []).map((f) => f.property).sort()).toEqual(["accountName", "name", "nodeId", "permissionIds"]);
  });

  it("refuses accountName on an adopted member and Allow for a member with a payer", async () => {
    const result = await member.check({}, { memberUin: 100000000013, accountName: "x", payUin: "100000000011", permissionIds: [1, 2, 7], isAllowQuit: "Allow" });
    expect((result.failures ?? []).map((f) => f.property).sort()).toEqual(["accountName", "isAllowQuit"]);
  });

  it.each([
    ["permissionIds without 7", { memberUin: 100000000013, payUin: "100000000011", permissionIds: [1, 2] }, /payUin needs permission 7/],
    ["no permissionIds at all", { memberUin: 100000000013, payUin: "100000000011" }, /payUin needs permissionIds that include 7/],
    ["a created member", { ...toCreate, payUin: "100000000011" }, /payUin needs permission 7/],
  ])("refuses payUin with %s, naming payUin", async (_case, inputs, reason) => {
    const result = await member.check({}, inputs);
    expect(result.failures).toEqual([{ property: "payUin", reason: expect.stringMatching(reason) }]);
  });

  it("rejects properties the resource does not have", async () => {
    const result = await member.check({}, { memberUin: 1, nickname: "x" });
    expect(result.failures).toEqual([{ property: "nickname", reason: "nickname is not a parameter of this action" }]);
  });

  it("does not fail on values that are unknown during preview", async () => {
    const result = await member.check({}, { ...toCreate, nodeId: UNKNOWN, permissionIds: [1, 2, UNKNOWN] });
    expect(result.failures).toBeUndefined();
  });
});

describe("OrganizationMember diff", () => {
  it("switching an adopted member to a created one replaces on memberUin, creating first", async () => {
    const adopted = { memberUin: 100000000011, remark: "r", createdByStack: false, managedProperties: ["memberUin", "remark"] };
    expect(await member.diff("100000000011", adopted, { ...toCreate, permissionIds: [1, 2, 8], policyType: "Financial" })).toMatchObject({
      changes: true,
      replaces: ["memberUin"],
      deleteBeforeReplace: false,
    });
  });

  it("accountName alone cannot change on a created member: check says to change name with it", async () => {
    const olds = { ...toCreate, permissionIds: [1, 2, 8], policyType: "Financial" };
    const result = await member.check(olds, { ...toCreate, accountName: "platform-ops-2" });
    expect(result.failures).toEqual([{ property: "accountName", reason: expect.stringContaining("Change name together with accountName") }]);
    expect((await member.check(olds, { ...toCreate, accountName: "platform-ops-2", name: "platform-ops-2" })).failures).toBeUndefined();
  });

  const olds = { memberUin: 5, name: "a", remark: "r", nodeId: 1, accountName: "acc", createdByStack: true, managedProperties: ["accountName", "name", "nodeId", "remark"] };

  it("reports no change when the managed properties match", async () => {
    expect(await member.diff("5", olds, { name: "a", remark: "r", nodeId: 1, accountName: "acc" })).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("updates in place for remark and nodeId, replaces for accountName of a created member", async () => {
    expect((await member.diff("5", olds, { name: "a", remark: "x", nodeId: 2, accountName: "acc" })).replaces).toEqual([]);
    expect((await member.diff("5", olds, { name: "a", remark: "r", nodeId: 1, accountName: "other" })).replaces).toEqual(["accountName"]);
  });

  it("replaces when adopting another memberUin, and treats unknown values as changes", async () => {
    const adopted = { ...olds, createdByStack: false, managedProperties: ["memberUin"] };
    expect((await member.diff("5", adopted, { memberUin: 6 })).replaces).toEqual(["memberUin"]);
    expect((await member.diff("5", adopted, { memberUin: UNKNOWN })).changes).toBe(true);
  });
});
