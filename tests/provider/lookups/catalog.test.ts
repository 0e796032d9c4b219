/** getNodes, getIdentities and getMemberPolicies against the in-process emulator. */
import * as pulumi from "@pulumi/pulumi";
import { SEED_IDS } from "../../../emulator";
import { getIdentities, getIdentitiesOutput, getMemberPolicies, getMemberPoliciesOutput, getNodes, getNodesOutput } from "../../../provider/lookups";
import { emulatedOrganization, valueOf } from "./emulated";

const { emulator } = emulatedOrganization();

describe("getNodes", () => {
  it("lists every department with its parent, and names the root", async () => {
    const { nodes, rootNodeId } = await getNodes();
    expect(nodes.length).toBe(emulator().control.snapshot().nodes.length);
    expect(rootNodeId).toBe(SEED_IDS.rootNodeId);
    expect(nodes.find((node) => node.nodeId === SEED_IDS.departmentNodeId)).toMatchObject({
      name: "Engineering",
      parentNodeId: SEED_IDS.rootNodeId,
    });
    expect(nodes.find((node) => node.nodeId === SEED_IDS.rootNodeId)?.parentNodeId).toBeUndefined();
    expect((await valueOf(getNodesOutput({}))).rootNodeId).toBe(SEED_IDS.rootNodeId);
  });
});

describe("getIdentities", () => {
  it("lists preset and custom identities with their policies, filtered by type", async () => {
    const all = await getIdentities();
    expect(all.identities.find((identity) => identity.identityId === SEED_IDS.adminIdentityId)).toMatchObject({
      aliasName: "admin",
      identityType: 1,
      policies: [{ policyId: 1, policyName: "AdministratorAccess" }],
    });
    const custom = await valueOf(getIdentitiesOutput({ identityType: pulumi.output(2 as const) }));
    expect(custom.identities.length).toBeGreaterThan(0);
    expect(custom.identities.every((identity) => identity.identityType === 2)).toBe(true);
    expect(custom.identities.length).toBeLessThan(all.identities.length);
    const devops = custom.identities.find((identity) => identity.identityId === SEED_IDS.customIdentityId);
    expect(devops?.policies[0]?.policyDocument).toContain('"cvm:*"');
  });

  it("passes the search key", async () => {
    const { identities } = await getIdentities({ searchKey: "readonly" });
    expect(identities.map((identity) => identity.identityId)).toContain(SEED_IDS.readonlyIdentityId);
    expect(identities.map((identity) => identity.identityId)).not.toContain(SEED_IDS.adminIdentityId);
  });
});

describe("getMemberPolicies", () => {
  it("lists the member access policies of one member, in MemberAccessPolicy's output names", async () => {
    const { policies } = await getMemberPolicies({ memberUin: SEED_IDS.invitedUin });
    expect(policies.map((policy) => policy.policyId)).toEqual([SEED_IDS.policyId]);
    expect(policies[0]).toMatchObject({ identityId: SEED_IDS.adminIdentityId, policyName: expect.any(String) });
    expect((await valueOf(getMemberPoliciesOutput({ memberUin: pulumi.output(SEED_IDS.createdUin) }))).policies).toEqual([]);
  });
});
