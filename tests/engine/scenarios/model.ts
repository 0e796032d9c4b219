/**
 * The generated scenarios' model: a program of at most one resource of each kind (a "slot" each), drawn as choices
 * and rendered into the `declared` program's resources. Rendering resolves every cross-resource rule itself (a policy
 * binds only members that its authorizations give its identity; a reference to an absent slot falls back to a seeded
 * object or is left out), so every drawn program is one `check` accepts, and a switch between two of them exercises
 * in-place updates, replacements and the switch between adopting and creating.
 *
 * Names carry every property that replaces (a node's parent and tags, an identity's alias, a member's account, a
 * policy's name), so a replacement always comes with the new name the README asks for.
 *
 * Limitations, on purpose: one resource per kind, the default seed only; no `exclusive` authorizations (they own
 * pre-existing pairs by design, which I1 forbids); an adopted member only moves between seeded departments (a created
 * department holding an adopted member cannot be destroyed, a documented refusal).
 */
import fc from "fast-check";
import { SEED_IDS } from "../../../emulator";
import type { ResourceSpec } from "../harness";

export const IDS = {
  root: SEED_IDS.rootNodeId,
  engineering: SEED_IDS.departmentNodeId,
  platform: SEED_IDS.platformNodeId,
  /** Finance: the department the node slot adopts; no members. */
  finance: SEED_IDS.financeNodeId,
  alice: SEED_IDS.invitedUin,
  /** bob: the member the member slot adopts. */
  bob: SEED_IDS.createdUin,
  carol: SEED_IDS.paidUin,
  admin: SEED_IDS.adminIdentityId,
  readonly: SEED_IDS.readonlyIdentityId,
  financeIdentity: SEED_IDS.financeIdentityId,
  devops: SEED_IDS.customIdentityId,
  /** network-ops: the identity the identity slot adopts. */
  networkOps: SEED_IDS.networkIdentityId,
  /** alice-admin (identity admin, member alice): the policy the policy slot adopts. */
  policy: SEED_IDS.policyId,
} as const;

const REMARKS = ["r1", "r2"] as const;
type Remark = (typeof REMARKS)[number];
const VERSIONS = [0, 1, 2] as const;
type Version = (typeof VERSIONS)[number];

export type NodeSlot =
  | { mode: "create"; version: Version; underEngineering: boolean; tagged: boolean; remark?: Remark }
  | { mode: "adopt"; rename?: Version; remark?: Remark };

const DOCUMENTS = ["cvm:Describe*", "cos:Get*"] as const;
type IdentityPolicyChoice = (typeof DOCUMENTS)[number] | "preset";

export type IdentitySlot =
  | { mode: "create"; version: Version; description?: Remark; policy: IdentityPolicyChoice }
  | { mode: "adopt"; description?: Remark; policy?: IdentityPolicyChoice };

/** Where a member sits: the node slot's department, or a seeded one. */
type MemberPlace = "node-slot" | "engineering" | "root" | "platform";

export type MemberSlot =
  | { mode: "create"; version: Version; place: MemberPlace; billing: boolean; remark?: Remark }
  | { mode: "adopt"; remark?: Remark; place?: Exclude<MemberPlace, "node-slot"> };

/** Members and identities a MemberAuthIdentity may declare; "member-slot" and "identity-slot" are the slots' outputs. */
const AUTH_MEMBERS = ["alice", "carol", "member-slot"] as const;
const AUTH_IDENTITIES = ["readonly", "financeIdentity", "devops", "identity-slot"] as const;
export type AuthMember = (typeof AUTH_MEMBERS)[number];
export type AuthIdentity = (typeof AUTH_IDENTITIES)[number];
export interface AuthSlot {
  members: AuthMember[];
  identities: AuthIdentity[];
}

export type PolicySlot =
  /** `identity` and `members` pick, by position, among what the authorizations declare. */
  | { mode: "create"; version: Version; identity: number; members: boolean[]; description?: Remark }
  | { mode: "adopt"; withBob: boolean; description?: Remark };

export interface Program {
  node?: NodeSlot;
  identity?: IdentitySlot;
  member?: MemberSlot;
  auth?: AuthSlot;
  policy?: PolicySlot;
}
export type SlotName = keyof Program;
export const SLOTS: readonly SlotName[] = ["node", "identity", "member", "auth", "policy"];

