/**
 * A generated organization of any size, for benches and tests at scale: members spread over departments, identities,
 * and authorizations that avoid the first `freeIdentities` identities (left for a stack to authorize).
 */
import type { Seed } from "./backend/state";

export interface GeneratedOrganization {
  members: number;
  departments: number;
  identities: number;
  /** Pairs authorized in the seed: member i gets identities freeIdentities+1, +2, ... in turn. */
  authorizations: number;
  /** Identities 1..freeIdentities get no authorization in the seed. Default 5. */
  freeIdentities?: number;
}

export const GENERATED_ROOT_NODE = 300001;
export const generatedMemberUin = (index: number): number => 200000000001 + index;
export const generatedDepartment = (index: number): number => GENERATED_ROOT_NODE + 1 + index;

export function generateOrganization(spec: GeneratedOrganization): Seed {
  const free = spec.freeIdentities ?? 5;
  const authorizable = spec.identities - free;
  if (spec.authorizations > spec.members * authorizable) {
    throw new RangeError(`${spec.authorizations} authorizations do not fit ${spec.members} members x ${authorizable} identities`);
  }
  return {
    organization: { OrgId: 46001, HostUin: 200000000000, HostName: "org-admin", NickName: "Generated Org", RootNodeId: GENERATED_ROOT_NODE },
    nodes: [
      { NodeId: GENERATED_ROOT_NODE, Name: "Root", ParentNodeId: null },
      ...Array.from({ length: spec.departments }, (_, i) => ({
        NodeId: generatedDepartment(i),
        Name: `dept-${i + 1}`,
        ParentNodeId: GENERATED_ROOT_NODE,
      })),
    ],
    members: Array.from({ length: spec.members }, (_, i) => ({
      MemberUin: generatedMemberUin(i),
      Name: `member-${i + 1}`,
      MemberType: i % 2 === 0 ? ("Invite" as const) : ("Create" as const),
      NodeId: spec.departments === 0 ? GENERATED_ROOT_NODE : generatedDepartment(i % spec.departments),
      PermissionIds: [1, 2],
      IsAllowQuit: "Allow" as const,
      Remark: `generated member ${i + 1}`,
    })),
    identities: Array.from({ length: spec.identities }, (_, i) => ({
      IdentityId: i + 1,
      IdentityAliasName: `identity-${i + 1}`,
      IdentityRoleName: `GeneratedRole${i + 1}`,
      IdentityType: 2 as const,
    })),
    authorizations: Array.from({ length: spec.authorizations }, (_, k) => ({
      MemberUin: generatedMemberUin(k % spec.members),
      IdentityId: free + 1 + Math.floor(k / spec.members),
    })),
  };
}
