/** Lookups (`get*` and `get*Output`): read the organization from a Pulumi program, without managing anything. */
export { getMembers, getMembersOutput, getMember, getMemberOutput, type GetMembersArgs, type GetMembersResult, type GetMemberArgs, type MemberInfo } from "./members";
export { getNodes, getNodesOutput, type GetNodesArgs, type GetNodesResult, type NodeInfo } from "./nodes";
export { getIdentities, getIdentitiesOutput, type GetIdentitiesArgs, type GetIdentitiesResult, type IdentityInfo } from "./identities";
export { getMemberPolicies, getMemberPoliciesOutput, type GetMemberPoliciesArgs, type GetMemberPoliciesResult, type MemberPolicyInfo } from "./policies";
export { LookupError } from "./errors";
export type { InputsOf } from "./output-form";
