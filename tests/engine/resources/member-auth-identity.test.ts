/**
 * MemberAuthIdentity through the real engine against the emulator.
 *
 * The full lifecycle of a created resource (create, drift on refresh, update, replace, destroy) runs on the path users
 * take: the project tests/engine/projects/declared, run by the `pulumi` binary and the Node.js language host. The other
 * cases run as inline programs, which are faster.
 */
import { DEFAULT_SEED, SEED_IDS, type Seed, type State } from "../../../emulator";
import { createEngineStack, type EngineStack, type ResourceSpec } from "../harness";

jest.setTimeout(300_000);

const { invitedUin: alice, createdUin: bob, paidUin: carol, adminIdentityId: admin, readonlyIdentityId: readonly, financeIdentityId: finance, customIdentityId: devops } = SEED_IDS;

const grant = (args: Record<string, unknown>): ResourceSpec[] => [{ kind: "MemberAuthIdentity", name: "access", args }];

async function pairsOf(engine: EngineStack, memberUin: number): Promise<Array<[number, number]>> {
  const { Items } = await engine.api.call("DescribeOrganizationMemberAuthIdentities", { Offset: 0, Limit: 50, MemberUin: memberUin });
  return Items.map((item) => [memberUin, item.IdentityId] as [number, number]).sort((a, b) => a[1] - b[1]);
}

const authorizations = (engine: EngineStack) => engine.emulator.control.snapshot().authorizations;

describe("MemberAuthIdentity lifecycle", () => {
  let engine: EngineStack;
  let seeded: unknown;

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", path: "cli", resources: grant({ memberUins: [carol, alice], identityIds: [devops, finance] }) });
    seeded = authorizations(engine);
  });
  afterAll(() => engine?.close());

  it("up authorizes every member for every identity in one call", async () => {
    expect(await engine.up()).toEqual({ create: 2 });
    expect(engine.writeCalls()).toEqual(["CreateOrganizationMemberAuthIdentity"]);
    expect(await pairsOf(engine, carol)).toEqual([[carol, finance], [carol, devops]]);
    expect((await engine.resources()).access!.outputs!.pairs).toEqual([
      `${alice}:${finance}`, `${alice}:${devops}`, `${carol}:${finance}`, `${carol}:${devops}`,
    ]);
  });

  it("a following preview shows no changes", async () => {
    expect(await engine.preview()).toEqual({ same: 2 });
  });

  it("a pair removed through the API shows on refresh as drift of pairs, and up re-authorizes it", async () => {
    await engine.api.call("DeleteOrganizationMemberAuthIdentity", { MemberUin: carol, IdentityId: devops });
    expect(await engine.refresh()).toEqual({ same: 1, update: 1 });
    const inputs = (await engine.resources()).access!.inputs!;
    expect(inputs.pairs).not.toContain(`${carol}:${devops}`);
    expect(inputs.memberUins).toEqual([alice, carol]);
    expect(await engine.previewSteps()).toEqual([{ name: "access", op: "update", changedInputs: ["pairs"], replaces: [] }]);
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ same: 1, update: 1 });
    expect(engine.writeCalls()).toEqual(["CreateOrganizationMemberAuthIdentity"]);
    expect(await pairsOf(engine, carol)).toEqual([[carol, finance], [carol, devops]]);
  });

  it("a pair that needs reconfiguring (Status 2) is drift that up repairs", async () => {
    engine.emulator.control.setAuthIdentityStatus(alice, finance, 2);
    expect(await engine.refresh()).toEqual({ same: 1, update: 1 });
    expect((await engine.resources()).access!.outputs!.needsReconfiguring).toEqual([`${alice}:${finance}`]);
    expect(await engine.up()).toEqual({ same: 1, update: 1 });
    const { Items } = await engine.api.call("DescribeOrganizationMemberAuthIdentities", { Offset: 0, Limit: 50, MemberUin: alice, IdentityId: finance });
    expect(Items.map((item) => item.Status)).toEqual([1]);
  });

  it("updates in place by set difference, never replacing", async () => {
    await engine.declare(grant({ memberUins: [carol], identityIds: [devops, finance, readonly] }));
    expect(await engine.previewSteps()).toEqual([
      { name: "access", op: "update", changedInputs: ["identityIds", "memberUins", "pairs"], replaces: [] },
    ]);
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ same: 1, update: 1 });
    expect(engine.writeCalls().sort()).toEqual([
      "CreateOrganizationMemberAuthIdentity",
      "DeleteOrganizationMemberAuthIdentity",
      "DeleteOrganizationMemberAuthIdentity",
    ]);
    expect(await pairsOf(engine, carol)).toEqual([[carol, readonly], [carol, finance], [carol, devops]]);
    expect(await pairsOf(engine, alice)).toEqual([[alice, admin]]);
  });

  it("authorizations removed outside the stack drop on refresh and come back on up", async () => {
    for (const identityId of [devops, finance, readonly]) {
      await engine.api.call("DeleteOrganizationMemberAuthIdentity", { MemberUin: carol, IdentityId: identityId });
    }
    expect(await engine.refresh()).toEqual({ same: 1, delete: 1 });
    expect(await engine.up()).toEqual({ same: 1, create: 1 });
    expect((await pairsOf(engine, carol)).length).toBe(3);
  });

  it("destroy removes every managed pair and leaves the emulator as seeded", async () => {
    await engine.destroy();
    expect(authorizations(engine)).toEqual(seeded);
  });
});

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
