/**
 * MemberAccessPolicy through the real engine, with the MemberAuthIdentity it depends on.
 *
 * The full lifecycle of a created resource (create, drift on refresh, update, replace, destroy) runs on the path users
 * take: the project tests/engine/projects/declared, run by the `pulumi` binary and the Node.js language host. The other
 * cases run as inline programs, which are faster.
 */
import { SEED_IDS } from "../../../emulator";
import { createEngineStack, type EngineStack, type ResourceSpec } from "../harness";

jest.setTimeout(300_000);

const { invitedUin: alice, createdUin: bob, customIdentityId: devops } = SEED_IDS;

const stackWith = (policy: Record<string, unknown>): ResourceSpec[] => [
  { kind: "MemberAuthIdentity", name: "devops-access", args: { memberUins: [bob, alice], identityIds: [devops] } },
  {
    kind: "MemberAccessPolicy",
    name: "devops-policy",
    args: { memberUins: [bob], policyName: "devops-policy", identityId: devops, description: "devops for bob", ...policy },
    dependsOn: ["devops-access"],
  },
];

async function policyRows(engine: EngineStack, policyId: number) {
  const { Items } = await engine.api.call("DescribeOrganizationMembersAuthPolicy", { Offset: 0, Limit: 50, PolicyId: policyId });
  return Items;
}

const snapshotOf = (engine: EngineStack) => {
  const { policies, authorizations } = engine.emulator.control.snapshot();
  return { policies, authorizations };
};

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

