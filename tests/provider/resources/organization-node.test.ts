/**
 * Unit tests of OrganizationNode: check and diff (no API), and create, read, update and delete against an emulator in
 * this process (no engine).
 */
import { SEED_IDS } from "../../../emulator";
import { emulatedProvider } from "./emulated-provider";
import { nodeImplementation as node } from "../../../provider/resources/organization-node";
import { OWNERSHIP_TAG_KEY } from "../../../provider/resources/ownership";
import { UNKNOWN } from "../../../provider/resources/properties";
import type { OrganizationMemberArgs } from "../../../provider/resources/organization-member";
import type { OrganizationNode } from "../../../provider/resources/organization-node";

const { rootNodeId, departmentNodeId, createdUin: bob } = SEED_IDS;

describe("OrganizationNode check", () => {
  it("names each invalid property, and sorts tags so key order never causes a diff", async () => {
    const result = await node.check({}, { name: "has space", parentNodeId: 0, tags: { b: "2", a: "1" }, colour: "red" });
    expect(Object.fromEntries((result.failures ?? []).map((f) => [f.property, f.reason]))).toEqual({
      name: expect.stringMatching(/^name may contain only letters/),
      parentNodeId: expect.stringMatching(/^parentNodeId /),
      colour: "colour is not a parameter of this action",
    });
    expect(Object.keys(result.inputs!.tags as object)).toEqual(["a", "b"]);
  });

  it("requires name to create, refuses names over 40 characters and more than 10 tags", async () => {
    expect((await node.check({}, { remark: "r" })).failures).toEqual([{ property: "name", reason: expect.stringContaining("name is required to create a node") }]);
    const tags = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"]));
    const result = await node.check({}, { name: "x".repeat(41), tags });
    expect((result.failures ?? []).map((f) => f.property).sort()).toEqual(["name", "tags"]);
  });

  it("adopting needs no name, and unknown values pass preview", async () => {
    expect((await node.check({}, { nodeId: rootNodeId })).failures).toBeUndefined();
    expect((await node.check({}, { name: UNKNOWN, parentNodeId: UNKNOWN })).failures).toBeUndefined();
  });
});

