/**
 * Reads what the adoption command adopts: departments, members, identities, authorizations (pairs) and member access
 * policies, every listing paged fully, restricted to a department subtree or to listed members when asked.
 */
import { type ActionCaller, paginate } from "../client";
import { identityInfo, type IdentityInfo } from "../lookups/identities";
import { memberInfo, type MemberInfo } from "../lookups/members";
import { nodeInfo, type NodeInfo } from "../lookups/nodes";

/** A --node or --member that the organization does not have. */
export class AdoptionScopeError extends Error {
  override readonly name = "AdoptionScopeError";
}

export interface Scope {
  /** A department: it, its descendants, their members, and those members' pairs and policies. */
  readonly nodeId?: number;
  /** Listed members, their pairs and policies. */
  readonly memberUins?: readonly number[];
}

export interface Pair {
  readonly memberUin: number;
  readonly identityId: number;
}

export interface AdoptedPolicy {
  readonly policyId: number;
  readonly policyName: string;
  readonly identityId: number;
  readonly description: string;
  /** Every member the policy is bound to, in scope or not. */
  readonly memberUins: number[];
}

export interface Inventory {
  readonly rootNodeId: number;
  /** Parents before children. */
  readonly nodes: NodeInfo[];
  readonly members: MemberInfo[];
  readonly identities: IdentityInfo[];
  /** Configured pairs (Status 1) of the members in scope. */
  readonly pairs: Pair[];
  /** Pairs that need reconfiguring (Status 2): declaring them would re-authorize them, a write, so they are left out. */
  readonly reconfiguring: Pair[];
  readonly policies: AdoptedPolicy[];
}

/** The ids of `nodeId` and every node under it. */
function subtree(nodes: readonly NodeInfo[], nodeId: number): Set<number> {
  const ids = new Set([nodeId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const node of nodes) {
      if (node.parentNodeId !== undefined && ids.has(node.parentNodeId) && !ids.has(node.nodeId)) {
        ids.add(node.nodeId);
        grew = true;
      }
    }
  }
  return ids;
}

/** Parents before children, siblings by id: the order the program declares them in. */
function parentsFirst(nodes: readonly NodeInfo[]): NodeInfo[] {
  const byId = new Map(nodes.map((node) => [node.nodeId, node]));
  const depth = (node: NodeInfo): number => {
    let d = 0;
    for (let parent = node.parentNodeId; parent !== undefined && byId.has(parent); parent = byId.get(parent)!.parentNodeId) d++;
    return d;
  };
  return [...nodes].sort((a, b) => depth(a) - depth(b) || a.nodeId - b.nodeId);
}

/** Pairs per identity or per member, whichever takes fewer listings. */
async function readPairs(client: ActionCaller, memberUins: readonly number[], identityIds: readonly number[]) {
  const inScope = new Set(memberUins);
  const queries =
    memberUins.length <= identityIds.length
      ? memberUins.map((MemberUin) => paginate(client, "DescribeOrganizationMemberAuthIdentities", { MemberUin }))
      : identityIds.map((IdentityId) => paginate(client, "DescribeOrganizationMemberAuthIdentities", { IdentityId }));
  const pairs: Array<Pair & { status: number }> = [];
  for (const items of await Promise.all(queries)) {
    for (const item of items) {
      if (item.MemberUin === null || item.MemberUin === undefined || !inScope.has(item.MemberUin)) continue;
      pairs.push({ memberUin: item.MemberUin, identityId: item.IdentityId, status: item.Status ?? 1 });
    }
  }
  const byKey = new Map(pairs.map((pair) => [`${pair.memberUin}:${pair.identityId}`, pair]));
  return [...byKey.values()].sort((a, b) => a.identityId - b.identityId || a.memberUin - b.memberUin);
}

