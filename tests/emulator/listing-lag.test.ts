/**
 * Listing lag (emulator/backend/lag.ts): objects created less than the lag ago are left out of every Describe/List
 * answer, lookups of one object included, on the emulator's clock; updates, deletes and writes' checks are not delayed.
 */
import { DEFAULT_SEED, SEED_IDS } from "../../emulator";
import { call, expectError, page, startTarget } from "./helpers";

const LAG_MS = 3_000;
let clock = Date.parse("2026-01-05T10:00:00Z");
const now = () => clock;

let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget({ now, listingLagMs: LAG_MS });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

const { createdUin: bob, paidUin: carol, adminIdentityId, readonlyIdentityId, departmentNodeId } = SEED_IDS;

async function createEverything() {
  const { NodeId } = await call(emulator, "AddOrganizationNode", { ParentNodeId: SEED_IDS.rootNodeId, Name: "lagging" });
  const { Uin } = await call(emulator, "CreateOrganizationMember", {
    Name: "lagging",
    AccountName: "lagging",
    NodeId: departmentNodeId,
    PolicyType: "Financial",
    PermissionIds: [1, 2],
  });
  const { IdentityId } = await call(emulator, "CreateOrganizationIdentity", {
    IdentityAliasName: "lagging",
    IdentityPolicy: [{ PolicyId: 2, PolicyName: "ReadOnlyAccess" }],
  });
  await call(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [carol], IdentityIds: [readonlyIdentityId] });
  const { PolicyId } = await call(emulator, "CreateOrganizationMembersPolicy", {
    MemberUins: [bob],
    PolicyName: "lagging",
    IdentityId: adminIdentityId,
  });
  return { NodeId, Uin, IdentityId, PolicyId };
}

/** What every listing answers now about the created objects: true where listed. */
async function listed(ids: Awaited<ReturnType<typeof createEverything>>) {
  const nodes = await call(emulator, "DescribeOrganizationNodes", page);
  const members = await call(emulator, "DescribeOrganizationMembers", page);
  const memberLookup = await call(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: String(ids.Uin) });
  const identity = await call(emulator, "ListOrganizationIdentity", { ...page, IdentityId: ids.IdentityId });
  const pairs = await call(emulator, "DescribeOrganizationMemberAuthIdentities", { ...page, MemberUin: carol });
  const bindings = await call(emulator, "DescribeOrganizationMembersAuthPolicy", { ...page, PolicyId: ids.PolicyId });
  const memberPolicies = await call(emulator, "DescribeOrganizationMemberPolicies", { ...page, MemberUin: bob });
  return {
    node: nodes.Items!.some((n) => n.NodeId === ids.NodeId) && nodes.Total === 5,
    member: members.Items!.some((m) => m.MemberUin === ids.Uin) && members.Total === 4,
    memberLookup: memberLookup.Items!.length === 1 && memberLookup.Total === 1,
    identity: identity.Items!.length === 1,
    pair: pairs.Items!.some((p) => p.IdentityId === readonlyIdentityId) && pairs.Total === 1,
    policyBindings: bindings.Items!.length === 1 && bindings.Total === 1,
    memberPolicies: memberPolicies.Items!.some((p) => p.PolicyId === ids.PolicyId),
  };
}

const ALL = { node: true, member: true, memberLookup: true, identity: true, pair: true, policyBindings: true, memberPolicies: true };
const NONE = { node: false, member: false, memberLookup: false, identity: false, pair: false, policyBindings: false, memberPolicies: false };

it("a created object is left out of every listing, lookups too, until it is the lag old, then listed", async () => {
  const ids = await createEverything();
  expect(await listed(ids)).toEqual(NONE);
  clock += LAG_MS - 1;
  expect(await listed(ids)).toEqual(NONE);
  clock += 1;
  expect(await listed(ids)).toEqual(ALL);
});

it("seeded objects, updates and deletes are visible at once; writes and their checks see lagging objects", async () => {
  const ids = await createEverything();
  // Writes check against the organization as it is: the lagging member can be moved, the lagging node deleted.
  await call(emulator, "MoveOrganizationNodeMembers", { NodeId: SEED_IDS.rootNodeId, MemberUin: [ids.Uin] });
  await call(emulator, "UpdateOrganizationNode", { NodeId: departmentNodeId, Name: "Engineering", Remark: "updated" });
  await call(emulator, "DeleteOrganizationMembersPolicy", { PolicyId: SEED_IDS.policyId });
  await call(emulator, "DeleteOrganizationNodes", { NodeId: [ids.NodeId] });
  const nodes = (await call(emulator, "DescribeOrganizationNodes", page)).Items!;
  expect(nodes.map((n) => n.NodeId)).toEqual([SEED_IDS.rootNodeId, departmentNodeId, SEED_IDS.platformNodeId, SEED_IDS.financeNodeId]);
  expect(nodes.find((n) => n.NodeId === departmentNodeId)!.Remark).toBe("updated");
  const alicePolicies = await call(emulator, "DescribeOrganizationMemberPolicies", { ...page, MemberUin: SEED_IDS.invitedUin });
  expect(alicePolicies.Total).toBe(0);
  // A filter naming an object answers as the organization is: no "not found" for a lagging member.
  expect((await call(emulator, "DescribeOrganizationMemberPolicies", { ...page, MemberUin: ids.Uin })).Total).toBe(0);
  await expectError(emulator, "DescribeOrganizationMemberPolicies", { ...page, MemberUin: 100000000099 }, "ResourceNotFound.OrganizationMemberNotExist");
});

