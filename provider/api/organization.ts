/** The organization and its department tree: DescribeOrganization, Add/Update/Delete/DescribeOrganizationNodes. */
import { z } from "zod";
import { lang, nodeId, nodeName, nullable, offsetMultipleOfLimit, orgPermission, pageOf, pagingShape, tag, tags } from "./fields";

export const DescribeOrganizationRequest = z.strictObject({ Lang: lang.optional(), Product: z.string().optional() });

export const DescribeOrganizationResponse = z.object({
  OrgId: z.int(),
  HostUin: z.int(),
  NickName: nullable(z.string()),
  OrgType: nullable(z.int()),
  IsManager: nullable(z.boolean()),
  OrgPolicyType: nullable(z.string()),
  OrgPolicyName: nullable(z.string()),
  OrgPermission: nullable(z.array(orgPermission)),
  RootNodeId: z.int(),
  CreateTime: nullable(z.string()),
  JoinTime: nullable(z.string()),
  IsAllowQuit: nullable(z.string()),
  PayUin: nullable(z.string()),
  PayName: nullable(z.string()),
  IsAssignManager: nullable(z.boolean()),
  IsAuthManager: nullable(z.boolean()),
});

export const DescribeOrganizationNodesRequest = z
  .strictObject({ ...pagingShape, Tags: tags.optional() })
  .superRefine(offsetMultipleOfLimit);

export const OrgNode = z.object({
  NodeId: z.int(),
  Name: z.string(),
  ParentNodeId: nullable(z.int()),
  Remark: nullable(z.string()),
  CreateTime: nullable(z.string()),
  UpdateTime: nullable(z.string()),
  Tags: nullable(z.array(tag)),
});
export const DescribeOrganizationNodesResponse = pageOf(OrgNode);

/** AddOrganizationNode (tccli api.json): ParentNodeId and Name required; Remark is documented without a limit. */
export const AddOrganizationNodeRequest = z.strictObject({
  ParentNodeId: nodeId,
  Name: nodeName,
  Remark: z.string().optional(),
  Tags: tags.optional(),
});
export const AddOrganizationNodeResponse = z.object({ NodeId: z.int() });

/** UpdateOrganizationNode sets Name and Remark only: the API cannot move a node or change its tags. */
export const UpdateOrganizationNodeRequest = z.strictObject({
  NodeId: nodeId,
  Name: nodeName.optional(),
  Remark: z.string().optional(),
});

export const DeleteOrganizationNodesRequest = z.strictObject({ NodeId: z.array(nodeId).min(1) });
