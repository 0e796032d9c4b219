/**
 * Pulumi resources for a Tencent Cloud Organization, and the API client and emulator they stand on.
 */
export { OrganizationMember, type OrganizationMemberArgs } from "./resources/organization-member";
export { MemberAccessPolicy, type MemberAccessPolicyArgs } from "./resources/member-access-policy";
export { MemberAuthIdentity, type MemberAuthIdentityArgs } from "./resources/member-auth-identity";
export { OrganizationNode, type OrganizationNodeArgs } from "./resources/organization-node";
export { OrganizationIdentity, type OrganizationIdentityArgs } from "./resources/organization-identity";
export { CONFIG_KEYS } from "./resources/config";
export * from "./lookups";
export * as api from "./api";
export {
  OrganizationClient,
  paginate,
  TencentCloudApiError,
  TransportError,
  RequestValidationError,
  ConfigurationError,
  isApiError,
  isNotFound,
} from "./client";
