/**
 * Lookups in a real program run by the engine: the program finds its member, department and identity through them,
 * manages what it found, and exports what they report. Credentials and endpoint are secret stack config only, so the
 * lookups (in the program's process) and the provider (in the plugin's) both read them from config.
 */
import { DEFAULT_SEED, SEED_IDS } from "../../emulator";
import { createEngineStack, type EngineStack } from "./harness";

jest.setTimeout(300_000);

const memberNode = (engine: EngineStack, uin: number) => engine.emulator.control.snapshot().members.find((m) => m.MemberUin === uin)?.NodeId;
const pairs = (engine: EngineStack) =>
  engine.emulator.control
    .snapshot()
    .authorizations.map((a) => `${a.MemberUin}:${a.IdentityId}`)
    .sort();

describe("a program built on lookups", () => {
  let engine: EngineStack;
  let seededPairs: string[];

  beforeAll(async () => {
    engine = await createEngineStack({ program: "lookups", credentialsIn: "stack-config" });
    seededPairs = pairs(engine);
  });
  afterAll(() => engine?.close());

  it("up places the member found by name in the department found by name and authorizes it for the identity found", async () => {
    expect(await engine.up()).toEqual({ create: 3 });
    expect(await engine.outputs()).toEqual({
      rootNodeId: SEED_IDS.rootNodeId,
      nodeId: SEED_IDS.rootNodeId,
      identityId: SEED_IDS.readonlyIdentityId,
      memberUin: SEED_IDS.paidUin,
      memberCount: (DEFAULT_SEED.members ?? []).length,
      // Listed while carol was still being moved in: the lookups read before the resources write.
      departmentMembers: expect.arrayContaining(["alice"]),
      payerPolicies: ["alice-admin"],
    });
    expect(memberNode(engine, SEED_IDS.paidUin)).toBe(SEED_IDS.rootNodeId);
    expect(pairs(engine)).toEqual([...seededPairs, `${SEED_IDS.paidUin}:${SEED_IDS.readonlyIdentityId}`].sort());
  });

  it("a following preview is empty, lookups and all", async () => {
    expect(await engine.preview()).toEqual({ same: 3 });
  });

  it("a department chosen by another name moves the member there", async () => {
    await engine.setConfig({ "engine-test:department": { value: "Engineering" } });
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ same: 2, update: 1 });
    expect(engine.writeCalls()).toEqual(["MoveOrganizationNodeMembers"]);
    expect(memberNode(engine, SEED_IDS.paidUin)).toBe(SEED_IDS.departmentNodeId);
    expect((await engine.outputs()).nodeId).toBe(SEED_IDS.departmentNodeId);
  });

  it("destroy removes the authorization it made and releases the member", async () => {
    await engine.destroy();
    expect(pairs(engine)).toEqual(seededPairs);
    expect(memberNode(engine, SEED_IDS.paidUin)).toBe(SEED_IDS.departmentNodeId);
  });
});
