/**
 * The emulator's state: plain JSON data (so it can be snapshotted, persisted and seeded with the same shape). A seed is
 * a state whose times and counters may be left out; `stateFromSeed` fills them. The schemas reuse the API's field
 * schemas (provider/api/fields.ts) so a seed cannot hold a value the API would refuse.
 */
import { z } from "zod";
import { PAY_ON_BEHALF_PERMISSION } from "../../provider/api/constants";
import {
  authorizationStatus,
  identityId,
  identityType,
  isAllowQuit,
  memberName,
  memberType,
  nodeId,
  payUin,
  permissionId,
  policyDescription,
  policyId,
  policyName,
  policyType,
  remark,
  tags,
  uin,
} from "../../provider/api/fields";
import { API_TIME_PATTERN } from "./time";

const time = z.string().regex(API_TIME_PATTERN, { error: "must be a time as YYYY-MM-DD HH:mm:ss" });
const times = { CreateTime: time.optional(), UpdateTime: time.optional() };

const OrganizationSeed = z.strictObject({
  OrgId: z.int().positive(),
  HostUin: uin,
  /** The management account's display name (PayName when the host pays for a member). */
  HostName: z.string().min(1),
  NickName: z.string(),
  RootNodeId: nodeId,
  CreateTime: time.optional(),
});

const NodeSeed = z.strictObject({
  NodeId: nodeId,
  Name: z.string().min(1),
  /** null for the root node only. */
  ParentNodeId: nodeId.nullable(),
  Remark: z.string().default(""),
  Tags: tags.default([]),
  ...times,
});

const MemberSeed = z.strictObject({
  MemberUin: uin,
  Name: memberName,
  MemberType: memberType,
  NodeId: nodeId,
  PolicyType: policyType.default("Financial"),
  PermissionIds: z.array(permissionId).min(1),
  IsAllowQuit: isAllowQuit,
  /** The member that pays on its behalf (or the host); only with permission 7. */
  PayUin: payUin.nullable().default(null),
  Remark: remark.default(""),
  NickName: z.string().nullable().default(null),
  Tags: tags.default([]),
  /**
   * The member's last permission change (an UpdateOrganizationMember that changed PermissionIds or PayUin), `At` in
   * milliseconds since the epoch: the same change sent again soon after answers ChangePermissionRecordExist.
   */
  PermissionChange: z
    .strictObject({ PermissionIds: z.array(permissionId), PayUin: payUin.nullable(), At: z.int().min(0) })
    .nullable()
    .default(null),
  ...times,
});

const IdentityPolicySeed = z.strictObject({
  PolicyId: z.int().nullable().default(null),
  PolicyName: z.string(),
  /** 1: custom policy, 2: preset policy (CAM's numbering). */
  PolicyType: z.union([z.literal(1), z.literal(2)]),
  PolicyDocument: z.string().nullable().default(null),
});

const IdentitySeed = z.strictObject({
  IdentityId: identityId,
  IdentityAliasName: z.string().min(1),
  IdentityRoleName: z.string().min(1),
  Description: z.string().default(""),
  IdentityType: identityType,
  IdentityPolicy: z.array(IdentityPolicySeed).default([]),
  ...times,
});

const AuthorizationSeed = z.strictObject({
  MemberUin: uin,
  IdentityId: identityId,
  Status: authorizationStatus.default(1),
  ...times,
});

const BindingSeed = z.strictObject({ MemberUin: uin, CreateTime: time.optional() });

const PolicySeed = z.strictObject({
  PolicyId: policyId,
  PolicyName: policyName,
  IdentityId: identityId,
  Description: policyDescription.default(""),
  /** The members the policy is bound to, one binding each. */
  Bindings: z.array(BindingSeed).min(1),
  ...times,
});

/** lastNodeId and lastIdentityId came later: a state file without them derives them from the records. */
const CountersSeed = z.strictObject({
  lastMemberUin: uin,
  lastPolicyId: z.int().min(0),
  lastNodeId: z.int().min(0).optional(),
  lastIdentityId: z.int().min(0).optional(),
});

const BehaviourSeed = z.strictObject({
  /** Listing lag (backend/lag.ts): created objects stay out of Describe/List answers until this many ms old. */
  listingLagMs: z.int().min(0, { error: "must be a whole number of milliseconds from 0" }).optional(),
});
export type SeedBehaviour = z.output<typeof BehaviourSeed>;

function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  return values.filter((value) => (seen.has(value) ? true : (seen.add(value), false)));
}

