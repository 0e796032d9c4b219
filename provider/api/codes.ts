/**
 * API error codes that callers key on, per action. Each code is on the action's official list (the Go SDK's client.go
 * doc comments, tests/emulator/fixtures/official-error-codes.json) and the emulator answers it in the situation named
 * here (tests/emulator/official-error-codes.test.ts checks both).
 */
import type { ActionName } from "./actions";

/**
 * Codes meaning "the object this delete or update is about does not exist", per action.
 *
 * - DeleteOrganizationMembers documents no not-found code at all: a UIN that is not a member answers the generic
 *   `InvalidParameter`. A caller that treats it as "already gone" should send one UIN per call and, since
 *   InvalidParameter is also what a malformed request gets, confirm with a read (DescribeOrganizationMembers with
 *   SearchKey = the UIN) before concluding.
 * - DeleteOrganizationMemberAuthIdentity: the pair is not authorized (`MemberIdentityNotExist`, also for a member that
 *   is gone), or the identity itself no longer exists (`OrganizationIdentityNotExist`).
 * - MoveOrganizationNodeMembers names members outside the organization with `FailedOperation.SomeUinsNotInOrganization`.
 * - UpdateOrganizationMembersPolicy: only the policy is the object; `ResourceNotFound.OrganizationMemberNotExist` there
 *   means one of the listed members is gone, not the policy.
 * - DeleteOrganizationNodes documents no node-not-found code either: an unknown NodeId answers `InvalidParameter` (so
 *   does the root). As for members, delete one node per call and confirm with DescribeOrganizationNodes.
 * - UpdateOrganizationNode lists only `FailedOperation.OrganizationNodeNotExist` for an unknown node.
 * - Update/DeleteOrganizationIdentity: `ResourceNotFound.OrganizationIdentityNotExist`.
 */
export const GONE_CODES: Partial<Record<ActionName, readonly string[]>> = {
  DeleteOrganizationMembers: ["InvalidParameter"],
  DeleteOrganizationMembersPolicy: ["ResourceNotFound.MemberPolicyNotExist"],
  DeleteOrganizationMemberAuthIdentity: ["ResourceNotFound.MemberIdentityNotExist", "ResourceNotFound.OrganizationIdentityNotExist"],
  UpdateOrganizationMember: ["ResourceNotFound.MemberNotExist"],
  UpdateOrganizationMembersPolicy: ["ResourceNotFound.MemberPolicyNotExist"],
  MoveOrganizationNodeMembers: ["FailedOperation.SomeUinsNotInOrganization"],
  DeleteOrganizationNodes: ["InvalidParameter"],
  UpdateOrganizationNode: ["FailedOperation.OrganizationNodeNotExist"],
  DeleteOrganizationIdentity: ["ResourceNotFound.OrganizationIdentityNotExist"],
  UpdateOrganizationIdentity: ["ResourceNotFound.OrganizationIdentityNotExist"],
};

/**
 * Codes meaning "the name is already taken". Node names are unique in the whole organization (a rename can clash too);
 * identity alias names among all identities, preset ones included. CreateOrganizationMember documents two: the emulator
 * answers `OrganizationMemberNameUsed` ("成员名已存在", the member name exists); `MemberNameUsed` ("名字已经被使用", the
 * name is already used) is documented without saying which name, so a caller should accept both.
 */
export const NAME_TAKEN_CODES: Partial<Record<ActionName, readonly string[]>> = {
  CreateOrganizationMember: ["FailedOperation.OrganizationMemberNameUsed", "FailedOperation.MemberNameUsed"],
  CreateOrganizationMembersPolicy: ["FailedOperation.MemberPolicyNameExist"],
  AddOrganizationNode: ["FailedOperation.OrganizationNodeNameUsed"],
  UpdateOrganizationNode: ["FailedOperation.OrganizationNodeNameUsed"],
  CreateOrganizationIdentity: ["FailedOperation.OrganizationIdentityNameUsed"],
};

/**
 * Codes meaning "something still depends on this object", for the deletes that refuse: a department that still has
 * members (`NodeNotEmpty`) or child departments (`OrganizationNodeNotEmpty`), an identity still authorized for members,
 * an authorization still used by a member access policy. The message names what blocks the delete.
 */
export const IN_USE_CODES: Partial<Record<ActionName, readonly string[]>> = {
  DeleteOrganizationNodes: ["FailedOperation.NodeNotEmpty", "FailedOperation.OrganizationNodeNotEmpty"],
  DeleteOrganizationIdentity: ["FailedOperation.OrganizationIdentityInUsed"],
  DeleteOrganizationMemberAuthIdentity: ["FailedOperation.MemberIdentityAuthUsed"],
};
