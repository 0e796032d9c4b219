/** Identities and member auth identities: ListOrganizationIdentity, Create/Describe/DeleteOrganizationMemberAuthIdentity. */
import { z } from "zod";
import { MAX_AUTH_IDENTITIES, MAX_AUTH_MEMBERS } from "./constants";
import {
  identityId,
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
