/** OrganizationNode updates write only what the program sets (shared setup: ./shared.ts). */
import { SEED_IDS, createEngineStack, type EngineStack, type ResourceSpec } from "./shared";

jest.setTimeout(600_000);

describe("OrganizationNode updates write only what the program sets", () => {
  let engine: EngineStack;
  let createdId: number;
  const { platformNodeId } = SEED_IDS;
  const node = (id: number) => engine.emulator.control.snapshot().nodes.find((n) => n.NodeId === id)!;
  const stack = (adoptedRemark: string, createdName: string): ResourceSpec[] => [
    // Adopted, managing only its remark: its name is not the stack's.
    { kind: "OrganizationNode", name: "platform", args: { nodeId: platformNodeId, remark: adoptedRemark } },
    // Created without a remark: its remark is not the stack's.
    { kind: "OrganizationNode", name: "writes", args: { name: createdName } },
  ];

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", resources: stack("platform v1", "writes-1") });
  });
  afterAll(() => engine?.close());

  it("up adopts one node and creates the other", async () => {
    expect(await engine.up()).toEqual({ create: 3 });
    createdId = Number((await engine.resources()).writes!.id);
  });

  it("a remark-only change keeps a name changed outside; a rename keeps a remark changed outside; refresh finds no drift", async () => {
    await engine.api.call("UpdateOrganizationNode", { NodeId: platformNodeId, Name: "Platform-renamed-outside" });
    await engine.api.call("UpdateOrganizationNode", { NodeId: createdId, Remark: "remark set outside" });
    await engine.declare(stack("platform v2", "writes-2"));
    expect(await engine.up()).toEqual({ same: 1, update: 2 });
    expect(node(platformNodeId)).toMatchObject({ Name: "Platform-renamed-outside", Remark: "platform v2" });
    expect(node(createdId)).toMatchObject({ Name: "writes-2", Remark: "remark set outside" });
    expect(await engine.refresh()).toEqual({ same: 3 });
    expect(await engine.preview()).toEqual({ same: 3 });
  });

  it("destroy deletes the created node and releases the adopted one as found", async () => {
    await engine.destroy();
    expect(engine.emulator.control.snapshot().nodes.map((n) => n.NodeId)).not.toContain(createdId);
    expect(node(platformNodeId)).toMatchObject({ Name: "Platform-renamed-outside", Remark: "platform v2" });
  });
});
