/**
 * The smallest end-to-end proof: a dynamic resource whose provider, serialized into state, loads the project's client
 * at call time and asks the API (DescribeOrganization) with credentials read from the environment then.
 */
import * as pulumi from "@pulumi/pulumi";

const probeProvider: pulumi.dynamic.ResourceProvider = {
  async create() {
    const { OrganizationClient } = require("pulumi-tencentcloud-organization/dist/provider/client");
    const org = await OrganizationClient.fromEnvironment().call("DescribeOrganization", {});
    return { id: String(org.OrgId), outs: { orgId: org.OrgId, hostUin: org.HostUin, rootNodeId: org.RootNodeId } };
  },
  async read(id, props) {
    const { OrganizationClient } = require("pulumi-tencentcloud-organization/dist/provider/client");
    const org = await OrganizationClient.fromEnvironment().call("DescribeOrganization", {});
    return { id: String(org.OrgId), props: { ...props, orgId: org.OrgId, hostUin: org.HostUin, rootNodeId: org.RootNodeId } };
  },
};

class OrganizationProbe extends pulumi.dynamic.Resource {
  declare readonly orgId: pulumi.Output<number>;
  declare readonly hostUin: pulumi.Output<number>;
  constructor(name: string) {
    super(probeProvider, name, { orgId: undefined, hostUin: undefined, rootNodeId: undefined }, {}, "tencentcloud-organization", "OrganizationProbe");
  }
}

export function probeProgram(): Record<string, unknown> {
  const probe = new OrganizationProbe("probe");
  return { orgId: probe.orgId, hostUin: probe.hostUin };
}
