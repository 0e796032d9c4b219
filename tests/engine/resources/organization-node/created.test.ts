/** OrganizationNode created by the stack (shared setup: ./shared.ts). */
import { CONVERGED, convergence, createEngineStack, type EngineStack, type ResourceSpec, OWNED, stackWith, rootNodeId, departmentNodeId, bob } from "./shared";

jest.setTimeout(600_000);

describe("OrganizationNode created by the stack", () => {
  let engine: EngineStack;
  let seed: ReturnType<EngineStack["emulator"]["control"]["snapshot"]>;
  let nodeId: number;
  let childId: number;
  const nodes = () => engine.emulator.control.snapshot().nodes;
  const memberNode = (name: string) => engine.emulator.control.snapshot().members.find((m) => m.Name === name)?.NodeId;
  const idOf = async (name: string) => Number((await engine.resources())[name]!.id);

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", path: "cli", resources: stackWith({ node: "ops", child: "ops-oncall" }) });
    seed = engine.emulator.control.snapshot();
  });
  afterAll(() => engine?.close());

  it("up creates the node under the root, its child under it and the member in it", async () => {
    expect(await engine.up()).toEqual({ create: 4 });
    nodeId = await idOf("ops");
    childId = await idOf("ops-child");
    expect(nodes().find((n) => n.NodeId === nodeId)).toMatchObject({ Name: "ops", ParentNodeId: rootNodeId, Remark: "operations", Tags: [{ TagKey: "team", TagValue: "ops" }, OWNED] });
    expect(nodes().find((n) => n.NodeId === childId)).toMatchObject({ Name: "ops-oncall", ParentNodeId: nodeId });
    expect(memberNode("sre")).toBe(nodeId);
    expect((await engine.resources()).ops!.outputs).toMatchObject({ nodeId, parentNodeId: rootNodeId, tags: { team: "ops" }, createdByStack: true });
    expect(await engine.preview()).toEqual({ same: 4 });
  });

  it("a remark changed outside shows on refresh as drift of that property, and up restores it", async () => {
    await engine.api.call("UpdateOrganizationNode", { NodeId: nodeId, Name: "ops", Remark: "changed outside" });
    expect(await engine.refresh()).toEqual({ same: 3, update: 1 });
    expect(await engine.previewSteps()).toEqual([{ name: "ops", op: "update", changedInputs: ["remark"], replaces: [] }]);
    expect(await engine.up()).toEqual({ same: 3, update: 1 });
    expect(nodes().find((n) => n.NodeId === nodeId)!.Remark).toBe("operations");
  });

  it("name and remark update in place", async () => {
    await engine.declare(stackWith({ node: "operations", child: "ops-oncall", remark: "ops team" }));
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ same: 3, update: 1 });
    expect(engine.writeCalls()).toEqual(["UpdateOrganizationNode"]);
    expect(nodes().find((n) => n.NodeId === nodeId)).toMatchObject({ Name: "operations", Remark: "ops team" });
  });

  it("a new parent with the same name fails at preview (node names are unique), writing nothing", async () => {
    await engine.declare(stackWith({ node: "operations", child: "ops-oncall", remark: "ops team", parentNodeId: departmentNodeId }));
    engine.emulator.control.resetCalls();
    expect(await engine.previewError()).toContain('parentNodeId cannot change while name stays "operations"');
    expect(engine.writeCalls()).toEqual([]);
  });

  it("a new parent replaces the node: created first, the member moves, the child follows, the old nodes go last", async () => {
    await engine.declare(stackWith({ node: "operations-eng", child: "ops-oncall-eng", remark: "ops team", parentNodeId: departmentNodeId }));
    const steps = await engine.previewSteps();
    expect(steps.find((s) => s.name === "ops" && s.op === "replace")).toMatchObject({ replaces: ["parentNodeId"] });
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ replace: 2, update: 1, same: 1 });
    // The new node first; then, in either order (both depend only on it), the member's move and the child's
    // replacement; the old child and the old node last.
    const writes = engine.writeCalls();
    expect(writes[0]).toBe("AddOrganizationNode");
    expect(writes.slice(1, 3).sort()).toEqual(["AddOrganizationNode", "MoveOrganizationNodeMembers"]);
    expect(writes.slice(3)).toEqual(["DeleteOrganizationNodes", "DeleteOrganizationNodes"]);
    const [newNode, newChild] = [await idOf("ops"), await idOf("ops-child")];
    expect(nodes().find((n) => n.NodeId === newNode)).toMatchObject({ Name: "operations-eng", ParentNodeId: departmentNodeId, Tags: [{ TagKey: "team", TagValue: "ops" }, OWNED] });
    expect(nodes().find((n) => n.NodeId === newChild)).toMatchObject({ Name: "ops-oncall-eng", ParentNodeId: newNode });
    expect(nodes().map((n) => n.NodeId)).not.toEqual(expect.arrayContaining([nodeId]));
    expect(nodes().map((n) => n.NodeId)).not.toEqual(expect.arrayContaining([childId]));
    expect(memberNode("sre")).toBe(newNode);
    [nodeId, childId] = [newNode, newChild];
    expect(await engine.preview()).toEqual({ same: 4 });
  });

  it("adopts a seeded node by nodeId, managing only what the program sets", async () => {
    const adopt: ResourceSpec = { kind: "OrganizationNode", name: "engineering", args: { nodeId: departmentNodeId, remark: "engineering" } };
    await engine.declare(stackWith({ node: "operations-eng", child: "ops-oncall-eng", remark: "ops team", parentNodeId: departmentNodeId }, [adopt]));
    engine.emulator.control.resetCalls();
    expect(await engine.up()).toEqual({ same: 4, create: 1 });
    expect(engine.writeCalls()).toEqual(["UpdateOrganizationNode"]);
    expect((await engine.resources()).engineering!.outputs).toMatchObject({ nodeId: departmentNodeId, name: "Engineering", createdByStack: false, managedProperties: ["nodeId", "remark"] });
  });

  it("destroy refuses to delete a node holding a member placed outside the stack, naming it; then completes", async () => {
    await engine.api.call("MoveOrganizationNodeMembers", { NodeId: nodeId, MemberUin: [bob] });
    const message = await engine.destroyError();
    expect(message).toContain(`node ${nodeId} still holds 1 member(s): bob (${bob})`);
    // What could go, went; the node with bob in it is still in state and in the organization.
    const left = Object.keys(await engine.resources());
    expect(left).toContain("ops");
    expect(left).not.toEqual(expect.arrayContaining(["sre"]));
    expect(left).not.toEqual(expect.arrayContaining(["ops-child"]));
    expect(nodes().map((n) => n.NodeId)).toContain(nodeId);
    await engine.api.call("MoveOrganizationNodeMembers", { NodeId: departmentNodeId, MemberUin: [bob] });
    await engine.destroy();
    expect(await engine.resources()).toEqual({});
    const after = engine.emulator.control.snapshot();
    // Exactly the seed's nodes and members, bob back where he was; the adopted node released with its new remark.
    expect(after.nodes.map((n) => n.NodeId)).toEqual(seed.nodes.map((n) => n.NodeId));
    expect(after.nodes.find((n) => n.NodeId === departmentNodeId)!.Remark).toBe("engineering");
    expect(after.members.map((m) => [m.MemberUin, m.NodeId])).toEqual(seed.members.map((m) => [m.MemberUin, m.NodeId]));
    expect(await convergence(engine, seed)).toEqual(CONVERGED);
  });
});
