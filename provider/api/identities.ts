/**
 * Identities (Create/Update/Delete/ListOrganizationIdentity) and member auth identities
 * (Create/Describe/DeleteOrganizationMemberAuthIdentity).
 */
import { z } from "zod";
import { MAX_AUTH_IDENTITIES, MAX_AUTH_MEMBERS } from "./constants";
import {
  identityId,
  identityPolicyType,
  identityType,
  nullable,
  offsetMultipleOfLimit,
  offsetMultipleOfLimitAnswering,
  pageOf,
  pagingShape,
  pagingShapeAnswering,
  uin,
} from "./fields";

export const ListOrganizationIdentityRequest = z
  .strictObject({
    ...pagingShape,
    SearchKey: z.string().max(128).optional(),
    IdentityId: identityId.optional(),
    IdentityType: identityType.optional(),
  })
  .superRefine(offsetMultipleOfLimit);

export const IdentityPolicy = z.object({
  PolicyId: nullable(z.int()),
  PolicyName: nullable(z.string()),
  PolicyType: nullable(z.int()),
  PolicyDocument: nullable(z.string()),
});

/**
 * An identity's policy as Create/UpdateOrganizationIdentity take it (tccli api.json): PolicyType 2 (preset, the
 * default) needs PolicyId and PolicyName; PolicyType 1 (custom) needs PolicyDocument, in CAM policy syntax.
 */
export const IdentityPolicyInput = z
  .strictObject({
    PolicyId: z.int().positive().optional(),
    PolicyName: z.string().min(1).optional(),
    PolicyType: identityPolicyType.optional(),
    PolicyDocument: z.string().min(1).optional(),
  })
  .superRefine((policy, ctx) => {
    const required = (policy.PolicyType ?? 2) === 2 ? (["PolicyId", "PolicyName"] as const) : (["PolicyDocument"] as const);
    for (const key of required) {
      if (policy[key] === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `is required when PolicyType is ${policy.PolicyType ?? 2} (${(policy.PolicyType ?? 2) === 2 ? "preset" : "custom"})`,
        });
      }
    }
  });

/** CreateOrganizationIdentity (tccli api.json): alias name and policies required, description optional. */
export const CreateOrganizationIdentityRequest = z.strictObject({
  IdentityAliasName: z.string().min(1),
  IdentityPolicy: z.array(IdentityPolicyInput).min(1),
  Description: z.string().optional(),
});
export const CreateOrganizationIdentityResponse = z.object({ IdentityId: z.int() });

/** UpdateOrganizationIdentity sets description and policies, both required; the alias name cannot change. */
export const UpdateOrganizationIdentityRequest = z.strictObject({
  IdentityId: identityId,
  Description: z.string(),
  IdentityPolicy: z.array(IdentityPolicyInput).min(1),
});

export const DeleteOrganizationIdentityRequest = z.strictObject({ IdentityId: identityId });

export const OrgIdentity = z.object({
  IdentityId: z.int(),
  IdentityAliasName: z.string(),
  Description: nullable(z.string()),
  IdentityPolicy: nullable(z.array(IdentityPolicy)),
  IdentityType: z.int(),
  UpdateTime: nullable(z.string()),
});
export const ListOrganizationIdentityResponse = pageOf(OrgIdentity);

export const CreateOrganizationMemberAuthIdentityRequest = z.strictObject({
  MemberUins: z.array(uin).min(1).max(MAX_AUTH_MEMBERS),
  IdentityIds: z.array(identityId).min(1).max(MAX_AUTH_IDENTITIES),
});

/** Seed 003 documents InvalidParameter (and no InvalidParameterValue) for this action: paging violations answer it. */
export const DescribeOrganizationMemberAuthIdentitiesRequest = z
  .strictObject({ ...pagingShapeAnswering("InvalidParameter"), MemberUin: uin.optional(), IdentityId: identityId.optional() })
  .superRefine(offsetMultipleOfLimitAnswering("InvalidParameter"))
  .superRefine((value, ctx) => {
    if (value.MemberUin === undefined && value.IdentityId === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["MemberUin"],
        message: "or IdentityId is required (at least one of the two)",
        params: { apiCode: "InvalidParameter" },
      });
    }
  });

/** Status 1: configured; 2: needs reconfiguring. IdentityType 1: preset; 2: custom. */
export const OrgMemberAuthIdentity = z.object({
  IdentityId: z.int(),
  IdentityRoleName: nullable(z.string()),
  IdentityRoleAliasName: nullable(z.string()),
  Description: nullable(z.string()),
  CreateTime: nullable(z.string()),
  UpdateTime: nullable(z.string()),
  IdentityType: nullable(z.int()),
  Status: nullable(z.int()),
  MemberUin: nullable(z.int()),
  MemberName: nullable(z.string()),
});
export const DescribeOrganizationMemberAuthIdentitiesResponse = pageOf(OrgMemberAuthIdentity);

export const DeleteOrganizationMemberAuthIdentityRequest = z.strictObject({ MemberUin: uin, IdentityId: identityId });
