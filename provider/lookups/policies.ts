/** getMemberPolicies: the member access policies bound to one member, in MemberAccessPolicy's output names. */
import { type ItemOf } from "../api";
import { paginate } from "../client";
import { lookupClient } from "./client";
import { outputForm } from "./output-form";

export interface GetMemberPoliciesArgs {
  readonly memberUin: number;
}

export const memberPolicyInfo = (policy: ItemOf<"DescribeOrganizationMemberPolicies">) => ({
  policyId: policy.PolicyId,
  policyName: policy.PolicyName,
  identityId: policy.IdentityId,
  identityRoleName: policy.IdentityRoleName ?? undefined,
  identityRoleAliasName: policy.IdentityRoleAliasName ?? undefined,
  description: policy.Description ?? "",
  createTime: policy.CreateTime ?? undefined,
  updateTime: policy.UpdateTime ?? undefined,
});
export type MemberPolicyInfo = ReturnType<typeof memberPolicyInfo>;

export interface GetMemberPoliciesResult extends GetMemberPoliciesArgs {
  readonly policies: MemberPolicyInfo[];
}

/** Every member access policy that lets the member be accessed, in the API's order. */
export async function getMemberPolicies(args: GetMemberPoliciesArgs): Promise<GetMemberPoliciesResult> {
  const items = await paginate(await lookupClient(), "DescribeOrganizationMemberPolicies", { MemberUin: args.memberUin });
  return { ...args, policies: items.map(memberPolicyInfo) };
}

export const getMemberPoliciesOutput = outputForm(getMemberPolicies);
