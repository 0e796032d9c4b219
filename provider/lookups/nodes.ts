/** getNodes: the organization's departments, in OrganizationNode's output names. */
import { type ItemOf } from "../api";
import { paginate } from "../client";
import { describeNode } from "../resources/organization-node";
import { defined } from "../resources/properties";
import { lookupClient } from "./client";
import { outputForm, tagList } from "./output-form";

export interface GetNodesArgs {
  /** Only departments carrying every one of these tags. */
  readonly tags?: Record<string, string>;
}

export const nodeInfo = (node: ItemOf<"DescribeOrganizationNodes">) => describeNode(node);
export type NodeInfo = ReturnType<typeof nodeInfo>;

export interface GetNodesResult extends GetNodesArgs {
  readonly nodes: NodeInfo[];
  /** The root department's id, when the listing holds it (always, without tags). */
  readonly rootNodeId?: number;
}

/** Every department (matching the tags), in the API's order. */
export async function getNodes(args: GetNodesArgs = {}): Promise<GetNodesResult> {
  const items = await paginate(await lookupClient(), "DescribeOrganizationNodes", defined({ Tags: tagList(args.tags) }));
  const nodes = items.map(nodeInfo);
  const root = nodes.find((node) => node.parentNodeId === undefined);
  return { ...args, nodes, ...(root === undefined ? {} : { rootNodeId: root.nodeId }) };
}

export const getNodesOutput = outputForm(getNodes);
