/**
 * What the plugin's import tests import (one object of each resource, from the emulator's seed) and how a program then
 * declares them: with the arguments among the inputs the import recorded, not what the provider computes
 * (ownershipTag, pairs).
 */
import { SEED_IDS } from "../../../emulator";
import { RESOURCE_SCHEMAS } from "../../../provider/plugin/resources";
import type { Declared, PluginStack, StateResource } from "./cli";

export const IMPORTS = [
  { type: "OrganizationNode", name: "finance", id: String(SEED_IDS.financeNodeId) },
  { type: "OrganizationIdentity", name: "auditor", id: String(SEED_IDS.auditorIdentityId) },
  { type: "OrganizationMember", name: "bob", id: String(SEED_IDS.createdUin) },
  { type: "MemberAccessPolicy", name: "policy", id: String(SEED_IDS.policyId) },
  // bob's two authorizations, by the README's id format.
  { type: "MemberAuthIdentity", name: "bob-access", id: `${SEED_IDS.createdUin}:${SEED_IDS.adminIdentityId},${SEED_IDS.readonlyIdentityId}` },
] as const;

export type Imported = (typeof IMPORTS)[number];

/** `pulumi import` arguments for one object, through the explicit provider `org`. */
export const importArgs = ({ type, name, id }: Imported, providerUrn: string): string[] => [
  "import",
  `tencentcloud-organization:index:${type}`,
  name,
  id,
  "--provider",
  `org=${providerUrn}`,
  "--yes",
];

/** The imported objects as a program declares them, from the inputs the import recorded in state. */
export function declaredAsRecorded(resources: StateResource[]): Declared[] {
  return IMPORTS.map(({ type, name }): Declared => {
    const recorded = resources.find((resource) => resource.urn.endsWith(`::${name}`))!.inputs!;
    const args = Object.fromEntries(Object.keys(RESOURCE_SCHEMAS[type].args.shape).filter((key) => key in recorded).map((key) => [key, recorded[key]]));
    return { type, name, args };
  });
}

/** Which of the imported objects that the organization can list (all but the authorizations) it still holds, by name. */
export async function stillThere(stack: PluginStack): Promise<string[]> {
  const page = { Limit: 50, Offset: 0 };
  const nodes = (await stack.api.call("DescribeOrganizationNodes", page)).Items ?? [];
  const identities = (await stack.api.call("ListOrganizationIdentity", page)).Items ?? [];
  const members = (await stack.api.call("DescribeOrganizationMembers", page)).Items ?? [];
  const policies = (await stack.api.call("DescribeOrganizationMemberPolicies", { ...page, MemberUin: SEED_IDS.invitedUin })).Items ?? [];
  const held = {
    finance: nodes.some((item) => item.NodeId === SEED_IDS.financeNodeId),
    auditor: identities.some((item) => item.IdentityId === SEED_IDS.auditorIdentityId),
    bob: members.some((item) => item.MemberUin === SEED_IDS.createdUin),
    policy: policies.some((item) => item.PolicyId === SEED_IDS.policyId),
  };
  return Object.entries(held).filter(([, there]) => there).map(([name]) => name);
}
