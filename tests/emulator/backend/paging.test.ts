/** Paging rules, for every paged action of the registry. */
import { SEED_IDS } from "../../../emulator";
import { type PagedActionName, actions } from "../../../provider/api";
import { call, expectError, startTarget } from "../helpers";

/** What each paged action needs besides Offset and Limit. */
const REQUIRED: Record<PagedActionName, Record<string, number>> = {
  DescribeOrganizationNodes: {},
  DescribeOrganizationMembers: {},
  ListOrganizationIdentity: {},
  DescribeOrganizationMemberPolicies: { MemberUin: SEED_IDS.createdUin },
  DescribeOrganizationMembersAuthPolicy: {},
  DescribeOrganizationMemberAuthIdentities: { IdentityId: SEED_IDS.adminIdentityId },
};
const paged = (Object.keys(actions) as Array<keyof typeof actions>).filter((a) => actions[a].paged) as PagedActionName[];
/**
 * The code a paging violation answers: InvalidParameter where the action documents only that for its parameters
 * (seed 003, DescribeOrganizationMemberAuthIdentities), InvalidParameterValue (a common code) elsewhere.
 */
const PAGING_CODE: Record<PagedActionName, string> = {
  DescribeOrganizationNodes: "InvalidParameterValue",
  DescribeOrganizationMembers: "InvalidParameterValue",
  ListOrganizationIdentity: "InvalidParameterValue",
  DescribeOrganizationMemberPolicies: "InvalidParameterValue",
  DescribeOrganizationMembersAuthPolicy: "InvalidParameterValue",
  DescribeOrganizationMemberAuthIdentities: "InvalidParameter",
};

let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget();
  // Give bob more policies so every paged action has several items.
  for (const name of ["p1", "p2", "p3"])
    await call(emulator, "CreateOrganizationMembersPolicy", { MemberUins: [SEED_IDS.createdUin], PolicyName: name, IdentityId: 2 });
});
afterAll(() => emulator.stop());

it("covers every paged action", () => {
  expect(paged.sort()).toEqual(Object.keys(REQUIRED).sort());
});

describe.each(paged)("%s", (action) => {
  const base = REQUIRED[action];
  const code = PAGING_CODE[action];

  it(`answers ${PAGING_CODE[action]} when Offset is not a multiple of Limit`, async () => {
    await expectError(emulator, action, { ...base, Offset: 1, Limit: 2 }, code, "Offset", "multiple");
  });

  it(`answers ${PAGING_CODE[action]} for Limit 51 and Limit 0, and for a negative Offset`, async () => {
    await expectError(emulator, action, { ...base, Offset: 0, Limit: 51 }, code, "Limit");
    await expectError(emulator, action, { ...base, Offset: 0, Limit: 0 }, code, "Limit");
    await expectError(emulator, action, { ...base, Offset: -2, Limit: 2 }, code, "Offset");
  });

  it("answers MissingParameter without Limit", async () => {
    await expectError(emulator, action, { ...base, Offset: 0 }, "MissingParameter", "Limit");
  });

  it("answers pages that together cover Total, in the order of the full listing", async () => {
    const full = await call(emulator, action, { ...base, Offset: 0, Limit: 50 } as never);
    const items = (full as { Items: unknown[] }).Items;
    expect(full.Total).toBeGreaterThanOrEqual(2);
    expect(items).toHaveLength(full.Total);
    const collected: unknown[] = [];
    for (let offset = 0; offset < full.Total; offset += 1) {
      const onePage = await call(emulator, action, { ...base, Offset: offset, Limit: 1 } as never);
      expect(onePage.Total).toBe(full.Total);
      collected.push(...(onePage as { Items: unknown[] }).Items);
    }
    expect(collected).toEqual(items);
    const beyond = await call(emulator, action, { ...base, Offset: 50, Limit: 50 } as never);
    expect((beyond as { Items: unknown[] }).Items).toEqual([]);
    expect(beyond.Total).toBe(full.Total);
  });
});