/** Rules across records: ids unique, every reference resolves, and the API's invariants already hold. */
function checkReferences(seed: z.output<typeof SeedShape>, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const nodeIds = new Set(seed.nodes.map((n) => n.NodeId));
  const memberUins = new Set(seed.members.map((m) => m.MemberUin));
  const identityIds = new Set(seed.identities.map((i) => i.IdentityId));
  const authorized = new Set(seed.authorizations.map((a) => `${a.MemberUin}/${a.IdentityId}`));

  for (const id of duplicates(seed.nodes.map((n) => n.NodeId))) issue(["nodes"], `NodeId ${id} appears twice`);
  for (const id of duplicates(seed.members.map((m) => m.MemberUin))) issue(["members"], `MemberUin ${id} appears twice`);
  for (const name of duplicates(seed.members.map((m) => m.Name))) issue(["members"], `member Name ${name} appears twice`);
  for (const id of duplicates(seed.identities.map((i) => i.IdentityId)))
    issue(["identities"], `IdentityId ${id} appears twice`);
  for (const pair of duplicates(seed.authorizations.map((a) => `${a.MemberUin}/${a.IdentityId}`)))
    issue(["authorizations"], `authorization ${pair} appears twice`);
  for (const id of duplicates(seed.policies.map((p) => p.PolicyId))) issue(["policies"], `PolicyId ${id} appears twice`);

  if (memberUins.has(seed.organization.HostUin)) issue(["members"], "the HostUin must not be listed as a member");
  const root = seed.nodes.find((n) => n.NodeId === seed.organization.RootNodeId);
  if (!root || root.ParentNodeId !== null)
    issue(["nodes"], `RootNodeId ${seed.organization.RootNodeId} must be a node with ParentNodeId null`);
  seed.nodes.forEach((node, i) => {
    if (node.NodeId !== seed.organization.RootNodeId && (node.ParentNodeId === null || !nodeIds.has(node.ParentNodeId)))
      issue(["nodes", i, "ParentNodeId"], `node ${node.NodeId} needs an existing ParentNodeId`);
  });
  const parentOf = new Map(seed.nodes.map((n) => [n.NodeId, n.ParentNodeId]));
  seed.nodes.forEach((node, i) => {
    // Walking up must reach the root within as many steps as there are nodes; otherwise the parents form a cycle.
    let at: number | null | undefined = node.NodeId;
    for (let steps = 0; at !== undefined && at !== null && at !== seed.organization.RootNodeId && steps <= seed.nodes.length; steps++)
      at = parentOf.get(at);
    if (at !== seed.organization.RootNodeId && at !== undefined && at !== null)
      issue(["nodes", i, "ParentNodeId"], `node ${node.NodeId} is in a cycle of parents that never reaches the root`);
  });
  seed.members.forEach((member, i) => {
    if (!nodeIds.has(member.NodeId)) issue(["members", i, "NodeId"], `NodeId ${member.NodeId} is not a node`);
    const pays = member.PermissionIds.includes(PAY_ON_BEHALF_PERMISSION);
    if (pays !== (member.PayUin !== null))
      issue(["members", i, "PayUin"], `PayUin is set exactly when permission ${PAY_ON_BEHALF_PERMISSION} is granted`);
    if (member.PayUin !== null) {
      const payer = Number(member.PayUin);
      if (payer === member.MemberUin || (!memberUins.has(payer) && payer !== seed.organization.HostUin))
        issue(["members", i, "PayUin"], `PayUin ${member.PayUin} must be another member or the host`);
      if (member.IsAllowQuit === "Allow") issue(["members", i, "IsAllowQuit"], "a paid-for member cannot be Allow");
    }
  });
  seed.authorizations.forEach((auth, i) => {
    if (!memberUins.has(auth.MemberUin)) issue(["authorizations", i], `MemberUin ${auth.MemberUin} is not a member`);
    if (!identityIds.has(auth.IdentityId)) issue(["authorizations", i], `IdentityId ${auth.IdentityId} is unknown`);
  });
  seed.policies.forEach((policy, i) => {
    if (!identityIds.has(policy.IdentityId)) issue(["policies", i], `IdentityId ${policy.IdentityId} is unknown`);
    for (const { MemberUin } of policy.Bindings) {
      if (!memberUins.has(MemberUin)) issue(["policies", i], `MemberUin ${MemberUin} is not a member`);
      else if (!authorized.has(`${MemberUin}/${policy.IdentityId}`))
        issue(["policies", i], `MemberUin ${MemberUin} is not authorized for IdentityId ${policy.IdentityId}`);
    }
  });
  if (seed.counters) {
    const uins = [seed.organization.HostUin, ...memberUins];
    if (uins.some((u) => u > seed.counters!.lastMemberUin)) issue(["counters", "lastMemberUin"], "is below a UIN in use");
    if (seed.policies.some((p) => p.PolicyId > seed.counters!.lastPolicyId))
      issue(["counters", "lastPolicyId"], "is below a PolicyId in use");
    const { lastNodeId, lastIdentityId } = seed.counters;
    if (lastNodeId !== undefined && seed.nodes.some((n) => n.NodeId > lastNodeId))
      issue(["counters", "lastNodeId"], "is below a NodeId in use");
    if (lastIdentityId !== undefined && seed.identities.some((i) => i.IdentityId > lastIdentityId))
      issue(["counters", "lastIdentityId"], "is below an IdentityId in use");
  }
}

