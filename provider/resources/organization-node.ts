/**
 * OrganizationNode: a department of the organization.
 *
 * - With `nodeId`, an existing node (the root node included) is adopted: only the properties the program sets are
 *   managed, and destroy releases it. Without it, a node is created (AddOrganizationNode) under `parentNodeId`, or under
 *   the root node when that is unset, and destroy deletes it (DeleteOrganizationNodes).
 * - `name` and `remark` update in place (UpdateOrganizationNode). The API has no way to move a node or to change its
 *   tags, so a new `parentNodeId` or new `tags` replace the node, creating the new one first: members whose `nodeId`
 *   is this node's output move by their own update, and child nodes follow as replacements, before the old node is
 *   deleted (the engine deletes replaced objects last). Node names are unique in the organization, so a replaced node
 *   (a child following its parent too) needs a new name: preview (or, for a child, the up) says so.
 * - A node the API refuses to delete because members or child nodes are still in it fails with a message naming them.
 * Read is real (DescribeOrganizationNodes, paged fully; the API cannot look one node up); a node deleted outside the
 * stack drops from state on refresh, once a second listing confirms it is gone (./read.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { IN_USE_CODES, type ItemOf, MAX_TAGS, NAME_TAKEN_CODES, parseApiTime, type RequestOf, schemas } from "../api";
import { nodeId, nodeName } from "../api/fields";
import { isApiError, paginate } from "../client";
import { sharedClient } from "./config";
import { afterCreate, answeredOneOf, CLOCK_SKEW_MS, createOwned, deleteIfPresent } from "./lifecycle";
import {
  apiFieldRenamer,
  changedProperties,
  checkResult,
  defined,
  definedKeys,
  failuresOf,
  isUnknown,
  numericId,
  sameValue,
  withoutProvider,
} from "./properties";
import type { ResourceImplementation } from "./registry";
import { type ArgsOf, type OutputsOf, unsetProperties } from "./schema";
import { readBack, readResource } from "./read";
import { providerStub } from "./stub";

/** What a program sets: the one list of the resource's arguments, with their rules (OrganizationNodeArgs). */
const NodeInputs = z.strictObject({
  /** Adopt this existing node (the root node too) instead of creating one. */
  nodeId: nodeId.optional(),
  /** 1 to 40 letters, digits, Chinese characters and `+ @ & . _ [ ] -`. Required to create. */
  name: nodeName.optional(),
  /** The parent node; the root node when unset. Changing it replaces the node (the API cannot move one). */
  parentNodeId: nodeId.optional(),
  remark: z.string().optional(),
  /** At most 10 tags, set at creation; changing them replaces the node (the API cannot retag one). */
  tags: z.record(z.string(), z.string()).optional(),
});
type NodeInputs = z.infer<typeof NodeInputs>;

/** What the resource reports beyond its arguments. */
const NodeReported = z.object({
  createTime: z.string().optional(),
  updateTime: z.string().optional(),
  /** True when this resource created the node (destroy deletes it); false when it adopted one (destroy releases it). */
  createdByStack: z.boolean(),
  /** The arguments the program sets: only these are managed. */
  managedProperties: z.array(z.string()),
});

const UPDATABLE = ["name", "remark"] as const satisfies ReadonlyArray<keyof NodeInputs>;
/** Properties the API cannot change on an existing node. */
const FIXED = ["parentNodeId", "tags"] as const satisfies ReadonlyArray<keyof NodeInputs>;
const MANAGEABLE = Object.keys(NodeInputs.shape) as Array<keyof NodeInputs>;
const renameApiField = apiFieldRenamer({ ParentNodeId: "parentNodeId" });

type OrgNode = ItemOf<"DescribeOrganizationNodes">;
type Tags = NonNullable<RequestOf<"AddOrganizationNode">["Tags"]>;

const tagList = (tags: Record<string, string> | undefined): Tags | undefined =>
  tags === undefined ? undefined : Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
