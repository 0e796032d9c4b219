/**
 * Department nodes: the rules of Add/Update/DeleteOrganizationNode(s). Reads (DescribeOrganizationNodes, lookups) stay
 * in organization.ts. Every method checks all its inputs before it changes anything, so a refused request leaves no
 * trace.
 *
 * Choices where the documentation is silent (emulator/README.md):
 * - Node names are unique in the whole organization (the FAQ: "该名称在您的组织内必须是唯一的", the name must be unique
 *   within your organization), compared exactly: AddOrganizationNode and UpdateOrganizationNode answer
 *   FailedOperation.OrganizationNodeNameUsed. Renaming a node to its own name is not a clash.
 * - Depth: the product page says an organization has "up to five levels of department nodes"; the emulator counts the
 *   root as the first level, so a node can be added under a parent at level 4 at most (MAX_NODE_LEVELS).
 * - MAX_NODES (besides the root) and MAX_NODES_PER_DELETE are the emulator's numbers for the documented
 *   LimitExceeded.NodeExceedLimit and FailedOperation.OrganizationNodeDeleteOverLimit, whose limits are not published.
 * - UpdateOrganizationNode may rename the root (no code forbids it). An unknown node answers
 *   FailedOperation.OrganizationNodeNotExist, the only node-not-found code the action lists.
 * - DeleteOrganizationNodes is all or nothing, checking in request order: an unknown node (InvalidParameter: no
 *   not-found code is listed), the root (InvalidParameter), a node with members (FailedOperation.NodeNotEmpty, "the
 *   unit's members are not empty"), a node with child nodes that are not deleted in the same request
 *   (FailedOperation.OrganizationNodeNotEmpty, "the node is not empty"). A parent and all its children can go together.
 */
import type { z } from "zod";
import type { schemas } from "../../provider/api";
import {
  deletedNodeNotExist,
  nodeDeleteOverLimit,
  nodeDepthExceedLimit,
  nodeExceedLimit,
  nodeHasChildren,
  nodeHasMembers,
  nodeNameUsed,
  organizationNodeNotExist,
  rootNodeNotDeletable,
  updatedNodeNotExist,
} from "../errors";
import type { NodeRecord } from "./state";
import type { Store } from "./store";

type Add = z.output<typeof schemas.AddOrganizationNodeRequest>;
type Update = z.output<typeof schemas.UpdateOrganizationNodeRequest>;

/** Levels of nodes, the root being level 1. */
export const MAX_NODE_LEVELS = 5;
/** Nodes an organization may have besides its root. */
export const MAX_NODES = 1000;
/** Nodes one DeleteOrganizationNodes request may name. */
export const MAX_NODES_PER_DELETE = 50;

export class NodesBackend {
  constructor(private readonly store: Store) {}

  private get nodes(): NodeRecord[] {
    return this.store.state.nodes;
  }

  private get rootNodeId(): number {
    return this.store.state.organization.RootNodeId;
  }

  add(request: Add): number {
    const parent = this.nodes.find((n) => n.NodeId === request.ParentNodeId);
    if (!parent) throw organizationNodeNotExist(request.ParentNodeId);
    this.assertNameFree(request.Name, undefined);
    if (this.level(parent) >= MAX_NODE_LEVELS) throw nodeDepthExceedLimit(parent.NodeId, MAX_NODE_LEVELS);
    if (this.nodes.length - 1 >= MAX_NODES) throw nodeExceedLimit(MAX_NODES);
    const now = this.store.now();
    const nodeId = ++this.store.state.counters.lastNodeId;
    this.nodes.push({
      NodeId: nodeId,
      Name: request.Name,
      ParentNodeId: parent.NodeId,
      Remark: request.Remark ?? "",
      Tags: request.Tags ?? [],
      CreateTime: now,
      UpdateTime: now,
    });
    this.store.listing.created("node", nodeId);
    this.store.touch();
    return nodeId;
  }

  update(request: Update): void {
    const node = this.nodes.find((n) => n.NodeId === request.NodeId);
    if (!node) throw updatedNodeNotExist(request.NodeId);
    if (request.Name !== undefined) this.assertNameFree(request.Name, node.NodeId);
    if (request.Name !== undefined) node.Name = request.Name;
    if (request.Remark !== undefined) node.Remark = request.Remark;
    node.UpdateTime = this.store.now();
    this.store.touch();
  }

  /** Deletes empty nodes; all or nothing. */
  delete(nodeIds: readonly number[]): void {
    const doomed = new Set(nodeIds);
    if (doomed.size > MAX_NODES_PER_DELETE) throw nodeDeleteOverLimit(doomed.size, MAX_NODES_PER_DELETE);
    for (const nodeId of doomed) {
      if (!this.nodes.some((n) => n.NodeId === nodeId)) throw deletedNodeNotExist(nodeId);
      if (nodeId === this.rootNodeId) throw rootNodeNotDeletable(nodeId);
      const members = this.store.state.members.filter((m) => m.NodeId === nodeId).map((m) => m.MemberUin);
      if (members.length > 0) throw nodeHasMembers(nodeId, members.sort((a, b) => a - b));
      const children = this.nodes.filter((n) => n.ParentNodeId === nodeId && !doomed.has(n.NodeId)).map((n) => n.NodeId);
      if (children.length > 0) throw nodeHasChildren(nodeId, children.sort((a, b) => a - b));
    }
    this.store.state.nodes = this.nodes.filter((n) => !doomed.has(n.NodeId));
    this.store.touch();
  }

  /** The node's level: 1 for the root, 2 for its children, and so on. The seed guarantees the parents reach the root. */
  private level(node: NodeRecord): number {
    let level = 1;
    for (let at = node; at.ParentNodeId !== null; level++) {
      const parent = this.nodes.find((n) => n.NodeId === at.ParentNodeId);
      if (!parent) break;
      at = parent;
    }
    return level;
  }

  private assertNameFree(name: string, exceptNodeId: number | undefined): void {
    const holder = this.nodes.find((n) => n.Name === name && n.NodeId !== exceptNodeId);
    if (holder) throw nodeNameUsed(name, holder.NodeId);
  }
}
