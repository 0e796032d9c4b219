/** OrganizationIdentity created by the stack (shared setup: ./shared.ts). */
import { CONVERGED, convergence, createEngineStack, type EngineStack, type ResourceSpec, readOnly, cvmDocument, stackWith, alice, bob, readonlyIdentityId } from "./shared";

jest.setTimeout(600_000);

describe("OrganizationIdentity created by the stack", () => {
  let engine: EngineStack;
  let seed: ReturnType<EngineStack["emulator"]["control"]["snapshot"]>;
  let identityId: number;
  const identity = (id: number) => engine.emulator.control.snapshot().identities.find((i) => i.IdentityId === id);
  const idOf = async (name: string) => Number((await engine.resources())[name]!.id);

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", path: "cli", resources: stackWith({}) });
    seed = engine.emulator.control.snapshot();
  });
  afterAll(() => engine?.close());

  it("up creates the identity, then the authorization and the policy using it", async () => {
    expect(await engine.up()).toEqual({ create: 4 });
    expect(engine.writeCalls()).toEqual(["CreateOrganizationIdentity", "CreateOrganizationMemberAuthIdentity", "CreateOrganizationMembersPolicy"]);
    identityId = await idOf("ops-identity");
    expect(identity(identityId)).toMatchObject({ IdentityAliasName: "ops", Description: "ops access", IdentityType: 2 });
    expect(engine.emulator.control.snapshot().policies.find((p) => p.PolicyName === "ops-policy")!.IdentityId).toBe(identityId);
    expect((await engine.resources())["ops-identity"]!.outputs).toMatchObject({ identityId, identityType: 2, createdByStack: true, policies: [readOnly, { policyDocument: cvmDocument }] });
    expect(await engine.preview()).toEqual({ same: 4 });
  });

  it("a description changed outside shows on refresh as drift of that property, and up restores it", async () => {
    await engine.api.call("UpdateOrganizationIdentity", {
      IdentityId: identityId,
      Description: "changed outside",
      IdentityPolicy: [{ PolicyType: 2, PolicyId: 2, PolicyName: "ReadOnlyAccess" }, { PolicyType: 1, PolicyDocument: JSON.stringify(JSON.parse(cvmDocument)) }],
    });
    expect(await engine.refresh()).toEqual({ same: 3, update: 1 });
    expect(await engine.previewSteps()).toEqual([{ name: "ops-identity", op: "update", changedInputs: ["description"], replaces: [] }]);
    expect(await engine.up()).toEqual({ same: 3, update: 1 });
    expect(identity(identityId)!.Description).toBe("ops access");
  });

  it("description and policies update in place, in one call", async () => {
    await engine.declare(stackWith({ description: "read only", policies: [readOnly] }));
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ same: 3, update: 1 });
    expect(engine.writeCalls()).toEqual(["UpdateOrganizationIdentity"]);
    expect(identity(identityId)).toMatchObject({ Description: "read only", IdentityPolicy: [expect.objectContaining({ PolicyId: 2, PolicyType: 2 })] });
  });

  it("a new alias replaces the identity; the authorization and the policy move to it, and the old one goes", async () => {
    await engine.declare(stackWith({ aliasName: "ops-2", description: "read only", policies: [readOnly] }));
    expect((await engine.previewSteps()).find((s) => s.name === "ops-identity" && s.op === "replace")).toMatchObject({ replaces: ["aliasName"] });
    // The old pair is still used by the policy when the authorizations update, so it waits (pendingRemoval); the old
    // identity's delete is then refused while bob is authorized for it, naming him, and the next up finishes: two ups
    // converge, with nothing left behind.
    const first = await engine.attempt("up");
    expect(first.ok).toBe(false);
    expect(first.message + first.output).toContain(`identity ${identityId} is still authorized for 1 member(s): bob (${bob})`);
    // The new identity exists and the policy uses it already; state still holds the old one, to be deleted.
    const { identities, policies } = engine.emulator.control.snapshot();
    const created = identities.find((i) => i.IdentityAliasName === "ops-2")!;
    expect(policies.find((p) => p.PolicyName === "ops-policy")!.IdentityId).toBe(created.IdentityId);
    expect(identity(identityId)).toBeDefined();
    engine.emulator.control.resetCalls();
    await engine.up();
    expect(engine.writeCalls()).toEqual(["DeleteOrganizationMemberAuthIdentity", "DeleteOrganizationIdentity"]);
    const replacement = await idOf("ops-identity");
    expect(replacement).not.toBe(identityId);
    expect(identity(identityId)).toBeUndefined();
    expect(identity(replacement)).toMatchObject({ IdentityAliasName: "ops-2" });
    const snapshot = engine.emulator.control.snapshot();
    expect(snapshot.authorizations.filter((a) => a.MemberUin === bob).map((a) => a.IdentityId)).toContain(replacement);
    expect(snapshot.authorizations.map((a) => a.IdentityId)).not.toContain(identityId);
    expect(snapshot.policies.find((p) => p.PolicyName === "ops-policy")!.IdentityId).toBe(replacement);
    expect(await engine.preview()).toEqual({ same: 4 });
    expect(await convergence(engine, seed)).toEqual(CONVERGED);
    identityId = replacement;
  });

  it("adopts a seeded preset identity without writing; a change to its policies fails at preview", async () => {
    const adopt = (args: Record<string, unknown>): ResourceSpec => ({ kind: "OrganizationIdentity", name: "readonly", args: { identityId: readonlyIdentityId, aliasName: "readonly", ...args } });
    const current = { aliasName: "ops-2", description: "read only", policies: [readOnly] };
    await engine.declare(stackWith(current, [adopt({ policies: [readOnly] })]));
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ same: 4, create: 1 });
    expect(engine.writeCalls()).toEqual([]);
    expect((await engine.resources()).readonly!.outputs).toMatchObject({ identityId: readonlyIdentityId, identityType: 1, createdByStack: false });
    await engine.declare(stackWith(current, [adopt({ policies: [{ policyId: 1, policyName: "AdministratorAccess" }] })]));
    expect(await engine.previewError()).toContain(`identity ${readonlyIdentityId} is a preset identity (identityType 1): the API cannot change its policies`);
    expect(engine.writeCalls()).toEqual([]);
  });

  it("destroy refuses to delete the identity while a member authorized outside the stack holds it, naming it; then completes", async () => {
    await engine.api.call("CreateOrganizationMemberAuthIdentity", { MemberUins: [alice], IdentityIds: [identityId] });
    const message = await engine.destroyError();
    expect(message).toContain(`identity ${identityId} is still authorized for 1 member(s): alice (${alice})`);
    expect(identity(identityId)).toBeDefined();
    await engine.api.call("DeleteOrganizationMemberAuthIdentity", { MemberUin: alice, IdentityId: identityId });
    await engine.destroy();
    expect(await engine.resources()).toEqual({});
    const after = engine.emulator.control.snapshot();
    // Exactly the seed's identities (the preset one released untouched), authorizations and policies.
    expect(after.identities).toEqual(seed.identities);
    expect(after.authorizations.map((a) => [a.MemberUin, a.IdentityId])).toEqual(seed.authorizations.map((a) => [a.MemberUin, a.IdentityId]));
    expect(after.policies).toEqual(seed.policies);
  });
});
