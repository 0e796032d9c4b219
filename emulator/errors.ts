/**
 * The emulator's one error type: an API error code and a message, answered inside the TC3 envelope. Constructors per
 * code (moto's exceptions.py, as functions) keep codes and wording in one place; messages always name the offending
 * field, header or id so a test (or a user) can tell which input was refused.
 */

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const fail = (code: string, message: string): ApiError => new ApiError(code, message);

// Protocol and common errors.
export const missingParameter = (name: string): ApiError =>
  fail("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
export const invalidParameter = (message: string): ApiError => fail("InvalidParameter", message);
export const invalidParameterValue = (message: string): ApiError => fail("InvalidParameterValue", message);
export const invalidAction = (action: string): ApiError =>
  fail("InvalidAction", `The action \`${action}\` is not supported by the organization service (X-TC-Action).`);
export const noSuchVersion = (version: string, expected: string): ApiError =>
  fail("NoSuchVersion", `The API version \`${version}\` does not exist (X-TC-Version); use \`${expected}\`.`);
export const unsupportedProtocol = (message: string): ApiError => fail("UnsupportedProtocol", message);
export const requestSizeLimitExceeded = (limit: number): ApiError =>
  fail("RequestSizeLimitExceeded", `The request body exceeds the limit of ${limit} bytes.`);
export const requestLimitExceeded = (action: string, rate: number): ApiError =>
  fail("RequestLimitExceeded", `Too many requests to ${action}: the limit is ${rate} requests per second.`);
export const internalError = (message = "An internal error occurred."): ApiError => fail("InternalError", message);

// Authentication.
export const invalidAuthorization = (detail: string): ApiError =>
  fail("AuthFailure.InvalidAuthorization", `The Authorization header is malformed: ${detail}.`);
export const secretIdNotFound = (secretId: string): ApiError =>
  fail("AuthFailure.SecretIdNotFound", `The SecretId \`${secretId}\` in the Authorization header does not exist.`);
export const signatureExpire = (timestamp: number, serverSeconds: number): ApiError =>
  fail(
    "AuthFailure.SignatureExpire",
    `The signature expired: X-TC-Timestamp ${timestamp} is ${Math.abs(serverSeconds - timestamp)} s from server time ${serverSeconds} (limit 300 s).`,
  );
export const signatureFailure = (detail: string): ApiError =>
  fail("AuthFailure.SignatureFailure", `The request signature does not match: ${detail}.`);
export const tokenFailure = (detail: string): ApiError => fail("AuthFailure.TokenFailure", `X-TC-Token ${detail}.`);
/** CAM's answer to an action the key's policy does not allow (a common code every action may answer). */
export const unauthorizedOperation = (action: string): ApiError =>
  fail(
    "AuthFailure.UnauthorizedOperation",
    `You are not authorized to perform operation (organization:${action}): the key's CAM policy does not allow it (a read-only key).`,
  );

// Business errors. Each code is on the official list (tests/emulator/fixtures/official-error-codes.json) of every
// action that can answer it; tests/emulator/official-error-codes.test.ts checks that statically and by driving them.

// Organization and nodes.
export const organizationNodeNotExist = (nodeId: number): ApiError =>
  fail("ResourceNotFound.OrganizationNodeNotExist", `NodeId ${nodeId} does not exist in the organization.`);
/** UpdateOrganizationNode lists only the FailedOperation form of the node-not-found code. */
export const updatedNodeNotExist = (nodeId: number): ApiError =>
  fail("FailedOperation.OrganizationNodeNotExist", `NodeId ${nodeId} does not exist in the organization.`);
/** DeleteOrganizationNodes documents no node-not-found code: an unknown NodeId is an incorrect parameter. */
export const deletedNodeNotExist = (nodeId: number): ApiError =>
  fail("InvalidParameter", `NodeId ${nodeId} does not exist in the organization.`);
export const rootNodeNotDeletable = (nodeId: number): ApiError =>
  fail("InvalidParameter", `NodeId ${nodeId} is the root node of the organization; it cannot be deleted.`);
export const nodeNameUsed = (name: string, byNodeId: number): ApiError =>
  fail("FailedOperation.OrganizationNodeNameUsed", `Name \`${name}\` is already used by node ${byNodeId}.`);
export const nodeDepthExceedLimit = (parentNodeId: number, limit: number): ApiError =>
  fail(
    "LimitExceeded.NodeDepthExceedLimit",
    `ParentNodeId ${parentNodeId} is at the deepest level allowed; the organization has at most ${limit} levels of nodes.`,
  );
export const nodeExceedLimit = (limit: number): ApiError =>
  fail("LimitExceeded.NodeExceedLimit", `The organization already has ${limit} nodes besides the root, the most it may have.`);
export const nodeDeleteOverLimit = (count: number, limit: number): ApiError =>
  fail("FailedOperation.OrganizationNodeDeleteOverLimit", `NodeId lists ${count} nodes; at most ${limit} can be deleted per request.`);
export const nodeHasMembers = (nodeId: number, memberUins: readonly number[]): ApiError =>
  fail("FailedOperation.NodeNotEmpty", `NodeId ${nodeId} still has members (${memberUins.join(", ")}); move them out first.`);
export const nodeHasChildren = (nodeId: number, childIds: readonly number[]): ApiError =>
  fail("FailedOperation.OrganizationNodeNotEmpty", `NodeId ${nodeId} still has child nodes (${childIds.join(", ")}); delete them first.`);

// Members.
export const memberNotExist = (memberUin: number): ApiError =>
  fail("ResourceNotFound.MemberNotExist", `MemberUin ${memberUin} is not a member of the organization.`);
export const organizationMemberNotExist = (memberUin: number): ApiError =>
  fail("ResourceNotFound.OrganizationMemberNotExist", `MemberUin ${memberUin} is not a member of the organization.`);
/** DeleteOrganizationMembers documents no not-found code: an unknown UIN is an incorrect parameter. */
export const memberUinNotInOrganization = (memberUin: number): ApiError =>
  fail("InvalidParameter", `MemberUin ${memberUin} is not a member of the organization.`);
export const someUinsNotInOrganization = (memberUins: readonly number[]): ApiError =>
  fail("FailedOperation.SomeUinsNotInOrganization", `MemberUin ${memberUins.join(", ")} is not a member of the organization.`);
export const memberNameUsed = (name: string, byUin: number): ApiError =>
  fail("FailedOperation.OrganizationMemberNameUsed", `Name \`${name}\` is already used by member ${byUin}.`);
export const payUinIllegal = (detail: string): ApiError => fail("FailedOperation.PayUinIllegal", `PayUin ${detail}.`);
export const allowQuitIllegal = (memberUin: number, payUin: string): ApiError =>
  fail(
    "InvalidParameter.AllowQuitIllegal",
    `IsAllowQuit cannot be Allow for member ${memberUin}: it is paid for by ${payUin} (pay on behalf).`,
  );
export const changePermissionRecordExist = (memberUin: number, seconds: number): ApiError =>
  fail(
    "FailedOperation.ChangePermissionRecordExist",
    `A change of member ${memberUin}'s permissions to the same PermissionIds and PayUin was recorded ${seconds} s ago; it cannot be repeated yet.`,
  );
export const disableQuitSelfCreatedOrganization = (hostUin: number): ApiError =>
  fail(
    "FailedOperation.DisableQuitSelfCreatedOrganization",
    `MemberUin ${hostUin} is the management account that created the organization; it cannot be removed.`,
  );
export const memberIsDelegatePayerNotAllowDelete = (payerUin: number, paidUin: number): ApiError =>
  fail(
    "FailedOperation.MemberIsDelegatePayerNotAllowDelete",
    `MemberUin ${payerUin} pays on behalf of member ${paidUin}; change that member's PayUin before deleting it.`,
  );
export const memberExistDelegatePayerNotAllowDelete = (memberUin: number, payUin: string): ApiError =>
  fail(
    "FailedOperation.MemberExistDelegatePayerNotAllowDelete",
    `MemberUin ${memberUin} is paid for by ${payUin} (pay on behalf); withdraw permission 7 before deleting it.`,
  );

// Identities and member authorizations.
export const identityNotExist = (identityId: number): ApiError =>
  fail("ResourceNotFound.OrganizationIdentityNotExist", `IdentityId ${identityId} does not exist in the organization.`);
/** CreateOrganizationMember documents no identity code: an unknown IdentityRoleID is an incorrect parameter. */
export const identityRoleIdNotExist = (identityId: number): ApiError =>
  fail("InvalidParameter", `IdentityRoleID ${identityId} does not exist in the organization.`);
export const memberIdentityNotExist = (memberUin: number, identityId: number): ApiError =>
  fail(
    "ResourceNotFound.MemberIdentityNotExist",
    `MemberUin ${memberUin} is not authorized for IdentityId ${identityId}.`,
  );
export const identityNameUsed = (name: string, byIdentityId: number): ApiError =>
  fail("FailedOperation.OrganizationIdentityNameUsed", `IdentityAliasName \`${name}\` is already used by identity ${byIdentityId}.`);
export const identityExceedLimit = (limit: number): ApiError =>
  fail("LimitExceeded.IdentityExceedLimit", `The organization already has ${limit} custom identities, the most it may have.`);
/** Update/DeleteOrganizationIdentity document no code for a preset identity: naming one is an incorrect parameter. */
export const presetIdentityReadOnly = (identityId: number): ApiError =>
  fail("InvalidParameter", `IdentityId ${identityId} is a preset identity (IdentityType 1); it cannot be changed or deleted.`);
export const identityInUse = (identityId: number, memberUins: readonly number[]): ApiError =>
  fail(
    "FailedOperation.OrganizationIdentityInUsed",
    `IdentityId ${identityId} is authorized for members ${memberUins.join(", ")}; withdraw those authorizations first.`,
  );
export const presetPolicyNotExist = (index: number, policyId: number, policyName: string): ApiError =>
  fail(
    "ResourceNotFound.PolicyNotExist",
    `IdentityPolicy.${index}: no CAM preset policy has PolicyId ${policyId} and PolicyName \`${policyName}\`.`,
  );
export const memberIdentityAuthUsed = (memberUin: number, identityId: number, policyId: number): ApiError =>
  fail(
    "FailedOperation.MemberIdentityAuthUsed",
    `The authorization of IdentityId ${identityId} for MemberUin ${memberUin} is used by PolicyId ${policyId}.`,
  );

// Member access policies.
export const memberPolicyNameExist = (policyName: string, memberUin: number, policyId: number): ApiError =>
  fail(
    "FailedOperation.MemberPolicyNameExist",
    `PolicyName \`${policyName}\` already exists for MemberUin ${memberUin} (PolicyId ${policyId}).`,
  );
export const memberPolicyNotExist = (policyId: number): ApiError =>
  fail("ResourceNotFound.MemberPolicyNotExist", `PolicyId ${policyId} does not exist.`);
/** UpdateOrganizationMembersPolicy documents no name code: a name clash is a failure to operate the policy. */
export const operatePolicyNameClash = (policyName: string, memberUin: number, policyId: number): ApiError =>
  fail(
    "FailedOperation.OperatePolicy",
    `PolicyName \`${policyName}\` already exists for MemberUin ${memberUin} (PolicyId ${policyId}); the policy cannot be bound to that member.`,
  );
