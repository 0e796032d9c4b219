/** OrganizationIdentity updates write only what the program sets (shared setup: ./shared.ts). */
import { SEED_IDS, createEngineStack, type EngineStack, type ResourceSpec, readOnly } from "./shared";

jest.setTimeout(600_000);

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