const SeedShape = z.strictObject({
  organization: OrganizationSeed,
  nodes: z.array(NodeSeed).min(1),
  members: z.array(MemberSeed).default([]),
  identities: z.array(IdentitySeed).default([]),
  authorizations: z.array(AuthorizationSeed).default([]),
  policies: z.array(PolicySeed).default([]),
  /** High-water marks for generated ids; derived from the records when absent. */
  counters: CountersSeed.optional(),
  /**
   * How the emulated cloud behaves, as opposed to what it holds: not part of the state, so a persisted state never
   * carries it. A start option of the same name wins over it.
   */
  behaviour: BehaviourSeed.optional(),
});

/** A seed file, and a persisted state, have this shape. */
export const SeedSchema = SeedShape.superRefine(checkReferences);
export type Seed = z.input<typeof SeedSchema>;

type Timed<T> = Omit<T, "CreateTime" | "UpdateTime"> & { CreateTime: string; UpdateTime: string };
type Parsed = z.output<typeof SeedShape>;

export type NodeRecord = Timed<Parsed["nodes"][number]>;
export type MemberRecord = Timed<Parsed["members"][number]>;
export type IdentityRecord = Timed<Parsed["identities"][number]>;
export type AuthorizationRecord = Timed<Parsed["authorizations"][number]>;
export type BindingRecord = { MemberUin: number; CreateTime: string };
export type PolicyRecord = Timed<Omit<Parsed["policies"][number], "Bindings">> & { Bindings: BindingRecord[] };
export type OrganizationRecord = Omit<Parsed["organization"], "CreateTime"> & { CreateTime: string };

export interface State {
  organization: OrganizationRecord;
  nodes: NodeRecord[];
  members: MemberRecord[];
  identities: IdentityRecord[];
  authorizations: AuthorizationRecord[];
  policies: PolicyRecord[];
  counters: { lastMemberUin: number; lastPolicyId: number; lastNodeId: number; lastIdentityId: number };
}

/** Validates a seed (or a persisted state); throws with every problem listed. */
export function parseSeed(input: unknown, source = "seed"): Parsed {
  const result = SeedSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new Error(`Invalid ${source}:\n  ${problems.join("\n  ")}`);
}

/** A full state from a seed: missing times become `now`, missing counters the highest ids in use. */
export function stateFromSeed(input: unknown, now: string, source?: string): State {
  return loadSeed(input, now, source).state;
}

/** A seed's state, and the behaviour it asks of the emulator (empty when it names none). */
export function loadSeed(input: unknown, now: string, source?: string): { state: State; behaviour: SeedBehaviour } {
  const seed = parseSeed(input, source);
  return { state: stateOf(seed, now), behaviour: seed.behaviour ?? {} };
}

function stateOf(seed: Parsed, now: string): State {
  const timed = <T extends { CreateTime?: string | undefined; UpdateTime?: string | undefined }>(record: T) => ({
    ...record,
    CreateTime: record.CreateTime ?? now,
    UpdateTime: record.UpdateTime ?? record.CreateTime ?? now,
  });
  const highest = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);
  return {
    organization: { ...seed.organization, CreateTime: seed.organization.CreateTime ?? now },
    nodes: seed.nodes.map(timed),
    members: seed.members.map(timed),
    identities: seed.identities.map(timed),
    authorizations: seed.authorizations.map(timed),
    policies: seed.policies.map((p) => {
      const policy = timed(p);
      return { ...policy, Bindings: p.Bindings.map((b) => ({ MemberUin: b.MemberUin, CreateTime: b.CreateTime ?? policy.CreateTime })) };
    }),
    counters: {
      lastMemberUin: seed.counters?.lastMemberUin ?? highest([seed.organization.HostUin, ...seed.members.map((m) => m.MemberUin)]),
      lastPolicyId: seed.counters?.lastPolicyId ?? highest(seed.policies.map((p) => p.PolicyId)),
      lastNodeId: seed.counters?.lastNodeId ?? highest(seed.nodes.map((n) => n.NodeId)),
      lastIdentityId: seed.counters?.lastIdentityId ?? highest(seed.identities.map((i) => i.IdentityId)),
    },
  };
}