const tagRecord = (tags: OrgNode["Tags"]): Record<string, string> =>
  Object.fromEntries([...(tags ?? [])].sort((a, b) => a.TagKey.localeCompare(b.TagKey)).map((t) => [t.TagKey, t.TagValue]));
/** Key order never counts as a tag change. */
const sortedTags = (tags: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(tags).sort(([a], [b]) => a.localeCompare(b)));

/** The node as DescribeOrganizationNodes reports it, in the resource's property names (also the getNodes lookup's). */
export function describeNode(node: OrgNode) {
  return {
    nodeId: node.NodeId,
    name: node.Name,
    // The root node has no parent; the API reports 0 or nothing.
    parentNodeId: node.ParentNodeId || undefined,
    remark: node.Remark ?? "",
    tags: tagRecord(node.Tags),
    createTime: node.CreateTime ?? undefined,
    updateTime: node.UpdateTime ?? undefined,
  };
}

function outputsOf(node: OrgNode, managed: readonly string[], createdByStack: boolean) {
  return { ...describeNode(node), createdByStack, managedProperties: [...managed].sort() };
}

/** The API lists nodes but cannot look one up: every read pages through the whole tree. */
const allNodes = () => paginate(sharedClient(), "DescribeOrganizationNodes", {});

async function findNode(id: number): Promise<OrgNode | undefined> {
  return (await allNodes()).find((node) => node.NodeId === id);
}

async function requireNode(id: number): Promise<OrgNode> {
  const node = await findNode(id);
  if (!node) throw new Error(`nodeId ${id} is not a node of the organization`);
  return node;
}

const rootNodeId = async () => (await sharedClient().call("DescribeOrganization", {})).RootNodeId;

const managedKeys = (inputs: Record<string, unknown>) => definedKeys(inputs, MANAGEABLE);

/**
 * A created node replaced (new parent or tags) while its name stays: the replacement would be created first, under a
 * name the old node still holds, which the API refuses (node names are unique in the organization). Deleting first
 * instead would fail while members are in the old node, and leave them nowhere to go. So preview says what to do; for a
 * child following its parent's replacement, whose new parent is not known at preview, the up says it before writing.
 */
function sameNameReplacementError(olds: Record<string, unknown>, news: Record<string, unknown>, replaces: readonly string[]): Error | undefined {
  // A value not known yet (preview, while the parent is replaced or updated) is judged during the up, when it is.
  const fixed = replaces.filter((key) => (FIXED as readonly string[]).includes(key) && !isUnknown(news[key]));
  if (olds.createdByStack !== true || news.nodeId !== undefined || fixed.length === 0) return undefined;
  if (isUnknown(news.name) || (news.name ?? olds.name) !== olds.name) return undefined;
  return new Error(
    `${fixed.join(" and ")} cannot change while name stays "${String(olds.name)}": a new ${fixed.join(" or ")} replaces the node ` +
      "(the API cannot move or retag one), and its replacement cannot be created under a name the old node still holds " +
      "(node names are unique in the organization). Change name together with it (the new node is created, what the " +
      "stack puts in the node moves over, then the old node is deleted); rename it back in a later up if you want",
  );
}

async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  const inputs = withoutProvider(news);
  if (inputs.tags !== undefined && !isUnknown(inputs.tags) && typeof inputs.tags === "object" && inputs.tags !== null) {
    inputs.tags = sortedTags(inputs.tags as Record<string, string>);
  }
  const failures = failuresOf(NodeInputs, inputs);
  const tags = inputs.tags as Record<string, string> | undefined;
  if (tags !== undefined && !isUnknown(tags) && typeof tags === "object" && Object.keys(tags).length > MAX_TAGS) {
    failures.push({ property: "tags", reason: `tags may hold at most ${MAX_TAGS} entries, not ${Object.keys(tags).length}` });
  }
  if (inputs.nodeId === undefined) {
    if (inputs.name === undefined) failures.push({ property: "name", reason: "name is required to create a node (or set nodeId to adopt one)" });
    // A stand-in parent keeps the API check to the values that are set; the root is looked up when creating.
    const request = defined({
      ParentNodeId: inputs.parentNodeId ?? 1,
      Name: inputs.name ?? "placeholder",
      Remark: inputs.remark,
      Tags: typeof tags === "object" && !isUnknown(tags) ? tagList(tags) : undefined,
    });
    failures.push(...failuresOf(schemas.AddOrganizationNodeRequest, request, renameApiField));
  }
  return checkResult(inputs, failures);
}

