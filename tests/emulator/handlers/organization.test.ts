/** DescribeOrganization and the department nodes: Add/Update/Delete/DescribeOrganizationNodes. */
import { SEED_IDS } from "../../../emulator";
import { MAX_NODE_LEVELS, MAX_NODES, MAX_NODES_PER_DELETE } from "../../../emulator/backend/nodes";
import { call, expectError, page, startTarget } from "../helpers";

let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

const { rootNodeId: ROOT, departmentNodeId: DEPT, platformNodeId: PLATFORM, financeNodeId: FINANCE, createdUin: BOB } = SEED_IDS;
const SEEDED_NODES = [ROOT, DEPT, PLATFORM, FINANCE];
const nodes = async () => (await call(emulator, "DescribeOrganizationNodes", page)).Items ?? [];
const node = async (nodeId: number) => (await nodes()).find((n) => n.NodeId === nodeId);
const add = async (ParentNodeId: number, Name: string) => (await call(emulator, "AddOrganizationNode", { ParentNodeId, Name })).NodeId;

it("DescribeOrganization answers the seeded organization as seen by its management account", async () => {
  expect(await call(emulator, "DescribeOrganization", {})).toMatchObject({
    OrgId: SEED_IDS.orgId,
    HostUin: SEED_IDS.hostUin,
    RootNodeId: SEED_IDS.rootNodeId,
    IsManager: true,
    NickName: "Emulated Org",
  });
});

it("DescribeOrganization validates Lang", async () => {
  await expectError(emulator, "DescribeOrganization", { Lang: "fr" }, "InvalidParameterValue", "Lang");
});

it("DescribeOrganizationNodes lists the seeded tree: Root → Engineering → Platform, Root → Finance", async () => {
  const answer = await call(emulator, "DescribeOrganizationNodes", page);
  expect(answer.Items?.map((n) => [n.NodeId, n.Name, n.ParentNodeId])).toEqual([
    [ROOT, "Root", 0],
    [DEPT, "Engineering", ROOT],
    [PLATFORM, "Platform", DEPT],
    [FINANCE, "Finance", ROOT],
  ]);
  expect(answer.Total).toBe(4);
  expect(answer.Items?.[2]).toMatchObject({ Remark: "platform team", Tags: [{ TagKey: "cost-center", TagValue: "cc-1001" }] });
});

it("DescribeOrganizationNodes filters by Tags", async () => {
  const answer = await call(emulator, "DescribeOrganizationNodes", { ...page, Tags: [{ TagKey: "cost-center", TagValue: "cc-1001" }] });
  expect(answer.Items?.map((n) => n.NodeId)).toEqual([PLATFORM]);
});

describe("AddOrganizationNode", () => {
  it("adds a node under its parent with a new NodeId, its remark and tags, and DescribeOrganizationNodes lists it", async () => {
    const Tags = [{ TagKey: "team", TagValue: "sales" }];
    const { NodeId } = await call(emulator, "AddOrganizationNode", { ParentNodeId: DEPT, Name: "Sales", Remark: "sales team", Tags });
    expect(NodeId).toBeGreaterThan(DEPT);
    expect(await node(NodeId)).toMatchObject({ NodeId, Name: "Sales", ParentNodeId: DEPT, Remark: "sales team", Tags });
    expect(await add(ROOT, "Support")).toBe(NodeId + 1);
  });

  it("answers ResourceNotFound.OrganizationNodeNotExist for an unknown parent", async () => {
    await expectError(emulator, "AddOrganizationNode", { ParentNodeId: 7, Name: "x" }, "ResourceNotFound.OrganizationNodeNotExist", "NodeId 7");
  });

  it("answers FailedOperation.OrganizationNodeNameUsed for a name any node of the organization has, under any parent", async () => {
    await expectError(emulator, "AddOrganizationNode", { ParentNodeId: DEPT, Name: "Engineering" }, "FailedOperation.OrganizationNodeNameUsed", "Engineering", DEPT);
    await expectError(emulator, "AddOrganizationNode", { ParentNodeId: DEPT, Name: "Root" }, "FailedOperation.OrganizationNodeNameUsed", ROOT);
    await add(DEPT, "engineering");
  });

  it(`allows ${MAX_NODE_LEVELS} levels counting the root, answering LimitExceeded.NodeDepthExceedLimit below`, async () => {
    let parent: number = ROOT;
    for (let level = 2; level <= MAX_NODE_LEVELS; level++) parent = await add(parent, `level${level}`);
    await expectError(emulator, "AddOrganizationNode", { ParentNodeId: parent, Name: "too-deep" }, "LimitExceeded.NodeDepthExceedLimit", parent);
    expect((await nodes()).map((n) => n.Name)).not.toContain("too-deep");
  });

  it(`answers LimitExceeded.NodeExceedLimit beyond ${MAX_NODES} nodes besides the root`, async () => {
    // Filled in process (the same validation, no HTTP): only the calls at the limit have to go over the wire.
    for (let i = SEEDED_NODES.length - 1; i < MAX_NODES; i++) emulator.control.apply("AddOrganizationNode", { ParentNodeId: ROOT, Name: `node-${i}` });
    await expectError(emulator, "AddOrganizationNode", { ParentNodeId: ROOT, Name: "one-more" }, "LimitExceeded.NodeExceedLimit", MAX_NODES);
    await call(emulator, "DeleteOrganizationNodes", { NodeId: [FINANCE] });
    await add(ROOT, "one-more");
  }, 120_000);

  it("validates Name (40 characters of the documented set) and at most 10 Tags, naming the field", async () => {
    await add(ROOT, `A+@&._[]-部门${"x".repeat(29)}`);
    await expectError(emulator, "AddOrganizationNode", { ParentNodeId: ROOT, Name: "x".repeat(41) }, "InvalidParameterValue", "Name");
    await expectError(emulator, "AddOrganizationNode", { ParentNodeId: ROOT, Name: "a/b" }, "InvalidParameterValue", "Name");
    const Tags = Array.from({ length: 11 }, (_, i) => ({ TagKey: `k${i}`, TagValue: "v" }));
    await expectError(emulator, "AddOrganizationNode", { ParentNodeId: ROOT, Name: "t", Tags }, "InvalidParameterValue", "Tags");
    await expectError(emulator, "AddOrganizationNode", { ParentNodeId: ROOT }, "MissingParameter", "Name");
  });
});

