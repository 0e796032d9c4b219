/**
 * A generated organization of a given size, for tests and benchmarks at scale: a valid Seed (SeedSchema) built
 * deterministically from a seed number, with stable, readable names (`dept-07`, `member-0042`, `identity-03`,
 * `policy-007`). Departments form a tree of at most MAX_NODE_LEVELS levels, some nested; authorizations are distinct
 * (member, identity) pairs spread over the members; each policy binds 1 to MAX_POLICY_MEMBERS members to an identity
 * all of them hold. The ids follow a fixed scheme (below) so a test can name what it needs without reading the seed.
 */
import { MAX_POLICY_MEMBERS } from "../provider/api/constants";
import { PRESET_POLICIES } from "./backend/cam";
import { MAX_NODE_LEVELS } from "./backend/nodes";
import type { Seed } from "./backend/state";

export interface GenerateOptions {
  members: number;
  departments: number;
  identities: number;
  /** Distinct (member, identity) pairs; at most members × (identities − freeIdentities). */
  authorizations: number;
  policies: number;
  /** The seed number: the same options give the same organization. Default 1. */
  seed?: number;
  /** Identities 1..freeIdentities get no authorization (left for a test to authorize). Default 0. */
  freeIdentities?: number;
}

export const GENERATED_ORG_ID = 46001;
export const GENERATED_HOST_UIN = 200000000000;
export const GENERATED_ROOT_NODE = 300001;
/** Index 0 is `member-0001`. */
export const generatedMemberUin = (index: number): number => GENERATED_HOST_UIN + 1 + index;
/** Index 0 is `dept-01`. */
export const generatedDepartment = (index: number): number => GENERATED_ROOT_NODE + 1 + index;
/** Index 0 is `identity-01`; identities 1 and 2 are preset (IdentityType 1), the others custom. */
export const generatedIdentity = (index: number): number => index + 1;
/** Index 0 is `policy-001`. */
export const generatedPolicy = (index: number): number => index + 1;

const CREATED_AT = "2024-01-01 09:00:00";
const PRESET_IDENTITIES = [
  { alias: "admin", role: "OrganizationAccessControlRole", policyId: 1 },
  { alias: "readonly", role: "OrganizationReadOnlyAccessRole", policyId: 2 },
] as const;
/** Preset policies a custom identity may carry (the emulator's CAM catalog without the administrator's). */
const CUSTOM_POLICY_CHOICES = [...PRESET_POLICIES].filter(([id]) => id !== 1);
const SERVICES = ["cvm", "cos", "cls", "vpc", "clb", "cdb", "tke", "monitor"];

