/** Organization members: DescribeOrganizationMembers, Create/Update/DeleteOrganizationMember(s), MoveOrganizationNodeMembers. */
import { z } from "zod";
import {
  isAllowQuit,
  lang,
  memberName,
  nodeId,
  nullable,
  offsetMultipleOfLimit,
  orgPermission,
  pageOf,
  pagingShape,
  payUin,
  permissionId,
  policyType,
  remark,
  tag,
  tags,
  uin,
} from "./fields";
import { checkMemberPermissions } from "./rules";

export const DescribeOrganizationMembersRequest = z
  .strictObject({
    ...pagingShape,
    Lang: lang.optional(),
    SearchKey: z.string().max(128).optional(),
    AuthName: z.string().optional(),
    Product: z.string().optional(),
    Tags: tags.optional(),
    NodeId: nodeId.optional(),
    NodeName: z.string().optional(),
  })
  .superRefine(offsetMultipleOfLimit);

export const MemberIdentity = z.object({ IdentityId: z.int(), IdentityAliasName: nullable(z.string()) });

export const OrgMember = z.object({
  MemberUin: z.int(),
  Name: z.string(),
  MemberType: z.string(),
  OrgPolicyType: nullable(z.string()),
  OrgPolicyName: nullable(z.string()),
  OrgPermission: nullable(z.array(orgPermission)),
  NodeId: nullable(z.int()),
  NodeName: nullable(z.string()),
  Remark: nullable(z.string()),
  CreateTime: nullable(z.string()),
  UpdateTime: nullable(z.string()),
  IsAllowQuit: nullable(z.string()),
  PayUin: nullable(z.string()),
  PayName: nullable(z.string()),
  OrgIdentity: nullable(z.array(MemberIdentity)),
  BindStatus: nullable(z.string()),
  PermissionStatus: nullable(z.string()),
  Tags: nullable(z.array(tag)),
  NickName: nullable(z.string()),
});
export const DescribeOrganizationMembersResponse = pageOf(OrgMember);

export const CreateOrganizationMemberRequest = z
  .strictObject({
    Name: memberName,
    PolicyType: policyType,
    PermissionIds: z.array(permissionId).min(1),
    NodeId: nodeId,
    AccountName: memberName,
    Remark: remark.optional(),
    RecordId: z.int().optional(),
    PayUin: payUin.optional(),
    IdentityRoleID: z.array(z.int().positive()).optional(),
    AuthRelationId: z.int().optional(),
    Tags: tags.optional(),
  })
  .superRefine(checkMemberPermissions);
export const CreateOrganizationMemberResponse = z.object({ Uin: z.int() });

export const UpdateOrganizationMemberRequest = z
  .strictObject({
    MemberUin: uin,
    Name: memberName.optional(),
    Remark: remark.optional(),
    PolicyType: policyType.optional(),
    PermissionIds: z.array(permissionId).min(1).optional(),
    IsAllowQuit: isAllowQuit.optional(),
    PayUin: payUin.optional(),
    IsModifyNickName: z.union([z.literal(0), z.literal(1)]).optional(),
  })
  .superRefine(checkMemberPermissions);
export const EmptyResponse = z.object({});

export const DeleteOrganizationMembersRequest = z.strictObject({ MemberUin: z.array(uin).min(1) });

export const MoveOrganizationNodeMembersRequest = z.strictObject({ NodeId: nodeId, MemberUin: z.array(uin).min(1) });
