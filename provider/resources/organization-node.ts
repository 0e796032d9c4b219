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
import { IN_USE_CODES, type ItemOf, MAX_TAGS, NAME_TAKEN_CODES, type RequestOf, schemas } from "../api";
import { nodeId, nodeName } from "../api/fields";
import { isApiError, paginate } from "../client";
import { sharedClient } from "./config";
import { afterCreate, answeredOneOf, createOwned, deleteIfPresent } from "./lifecycle";
import { carriesOwnershipTag, OWNERSHIP_TAG_KEY, ownershipTagInput, ownershipTags, withoutOwnershipTag } from "./ownership";
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
import type { ResourceImplementation } from "./implementation";
import { type ArgsOf, type OutputsOf, type ResourceSchemas, unsetProperties } from "./schema";
import { readBack, readResource } from "./read";
import { providerStub } from "../dynamic/stub";

/** What a program sets: the one list of the resource's arguments, with their rules (OrganizationNodeArgs). */
const NodeArgs = z.strictObject({
  /** Adopt this existing node (the root node too) instead of creating one. */
  nodeId: nodeId.optional().describe("Adopt this existing node (the root node too) instead of creating one."),
  /** 1 to 40 letters, digits, Chinese characters and `+ @ & . _ [ ] -`. Required to create. */
  name: nodeName.optional().describe("1 to 40 letters, digits, Chinese characters and `+ @ & . _ [ ] -`. Required to create."),
  /** The parent node; the root node when unset. Changing it replaces the node (the API cannot move one). */
  parentNodeId: nodeId.optional().describe("The parent node; the root node when unset. Changing it replaces the node (the API cannot move one)."),
  remark: z.string().optional().describe("A free-text remark."),
  /**
   * At most 10 tags (9 on a node the resource creates, which also carries its ownership tag), set at creation; changing
   * them replaces the node (the API cannot retag one).
   */
  tags: z.record(z.string(), z.string()).optional().describe("At most 10 tags (9 on a node the resource creates, which also carries its ownership tag), set at creation; changing them replaces the node (the API cannot retag one)."),
});

/** What the engine hands the provider: the arguments, plus the ownership tag the class computes (see createNode). */
const NodeInputs = NodeArgs.extend({ ownershipTag: z.string().optional() });
type NodeInputs = z.infer<typeof NodeInputs>;

/** What the resource reports beyond its arguments. */
const NodeReported = z.object({
  createTime: z.string().optional().describe("When the node was created (API time, UTC+8)."),
  updateTime: z.string().optional().describe("When the node was last updated (API time, UTC+8)."),
  /** True when this resource created the node (destroy deletes it); false when it adopted one (destroy releases it). */
  createdByStack: z.boolean().describe("True when this resource created the node (destroy deletes it); false when it adopted one (destroy releases it)."),
  /** The arguments the program sets: only these are managed. */
  managedProperties: z.array(z.string()).describe("The arguments the program sets: only these are managed."),
});

const UPDATABLE = ["name", "remark"] as const satisfies ReadonlyArray<keyof NodeInputs>;
/** Properties the API cannot change on an existing node. */
const FIXED = ["parentNodeId", "tags"] as const satisfies ReadonlyArray<keyof NodeInputs>;
const MANAGEABLE = Object.keys(NodeArgs.shape) as Array<keyof z.infer<typeof NodeArgs>>;
const renameApiField = apiFieldRenamer({ ParentNodeId: "parentNodeId" });

type OrgNode = ItemOf<"DescribeOrganizationNodes">;
type Tags = NonNullable<RequestOf<"AddOrganizationNode">["Tags"]>;

const tagList = (tags: Record<string, string> | undefined): Tags | undefined =>
  tags === undefined ? undefined : Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
