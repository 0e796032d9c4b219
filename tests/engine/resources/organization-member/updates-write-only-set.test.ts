/** OrganizationMember updates write only what the program sets (shared setup: ./shared.ts). */
import { SEED_IDS, createEngineStack, type EngineStack, type ResourceSpec } from "./shared";

jest.setTimeout(300_000);

describe("OrganizationMember updates write only what the program sets", () => {
  let engine: EngineStack;
  const { paidUin: carol, invitedUin: alice, platformNodeId } = SEED_IDS;
  const adoptCarol = (remark: string): ResourceSpec[] => [{ kind: "OrganizationMember", name: "carol", args: { memberUin: carol, remark } }];
  const carolNow = () => engine.emulator.control.snapshot().members.find((m) => m.MemberUin === carol)!;

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", resources: adoptCarol("managed remark 1") });
    expect(await engine.up()).toEqual({ create: 2 });
  });
  afterAll(() => engine?.close());

  it("a remark-only change keeps the name, permissions, payer and department changed outside; refresh finds no drift", async () => {
    await engine.api.call("UpdateOrganizationMember", { MemberUin: carol, Name: "carol-outside", PolicyType: "Financial", PermissionIds: [1, 2, 7, 8], PayUin: String(alice) });
    await engine.api.call("MoveOrganizationNodeMembers", { NodeId: platformNodeId, MemberUin: [carol] });
    await engine.declare(adoptCarol("managed remark 2"));
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ same: 1, update: 1 });
    expect(engine.writeCalls()).toEqual(["UpdateOrganizationMember"]);
    expect(carolNow()).toMatchObject({ Name: "carol-outside", Remark: "managed remark 2", PermissionIds: [1, 2, 7, 8], PayUin: String(alice), NodeId: platformNodeId });
    expect(await engine.refresh()).toEqual({ same: 2 });
    expect(await engine.preview()).toEqual({ same: 2 });
    await engine.destroy();
    expect(carolNow()).toMatchObject({ Name: "carol-outside", Remark: "managed remark 2" });
  });
});