describe("MemberAccessPolicy validation and adoption", () => {
  let engine: EngineStack;

  // Throttling gives up after 1 s here, so a test can throttle a call past the budget quickly.
  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", env: { TENCENTCLOUD_ORGANIZATION_MAX_RETRY_TIME: "1" } });
  });
  afterAll(() => engine?.close());

  it("invalid input fails preview naming each field, with no call to the API", async () => {
    await engine.declare([
      {
        kind: "MemberAccessPolicy",
        name: "bad",
        args: { memberUins: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], policyName: "has spaces", identityId: 1, description: "x".repeat(129) },
      },
    ]);
    engine.emulator.control.resetCalls();
    const message = await engine.previewError();
    expect(message).toMatch(/memberUins/);
    expect(message).toMatch(/policyName may contain only letters/);
    expect(message).toMatch(/description/);
    expect(engine.emulator.control.calls()).toEqual([]);
  });

  it("a policy made outside the stack under the wanted name is a clear error, even with identical fields; nothing is recorded", async () => {
    // Policies carry no tag: matching every field proves nothing unless this run's own create went unanswered.
    await engine.declare([
      {
        kind: "MemberAccessPolicy",
        name: "copy",
        args: { policyName: "alice-admin", memberUins: [alice], identityId: SEED_IDS.adminIdentityId, description: "administrator access for alice" },
      },
    ]);
    const message = await engine.upError();
    expect(message).toContain(
      `cannot create member access policy "alice-admin": the name is already used by ${SEED_IDS.policyId}, which has every field this ` +
        "create sends, but nothing shows that this stack created it",
    );
    expect(message).toContain(`otherwise, to manage that policy, adopt it: set policyId: ${SEED_IDS.policyId}`);
    expect((await engine.resources()).copy).toBeUndefined();
    expect(engine.emulator.control.snapshot().policies.map((p) => p.PolicyId)).toEqual([SEED_IDS.policyId]);
    await engine.destroy();
  });

  it("a create whose read-back fails past the retry budget records the policy, and refresh, up and destroy repair it", async () => {
    await engine.declare([
      { kind: "MemberAccessPolicy", name: "readback", args: { policyName: "readback", memberUins: [alice], identityId: SEED_IDS.adminIdentityId } },
    ]);
    engine.emulator.control.injectFault({ kind: "throttle", action: "DescribeOrganizationMembersAuthPolicy", count: 10_000 });
    expect(await engine.upError()).toContain("policy created, but reading it back failed");
    engine.emulator.control.clearFaults();
    const recorded = (await engine.resources()).readback!;
    expect(recorded.outputs).toMatchObject({ policyName: "readback", createdByStack: true });
    expect(recorded.outputs!.__provider).toEqual(expect.any(String));
    await engine.refresh();
    await engine.up();
    expect(await engine.preview()).toEqual({ same: 2 });
    expect(engine.emulator.control.snapshot().policies.filter((p) => p.PolicyName === "readback").map((p) => String(p.PolicyId))).toEqual([recorded.id]);
    await engine.destroy();
    expect(engine.emulator.control.snapshot().policies.map((p) => p.PolicyId)).toEqual([SEED_IDS.policyId]);
  });

  it("switching between adopting and creating replaces, releasing what was adopted; adopting its own id hands a policy over", async () => {
    const adopted = { policyId: SEED_IDS.policyId, policyName: "alice-admin", memberUins: [alice], identityId: SEED_IDS.adminIdentityId, description: "administrator access for alice" };
    await engine.declare([{ kind: "MemberAccessPolicy", name: "switch", args: adopted }]);
    await engine.up();
    // Dropping policyId while keeping the name cannot create: the adopted policy holds the name, and an adopted object is
    // never taken for one the stack created. A clear error, nothing lost.
    const { policyId: _dropped, ...sameName } = adopted;
    await engine.declare([{ kind: "MemberAccessPolicy", name: "switch", args: sameName }]);
    expect((await engine.previewSteps()).find((step) => step.op === "replace")).toMatchObject({ name: "switch", replaces: ["policyId"] });
    expect(await engine.upError()).toContain(`the name is already used by ${SEED_IDS.policyId}, which this stack adopts`);
    expect((await engine.resources()).switch!.id).toBe(String(SEED_IDS.policyId));
    // With a name of its own, the new policy is created and the adopted one released, not deleted.
    await engine.declare([{ kind: "MemberAccessPolicy", name: "switch", args: { ...sameName, policyName: "switched" } }]);
    expect(await engine.up()).toMatchObject({ replace: 1 });
    const created = Number((await engine.resources()).switch!.id);
    expect(engine.emulator.control.snapshot().policies.map((p) => p.PolicyId).sort()).toEqual([SEED_IDS.policyId, created].sort());
    // Creating → adopting another policy: a replacement that deletes the created one.
    await engine.declare([{ kind: "MemberAccessPolicy", name: "switch", args: adopted }]);
    expect(await engine.up()).toMatchObject({ replace: 1 });
    expect(engine.emulator.control.snapshot().policies.map((p) => p.PolicyId)).toEqual([SEED_IDS.policyId]);
    await engine.destroy();
    // A created policy adopted by its own id is handed over in place: destroy releases it from then on.
    const own = { policyName: "handover", memberUins: [alice], identityId: SEED_IDS.adminIdentityId };
    await engine.declare([{ kind: "MemberAccessPolicy", name: "switch", args: own }]);
    await engine.up();
    const handover = Number((await engine.resources()).switch!.id);
    await engine.declare([{ kind: "MemberAccessPolicy", name: "switch", args: { ...own, policyId: handover } }]);
    expect(await engine.up()).toEqual({ same: 1, update: 1 });
    await engine.destroy();
    expect(engine.emulator.control.snapshot().policies.map((p) => p.PolicyId)).toContain(handover);
    await engine.api.call("DeleteOrganizationMembersPolicy", { PolicyId: handover });
  });

  it("adopts an existing policy by policyId and releases it on destroy", async () => {
    await engine.declare([
      {
        kind: "MemberAccessPolicy",
        name: "alice-admin",
        args: { policyId: SEED_IDS.policyId, policyName: "alice-admin", memberUins: [alice], identityId: SEED_IDS.adminIdentityId, description: "administrator access for alice" },
      },
    ]);
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ create: 2 });
    expect(engine.writeCalls()).toEqual([]);
    expect((await engine.resources())["alice-admin"]!.id).toBe(String(SEED_IDS.policyId));
    expect(await engine.preview()).toEqual({ same: 2 });
    await engine.destroy();
    expect(engine.writeCalls()).toEqual([]);
    expect((await policyRows(engine, SEED_IDS.policyId)).map((row) => row.MemberUin)).toEqual([alice]);
  });
});
