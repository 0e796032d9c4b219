/** The default seed and replacement seeds (object or JSON file). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SEED, SEED_IDS, type Seed, formatApiTime } from "../../emulator";
import { PRESET_POLICIES } from "../../emulator/backend/cam";
import { call, page, startTarget } from "./helpers";

const NOW = Date.UTC(2025, 6, 1, 2, 30, 0);
const SMALL_SEED: Seed = {
  organization: { OrgId: 7, HostUin: 200000000001, HostName: "host", NickName: "Small", RootNodeId: 1 },
  nodes: [{ NodeId: 1, Name: "Root", ParentNodeId: null }],
  members: [{ MemberUin: 200000000002, Name: "solo", MemberType: "Invite", NodeId: 1, PermissionIds: [1, 2], IsAllowQuit: "Allow" }],
  identities: [{ IdentityId: 1, IdentityAliasName: "admin", IdentityRoleName: "OrganizationAccessControlRole", IdentityType: 1 }],
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "emulator-seed-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("the default seed holds the documented organization", async () => {
  const emulator = await startTarget();
  try {
    const state = emulator.control.snapshot();
    expect(state.organization).toMatchObject({ OrgId: SEED_IDS.orgId, HostUin: SEED_IDS.hostUin, RootNodeId: SEED_IDS.rootNodeId });
    expect(state.nodes.map((n) => [n.NodeId, n.Name, n.ParentNodeId])).toEqual([
      [SEED_IDS.rootNodeId, "Root", null],
      [SEED_IDS.departmentNodeId, "Engineering", SEED_IDS.rootNodeId],
      [SEED_IDS.platformNodeId, "Platform", SEED_IDS.departmentNodeId],
      [SEED_IDS.financeNodeId, "Finance", SEED_IDS.rootNodeId],
    ]);
    expect(state.members.map((m) => [m.MemberUin, m.MemberType, m.PayUin])).toEqual([
      [SEED_IDS.invitedUin, "Invite", null],
      [SEED_IDS.createdUin, "Create", null],
      [SEED_IDS.paidUin, "Invite", String(SEED_IDS.invitedUin)],
    ]);
    expect(state.identities.map((i) => [i.IdentityId, i.IdentityAliasName, i.IdentityType])).toEqual([
      [1, "admin", 1],
      [2, "readonly", 1],
      [3, "finance", 1],
      [10, "devops", 2],
      [SEED_IDS.auditorIdentityId, "auditor", 2],
      [SEED_IDS.networkIdentityId, "network-ops", 2],
    ]);
    // Every preset policy the seeded identities name is one the emulator's CAM catalog knows.
    for (const identity of state.identities)
      for (const policy of identity.IdentityPolicy.filter((p) => p.PolicyType === 2)) expect(PRESET_POLICIES.get(policy.PolicyId!)).toBe(policy.PolicyName);
    expect(state.policies.map((p) => [p.PolicyId, p.Bindings.map((b) => b.MemberUin)])).toEqual([[SEED_IDS.policyId, [SEED_IDS.invitedUin]]]);
  } finally {
    await emulator.stop();
  }
});

it("DEFAULT_SEED cannot be modified by its users", () => {
  expect(Object.isFrozen(DEFAULT_SEED)).toBe(true);
  expect(Object.isFrozen(DEFAULT_SEED.members)).toBe(true);
});

it("replaces the default with a seed object; missing times come from the clock; reset returns to it", async () => {
  const emulator = await startTarget({ seed: SMALL_SEED, now: () => NOW });
  try {
    const members = await call(emulator, "DescribeOrganizationMembers", page);
    expect(members.Items?.map((m) => [m.MemberUin, m.CreateTime])).toEqual([[200000000002, formatApiTime(NOW)]]);
    const { Uin } = await call(emulator, "CreateOrganizationMember", { Name: "two", PolicyType: "Financial", PermissionIds: [1, 2], NodeId: 1, AccountName: "two" });
    expect(Uin).toBe(200000000003);
    emulator.control.reset();
    expect((await call(emulator, "DescribeOrganizationMembers", page)).Total).toBe(1);
  } finally {
    await emulator.stop();
  }
});

it("reads a seed from a JSON file", async () => {
  const seedFile = join(dir, "seed.json");
  writeFileSync(seedFile, JSON.stringify(SMALL_SEED));
  const emulator = await startTarget({ seed: seedFile });
  try {
    expect((await call(emulator, "DescribeOrganization", {})).NickName).toBe("Small");
  } finally {
    await emulator.stop();
  }
});

it("refuses an inconsistent seed, listing the problems", async () => {
  const broken = {
    ...SMALL_SEED,
    members: [{ ...SMALL_SEED.members![0]!, NodeId: 9 }],
    authorizations: [{ MemberUin: 200000000002, IdentityId: 5 }],
  };
  await expect(startTarget({ seed: broken })).rejects.toThrow(/NodeId 9 is not a node[\s\S]*IdentityId 5 is unknown/);
});

it("refuses nodes whose parents form a cycle that never reaches the root, and counters below ids in use", async () => {
  const cyclic = {
    ...SMALL_SEED,
    nodes: [...SMALL_SEED.nodes, { NodeId: 2, Name: "a", ParentNodeId: 3 }, { NodeId: 3, Name: "b", ParentNodeId: 2 }],
    counters: { lastMemberUin: 200000000002, lastPolicyId: 0, lastNodeId: 2, lastIdentityId: 0 },
  };
  await expect(startTarget({ seed: cyclic })).rejects.toThrow(
    /node 2 is in a cycle[\s\S]*node 3 is in a cycle[\s\S]*lastNodeId: is below a NodeId in use[\s\S]*lastIdentityId: is below an IdentityId in use/,
  );
});

it("refuses a seed with a value the API would refuse", async () => {
  const badName = { ...SMALL_SEED, members: [{ ...SMALL_SEED.members![0]!, Name: "white space" }] };
  await expect(startTarget({ seed: badName })).rejects.toThrow(/members\.0\.Name/);
});

it("refuses a seed file that is missing or not JSON", async () => {
  await expect(startTarget({ seed: join(dir, "absent.json") })).rejects.toThrow(/Cannot read seed file/);
  const notJson = join(dir, "bad.json");
  writeFileSync(notJson, "organization: yes");
  await expect(startTarget({ seed: notJson })).rejects.toThrow(/not valid JSON/);
});
