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
 */
export const GONE_CODES: Partial<Record<ActionName, readonly string[]>> = {
  DeleteOrganizationMembers: ["InvalidParameter"],
  DeleteOrganizationMembersPolicy: ["ResourceNotFound.MemberPolicyNotExist"],
  DeleteOrganizationMemberAuthIdentity: ["ResourceNotFound.MemberIdentityNotExist", "ResourceNotFound.OrganizationIdentityNotExist"],
  UpdateOrganizationMember: ["ResourceNotFound.MemberNotExist"],
  UpdateOrganizationMembersPolicy: ["ResourceNotFound.MemberPolicyNotExist"],
  MoveOrganizationNodeMembers: ["FailedOperation.SomeUinsNotInOrganization"],
};

/**
 * Codes meaning "the name is already taken", for the two creates. CreateOrganizationMember documents two: the emulator
 * answers `OrganizationMemberNameUsed` ("成员名已存在", the member name exists); `MemberNameUsed` ("名字已经被使用", the
 * name is already used) is documented without saying which name, so a caller should accept both.
 */
export const NAME_TAKEN_CODES: Partial<Record<ActionName, readonly string[]>> = {
  CreateOrganizationMember: ["FailedOperation.OrganizationMemberNameUsed", "FailedOperation.MemberNameUsed"],
  CreateOrganizationMembersPolicy: ["FailedOperation.MemberPolicyNameExist"],
};