async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  const changed = changedProperties(olds, news, MANAGEABLE);
  const replaces = changed.filter((key) => key === "nodeId" || (FIXED as readonly string[]).includes(key));
  // Dropping nodeId from an adopted node asks for a new node: a replacement, which releases the adopted one.
  if (olds.createdByStack === false && news.nodeId === undefined && !replaces.includes("nodeId")) replaces.push("nodeId");
  const nameClash = sameNameReplacementError(olds, news, replaces);
  if (nameClash) throw nameClash;
  const managedChanged = !sameValue(olds.managedProperties, managedKeys(news).sort());
  // Create before delete, always: what sits in the old node can move to the new one before the old one goes.
  return { changes: changed.length > 0 || managedChanged || replaces.length > 0, replaces, deleteBeforeReplace: false };
}

/**
 * Writes what the program changed, and nothing else: UpdateOrganizationNode takes Name and Remark each optional, so a
 * property the program leaves unset (or did not change) is never sent, and a value set outside the stack survives.
 */
async function applyChanges(id: number, current: Record<string, unknown>, desired: NodeInputs): Promise<boolean> {
  const changed = changedProperties(current, desired, UPDATABLE);
  if (changed.length === 0) return false;
  const request = defined({
    NodeId: id,
    Name: changed.includes("name") ? desired.name : undefined,
    Remark: changed.includes("remark") ? desired.remark : undefined,
  }) as RequestOf<"UpdateOrganizationNode">;
  await sharedClient().call("UpdateOrganizationNode", request);
  return true;
}

/**
 * How long after an attempt whose answer never reached state (a killed run) a node may still be recognized as that
 * attempt's, when the API says the name is taken: nodes carry no proof of ownership, so recency is part of it.
 */
export const NODE_RECOVERY_WINDOW_MS = 24 * 3600_000;

interface NodeCandidate {
  readonly id: number;
  /** Nodes under the same parent with every field the create sends: name, remark, tags. */
  readonly matching: readonly OrgNode[];
}

/**
 * Whether the node found is this resource's own earlier create. Nodes carry no proof of ownership, so the proof is
 * that exactly one node matches every field the create sends (name, parent, remark, tags) and was created after this
 * attempt was sent (or, when no attempt of this process is known, within NODE_RECOVERY_WINDOW_MS). The API keeps names
 * unique, so there is at most one; were there two, they could not be told apart, which is refused, never guessed. It
 * can be wrong for a node made outside the stack in that window with exactly the same fields; README says so.
 */
function isOwnNode(candidate: NodeCandidate, attemptStartedAt: number | undefined): boolean {
  const since = (attemptStartedAt ?? Date.now() - NODE_RECOVERY_WINDOW_MS) - CLOCK_SKEW_MS;
  const recent = candidate.matching.filter((node) => (parseApiTime(node.CreateTime) ?? -Infinity) >= since);
  return recent.length === 1 && recent[0]!.NodeId === candidate.id;
}