/** mulberry32: a small, fast, well-spread 32-bit generator; enough for test data (the tests' generators use it too). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, count: number, min: number) => String(n).padStart(Math.max(min, String(count).length), "0");

export function generateSeed(options: GenerateOptions): Seed {
  const { members, departments, identities, authorizations, policies } = options;
  const free = options.freeIdentities ?? 0;
  for (const [name, value] of Object.entries({ members, departments, identities, authorizations, policies, free }))
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number, not ${value}`);
  const authorizable = Math.max(0, identities - free);
  if (authorizations > members * authorizable)
    throw new RangeError(`${authorizations} authorizations do not fit ${members} members × ${authorizable} authorizable identities`);
  if (policies > 0 && authorizations === 0) throw new RangeError("policies need authorizations to bind members to");
  const rng = mulberry32(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

  // Departments: the first few under the root, later ones under the root or a department above the deepest level.
  const levels = new Map<number, number>([[GENERATED_ROOT_NODE, 1]]);
  const nodes: NonNullable<Seed["nodes"]> = [{ NodeId: GENERATED_ROOT_NODE, Name: "Root", ParentNodeId: null, CreateTime: CREATED_AT }];
  for (let i = 0; i < departments; i++) {
    const nodeId = generatedDepartment(i);
    const parents = nodes.filter((n) => levels.get(n.NodeId)! < MAX_NODE_LEVELS).map((n) => n.NodeId);
    const parent = i < 3 || rng() < 0.3 ? GENERATED_ROOT_NODE : pick(parents);
    levels.set(nodeId, levels.get(parent)! + 1);
    nodes.push({ NodeId: nodeId, Name: `dept-${pad(i + 1, departments, 2)}`, ParentNodeId: parent, CreateTime: CREATED_AT });
  }
  const nodeIds = nodes.map((n) => n.NodeId);

  const memberList = Array.from({ length: members }, (_, i) => ({
    MemberUin: generatedMemberUin(i),
    Name: `member-${pad(i + 1, members, 4)}`,
    MemberType: rng() < 0.5 ? ("Invite" as const) : ("Create" as const),
    NodeId: pick(nodeIds),
    PermissionIds: rng() < 0.3 ? [1, 2, 8] : [1, 2],
    IsAllowQuit: rng() < 0.5 ? ("Allow" as const) : ("Denied" as const),
    Remark: `generated member ${i + 1}`,
    CreateTime: CREATED_AT,
  }));

  const identityList = Array.from({ length: identities }, (_, i) => {
    const IdentityId = generatedIdentity(i);
    const alias = `identity-${pad(i + 1, identities, 2)}`;
    const preset = PRESET_IDENTITIES[i];
    if (preset) {
      const PolicyName = PRESET_POLICIES.get(preset.policyId)!;
      return {
        IdentityId,
        IdentityAliasName: alias,
        IdentityRoleName: preset.role,
        Description: PolicyName,
        IdentityType: 1 as const,
        IdentityPolicy: [{ PolicyId: preset.policyId, PolicyName, PolicyType: 2 as const }],
        CreateTime: CREATED_AT,
      };
    }
    const [presetId, presetName] = pick(CUSTOM_POLICY_CHOICES);
    const service = pick(SERVICES);
    return {
      IdentityId,
      IdentityAliasName: alias,
      IdentityRoleName: `OrganizationIdentityRole-${IdentityId}`,
      Description: `generated: ${presetName} and ${service}:*`,
      IdentityType: 2 as const,
      IdentityPolicy: [
        { PolicyId: presetId, PolicyName: presetName, PolicyType: 2 as const },
        {
          PolicyName: `${alias}-${service}`,
          PolicyType: 1 as const,
          PolicyDocument: JSON.stringify({ version: "2.0", statement: [{ effect: "allow", action: [`${service}:*`], resource: ["*"] }] }),
        },
      ],
      CreateTime: CREATED_AT,
    };
  });

  // Authorizations: a random choice of distinct pairs (a partial Fisher-Yates shuffle of all pair numbers).
  const pairs = Array.from({ length: members * authorizable }, (_, k) => k);
  for (let k = 0; k < authorizations; k++) {
    const j = k + Math.floor(rng() * (pairs.length - k));
    [pairs[k], pairs[j]] = [pairs[j]!, pairs[k]!];
  }
  const authorizationList = pairs
    .slice(0, authorizations)
    .map((k) => ({ MemberUin: generatedMemberUin(k % members), IdentityId: generatedIdentity(free + Math.floor(k / members)) }))
    .sort((a, b) => a.MemberUin - b.MemberUin || a.IdentityId - b.IdentityId)
    .map((pair) => ({ ...pair, CreateTime: CREATED_AT }));

  // Policies: an identity someone holds, and 1..MAX_POLICY_MEMBERS distinct holders of it.
  const holders = new Map<number, number[]>();
  for (const { MemberUin, IdentityId } of authorizationList) {
    const list = holders.get(IdentityId) ?? [];
    list.push(MemberUin);
    holders.set(IdentityId, list);
  }
  const held = [...holders.keys()];
  const policyList = Array.from({ length: policies }, (_, i) => {
    const IdentityId = pick(held);
    const candidates = [...holders.get(IdentityId)!];
    const size = Math.min(candidates.length, 1 + Math.floor(rng() * MAX_POLICY_MEMBERS));
    const bound: number[] = [];
    for (let k = 0; k < size; k++) bound.push(candidates.splice(Math.floor(rng() * candidates.length), 1)[0]!);
    return {
      PolicyId: generatedPolicy(i),
      PolicyName: `policy-${pad(i + 1, policies, 3)}`,
      IdentityId,
      Description: `generated policy ${i + 1}`,
      Bindings: bound.sort((a, b) => a - b).map((MemberUin) => ({ MemberUin })),
      CreateTime: CREATED_AT,
    };
  });

  return {
    organization: {
      OrgId: GENERATED_ORG_ID,
      HostUin: GENERATED_HOST_UIN,
      HostName: "org-admin",
      NickName: "Generated Org",
      RootNodeId: GENERATED_ROOT_NODE,
      CreateTime: CREATED_AT,
    },
    nodes,
    members: memberList,
    identities: identityList,
    authorizations: authorizationList,
    policies: policyList,
  };
}
