import { page } from "../backend/paging";
import type { Handlers } from "./types";

export const organizationHandlers: Handlers<"DescribeOrganization" | "DescribeOrganizationNodes"> = {
  DescribeOrganization: (_request, backend) => backend.organization.describe(),
  DescribeOrganizationNodes: (request, { organization }) =>
    page(organization.nodes(request).map((node) => organization.describeNode(node)), request),
};
