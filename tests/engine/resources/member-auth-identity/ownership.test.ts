/** MemberAuthIdentity ownership across updates and failures (shared setup: ./shared.ts). */
import { SEED_IDS, type State, createEngineStack, type EngineStack, type ResourceSpec, grant, authorizations, alice, bob, carol, readonly, finance, devops, admin } from "./shared";

jest.setTimeout(300_000);

describe("MemberAuthIdentity ownership across updates and failures", () => {
  const { auditorIdentityId: auditor } = SEED_IDS;
  let engine: EngineStack;
  let seed: State;

  const withPolicy = (authMembers: number[], policyMembers: number[]): ResourceSpec[] => [
    ...grant({ memberUins: authMembers, identityIds: [auditor] }),
    {
      kind: "MemberAccessPolicy",
      name: "policy",
      args: { policyName: "ownership", identityId: auditor, memberUins: policyMembers },
      dependsOn: ["access"],
    },
  ];
  const outputs = async () => (await engine.resources()).access!.outputs!;
  const hasPair = (memberUin: number, identityId: number) =>
    authorizations(engine).some((a) => a.MemberUin === memberUin && a.IdentityId === identityId);

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared" });
    seed = engine.emulator.control.snapshot();
  });
  beforeEach(() => {
    engine.emulator.control.clearFaults();
  });
  afterAll(() => engine?.close());

  it("a pair declared again while its removal waits is the stack's again: destroy removes it", async () => {
    await engine.declare(withPolicy([alice, carol], [alice, carol]));
    await engine.up();
    await engine.declare(withPolicy([alice], [alice]));
    await engine.up();
    expect((await outputs()).pendingRemoval).toEqual([`${carol}:${auditor}`]);
    await engine.declare(withPolicy([alice, carol], [alice, carol]));
    await engine.up();
    expect(await outputs()).toMatchObject({ pendingRemoval: [], preexistingPairs: [] });
    await engine.destroy();
    expect(hasPair(carol, auditor)).toBe(false);
    expect(authorizations(engine)).toEqual(seed.authorizations);
    expect(engine.emulator.control.snapshot().policies).toEqual(seed.policies);
  });

  it("a failed update keeps pending the Status-2 pair it made and was about to remove; the next up removes it", async () => {
    await engine.declare(grant({ memberUins: [carol], identityIds: [devops, finance] }));
    await engine.up();
    engine.emulator.control.setAuthIdentityStatus(carol, finance, 2);
    await engine.declare(grant({ memberUins: [carol], identityIds: [devops, readonly] }));
    // The new pair is authorized; every attempt to remove carol:finance fails.
    engine.emulator.control.injectFault({ kind: "internal-error", action: "DeleteOrganizationMemberAuthIdentity", count: 8 });
    expect(await engine.upError()).toMatch(/authorizations changed only in part/);
    expect((await outputs()).pendingRemoval).toEqual([`${carol}:${finance}`]);
    expect(hasPair(carol, finance)).toBe(true);
    engine.emulator.control.clearFaults();
    await engine.up();
    expect(hasPair(carol, finance)).toBe(false);
    expect((await outputs()).pendingRemoval).toEqual([]);
    await engine.destroy();
    expect(authorizations(engine)).toEqual(seed.authorizations);
  });

  it("a pair whose create lost its answer is still the stack's when no longer declared: the next up removes it", async () => {
    await engine.declare(grant({ memberUins: [carol], identityIds: [devops] }));
    await engine.up();
    await engine.declare(grant({ memberUins: [carol], identityIds: [devops, finance] }));
    // Every attempt authorizes the pair and loses the answer, so the resource cannot know it exists.
    engine.emulator.control.injectFault({ kind: "lost-answer", action: "CreateOrganizationMemberAuthIdentity", count: 8 });
    expect(await engine.upError()).toMatch(/authorizations changed only in part/);
    expect((await outputs()).pairs).toEqual([`${carol}:${devops}`]);
    expect(hasPair(carol, finance)).toBe(true);
    engine.emulator.control.clearFaults();
    await engine.declare(grant({ memberUins: [carol], identityIds: [devops] }));
    await engine.up();
    expect(hasPair(carol, finance)).toBe(false);
    await engine.destroy();
    expect(authorizations(engine)).toEqual(seed.authorizations);
  });

  it("a refresh that finds none of the declared pairs keeps the resource while a removal waits; destroy removes that pair", async () => {
    await engine.declare(withPolicy([alice, carol], [carol]));
    await engine.up();
    await engine.declare(withPolicy([alice], [alice]));
    await engine.up();
    expect((await outputs()).pendingRemoval).toEqual([`${carol}:${auditor}`]);
    // Outside the stack: the policy goes, and then the one declared pair.
    await engine.api.call("DeleteOrganizationMembersPolicy", {
      PolicyId: engine.emulator.control.snapshot().policies.find((p) => p.PolicyName === "ownership")!.PolicyId,
    });
    await engine.api.call("DeleteOrganizationMemberAuthIdentity", { MemberUin: alice, IdentityId: auditor });
    await engine.refresh();
    expect(Object.keys(await engine.resources())).toContain("access");
    expect((await outputs()).pendingRemoval).toEqual([`${carol}:${auditor}`]);
    await engine.destroy();
    expect(authorizations(engine)).toEqual(seed.authorizations);
  });

  it("a pre-existing pair deleted outside and authorized again by the stack is the stack's: destroy removes it", async () => {
    // Found by the generated scenarios (seed 16002): destroy left such a pair, recorded as pre-existing.
    engine.emulator.control.reset();
    await engine.declare(grant({ memberUins: [bob, carol], identityIds: [admin] }));
    await engine.up();
    expect((await outputs()).preexistingPairs).toEqual([`${bob}:${admin}`]);
    await engine.api.call("DeleteOrganizationMemberAuthIdentity", { MemberUin: bob, IdentityId: admin });
    await engine.refresh();
    await engine.up();
    expect(hasPair(bob, admin)).toBe(true);
    expect((await outputs()).preexistingPairs).toEqual([]);
    await engine.destroy();
    // The seed less what was deleted outside: the stack removed what it authorized, bob's other pair is as found.
    expect(hasPair(bob, admin)).toBe(false);
    expect(authorizations(engine)).toEqual(seed.authorizations.filter((a) => !(a.MemberUin === bob && a.IdentityId === admin)));
  });

  it("with exclusive, a member dropped from the declaration loses the pairs the stack made for it", async () => {
    await engine.declare(grant({ memberUins: [carol, bob], identityIds: [devops], exclusive: true }));
    await engine.up();
    await engine.declare(grant({ memberUins: [carol], identityIds: [devops], exclusive: true }));
    await engine.up();
    expect(hasPair(bob, devops)).toBe(false);
    await engine.destroy();
    // Exclusive made the stack authoritative for bob while he was declared: his seeded pairs went then.
    expect(authorizations(engine)).toEqual(seed.authorizations.filter((a) => a.MemberUin !== bob));
  });
});
