import { page } from "../backend/paging";
import type { Handlers } from "./types";

export const organizationHandlers: Handlers<
  "DescribeOrganization" | "DescribeOrganizationNodes" | "AddOrganizationNode" | "UpdateOrganizationNode" | "DeleteOrganizationNodes"
> = {
  DescribeOrganization: (_request, backend) => backend.organization.describe(),
  DescribeOrganizationNodes: (request, { organization, listing }) =>
    page(listing.visible("node", organization.nodes(request), (node) => node.NodeId), request, (node) => organization.describeNode(node)),
  AddOrganizationNode: (request, { nodes }) => ({ NodeId: nodes.add(request) }),
  UpdateOrganizationNode: (request, { nodes }) => (nodes.update(request), {}),
  DeleteOrganizationNodes: (request, { nodes }) => (nodes.delete(request.NodeId), {}),
};
