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

// Organization and nodes.
export const nodeNotExist = (nodeId: number): ApiError =>
  fail("ResourceNotFound.NodeNotExist", `NodeId ${nodeId} does not exist in the organization.`);

// Members.
export const memberNotExist = (memberUin: number): ApiError =>
  fail("ResourceNotFound.MemberNotExist", `MemberUin ${memberUin} is not a member of the organization.`);
export const organizationMemberNotExist = (memberUin: number): ApiError =>
  fail("ResourceNotFound.OrganizationMemberNotExist", `MemberUin ${memberUin} is not a member of the organization.`);
export const memberNameUsed = (name: string, byUin: number): ApiError =>
  fail("FailedOperation.OrganizationMemberNameUsed", `Name \`${name}\` is already used by member ${byUin}.`);
export const payUinIllegal = (detail: string): ApiError => fail("FailedOperation.PayUinIllegal", `PayUin ${detail}.`);
export const allowQuitIllegal = (memberUin: number, payUin: string): ApiError =>
  fail(
    "InvalidParameter.AllowQuitIllegal",
    `IsAllowQuit cannot be Allow for member ${memberUin}: it is paid for by ${payUin} (pay on behalf).`,
  );
export const deleteDelegatePayerNotAllow = (payerUin: number, paidUin: number): ApiError =>
  fail(
    "UnsupportedOperation.DeleteDelegatePayerNotAllow",
    `MemberUin ${payerUin} pays on behalf of member ${paidUin}; change that member's PayUin before deleting it.`,
  );

// Identities and member authorizations.
export const identityNotExist = (identityId: number): ApiError =>
  fail("ResourceNotFound.OrganizationIdentityNotExist", `IdentityId ${identityId} does not exist in the organization.`);
export const memberIdentityNotExist = (memberUin: number, identityId: number): ApiError =>
  fail(
    "ResourceNotFound.MemberIdentityNotExist",
    `MemberUin ${memberUin} is not authorized for IdentityId ${identityId}.`,
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
export const operatePolicy = (detail: string): ApiError => fail("FailedOperation.OperatePolicy", detail);
