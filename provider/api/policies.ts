/** Member access policies: Create/Update/Delete/DescribeOrganizationMemberPolicies, DescribeOrganizationMembersAuthPolicy. */
import { z } from "zod";
import { MAX_POLICY_MEMBERS } from "./constants";
import {
  identityId,
  nullable,
  offsetMultipleOfLimit,
  pageOf,
  pagingShape,
  policyDescription,
  policyId,
  policyName,
  uin,
} from "./fields";

const policyMembers = z.array(uin).min(1).max(MAX_POLICY_MEMBERS);

export const CreateOrganizationMembersPolicyRequest = z.strictObject({
  MemberUins: policyMembers,
  PolicyName: policyName,
  IdentityId: identityId,
  Description: policyDescription.optional(),
});
export const CreateOrganizationMembersPolicyResponse = z.object({ PolicyId: z.int() });

export const UpdateOrganizationMembersPolicyRequest = z.strictObject({
  MemberUins: policyMembers,
  PolicyId: policyId,
  IdentityId: identityId,
  Description: policyDescription.optional(),
});

export const DescribeOrganizationMemberPoliciesRequest = z
  .strictObject({ ...pagingShape, MemberUin: uin, SearchKey: z.string().max(128).optional() })
  .superRefine(offsetMultipleOfLimit);

export const OrgMemberPolicy = z.object({
  PolicyId: z.int(),
  PolicyName: z.string(),
  IdentityId: z.int(),
  IdentityRoleName: nullable(z.string()),
  IdentityRoleAliasName: nullable(z.string()),
  Description: nullable(z.string()),
  CreateTime: nullable(z.string()),
  UpdateTime: nullable(z.string()),
});
export const DescribeOrganizationMemberPoliciesResponse = pageOf(OrgMemberPolicy);

export const DeleteOrganizationMembersPolicyRequest = z.strictObject({ PolicyId: policyId });

export const DescribeOrganizationMembersAuthPolicyRequest = z
  .strictObject({
    ...pagingShape,
    MemberUin: uin.optional(),
    OrgSubAccountUin: uin.optional(),
    PolicyId: policyId.optional(),
  })
  .superRefine(offsetMultipleOfLimit);

export const MemberMainInfo = z.object({ MemberUin: z.int(), MemberName: nullable(z.string()) });

/** One row per policy and member it is bound to (the API also reports sub-account bindings, which we do not model). */
export const OrgMembersAuthPolicy = z.object({
  PolicyId: z.int(),
  PolicyName: nullable(z.string()),
  IdentityId: nullable(z.int()),
  IdentityRoleName: nullable(z.string()),
  IdentityRoleAliasName: nullable(z.string()),
  CreateTime: nullable(z.string()),
  MemberUin: nullable(z.int()),
  MemberName: nullable(z.string()),
  OrgSubAccountUin: nullable(z.int()),
  OrgSubAccountName: nullable(z.string()),
  BindType: nullable(z.int()),
  Members: nullable(z.array(MemberMainInfo)),
});
export const DescribeOrganizationMembersAuthPolicyResponse = pageOf(OrgMembersAuthPolicy);
