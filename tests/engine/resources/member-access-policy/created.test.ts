/** MemberAccessPolicy created by the stack (shared setup: ./shared.ts). */
import { createEngineStack, type EngineStack, stackWith, policyRows, snapshotOf, alice, bob, devops } from "./shared";

jest.setTimeout(300_000);

describe("MemberAccessPolicy created by the stack", () => {
  let engine: EngineStack;
  let seeded: ReturnType<typeof snapshotOf>;
  let policyId: number;

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", path: "cli", resources: stackWith({}) });
    seeded = snapshotOf(engine);
  });
  afterAll(() => engine?.close());

  it("up creates the policy after the authorizations it depends on", async () => {
    expect(await engine.up()).toEqual({ create: 3 });
    expect(engine.writeCalls()).toEqual(["CreateOrganizationMemberAuthIdentity", "CreateOrganizationMembersPolicy"]);
    policyId = Number((await engine.resources())["devops-policy"]!.id);
    expect((await policyRows(engine, policyId)).map((row) => row.MemberUin)).toEqual([bob]);
    expect((await engine.resources())["devops-policy"]!.outputs).toMatchObject({
      policyId,
      identityRoleName: "OrganizationDevOpsRole",
      description: "devops for bob",
      createdByStack: true,
    });
  });

  it("a following preview shows no changes", async () => {
    expect(await engine.preview()).toEqual({ same: 3 });
  });

  it("a description changed through the API shows on refresh as drift of that property, and up restores it", async () => {
    const before = (await engine.resources())["devops-policy"]!.inputs!;
    await engine.api.call("UpdateOrganizationMembersPolicy", { PolicyId: policyId, MemberUins: [bob], IdentityId: devops, Description: "changed outside" });
    expect(await engine.refresh()).toEqual({ same: 2, update: 1 });
    const after = (await engine.resources())["devops-policy"]!.inputs!;
    const drifted = Object.keys({ ...before, ...after }).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    expect(drifted).toEqual(["description"]);
    expect(await engine.previewSteps()).toEqual([{ name: "devops-policy", op: "update", changedInputs: ["description"], replaces: [] }]);
    expect(await engine.up()).toEqual({ same: 2, update: 1 });
    const { Items } = await engine.api.call("DescribeOrganizationMemberPolicies", { Offset: 0, Limit: 50, MemberUin: bob });
    expect(Items.find((p) => p.PolicyId === policyId)!.Description).toBe("devops for bob");
  });

  it("members and description update in place", async () => {
    await engine.declare(stackWith({ memberUins: [alice, bob], description: "devops for both" }));
    expect(await engine.previewSteps()).toEqual([
      { name: "devops-policy", op: "update", changedInputs: ["description", "memberUins"], replaces: [] },
    ]);
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ same: 2, update: 1 });
    expect(engine.writeCalls()).toEqual(["UpdateOrganizationMembersPolicy"]);
    expect((await policyRows(engine, policyId)).map((row) => row.MemberUin).sort()).toEqual([alice, bob].sort());
  });

  it("a new policyName replaces the policy, as the diff said", async () => {
    await engine.declare(stackWith({ memberUins: [alice, bob], description: "devops for both", policyName: "devops-policy-2" }));
    const steps = await engine.previewSteps();
    expect(steps.find((step) => step.op === "replace")).toEqual({
      name: "devops-policy",
      op: "replace",
      changedInputs: ["policyName"],
      replaces: ["policyName"],
    });
    expect(await engine.up()).toMatchObject({ replace: 1 });
    const replacement = Number((await engine.resources())["devops-policy"]!.id);
    expect(replacement).not.toBe(policyId);
    expect(await policyRows(engine, policyId)).toEqual([]);
    policyId = replacement;
  });

  it("a policy deleted outside the stack drops on refresh and comes back on up", async () => {
    await engine.api.call("DeleteOrganizationMembersPolicy", { PolicyId: policyId });
    expect(await engine.refresh()).toEqual({ same: 2, delete: 1 });
    expect(await engine.up()).toEqual({ same: 2, create: 1 });
    policyId = Number((await engine.resources())["devops-policy"]!.id);
    expect((await policyRows(engine, policyId)).length).toBe(2);
  });

  it("destroy deletes the policy before the authorizations and leaves the emulator as seeded", async () => {
    engine.emulator.control.resetCalls();
    await engine.destroy();
    const writes = engine.writeCalls();
    expect(writes[0]).toBe("DeleteOrganizationMembersPolicy");
    expect(writes.slice(1).every((action) => action === "DeleteOrganizationMemberAuthIdentity")).toBe(true);
    expect(snapshotOf(engine)).toEqual(seeded);
  });
});
