/** OrganizationMember created by the stack (shared setup: ./shared.ts). */
import { SEED_IDS, createEngineStack, type EngineStack, created, memberNamed, memberUins } from "./shared";

jest.setTimeout(300_000);

describe("OrganizationMember created by the stack", () => {
  let engine: EngineStack;
  let seededMembers: number[];
  let uin: number;

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", path: "cli", resources: created() });
    seededMembers = memberUins(engine);
  });
  afterAll(() => engine?.close());

  it("up creates the member account with the declared properties, reading it back once", async () => {
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ create: 2 });
    expect(engine.emulator.control.calls().map((call) => call.action)).toEqual(["CreateOrganizationMember", "DescribeOrganizationMembers"]);
    const member = await memberNamed(engine, "platform-ops");
    expect(member).toMatchObject({ MemberType: "Create", NodeId: SEED_IDS.departmentNodeId, Remark: "platform team" });
    expect(member!.OrgPermission!.map((p) => p.Id).sort()).toEqual([1, 2, 8]);
    uin = member!.MemberUin;
    const state = (await engine.resources()).platform!;
    expect(state.id).toBe(String(uin));
    expect(state.outputs).toMatchObject({ memberType: "Create", nodeName: "Engineering", createdByStack: true });
  });

  it("a following preview shows no changes, whatever the list order", async () => {
    expect(await engine.preview()).toEqual({ same: 2 });
  });

  it("a change made through the API shows on refresh as drift of that property, and up restores it", async () => {
    const before = (await engine.resources()).platform!.inputs!;
    await engine.api.call("UpdateOrganizationMember", { MemberUin: uin, Remark: "changed outside" });
    expect(await engine.refresh()).toEqual({ same: 1, update: 1 });
    const after = (await engine.resources()).platform!.inputs!;
    const drifted = Object.keys({ ...before, ...after }).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    expect(drifted).toEqual(["remark"]);
    expect(await engine.previewSteps()).toEqual([{ name: "platform", op: "update", changedInputs: ["remark"], replaces: [] }]);
    expect(await engine.up()).toEqual({ same: 1, update: 1 });
    expect((await memberNamed(engine, "platform-ops"))!.Remark).toBe("platform team");
  });

  it("an in-place update moves the member and changes its remark without replacing it", async () => {
    await engine.declare(created({ nodeId: SEED_IDS.rootNodeId, remark: "moved" }));
    expect(await engine.previewSteps()).toEqual([{ name: "platform", op: "update", changedInputs: ["nodeId", "remark"], replaces: [] }]);
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ same: 1, update: 1 });
    expect(engine.writeCalls()).toEqual(["UpdateOrganizationMember", "MoveOrganizationNodeMembers"]);
    expect(await memberNamed(engine, "platform-ops")).toMatchObject({ MemberUin: uin, NodeId: SEED_IDS.rootNodeId, Remark: "moved" });
  });

  it("a new accountName replaces the member, as the diff said", async () => {
    await engine.declare(created({ nodeId: SEED_IDS.rootNodeId, remark: "moved", accountName: "platform-ops-2", name: "platform-ops-2" }));
    const steps = await engine.previewSteps();
    expect(steps.find((step) => step.op === "replace")).toEqual({
      name: "platform",
      op: "replace",
      // The ownership tag hashes the account name, so a replacement never takes the member it replaces for its own.
      changedInputs: ["accountName", "name", "ownershipTag"],
      replaces: ["accountName"],
    });
    expect(await engine.up()).toMatchObject({ replace: 1 });
    const replacement = await memberNamed(engine, "platform-ops-2");
    expect(replacement!.MemberUin).not.toBe(uin);
    expect(await memberNamed(engine, "platform-ops")).toBeUndefined();
    uin = replacement!.MemberUin;
  });

  it("a member removed outside the stack drops on refresh and comes back on up", async () => {
    await engine.api.call("DeleteOrganizationMembers", { MemberUin: [uin] });
    expect(await engine.refresh()).toEqual({ same: 1, delete: 1 });
    expect((await engine.resources()).platform).toBeUndefined();
    expect(await engine.up()).toEqual({ same: 1, create: 1 });
    expect(await memberNamed(engine, "platform-ops-2")).toBeDefined();
  });

  it("destroy removes the created member and leaves the organization as seeded", async () => {
    await engine.destroy();
    expect(memberUins(engine)).toEqual(seededMembers);
  });
});
