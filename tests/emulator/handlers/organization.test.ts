/** DescribeOrganization and DescribeOrganizationNodes. */
import { SEED_IDS } from "../../../emulator";
import { call, expectError, page, startTarget } from "../helpers";

let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget();
});
afterAll(() => emulator.stop());

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

it("DescribeOrganizationNodes lists the root and the department", async () => {
  const answer = await call(emulator, "DescribeOrganizationNodes", page);
  expect(answer.Items?.map((n) => [n.NodeId, n.Name, n.ParentNodeId])).toEqual([
    [SEED_IDS.rootNodeId, "Root", 0],
    [SEED_IDS.departmentNodeId, "Engineering", SEED_IDS.rootNodeId],
  ]);
  expect(answer.Total).toBe(2);
});
