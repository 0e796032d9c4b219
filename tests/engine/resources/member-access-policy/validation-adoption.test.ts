/** MemberAccessPolicy validation and adoption (shared setup: ./shared.ts). */
import { SEED_IDS, createEngineStack, type EngineStack, policyRows, alice } from "./shared";

jest.setTimeout(300_000);

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