describe("UpdateOrganizationNode", () => {
  it("sets Name and Remark, leaving an omitted one as it was; members report the new NodeName", async () => {
    await call(emulator, "UpdateOrganizationNode", { NodeId: DEPT, Name: "R-and-D" });
    expect(await node(DEPT)).toMatchObject({ Name: "R-and-D", Remark: "" });
    await call(emulator, "UpdateOrganizationNode", { NodeId: DEPT, Remark: "research" });
    expect(await node(DEPT)).toMatchObject({ Name: "R-and-D", Remark: "research", ParentNodeId: ROOT });
    const members = await call(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: String(BOB) });
    expect(members.Items?.[0]?.NodeName).toBe("R-and-D");
  });

  it("renames the root, and accepts a node's own name", async () => {
    await call(emulator, "UpdateOrganizationNode", { NodeId: ROOT, Name: "Company" });
    await call(emulator, "UpdateOrganizationNode", { NodeId: DEPT, Name: "Engineering" });
    expect((await nodes()).map((n) => n.Name)).toEqual(["Company", "Engineering", "Platform", "Finance"]);
  });

  it("answers FailedOperation.OrganizationNodeNotExist for an unknown node", async () => {
    await expectError(emulator, "UpdateOrganizationNode", { NodeId: 4242, Name: "x" }, "FailedOperation.OrganizationNodeNotExist", 4242);
  });

  it("answers FailedOperation.OrganizationNodeNameUsed for another node's name, changing nothing", async () => {
    await expectError(emulator, "UpdateOrganizationNode", { NodeId: DEPT, Name: "Root", Remark: "r" }, "FailedOperation.OrganizationNodeNameUsed", "Root", ROOT);
    expect(await node(DEPT)).toMatchObject({ Name: "Engineering", Remark: "" });
  });
});

describe("DeleteOrganizationNodes", () => {
  it("deletes empty nodes, a parent together with its children", async () => {
    const parent = await add(ROOT, "parent");
    const child = await add(parent, "child");
    const other = await add(ROOT, "other");
    await call(emulator, "DeleteOrganizationNodes", { NodeId: [parent, child, other, other] });
    expect((await nodes()).map((n) => n.NodeId)).toEqual(SEEDED_NODES);
  });

  it("answers FailedOperation.NodeNotEmpty for a node with members, naming them", async () => {
    await expectError(emulator, "DeleteOrganizationNodes", { NodeId: [DEPT, PLATFORM] }, "FailedOperation.NodeNotEmpty", DEPT, BOB);
    await call(emulator, "MoveOrganizationNodeMembers", { NodeId: ROOT, MemberUin: [BOB, SEED_IDS.paidUin] });
    await call(emulator, "DeleteOrganizationNodes", { NodeId: [DEPT, PLATFORM] });
    expect((await nodes()).map((n) => n.NodeId)).toEqual([ROOT, FINANCE]);
  });

  it("answers FailedOperation.OrganizationNodeNotEmpty for a node whose children stay, naming them", async () => {
    await call(emulator, "MoveOrganizationNodeMembers", { NodeId: ROOT, MemberUin: [BOB, SEED_IDS.paidUin] });
    await expectError(emulator, "DeleteOrganizationNodes", { NodeId: [DEPT] }, "FailedOperation.OrganizationNodeNotEmpty", DEPT, PLATFORM);
    const parent = await add(FINANCE, "parent");
    const child = await add(parent, "child");
    await expectError(emulator, "DeleteOrganizationNodes", { NodeId: [parent] }, "FailedOperation.OrganizationNodeNotEmpty", parent, child);
  });

  it("answers InvalidParameter for an unknown node and for the root", async () => {
    await expectError(emulator, "DeleteOrganizationNodes", { NodeId: [4242] }, "InvalidParameter", 4242);
    await expectError(emulator, "DeleteOrganizationNodes", { NodeId: [ROOT] }, "InvalidParameter", ROOT, "root");
  });

  it("is all or nothing: one refused node keeps every node of the request", async () => {
    const empty = await add(ROOT, "empty");
    await expectError(emulator, "DeleteOrganizationNodes", { NodeId: [empty, 4242] }, "InvalidParameter", 4242);
    await expectError(emulator, "DeleteOrganizationNodes", { NodeId: [empty, DEPT] }, "FailedOperation.NodeNotEmpty", DEPT);
    expect((await nodes()).map((n) => n.NodeId)).toEqual([...SEEDED_NODES, empty]);
  });

  it(`answers FailedOperation.OrganizationNodeDeleteOverLimit for more than ${MAX_NODES_PER_DELETE} nodes`, async () => {
    const NodeId = Array.from({ length: MAX_NODES_PER_DELETE + 1 }, (_, i) => 5000 + i);
    await expectError(emulator, "DeleteOrganizationNodes", { NodeId }, "FailedOperation.OrganizationNodeDeleteOverLimit", MAX_NODES_PER_DELETE);
    await expectError(emulator, "DeleteOrganizationNodes", { NodeId: [] }, "InvalidParameterValue", "NodeId");
  });
});