describe("OrganizationNode diff", () => {
  const olds = {
    nodeId: 7,
    name: "ops",
    parentNodeId: rootNodeId,
    remark: "r",
    tags: { team: "ops" },
    createdByStack: true,
    managedProperties: ["name", "parentNodeId", "remark", "tags"],
  };
  const same = { name: "ops", parentNodeId: rootNodeId, remark: "r", tags: { team: "ops" } };

  it("name and remark update in place; parent and tags replace, creating first", async () => {
    expect(await node.diff("7", olds, same)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(await node.diff("7", olds, { ...same, name: "ops2", remark: "s" })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const renamed = { ...same, name: "ops2" };
    expect(await node.diff("7", olds, { ...renamed, parentNodeId: departmentNodeId })).toEqual({ changes: true, replaces: ["parentNodeId"], deleteBeforeReplace: false });
    expect((await node.diff("7", olds, { ...renamed, tags: { team: "dev" } })).replaces).toEqual(["tags"]);
    expect((await node.diff("7", olds, { ...renamed, parentNodeId: UNKNOWN })).replaces).toEqual(["parentNodeId"]);
  });

  it("a created node's parent or tags cannot change while its name stays (names are unique): the diff says to rename", async () => {
    const renamed = { ...same, name: "ops2" };
    await expect(node.diff("7", olds, { ...same, parentNodeId: departmentNodeId })).rejects.toThrow(
      'parentNodeId cannot change while name stays "ops"',
    );
    await expect(node.diff("7", olds, { ...same, tags: {} })).rejects.toThrow("Change name together with it");
    expect((await node.diff("7", olds, { ...same, parentNodeId: UNKNOWN })).replaces).toEqual(["parentNodeId"]);
    expect((await node.diff("7", olds, { ...renamed, parentNodeId: departmentNodeId, tags: {} })).replaces).toEqual(["parentNodeId", "tags"]);
    // An adopted node is not replaced by a new parent: adopting it again says the API cannot move it.
    const adopted = { ...olds, createdByStack: false };
    expect((await node.diff("7", adopted, { ...same, nodeId: 7, parentNodeId: departmentNodeId })).replaces).toEqual(["parentNodeId"]);
  });

  it("an unset parent is not managed; dropping nodeId from an adopted node replaces it", async () => {
    expect((await node.diff("7", olds, { name: "ops" })).replaces).toEqual([]);
    const adopted = { ...olds, createdByStack: false, managedProperties: ["nodeId"] };
    expect((await node.diff("7", adopted, { name: "ops" })).replaces).toEqual(["nodeId"]);
  });
});

/** Compile-time: a node's nodeId output is what OrganizationMember.nodeId takes. */
export const memberInNode = (department: OrganizationNode): Partial<OrganizationMemberArgs> => ({ nodeId: department.nodeId });

describe("OrganizationNode against the emulator", () => {
  const { emulator, api } = emulatedProvider();
  const nodes = async () => (await api().call("DescribeOrganizationNodes", { Offset: 0, Limit: 50 })).Items;

  it("creates under the root node by default, reads back, renames in place and deletes", async () => {
    const inputs = (await node.check({}, { name: "ops", remark: "operations", tags: { team: "ops" } })).inputs!;
    const created = await node.create(inputs);
    const id = Number(created.id);
    expect(created.outs).toMatchObject({ nodeId: id, name: "ops", parentNodeId: rootNodeId, remark: "operations", tags: { team: "ops" }, createdByStack: true });
    expect((await nodes()).find((n) => n.NodeId === id)).toMatchObject({ Name: "ops", ParentNodeId: rootNodeId, Tags: [{ TagKey: "team", TagValue: "ops" }] });

    const renamed = await node.update(created.id, created.outs, { ...inputs, name: "operations", remark: "" });
    expect(renamed.outs).toMatchObject({ name: "operations", remark: "" });

    await api().call("UpdateOrganizationNode", { NodeId: id, Name: "changed-outside", Remark: "" });
    const refreshed = await node.read(created.id, renamed.outs);
    expect(refreshed.inputs).toEqual({ name: "changed-outside", remark: "", tags: { team: "ops" } });

    await node.delete(created.id, renamed.outs);
    expect((await nodes()).map((n) => n.NodeId)).not.toContain(id);
    expect(await node.read(created.id, renamed.outs)).toEqual({ id: "" });
    // Deleting again is done: the node is already gone.
    await node.delete(created.id, renamed.outs);
  });

  it("adopts the root node, and destroy only releases it", async () => {
    const adopted = await node.create({ nodeId: rootNodeId, remark: "root department" });
    expect(adopted.outs).toMatchObject({ nodeId: rootNodeId, name: "Root", createdByStack: false, managedProperties: ["nodeId", "remark"] });
    emulator().control.resetCalls();
    await node.delete(String(rootNodeId), adopted.outs);
    expect(emulator().control.calls()).toEqual([]);
  });

  it("refuses to adopt a node under a parent it is not under: the API cannot move nodes", async () => {
    await expect(node.create({ nodeId: departmentNodeId, parentNodeId: departmentNodeId })).rejects.toThrow(
      `nodeId ${departmentNodeId} has parentNodeId ${rootNodeId}, not ${departmentNodeId}; the API cannot change a node's parent`,
    );
  });

  it("a delete the API refuses names the members and child nodes still inside", async () => {
    const parent = await node.create({ name: "parent" });
    const child = await node.create({ name: "child", parentNodeId: Number(parent.id) });
    await api().call("MoveOrganizationNodeMembers", { NodeId: Number(parent.id), MemberUin: [bob] });
    await expect(node.delete(parent.id, parent.outs)).rejects.toThrow(
      new RegExp(`node ${parent.id} still holds 1 member\\(s\\): bob \\(${bob}\\); 1 child node\\(s\\): child \\(${child.id}\\)`),
    );
    expect((await nodes()).map((n) => String(n.NodeId))).toEqual(expect.arrayContaining([parent.id, child.id]));
  });

  it("a refused delete lists at most 10 child nodes, then says how many more", async () => {
    const parent = await node.create({ name: "crowded" });
    for (let i = 0; i < 12; i++) await node.create({ name: `crowded-${i}`, parentNodeId: Number(parent.id) });
    await expect(node.delete(parent.id, parent.outs)).rejects.toThrow(/12 child node\(s\): crowded-0 \(\d+\), .*crowded-9 \(\d+\) and 2 more/);
  });

  it("a create whose answer is lost recovers the node it made, never adding a second", async () => {
    emulator().control.injectFault({ kind: "lost-answer", action: "AddOrganizationNode" });
    const created = await node.create({ name: "lost", remark: "r", tags: { a: "1" }, ownershipTag: "tag-of-lost" });
    const made = (await nodes()).filter((n) => n.Name === "lost");
    expect(made.map((n) => String(n.NodeId))).toEqual([created.id]);
    expect(made[0]!.Tags).toEqual([{ TagKey: "a", TagValue: "1" }, { TagKey: OWNERSHIP_TAG_KEY, TagValue: "tag-of-lost" }]);
    // The ownership tag is the provider's, not one of the program's tags.
    expect(created.outs).toMatchObject({ name: "lost", parentNodeId: rootNodeId, tags: { a: "1" }, createdByStack: true });
  });

  it("a node under the wanted name is the resource's own only with its ownership tag, across runs too", async () => {
    const first = await node.create({ name: "tagged", ownershipTag: "tag-of-tagged" });
    // A later run of the same resource (its answer never reached state) meets the name taken and recognizes the tag.
    expect(await node.create({ name: "tagged", ownershipTag: "tag-of-tagged" })).toMatchObject({ id: first.id, outs: { createdByStack: true } });
    // Same fields, another resource's tag: not ours.
    await expect(node.create({ name: "tagged", ownershipTag: "tag-of-another" })).rejects.toMatchObject({
      name: "NameCollisionError",
      reason: "foreign",
      objectId: Number(first.id),
    });
  });

  it("tags cannot use the ownership tag's key, and a created node takes at most 9 tags of the program's", async () => {
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, "v"]));
    expect((await node.check({}, { name: "n", tags: nine, ownershipTag: "t" })).failures).toBeUndefined();
    const ten = { ...nine, k9: "v" };
    expect((await node.check({}, { name: "n", tags: ten, ownershipTag: "t" })).failures).toEqual([
      { property: "tags", reason: `tags may hold at most 9 entries on a node this resource creates (it also carries the ownership tag ${OWNERSHIP_TAG_KEY}), not 10` },
    ]);
    expect((await node.check({}, { name: "n", tags: { [OWNERSHIP_TAG_KEY]: "x" }, ownershipTag: "t" })).failures).toEqual([
      { property: "tags", reason: expect.stringContaining(`tags cannot use the key ${OWNERSHIP_TAG_KEY}`) },
    ]);
    // An adopted node is not written: it may hold 10.
    expect((await node.check({}, { nodeId: departmentNodeId, tags: ten, ownershipTag: "t" })).failures).toBeUndefined();
  });

  it("a name held by a node the stack did not make is a clear error that says how to adopt it", async () => {
    // Engineering was made long before this run: same fields are not proof enough without a recent CreateTime.
    await expect(node.create({ name: "Engineering", parentNodeId: rootNodeId, remark: "" })).rejects.toThrow(
      `the name is already used by ${departmentNodeId}, which this stack did not create (node names are unique in the organization; to manage that node, adopt it: set nodeId: ${departmentNodeId}`,
    );
  });
});