/** The resource name each slot renders to. */
export const RESOURCE_NAME: Record<SlotName, string> = { node: "dept", identity: "ident", member: "member", auth: "access", policy: "pol" };

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries: one per slot, `undefined` (the slot removed) included.

const remark = fc.option(fc.constantFrom(...REMARKS), { nil: undefined });
const version = fc.constantFrom(...VERSIONS);
const policyChoice = fc.constantFrom<IdentityPolicyChoice>(...DOCUMENTS, "preset");
const absent = fc.constant(undefined);

/** Optional properties as fast-check draws them: a key whose value is undefined is left out. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const slotArbitraries: { [K in SlotName]: fc.Arbitrary<Program[K]> } = {
  node: fc.oneof(
    absent,
    fc.record({ mode: fc.constant("create" as const), version, underEngineering: fc.boolean(), tagged: fc.boolean(), remark }).map(compact),
    fc.record({ mode: fc.constant("adopt" as const), rename: fc.option(version, { nil: undefined }), remark }).map(compact),
  ),
  identity: fc.oneof(
    absent,
    fc.record({ mode: fc.constant("create" as const), version, description: remark, policy: policyChoice }).map(compact),
    fc.record({ mode: fc.constant("adopt" as const), description: remark, policy: fc.option(policyChoice, { nil: undefined }) }).map(compact),
  ),
  member: fc.oneof(
    absent,
    fc
      .record({
        mode: fc.constant("create" as const),
        version,
        place: fc.constantFrom<MemberPlace>("node-slot", "engineering", "root", "platform"),
        billing: fc.boolean(),
        remark,
      })
      .map(compact),
    fc
      .record({
        mode: fc.constant("adopt" as const),
        remark,
        place: fc.option(fc.constantFrom("engineering" as const, "root" as const, "platform" as const), { nil: undefined }),
      })
      .map(compact),
  ),
  auth: fc.oneof(
    absent,
    fc.record({
      members: fc.subarray([...AUTH_MEMBERS], { minLength: 1 }),
      identities: fc.subarray([...AUTH_IDENTITIES], { minLength: 1 }),
    }),
  ),
  policy: fc.oneof(
    absent,
    fc
      .record({
        mode: fc.constant("create" as const),
        version,
        identity: fc.nat(3),
        members: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        description: remark,
      })
      .map(compact),
    fc.record({ mode: fc.constant("adopt" as const), withBob: fc.boolean(), description: remark }).map(compact),
  ),
};

/** A whole program: every slot drawn. */
export const programArbitrary: fc.Arbitrary<Program> = fc.record(slotArbitraries).map(compact);

// ---------------------------------------------------------------------------------------------------------------
// Rendering.

/** A value of the `declared` program: a literal, or another resource's output. */
type Value = number | { $ref: string };
const ref = (slot: SlotName, property: string): Value => ({ $ref: `${RESOURCE_NAME[slot]}.${property}` });
const document = (action: string) => JSON.stringify({ version: "2.0", statement: [{ effect: "allow", action: [action], resource: ["*"] }] });
const identityPolicy = (choice: IdentityPolicyChoice) =>
  choice === "preset" ? { policyId: 106, policyName: "QcloudCamReadOnlyAccess" } : { policyDocument: document(choice) };

/** The names a created object of each slot takes; they encode every property that replaces it. */
export const createdNames = {
  node: (slot: Extract<NodeSlot, { mode: "create" }>) => `sc-d${slot.underEngineering ? "e" : "r"}${slot.tagged ? "t" : ""}-${slot.version}`,
  identity: (slot: Extract<IdentitySlot, { mode: "create" }>) => `sc-i-${slot.version}`,
  member: (slot: Extract<MemberSlot, { mode: "create" }>) => `sc-m-${slot.version}`,
  policy: (slot: Extract<PolicySlot, { mode: "create" }>) => `sc-p-${slot.version}`,
};
/** An adopted department's new name, when the program renames it. */
export const adoptedNodeName = (rename: Version) => `Finance-${rename}`;

function renderNode(slot: NodeSlot): ResourceSpec {
  const args =
    slot.mode === "create"
      ? { name: createdNames.node(slot), parentNodeId: slot.underEngineering ? IDS.engineering : undefined, remark: slot.remark, tags: slot.tagged ? { team: "scenarios" } : undefined }
      : { nodeId: IDS.finance, name: slot.rename === undefined ? undefined : adoptedNodeName(slot.rename), remark: slot.remark };
  return { kind: "OrganizationNode", name: RESOURCE_NAME.node, args: compact(args) };
}