it("a pair deleted and authorized again is a new object: it lags again", async () => {
  await call(emulator, "DeleteOrganizationMemberAuthIdentity", { MemberUin: bob, IdentityId: readonlyIdentityId });
  await call(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [bob], IdentityIds: [readonlyIdentityId] });
  const rows = await call(emulator, "DescribeOrganizationMemberAuthIdentities", { ...page, MemberUin: bob });
  expect(rows.Items!.map((r) => r.IdentityId)).toEqual([adminIdentityId]);
  // Authorizing a pair that exists creates nothing, so nothing lags.
  await call(emulator, "CreateOrganizationMemberAuthIdentity", { MemberUins: [bob], IdentityIds: [adminIdentityId] });
  expect((await call(emulator, "DescribeOrganizationMemberAuthIdentities", { ...page, MemberUin: bob })).Total).toBe(1);
  clock += LAG_MS;
  expect((await call(emulator, "DescribeOrganizationMemberAuthIdentities", { ...page, MemberUin: bob })).Total).toBe(2);
});

it("setListingLag changes the lag at once, for objects already created too; 0 turns it off; reset restores the start option", async () => {
  const ids = await createEverything();
  emulator.control.setListingLag(0);
  expect(await listed(ids)).toEqual(ALL);
  emulator.control.setListingLag(LAG_MS);
  expect(await listed(ids)).toEqual(NONE);
  expect(() => emulator.control.setListingLag(-1)).toThrow(/whole number of milliseconds/);
  emulator.control.setListingLag(0);
  emulator.control.reset();
  const again = await createEverything();
  expect(await listed(again)).toEqual(NONE);
});

it("the control hook over HTTP: POST /__emulator/set-listing-lag {ms}", async () => {
  const post = (body: unknown) =>
    fetch(`${emulator.url}/__emulator/set-listing-lag`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const ids = await createEverything();
  expect(await (await post({ ms: 0 })).json()).toEqual({ ok: true });
  expect(await listed(ids)).toEqual(ALL);
  const refused = await post({ ms: -5 });
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { error: string }).error).toContain("ms");
});

it("start refuses a lag that is not a whole number of milliseconds", async () => {
  await expect(startTarget({ listingLagMs: 1.5 })).rejects.toThrow(/listing lag must be a whole number of milliseconds/);
});

describe("a seed's behaviour.listingLagMs", () => {
  const seeded = (listingLagMs: number) => ({ ...DEFAULT_SEED, behaviour: { listingLagMs } });

  it("sets the lag when no start option does, and reset keeps it", async () => {
    const fromSeed = await startTarget({ now, seed: seeded(LAG_MS) });
    try {
      const { NodeId } = await call(fromSeed, "AddOrganizationNode", { ParentNodeId: SEED_IDS.rootNodeId, Name: "seeded-lag" });
      const listedNodes = async () => (await call(fromSeed, "DescribeOrganizationNodes", page)).Items!.map((n) => n.NodeId);
      expect(await listedNodes()).not.toContain(NodeId);
      clock += LAG_MS;
      expect(await listedNodes()).toContain(NodeId);
      fromSeed.control.reset();
      const again = await call(fromSeed, "AddOrganizationNode", { ParentNodeId: SEED_IDS.rootNodeId, Name: "seeded-lag" });
      expect(await listedNodes()).not.toContain(again.NodeId);
    } finally {
      await fromSeed.stop();
    }
  });

  it("gives way to the start option", async () => {
    const overridden = await startTarget({ now, seed: seeded(LAG_MS), listingLagMs: 0 });
    try {
      const { NodeId } = await call(overridden, "AddOrganizationNode", { ParentNodeId: SEED_IDS.rootNodeId, Name: "no-lag" });
      expect((await call(overridden, "DescribeOrganizationNodes", page)).Items!.map((n) => n.NodeId)).toContain(NodeId);
    } finally {
      await overridden.stop();
    }
  });

  it("is refused unless whole milliseconds from 0, naming the field", async () => {
    await expect(startTarget({ seed: seeded(-1) })).rejects.toThrow(/behaviour\.listingLagMs: must be a whole number of milliseconds/);
    await expect(startTarget({ seed: { ...DEFAULT_SEED, behaviour: { lag: 5 } } as never })).rejects.toThrow(/behaviour/);
  });
});
