/** MemberAuthIdentity lifecycle (shared setup: ./shared.ts). */
import { createEngineStack, type EngineStack, grant, pairsOf, authorizations, alice, carol, admin, readonly, finance, devops } from "./shared";

jest.setTimeout(300_000);

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
