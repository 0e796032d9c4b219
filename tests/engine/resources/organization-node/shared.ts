/**
 * OrganizationNode through the real engine (the CLI path: tests/engine/projects/declared), one stack carried through
 * its life: a node with a child node and a created member in it, drift, an in-place rename, a replacement for a new
 * parent (the member moves, the child follows, the old nodes go last), adoption of a seeded node, a delete refused
 * because of a member placed outside the stack, and destroy back to the seed.
 */
import { SEED_IDS } from "../../../../emulator";
import { OWNERSHIP_TAG_KEY } from "../../../../provider/resources/ownership";
import { CONVERGED, convergence } from "../../convergence";
import { createEngineStack, type EngineStack, type ResourceSpec } from "../../harness";

export { SEED_IDS, OWNERSHIP_TAG_KEY, CONVERGED, convergence, createEngineStack, type EngineStack, type ResourceSpec };

export const { rootNodeId, departmentNodeId, createdUin: bob } = SEED_IDS;
/** A node the stack creates carries its ownership tag besides the program's tags (which do not show it). */
export const OWNED = { TagKey: OWNERSHIP_TAG_KEY, TagValue: expect.any(String) };

export interface Names {
  node: string;
  child: string;
  parentNodeId?: number;
  remark?: string;
}

export const stackWith = ({ node, child, parentNodeId, remark = "operations" }: Names, extra: ResourceSpec[] = []): ResourceSpec[] => [
  { kind: "OrganizationNode", name: "ops", args: { name: node, remark, tags: { team: "ops" }, ...(parentNodeId === undefined ? {} : { parentNodeId }) } },
  { kind: "OrganizationNode", name: "ops-child", args: { name: child, parentNodeId: { $ref: "ops.nodeId" } } },
  {
    kind: "OrganizationMember",
    name: "sre",
    args: { name: "sre", accountName: "sre", nodeId: { $ref: "ops.nodeId" }, permissionIds: [1, 2] },
  },
  ...extra,
];
