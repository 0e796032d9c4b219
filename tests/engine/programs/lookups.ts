/**
 * A program that finds what it manages through lookups: the member by name (getMember), the department to place it in
 * by name (getNodes), the identity to authorize it for by search (getIdentities); it exports what the lookups found.
 * Config (project namespace): `member`, `department`, `identity` (names); defaults suit the emulator's default seed.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  getIdentitiesOutput,
  getMemberOutput,
  getMemberPoliciesOutput,
  getMembersOutput,
  getNodesOutput,
  MemberAuthIdentity,
  OrganizationMember,
} from "pulumi-tencentcloud-organization";

export function lookupsProgram(): Record<string, unknown> {
  const config = new pulumi.Config();
  const memberName = config.get("member") ?? "carol";
  const department = config.get("department") ?? "Root";
  const identity = config.get("identity") ?? "readonly";

  const nodes = getNodesOutput({});
  const nodeId = nodes.apply((result) => {
    const node = result.nodes.find((n) => n.name === department);
    if (!node) throw new Error(`no department named ${department}`);
    return node.nodeId;
  });
  const identityId = getIdentitiesOutput({ identityType: 1, searchKey: identity }).apply((result) => {
    const found = result.identities.find((i) => i.aliasName === identity);
    if (!found) throw new Error(`no preset identity named ${identity}`);
    return found.identityId;
  });
  const member = getMemberOutput({ name: memberName });

  const placed = new OrganizationMember("placed", { memberUin: member.memberUin, nodeId });
  new MemberAuthIdentity("authorized", { memberUins: [placed.memberUin], identityIds: [identityId] });

  return {
    rootNodeId: nodes.rootNodeId,
    nodeId,
    identityId,
    memberUin: member.memberUin,
    memberCount: getMembersOutput({}).apply((result) => result.members.length),
    departmentMembers: getMembersOutput({ nodeId }).apply((result) => result.members.map((m) => m.name).sort()),
    payerPolicies: getMemberPoliciesOutput({ memberUin: member.payUin.apply(Number) }).apply((result) => result.policies.map((p) => p.policyName)),
  };
}