/** Creates the node, or recovers the one an earlier attempt of this resource made (see isOwnNode). */
async function createNode(request: RequestOf<"AddOrganizationNode">): Promise<{ id: number; recovered: boolean }> {
  const wantedTags = tagRecord(request.Tags);
  return createOwned<NodeCandidate>({
    what: `node "${request.Name}" under node ${request.ParentNodeId}`,
    create: async () => (await sharedClient().call("AddOrganizationNode", request)).NodeId,
    nameTaken: (error) => answeredOneOf(NAME_TAKEN_CODES, "AddOrganizationNode", error),
    findByName: async () => {
      const sameName = (await allNodes()).filter((node) => node.Name === request.Name);
      if (sameName.length === 0) return undefined;
      const matching = sameName
        .filter(
          (node) =>
            node.ParentNodeId === request.ParentNodeId &&
            (node.Remark ?? "") === (request.Remark ?? "") &&
            sameValue(tagRecord(node.Tags), wantedTags),
        )
        .sort((a, b) => (parseApiTime(b.CreateTime) ?? 0) - (parseApiTime(a.CreateTime) ?? 0));
      return { id: (matching[0] ?? sameName[0]!).NodeId, matching };
    },
    isOurs: isOwnNode,
    howToAdopt: (found) =>
      found === undefined
        ? "choose another name; node names are unique in the organization"
        : found.matching.length > 1
          ? `${found.matching.length} nodes there match this one (${found.matching.map((n) => n.NodeId).join(", ")}), so which one ` +
            "this stack made cannot be told: adopt the one to keep with nodeId and delete the others, or choose another name"
          : `node names are unique in the organization; to manage that node, adopt it: set nodeId: ${found.id}; or choose ` +
            "another name (a node this stack replaces, for a new parentNodeId or tags, needs a new name too: its " +
            "replacement is created before the old node is deleted)",
  });
}

async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  const inputs = news as NodeInputs;
  const managed = managedKeys(news);
  if (inputs.nodeId !== undefined) {
    const node = await requireNode(inputs.nodeId);
    const current = outputsOf(node, managed, false);
    // Parent and tags cannot be written: an adopted node must already have them.
    for (const key of FIXED) {
      if (inputs[key] !== undefined && !sameValue(current[key], key === "tags" ? sortedTags(inputs.tags!) : inputs[key])) {
        throw new Error(
          `nodeId ${inputs.nodeId} has ${key} ${JSON.stringify(current[key])}, not ${JSON.stringify(inputs[key])}; ` +
            `the API cannot change a node's ${key === "tags" ? "tags" : "parent"}: drop ${key} or set it to the node's value`,
        );
      }
    }
    if (await applyChanges(inputs.nodeId, current, inputs)) {
      return { id: String(inputs.nodeId), outs: outputsOf(await requireNode(inputs.nodeId), managed, false) };
    }
    return { id: String(inputs.nodeId), outs: current };
  }
  const request = defined({
    ParentNodeId: inputs.parentNodeId ?? (await rootNodeId()),
    Name: inputs.name,
    Remark: inputs.remark,
    Tags: tagList(inputs.tags),
  }) as RequestOf<"AddOrganizationNode">;
  const { id, recovered } = await createNode(request);
  // A recovered node matched every field the create sends, so both paths know the same about it.
  const known = () => ({
    nodeId: id,
    name: request.Name,
    parentNodeId: request.ParentNodeId,
    remark: request.Remark ?? "",
    tags: tagRecord(request.Tags),
    createdByStack: true,
    managedProperties: [...managed].sort(),
  });
  return afterCreate(String(id), known, recovered ? "node recovered, but reading it back failed" : "node created, but reading it back failed", async () => ({
    id: String(id),
    outs: outputsOf(await readBack(`node ${id}`, "DescribeOrganizationNodes", () => findNode(id)), managed, true),
  }));
}

const nodeIdOf = (id: string) => numericId(id, "OrganizationNode", "a NodeId");

async function read(id: string, props: Record<string, unknown> = {}): Promise<pulumi.dynamic.ReadResult> {
  const node = nodeIdOf(id);
  return readResource(id, props, {
    what: `node ${node}`,
    action: "DescribeOrganizationNodes",
    find: () => findNode(node),
    // A full listing can skip a node that exists (a delete plus a create between two of its pages): a second one,
    // made after the first, settles it.
    confirm: () => findNode(node),
    defaultManaged: [],
    outputs: (found, managed, createdByStack) => outputsOf(found, managed, createdByStack),
  });
}