/** Every policy bound to a member in scope, with all its members and its description. */
async function readPolicies(client: ActionCaller, memberUins: readonly number[]): Promise<AdoptedPolicy[]> {
  const inScope = new Set(memberUins);
  const bindings = await paginate(client, "DescribeOrganizationMembersAuthPolicy", {});
  const byPolicy = new Map<number, { name: string; identityId: number; members: Set<number> }>();
  for (const row of bindings) {
    if (typeof row.MemberUin !== "number") continue;
    const entry = byPolicy.get(row.PolicyId) ?? { name: row.PolicyName ?? "", identityId: row.IdentityId ?? 0, members: new Set<number>() };
    entry.members.add(row.MemberUin);
    byPolicy.set(row.PolicyId, entry);
  }
  const wanted = [...byPolicy].filter(([, entry]) => [...entry.members].some((uin) => inScope.has(uin)));
  // Only a member's policy listing reports descriptions: one search per policy, on its first member.
  return Promise.all(
    wanted.map(async ([policyId, entry]) => {
      const memberUins = [...entry.members].sort((a, b) => a - b);
      const listed = await paginate(client, "DescribeOrganizationMemberPolicies", { MemberUin: memberUins[0]!, SearchKey: entry.name });
      const detail = listed.find((policy) => policy.PolicyId === policyId);
      return {
        policyId,
        policyName: detail?.PolicyName ?? entry.name,
        identityId: detail?.IdentityId ?? entry.identityId,
        description: detail?.Description ?? "",
        memberUins,
      };
    }),
  ).then((policies) => policies.sort((a, b) => a.policyId - b.policyId));
}

export async function readInventory(client: ActionCaller, scope: Scope = {}): Promise<Inventory> {
  const [organization, allNodes, allMembers, allIdentities] = await Promise.all([
    client.call("DescribeOrganization", {}),
    paginate(client, "DescribeOrganizationNodes", {}),
    paginate(client, "DescribeOrganizationMembers", {}),
    paginate(client, "ListOrganizationIdentity", {}),
  ]);
  const nodes = allNodes.map(nodeInfo);
  const members = allMembers.map(memberInfo);
  if (scope.nodeId !== undefined && !nodes.some((node) => node.nodeId === scope.nodeId)) {
    throw new AdoptionScopeError(`--node ${scope.nodeId} is not a department of the organization`);
  }
  const unknown = (scope.memberUins ?? []).filter((uin) => !members.some((member) => member.memberUin === uin));
  if (unknown.length > 0) throw new AdoptionScopeError(`--member ${unknown.join(", ")}: not a member of the organization`);

  const nodeIds = scope.nodeId === undefined ? undefined : subtree(nodes, scope.nodeId);
  const listed = scope.memberUins === undefined || scope.memberUins.length === 0 ? undefined : new Set(scope.memberUins);
  const scopedNodes = listed !== undefined ? [] : nodes.filter((node) => nodeIds === undefined || nodeIds.has(node.nodeId));
  const scopedMembers = members.filter(
    (member) =>
      (listed === undefined || listed.has(member.memberUin)) &&
      (nodeIds === undefined || (member.nodeId !== undefined && nodeIds.has(member.nodeId))),
  );
  const memberUins = scopedMembers.map((member) => member.memberUin);
  const pairs = await readPairs(client, memberUins, allIdentities.map((identity) => identity.IdentityId));
  const policies = await readPolicies(client, memberUins);
  // Unrestricted, every identity is adopted; restricted, only those the adopted pairs and policies use.
  const used = new Set([...pairs.map((pair) => pair.identityId), ...policies.map((policy) => policy.identityId)]);
  const restricted = nodeIds !== undefined || listed !== undefined;
  return {
    rootNodeId: organization.RootNodeId,
    nodes: parentsFirst(scopedNodes),
    members: scopedMembers.sort((a, b) => a.memberUin - b.memberUin),
    identities: allIdentities
      .map(identityInfo)
      .filter((identity) => !restricted || used.has(identity.identityId))
      .sort((a, b) => a.identityId - b.identityId),
    pairs: pairs.filter((pair) => pair.status === 1).map(({ memberUin, identityId }) => ({ memberUin, identityId })),
    reconfiguring: pairs.filter((pair) => pair.status !== 1).map(({ memberUin, identityId }) => ({ memberUin, identityId })),
    policies,
  };
}
