/** OrganizationMember validation and adoption (shared setup: ./shared.ts). */
import { SEED_IDS, createEngineStack, type EngineStack, created, memberNamed } from "./shared";

jest.setTimeout(300_000);

describe("OrganizationMember validation and adoption", () => {
  let engine: EngineStack;

  // Throttling gives up after 1 s here, so a test can throttle a call past the budget quickly.
  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", env: { TENCENTCLOUD_ORGANIZATION_MAX_RETRY_TIME: "1" } });
  });
  afterAll(() => engine?.close());

  it("invalid input fails preview naming each field, with no call to the API", async () => {
    // The engine stops at the first resource that fails its check, so one invalid resource per preview.
    await engine.declare([
      { kind: "OrganizationMember", name: "bad", args: { name: "bad name!", accountName: "ok", nodeId: SEED_IDS.rootNodeId, permissionIds: [1, 3] } },
    ]);
    engine.emulator.control.resetCalls();
    const message = await engine.previewError();
    expect(message).toMatch(/property name value .* name may contain only letters/);
    expect(message).toMatch(/property permissionIds value .* permissionIds must include the mandatory permissions 1 and 2/);

    await engine.declare([{ kind: "OrganizationMember", name: "incomplete", args: { remark: "no name" } }]);
    const incomplete = await engine.previewError();
    for (const property of ["name", "accountName", "nodeId", "permissionIds"]) {
      expect(incomplete).toContain(`property ${property} value {<nil>} has a problem: ${property} is required to create a member`);
    }
    expect(engine.emulator.control.calls()).toEqual([]);
  });

  it("payUin without permission 7 fails preview naming payUin, with no call to the API", async () => {
    await engine.declare([{ kind: "OrganizationMember", name: "carol", args: { memberUin: SEED_IDS.paidUin, payUin: String(SEED_IDS.invitedUin), permissionIds: [1, 2] } }]);
    engine.emulator.control.resetCalls();
    expect(await engine.previewError()).toMatch(/property payUin value .* payUin needs permission 7/);
    expect(engine.emulator.control.calls()).toEqual([]);
  });

  it("a create whose answer was lost is found by name and adopted, not made twice", async () => {
    await engine.declare(created({ name: "lost-answer", accountName: "lost-answer" }));
    engine.emulator.control.injectFault({ kind: "lost-answer", action: "CreateOrganizationMember" });
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ create: 2 });
    expect(engine.writeCalls()).toEqual(["CreateOrganizationMember"]);
    const member = await memberNamed(engine, "lost-answer");
    expect((await engine.resources()).platform!.id).toBe(String(member!.MemberUin));
    await engine.destroy();
    expect(await memberNamed(engine, "lost-answer")).toBeUndefined();
  });

  it("a member made outside the stack under the wanted name is a clear error that says how to adopt it; nothing is recorded", async () => {
    await engine.declare(created({ name: "bob", accountName: "bob-account" }));
    engine.emulator.control.resetCalls();
    const message = await engine.upError();
    expect(message).toContain(
      `cannot create member "bob": the name is already used by ${SEED_IDS.createdUin}, which this stack did not create ` +
        `(to manage that member, adopt it: set memberUin: ${SEED_IDS.createdUin} and drop accountName`,
    );
    expect(engine.writeCalls()).toEqual(["CreateOrganizationMember"]);
    expect((await engine.resources()).platform).toBeUndefined();
    await engine.destroy();
  });

  it("a create whose read-back fails past the retry budget records the member, and refresh, up and destroy repair it", async () => {
    await engine.declare(created({ name: "readback", accountName: "readback", isAllowQuit: "Allow" }));
    engine.emulator.control.injectFault({ kind: "throttle", action: "DescribeOrganizationMembers", count: 10_000 });
    expect(await engine.upError()).toContain("member created, but completing it failed");
    engine.emulator.control.clearFaults();
    const recorded = (await engine.resources()).platform!;
    expect(recorded.outputs).toMatchObject({ name: "readback", createdByStack: true });
    // isAllowQuit was never written: state does not claim it, so the next up writes it.
    expect(recorded.outputs!.isAllowQuit).toBeUndefined();
    expect(recorded.outputs!.__provider).toEqual(expect.any(String));
    await engine.refresh();
    engine.emulator.control.resetCalls();
    await engine.up();
    expect(engine.writeCalls()).toEqual(["UpdateOrganizationMember"]);
    expect(await engine.preview()).toEqual({ same: 2 });
    const member = await memberNamed(engine, "readback");
    expect(member).toMatchObject({ MemberUin: Number(recorded.id), IsAllowQuit: "Allow" });
    await engine.destroy();
    expect(await memberNamed(engine, "readback")).toBeUndefined();
  });

  it("accountName changing while name stays fails preview naming accountName and saying what to do, with no API call", async () => {
    await engine.declare(created({ name: "acct", accountName: "acct-1" }));
    await engine.up();
    await engine.declare(created({ name: "acct", accountName: "acct-2" }));
    engine.emulator.control.resetCalls();
    const message = await engine.previewError();
    expect(message).toMatch(/property accountName value .* accountName cannot change while name stays "acct".* Change name together with accountName/);
    expect(engine.emulator.control.calls()).toEqual([]);
    await engine.declare(created({ name: "acct-2", accountName: "acct-2" }));
    expect(await engine.up()).toMatchObject({ replace: 1 });
    expect(await memberNamed(engine, "acct")).toBeUndefined();
    await engine.destroy();
  });

  it("switching between adopting and creating replaces, releasing what was adopted; adopting its own UIN hands a member over", async () => {
    const adoptAlice = [{ kind: "OrganizationMember" as const, name: "platform", args: { memberUin: SEED_IDS.invitedUin, remark: "invited account" } }];
    await engine.declare(adoptAlice);
    await engine.up();
    // Adopting → creating: a new member; alice is released, not deleted.
    await engine.declare(created({ name: "switched", accountName: "switched" }));
    expect((await engine.previewSteps()).find((step) => step.op === "replace")).toMatchObject({ name: "platform", replaces: ["memberUin"] });
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toMatchObject({ replace: 1 });
    expect(engine.writeCalls()).toEqual(["CreateOrganizationMember"]);
    expect(await memberNamed(engine, "alice")).toMatchObject({ MemberUin: SEED_IDS.invitedUin });
    const switched = (await memberNamed(engine, "switched"))!.MemberUin;
    // Creating → adopting another member: a replacement, which deletes the member the stack created.
    await engine.declare([{ kind: "OrganizationMember", name: "platform", args: { memberUin: SEED_IDS.createdUin } }]);
    expect(await engine.up()).toMatchObject({ replace: 1 });
    expect(await memberNamed(engine, "switched")).toBeUndefined();
    await engine.destroy();
    expect(await memberNamed(engine, "bob")).toBeDefined();
    // A created member adopted by its own UIN is handed over in place: destroy releases it from then on.
    await engine.declare(created({ name: "handover", accountName: "handover" }));
    await engine.up();
    const handover = (await memberNamed(engine, "handover"))!.MemberUin;
    await engine.declare([{ kind: "OrganizationMember", name: "platform", args: { memberUin: handover } }]);
    expect(await engine.up()).toEqual({ same: 1, update: 1 });
    expect((await engine.resources()).platform!.outputs!.createdByStack).toBe(false);
    engine.emulator.control.resetCalls();
    await engine.destroy();
    expect(engine.writeCalls()).toEqual([]);
    expect(await memberNamed(engine, "handover")).toBeDefined();
    expect(switched).not.toBe(handover);
  });

  it("a permission change whose answer was lost is retried, and the refusal of the repeat counts as done once a read shows it", async () => {
    await engine.declare([{ kind: "OrganizationMember", name: "bob", args: { memberUin: SEED_IDS.createdUin, permissionIds: [1, 2, 8] } }]);
    engine.emulator.control.injectFault({ kind: "lost-answer", action: "UpdateOrganizationMember" });
    engine.emulator.control.resetCalls();
    await engine.up();
    const updates = engine.emulator.control.calls().filter((call) => call.action === "UpdateOrganizationMember");
    expect(updates.map((call) => call.code ?? call.fault ?? "ok")).toEqual(["lost-answer", "FailedOperation.ChangePermissionRecordExist"]);
    expect((await memberNamed(engine, "bob"))!.OrgPermission!.map((p) => p.Id).sort()).toEqual([1, 2, 8]);
    expect(await engine.preview()).toEqual({ same: 2 });
    await engine.destroy();
  });

  it("destroy removes a created member that has a payer, withdrawing pay-on-behalf first as the API requires", async () => {
    await engine.declare(created({ name: "paid", accountName: "paid", permissionIds: [1, 2, 7], payUin: String(SEED_IDS.invitedUin) }));
    await engine.up();
    engine.emulator.control.resetCalls();
    await engine.destroy();
    expect(engine.writeCalls()).toEqual(["DeleteOrganizationMembers", "UpdateOrganizationMember", "DeleteOrganizationMembers"]);
    expect(await memberNamed(engine, "paid")).toBeUndefined();
  });

  it("retainOnDelete keeps a created member in the organization on destroy", async () => {
    await engine.declare([{ ...created()[0]!, retainOnDelete: true }]);
    await engine.up();
    const member = await memberNamed(engine, "platform-ops");
    engine.emulator.control.resetCalls();
    await engine.destroy();
    expect(engine.writeCalls()).toEqual([]);
    expect(await memberNamed(engine, "platform-ops")).toEqual(member);
  });

  it("adopts an existing member, manages only what is set, and releases it on destroy", async () => {
    await engine.declare([{ kind: "OrganizationMember", name: "alice", args: { memberUin: SEED_IDS.invitedUin, remark: "invited account" } }]);
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ create: 2 });
    expect(engine.writeCalls()).toEqual([]);
    expect((await engine.resources()).alice!.outputs).toMatchObject({ name: "alice", memberType: "Invite", createdByStack: false });
    expect(await engine.preview()).toEqual({ same: 2 });

    await engine.declare([{ kind: "OrganizationMember", name: "alice", args: { memberUin: SEED_IDS.invitedUin, remark: "owner team" } }]);
    expect(await engine.up()).toEqual({ same: 1, update: 1 });
    expect(engine.writeCalls()).toEqual(["UpdateOrganizationMember"]);

    engine.emulator.control.resetCalls();
    await engine.destroy();
    expect(engine.writeCalls()).toEqual([]);
    expect(await memberNamed(engine, "alice")).toMatchObject({ MemberUin: SEED_IDS.invitedUin, Remark: "owner team" });
  });
});
