/** MemberAuthIdentity at scale, identity 1, exclusivity and validation (shared setup: ./shared.ts). */
import { DEFAULT_SEED, type Seed, createEngineStack, type EngineStack, grant, pairsOf, authorizations, bob, carol, admin, readonly, finance, devops } from "./shared";

jest.setTimeout(300_000);

describe("MemberAuthIdentity at scale, identity 1, exclusivity and validation", () => {
  const extraMembers = Array.from({ length: 12 }, (_, i) => 200000000001 + i);
  // Above the default seed's identities (its custom ones go up to 21).
  const extraIdentities = Array.from({ length: 6 }, (_, i) => 30 + i);
  const seedMembers = DEFAULT_SEED.members ?? [];
  const seedIdentities = DEFAULT_SEED.identities ?? [];
  const seed: Seed = {
    ...DEFAULT_SEED,
    members: [
      ...seedMembers,
      ...extraMembers.map((MemberUin, i) => ({ ...seedMembers[1]!, MemberUin, Name: `scale-${i}`, Remark: "" })),
    ],
    identities: [
      ...seedIdentities,
      ...extraIdentities.map((IdentityId) => ({ ...seedIdentities[3]!, IdentityId, IdentityAliasName: `custom-${IdentityId}`, IdentityRoleName: `Role${IdentityId}` })),
    ],
  };
  let engine: EngineStack;

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", emulatorOptions: { seed } });
  });
  afterAll(() => engine?.close());

  it("120 pairs (12 members x 10 identities) are created in the minimum of 4 calls", async () => {
    const identityIds = [admin, readonly, finance, devops, ...extraIdentities];
    await engine.declare(grant({ memberUins: extraMembers, identityIds }));
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ create: 2 });
    expect(engine.writeCalls()).toEqual(Array(4).fill("CreateOrganizationMemberAuthIdentity"));
    expect(((await engine.resources()).access!.outputs!.pairs as string[]).length).toBe(120);
    expect(await engine.preview()).toEqual({ same: 2 });
    expect(await engine.refresh()).toEqual({ same: 2 });
    await engine.destroy();
  });

  it("a create that fails halfway is recorded as far as it got, and the next up completes it", async () => {
    await engine.declare(grant({ memberUins: extraMembers, identityIds: [admin] }));
    // The first batch (10 members) goes through; the second fails on every retry.
    engine.emulator.control.injectFault({ kind: "internal-error", action: "CreateOrganizationMemberAuthIdentity", after: 1, count: 8 });
    const message = await engine.upError();
    expect(message).toMatch(/authorizations changed only in part/);
    expect(((await engine.resources()).access!.outputs!.pairs as string[]).length).toBe(10);
    engine.emulator.control.clearFaults();
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ same: 1, update: 1 });
    expect(engine.writeCalls()).toEqual(["CreateOrganizationMemberAuthIdentity"]);
    expect(((await engine.resources()).access!.outputs!.pairs as string[]).length).toBe(12);
    await engine.destroy();
  });

  it("identity 1 round-trips: no perpetual diff after refresh", async () => {
    await engine.declare(grant({ memberUins: [carol], identityIds: [admin] }));
    expect(await engine.up()).toEqual({ create: 2 });
    expect(await engine.refresh()).toEqual({ same: 2 });
    expect(await engine.preview()).toEqual({ same: 2 });
    expect((await engine.resources()).access!.outputs!.pairs).toEqual([`${carol}:${admin}`]);
    await engine.destroy();
  });

  it("exclusive removes the members' undeclared pairs, configured or not; without it they are left alone", async () => {
    await engine.declare(grant({ memberUins: [bob], identityIds: [readonly] }));
    await engine.up();
    expect(await pairsOf(engine, bob)).toEqual([[bob, admin], [bob, readonly]]);
    engine.emulator.control.setAuthIdentityStatus(bob, admin, 2);
    await engine.declare(grant({ memberUins: [bob], identityIds: [readonly], exclusive: true }));
    engine.emulator.control.resetCalls();
    await engine.up();
    expect(engine.writeCalls()).toEqual(["DeleteOrganizationMemberAuthIdentity"]);
    expect(await pairsOf(engine, bob)).toEqual([[bob, readonly]]);
    await engine.destroy();
  });

  it("destroy fails, naming the policy, while a policy outside the stack uses a pair the stack made", async () => {
    await engine.declare(grant({ memberUins: [carol], identityIds: [admin] }));
    await engine.up();
    const { PolicyId } = await engine.api.call("CreateOrganizationMembersPolicy", { PolicyName: "outside", IdentityId: admin, MemberUins: [carol] });
    const message = await engine.destroyError();
    expect(message).toMatch(/a member access policy still uses it/);
    expect(message).toMatch(/FailedOperation\.MemberIdentityAuthUsed/);
    expect(message).toContain(String(PolicyId));
    expect(await pairsOf(engine, carol)).toEqual([[carol, admin]]);
    await engine.api.call("DeleteOrganizationMembersPolicy", { PolicyId });
    await engine.destroy();
    expect(await pairsOf(engine, carol)).toEqual([]);
  });

  it("pairs that existed before the stack declared them are left as found, on update and on destroy", async () => {
    // bob holds identities 1 and 2 in the seed (an earlier test removed them; nothing is deployed now); carol holds none.
    engine.emulator.control.reset();
    await engine.declare(grant({ memberUins: [bob, carol], identityIds: [admin] }));
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ create: 2 });
    expect(engine.writeCalls()).toEqual(["CreateOrganizationMemberAuthIdentity"]);
    expect((await engine.resources()).access!.outputs!.preexistingPairs).toEqual([`${bob}:${admin}`]);

    await engine.declare(grant({ memberUins: [carol], identityIds: [admin] }));
    engine.emulator.control.resetCalls();
    await engine.up();
    expect(engine.writeCalls()).toEqual([]);
    expect(await pairsOf(engine, bob)).toEqual([[bob, admin], [bob, readonly]]);

    // Declared again later, it is recognized again as the organization's, not the stack's.
    await engine.declare(grant({ memberUins: [bob, carol], identityIds: [admin] }));
    await engine.up();
    expect((await engine.resources()).access!.outputs!.preexistingPairs).toEqual([`${bob}:${admin}`]);
    engine.emulator.control.resetCalls();
    await engine.destroy();
    expect(engine.writeCalls()).toEqual(["DeleteOrganizationMemberAuthIdentity"]);
    expect(await pairsOf(engine, bob)).toEqual([[bob, admin], [bob, readonly]]);
    expect(await pairsOf(engine, carol)).toEqual([]);
  });

  it("with exclusive, the resource owns its members' pairs: destroy removes them, pre-existing ones too", async () => {
    await engine.declare(grant({ memberUins: [bob], identityIds: [admin, readonly], exclusive: true }));
    await engine.up();
    await engine.destroy();
    expect(await pairsOf(engine, bob)).toEqual([]);
  });

  it("invalid input fails preview naming the field, with no call to the API", async () => {
    await engine.declare(grant({ memberUins: [], identityIds: [0], pairs: ["1:1"] }));
    engine.emulator.control.resetCalls();
    const message = await engine.previewError();
    expect(message).toMatch(/pairs is computed/);
    expect(engine.emulator.control.calls()).toEqual([]);
  });
});

/**
 * Ownership across operations (provider/resources/pairs.ts): a pair the resource made stays owned until it is deleted,
 * whatever happens in between (a policy holding it, a failure, a lost answer), and destroy leaves the seed as it was.
 */