/** The node's tags as the program sees them: without the ownership tag. */
const tagRecord = (tags: OrgNode["Tags"]): Record<string, string> =>
  Object.fromEntries(withoutOwnershipTag(tags).sort((a, b) => a.TagKey.localeCompare(b.TagKey)).map((t) => [t.TagKey, t.TagValue]));
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
  if (tags !== undefined && !isUnknown(tags) && typeof tags === "object" && tags !== null) {
    // A node the resource creates also carries its ownership tag, within the API's limit.
    const limit = inputs.nodeId === undefined && inputs.ownershipTag !== undefined ? MAX_TAGS - 1 : MAX_TAGS;
    const count = Object.keys(tags).length;
    if (count > limit) {
      const why = limit < MAX_TAGS ? ` on a node this resource creates (it also carries the ownership tag ${OWNERSHIP_TAG_KEY})` : "";
      failures.push({ property: "tags", reason: `tags may hold at most ${limit} entries${why}, not ${count}` });
    }
    if (OWNERSHIP_TAG_KEY in tags) {
      failures.push({ property: "tags", reason: `tags cannot use the key ${OWNERSHIP_TAG_KEY}: the provider writes it, as proof of the nodes it creates` });
    }
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
 * Creates the node, or recovers the one an earlier attempt of this resource made: a node under the name is ours only if
 * it carries this resource's ownership tag (./ownership), a hash of the project, stack and resource name. Node names are
 * unique in the organization, so a replacement (a new parent or tags) has a name of its own and never meets the node it
 * replaces.
 */
async function createNode(request: RequestOf<"AddOrganizationNode">, ownershipTag: string | undefined): Promise<{ id: number; recovered: boolean }> {
  return createOwned<{ id: number; node: OrgNode }>({
    kind: "OrganizationNode",
    what: `node "${request.Name}" under node ${request.ParentNodeId}`,
    deleteAction: "DeleteOrganizationNodes",
    create: async () => (await sharedClient().call("AddOrganizationNode", request)).NodeId,
    nameTaken: (error) => answeredOneOf(NAME_TAKEN_CODES, "AddOrganizationNode", error),
    findByName: async () => {
      const node = (await allNodes()).find((candidate) => candidate.Name === request.Name);
      return node && { id: node.NodeId, node };
    },
    evidence: ({ node }) => ({ proof: "tag", carriesOurTag: ownershipTag !== undefined && carriesOwnershipTag(node.Tags, ownershipTag) }),
    howToAdopt: (found) =>
      found === undefined
        ? "choose another name; node names are unique in the organization"
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
  const tags = [...(tagList(inputs.tags) ?? []), ...ownershipTags(inputs.ownershipTag)];
  const request = defined({
    ParentNodeId: inputs.parentNodeId ?? (await rootNodeId()),
    Name: inputs.name,
    Remark: inputs.remark,
    Tags: tags.length > 0 ? tags : undefined,
  }) as RequestOf<"AddOrganizationNode">;
  const { id, recovered } = await createNode(request, inputs.ownershipTag);
  // Until the node is read, state may record only what is certain: what this create sent, or for a node an earlier
  // attempt made, its name (the tag proves whose it is, not what else it holds).
  const known = () => ({
    nodeId: id,
    name: request.Name,
    ...(recovered ? {} : { parentNodeId: request.ParentNodeId, remark: request.Remark ?? "", tags: tagRecord(request.Tags) }),
    ...defined({ ownershipTag: inputs.ownershipTag }),
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

export const nodeSchemas: ResourceSchemas = { args: NodeArgs, inputs: NodeInputs, reported: NodeReported, replaceOnChanges: ["nodeId", ...FIXED], adoptedBy: "nodeId" };

export type OrganizationNodeArgs = ArgsOf<z.input<typeof NodeArgs>>;

const provider = providerStub("OrganizationNode");

type NodeOutputs = OutputsOf<
  z.output<typeof NodeArgs> & z.output<typeof NodeReported>,
  "parentNodeId" | "createTime" | "updateTime"
>;

/** The resource's outputs, one per schema property (declaration merging gives the class these members). */
export interface OrganizationNode extends NodeOutputs {}

export class OrganizationNode extends pulumi.dynamic.Resource {
  constructor(name: string, args: OrganizationNodeArgs, opts?: pulumi.CustomResourceOptions) {
    const ownershipTag = ownershipTagInput("OrganizationNode", name);
    const properties = { ...unsetProperties(NodeArgs, NodeReported), ...args, ownershipTag };
    super(provider, name, properties, opts, "tencentcloud-organization", "OrganizationNode");
    // The engine leaves a dynamic resource's outputs unknown during the preview of an update, its id known: from the id,
    // the nodeId that members and child nodes take stays known, so a rename never previews them as changing.
    Object.defineProperty(this, "nodeId", { value: this.id.apply(Number), enumerable: true });
  }
}
