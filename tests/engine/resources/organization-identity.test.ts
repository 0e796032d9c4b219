/**
 * OrganizationIdentity through the real engine (the CLI path: tests/engine/projects/declared), one stack carried
 * through its life: an identity with the MemberAuthIdentity and MemberAccessPolicy that use it, drift, an in-place
 * update, a replacement for a new alias (the authorizations and the policy move to the new identity), adoption of a
 * seeded preset identity, a delete refused because of an authorization made outside the stack, and destroy back to
 * the seed.
 */
import { SEED_IDS } from "../../../emulator";
import { CONVERGED, convergence } from "../convergence";
import { createEngineStack, type EngineStack, type ResourceSpec } from "../harness";

jest.setTimeout(600_000);

const { invitedUin: alice, createdUin: bob, readonlyIdentityId } = SEED_IDS;
const readOnly = { policyId: 2, policyName: "ReadOnlyAccess" };
/** Spelled with spaces and in another key order than the API would: formatting must never show as drift. */
const cvmDocument = '{ "statement": [ { "resource": ["*"], "action": ["cvm:*"], "effect": "allow" } ], "version": "2.0" }';

const stackWith = (identity: Record<string, unknown>, extra: ResourceSpec[] = []): ResourceSpec[] => [
  { kind: "OrganizationIdentity", name: "ops-identity", args: { aliasName: "ops", description: "ops access", policies: [readOnly, { policyDocument: cvmDocument }], ...identity } },
  { kind: "MemberAuthIdentity", name: "ops-access", args: { memberUins: [bob], identityIds: [{ $ref: "ops-identity.identityId" }] } },
  {
    kind: "MemberAccessPolicy",
    name: "ops-policy",
    args: { memberUins: [bob], policyName: "ops-policy", identityId: { $ref: "ops-identity.identityId" } },
    dependsOn: ["ops-access"],
  },
  ...extra,
];

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

describe("OrganizationIdentity updates write only what the program sets", () => {
  let engine: EngineStack;
  let createdId: number;
  const { networkIdentityId } = SEED_IDS;
  const identity = (id: number) => engine.emulator.control.snapshot().identities.find((i) => i.IdentityId === id)!;
  const cvm = { policyDocument: '{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*"],"resource":["*"]}]}' };
  const stack = (adoptedDescription: string, createdPolicies: unknown[]): ResourceSpec[] => [
    // Adopted, managing only its description: its policies are not the stack's.
    { kind: "OrganizationIdentity", name: "network", args: { identityId: networkIdentityId, aliasName: "network-ops", description: adoptedDescription } },
    // Created without a description: its description is not the stack's.
    { kind: "OrganizationIdentity", name: "writes", args: { aliasName: "writes", policies: createdPolicies } },
  ];

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", resources: stack("network v1", [readOnly]) });
  });
  afterAll(() => engine?.close());

  it("up adopts one identity and creates the other", async () => {
    expect(await engine.up()).toEqual({ create: 3 });
    createdId = Number((await engine.resources()).writes!.id);
  });

  it("a description-only change keeps policies changed outside; a policies-only change keeps a description changed outside; refresh finds no drift", async () => {
    const outsidePolicies = [
      { PolicyType: 1 as const, PolicyName: "network-operations", PolicyDocument: '{"version":"2.0","statement":[{"effect":"allow","action":["vpc:*"],"resource":["*"]}]}' },
      { PolicyType: 2 as const, PolicyId: 2, PolicyName: "ReadOnlyAccess" },
    ];
    await engine.api.call("UpdateOrganizationIdentity", { IdentityId: networkIdentityId, Description: "network v1", IdentityPolicy: outsidePolicies });
    await engine.api.call("UpdateOrganizationIdentity", {
      IdentityId: createdId,
      Description: "description set outside",
      IdentityPolicy: [{ PolicyType: 2, PolicyId: 2, PolicyName: "ReadOnlyAccess" }],
    });
    await engine.declare(stack("network v2", [readOnly, cvm]));
    expect(await engine.up()).toEqual({ same: 1, update: 2 });
    expect(identity(networkIdentityId)).toMatchObject({ Description: "network v2", IdentityPolicy: outsidePolicies.map((p) => expect.objectContaining(p)) });
    expect(identity(createdId)).toMatchObject({ Description: "description set outside" });
    expect(identity(createdId).IdentityPolicy).toHaveLength(2);
    expect(await engine.refresh()).toEqual({ same: 3 });
    expect(await engine.preview()).toEqual({ same: 3 });
  });

  it("when the read before the write fails, nothing is written, and the next up completes the update", async () => {
    // Throttling gives up after 1 s here, so the read fails quickly.
    engine.setEnv({ TENCENTCLOUD_ORGANIZATION_MAX_RETRY_TIME: "1" });
    await engine.declare(stack("network v3", [readOnly, cvm]));
    engine.emulator.control.injectFault({ kind: "throttle", action: "ListOrganizationIdentity", count: 10_000 });
    engine.emulator.control.resetCalls();
    expect(await engine.upError()).toContain("ListOrganizationIdentity");
    expect(engine.writeCalls()).toEqual([]);
    engine.emulator.control.clearFaults();
    expect(await engine.up()).toEqual({ same: 2, update: 1 });
    expect(identity(networkIdentityId)).toMatchObject({ Description: "network v3", IdentityPolicy: expect.arrayContaining([expect.objectContaining({ PolicyName: "network-operations" })]) });
    expect(await engine.preview()).toEqual({ same: 3 });
  });

  it("destroy deletes the created identity and releases the adopted one as found", async () => {
    await engine.destroy();
    expect(engine.emulator.control.snapshot().identities.map((i) => i.IdentityId)).not.toContain(createdId);
    expect(identity(networkIdentityId)).toMatchObject({ Description: "network v3", IdentityPolicy: expect.arrayContaining([expect.objectContaining({ PolicyId: 2 })]) });
  });
});