async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  const node = nodeIdOf(id);
  const inputs = news as NodeInputs;
  await applyChanges(node, olds, inputs);
  // Setting nodeId to the created node's own id hands it over: from then on it is released, not deleted.
  const createdByStack = olds.createdByStack === true && inputs.nodeId === undefined;
  return { outs: outputsOf(await requireNode(node), managedKeys(news), createdByStack) };
}

/** How many members and child nodes a refused delete names before it says "and N more". */
const LISTED = 10;

const listed = (items: string[]) =>
  items.length <= LISTED ? items.join(", ") : `${items.slice(0, LISTED).join(", ")} and ${items.length - LISTED} more`;

/** What is still in a node: its members and child nodes, for the message of a refused delete. */
async function contentsOf(id: number): Promise<string | undefined> {
  const [members, nodes] = await Promise.all([
    paginate(sharedClient(), "DescribeOrganizationMembers", { NodeId: id }),
    allNodes(),
  ]);
  const inNode = members.filter((member) => member.NodeId === id).map((member) => `${member.Name} (${member.MemberUin})`);
  const children = nodes.filter((node) => node.ParentNodeId === id).map((node) => `${node.Name} (${node.NodeId})`);
  const parts = [
    ...(inNode.length > 0 ? [`${inNode.length} member(s): ${listed(inNode)}`] : []),
    ...(children.length > 0 ? [`${children.length} child node(s): ${listed(children)}`] : []),
  ];
  return parts.length > 0 ? parts.join("; ") : undefined;
}

async function remove(id: string, props: Record<string, unknown>): Promise<void> {
  // An adopted node (the root node always is one) is only released.
  if (props.createdByStack !== true) return;
  const node = nodeIdOf(id);
  try {
    await deleteIfPresent(
      "DeleteOrganizationNodes",
      () => sharedClient().call("DeleteOrganizationNodes", { NodeId: [node] }),
      // The API's answer for an unknown node is the generic InvalidParameter: a read settles it.
      async () => (await findNode(node)) === undefined,
    );
  } catch (error) {
    if (!answeredOneOf(IN_USE_CODES, "DeleteOrganizationNodes", error)) throw error;
    // Read what is inside only when the API refuses for it: the read explains the refusal, it never decides it.
    const contents = await contentsOf(node).catch(() => undefined);
    if (contents !== undefined && error instanceof Error) {
      error.message +=
        ` (node ${node} still holds ${contents}: move the members out, e.g. by setting their nodeId in the stack, ` +
        "and delete or move the child nodes, then run destroy or up again)";
    }
    throw error;
  }
}

export const nodeImplementation: ResourceImplementation = { check, diff, create, read, update, delete: remove };

export type OrganizationNodeArgs = ArgsOf<z.input<typeof NodeInputs>>;

const provider = providerStub("OrganizationNode");

type NodeOutputs = OutputsOf<
  NodeInputs & z.output<typeof NodeReported>,
  "parentNodeId" | "createTime" | "updateTime"
>;

/** The resource's outputs, one per schema property (declaration merging gives the class these members). */
export interface OrganizationNode extends NodeOutputs {}

export class OrganizationNode extends pulumi.dynamic.Resource {
  constructor(name: string, args: OrganizationNodeArgs, opts?: pulumi.CustomResourceOptions) {
    const properties = { ...unsetProperties(NodeInputs, NodeReported), ...args };
    super(provider, name, properties, opts, "tencentcloud-organization", "OrganizationNode");
    // The engine leaves a dynamic resource's outputs unknown during the preview of an update, its id known: from the id,
    // the nodeId that members and child nodes take stays known, so a rename never previews them as changing.
    Object.defineProperty(this, "nodeId", { value: this.id.apply(Number), enumerable: true });
  }
}
