/** The organization and reads of its department nodes (their writes are in nodes.ts). */
import type { z } from "zod";
import type { schemas } from "../../provider/api";
import type { tag } from "../../provider/api/fields";
import { organizationNodeNotExist } from "../errors";
import { byNumber } from "./paging";
import type { NodeRecord } from "./state";
import type { Store } from "./store";

export type Tag = z.output<typeof tag>;

export function hasTags(recordTags: readonly Tag[], wanted: readonly Tag[] | undefined): boolean {
  return (wanted ?? []).every((w) => recordTags.some((t) => t.TagKey === w.TagKey && t.TagValue === w.TagValue));
}

export class OrganizationBackend {
  constructor(private readonly store: Store) {}

  describe(): z.input<typeof schemas.DescribeOrganizationResponse> {
    const org = this.store.state.organization;
    // The caller is the management account: it has no member permissions, payer or quit setting of its own.
    return {
      OrgId: org.OrgId,
      HostUin: org.HostUin,
      NickName: org.NickName,
      OrgType: 1,
      IsManager: true,
      OrgPolicyType: "",
      OrgPolicyName: "",
      OrgPermission: [],
      RootNodeId: org.RootNodeId,
      CreateTime: org.CreateTime,
      JoinTime: org.CreateTime,
      IsAllowQuit: "",
      PayUin: "",
      PayName: "",
      IsAssignManager: false,
      IsAuthManager: false,
    };
  }

  get hostUin(): number {
    return this.store.state.organization.HostUin;
  }

  get hostName(): string {
    return this.store.state.organization.HostName;
  }

  findNode(nodeId: number): NodeRecord | undefined {
    return this.store.state.nodes.find((n) => n.NodeId === nodeId);
  }

  getNode(nodeId: number): NodeRecord {
    const node = this.findNode(nodeId);
    if (!node) throw organizationNodeNotExist(nodeId);
    return node;
  }

  nodes(filter: { Tags?: Tag[] | undefined }): NodeRecord[] {
    return this.store.state.nodes.filter((n) => hasTags(n.Tags, filter.Tags)).sort(byNumber((n) => n.NodeId));
  }

  describeNode(node: NodeRecord): z.input<typeof schemas.OrgNode> {
    return {
      NodeId: node.NodeId,
      Name: node.Name,
      ParentNodeId: node.ParentNodeId ?? 0,
      Remark: node.Remark,
      CreateTime: node.CreateTime,
      UpdateTime: node.UpdateTime,
      Tags: node.Tags,
    };
  }
}