function renderIdentity(slot: IdentitySlot): ResourceSpec {
  const args =
    slot.mode === "create"
      ? { aliasName: createdNames.identity(slot), description: slot.description, policies: [identityPolicy(slot.policy)] }
      : { identityId: IDS.networkOps, aliasName: "network-ops", description: slot.description, policies: slot.policy === undefined ? undefined : [identityPolicy(slot.policy)] };
  return { kind: "OrganizationIdentity", name: RESOURCE_NAME.identity, args: compact(args) };
}

const SEEDED_PLACES = { engineering: IDS.engineering, root: IDS.root, platform: IDS.platform } as const;

function renderMember(slot: MemberSlot, program: Program): ResourceSpec {
  const args =
    slot.mode === "create"
      ? {
          name: createdNames.member(slot),
          accountName: createdNames.member(slot),
          nodeId: slot.place === "node-slot" ? (program.node ? ref("node", "nodeId") : IDS.engineering) : SEEDED_PLACES[slot.place],
          permissionIds: slot.billing ? [1, 2, 8] : [1, 2],
          remark: slot.remark,
        }
      : { memberUin: IDS.bob, remark: slot.remark, nodeId: slot.place === undefined ? undefined : SEEDED_PLACES[slot.place] };
  return { kind: "OrganizationMember", name: RESOURCE_NAME.member, args: compact(args) };
}

/** The authorizations' members and identities as the program's values, with absent slots left out. */
function authValues(program: Program): { members: Value[]; identities: Value[] } | undefined {
  const auth = program.auth;
  if (!auth) return undefined;
  const members = auth.members.flatMap((m): Value[] => (m === "member-slot" ? (program.member ? [ref("member", "memberUin")] : []) : [IDS[m]]));
  const identities = auth.identities.flatMap((i): Value[] => (i === "identity-slot" ? (program.identity ? [ref("identity", "identityId")] : []) : [IDS[i]]));
  return members.length > 0 && identities.length > 0 ? { members, identities } : undefined;
}

function renderPolicy(slot: PolicySlot, program: Program): ResourceSpec | undefined {
  if (slot.mode === "adopt") {
    const args = { policyId: IDS.policy, policyName: "alice-admin", identityId: IDS.admin, memberUins: slot.withBob ? [IDS.alice, IDS.bob] : [IDS.alice], description: slot.description };
    return { kind: "MemberAccessPolicy", name: RESOURCE_NAME.policy, args: compact(args) };
  }
  const auth = authValues(program);
  if (!auth) return undefined;
  const members = auth.members.filter((_, i) => slot.members[i]);
  const args = {
    policyName: createdNames.policy(slot),
    identityId: auth.identities[slot.identity % auth.identities.length],
    memberUins: members.length > 0 ? members : [auth.members[0]],
    description: slot.description,
  };
  return { kind: "MemberAccessPolicy", name: RESOURCE_NAME.policy, args: compact(args), dependsOn: [RESOURCE_NAME.auth] };
}

/** The `declared` program's resources for a program, in dependency order. */
export function render(program: Program): ResourceSpec[] {
  const auth = authValues(program);
  return [
    program.node && renderNode(program.node),
    program.identity && renderIdentity(program.identity),
    program.member && renderMember(program.member, program),
    auth && { kind: "MemberAuthIdentity" as const, name: RESOURCE_NAME.auth, args: { memberUins: auth.members, identityIds: auth.identities } },
    program.policy && renderPolicy(program.policy, program),
  ].filter((spec): spec is ResourceSpec => spec !== undefined);
}

/** Whether the program sets a property of the object a slot renders to (an outside change to it is then undone). */
export function sets(program: Program, slot: SlotName, property: string): boolean {
  const spec = render(program).find((s) => s.name === RESOURCE_NAME[slot]);
  return spec !== undefined && spec.args[property] !== undefined;
}

/** A short, readable line for a program (the soak's shrunk steps). */
export function describeProgram(program: Program): string {
  return SLOTS.map((slot) => `${slot}=${program[slot] === undefined ? "-" : JSON.stringify(program[slot]).replace(/"/g, "")}`).join(" ");
}
