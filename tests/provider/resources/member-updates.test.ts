/** Unit tests of the writes that change an existing OrganizationMember (no API): only what the program set and changed is sent. */
import { memberWrites, type UpdatableProperty } from "../../../provider/resources/member-updates";

const uin = 100000000013;
const payer = "100000000011";
const writes = (changed: UpdatableProperty[], desired: Record<string, unknown>) => memberWrites(uin, new Set(changed), desired);

describe("OrganizationMember update writes", () => {
  it("nothing changed: nothing is written", () => {
    expect(writes([], { remark: "r", name: "n" })).toEqual({});
  });

  it("a remark change sends the remark alone, whatever else the program sets", () => {
    expect(writes(["remark"], { remark: "r", name: "n", permissionIds: [1, 2, 7], policyType: "Financial", payUin: payer, nodeId: 5 })).toEqual({
      update: { MemberUin: uin, Remark: "r" },
    });
  });

  it("a permission change sends the policy type with it, and the program's payer when pay-on-behalf is granted", () => {
    expect(writes(["permissionIds"], { permissionIds: [1, 2, 8], policyType: "Financial" })).toEqual({
      update: { MemberUin: uin, PolicyType: "Financial", PermissionIds: [1, 2, 8] },
    });
    expect(writes(["permissionIds"], { permissionIds: [1, 2, 7], payUin: payer })).toEqual({
      update: { MemberUin: uin, PolicyType: "Financial", PermissionIds: [1, 2, 7], PayUin: payer },
    });
  });

  it("a payer the program leaves unset is never sent (check refuses permission 7 without one)", () => {
    expect(writes(["permissionIds"], { permissionIds: [1, 2, 7], policyType: "Financial" }).update).not.toHaveProperty("PayUin");
  });

  it("isAllowQuit is sent alone", () => {
    expect(writes(["isAllowQuit"], { isAllowQuit: "Denied", payUin: payer })).toEqual({ update: { MemberUin: uin, IsAllowQuit: "Denied" } });
  });

  it("a rename carries the nickname instruction; a new department is a move, not an update", () => {
    expect(writes(["name"], { name: "n", isModifyNickName: true })).toEqual({ update: { MemberUin: uin, Name: "n", IsModifyNickName: 1 } });
    expect(writes(["name"], { name: "n" })).toEqual({ update: { MemberUin: uin, Name: "n" } });
    expect(writes(["nodeId"], { nodeId: 100003, remark: "r" })).toEqual({ moveTo: 100003 });
  });
});
