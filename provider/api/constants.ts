/** Facts of the Tencent Cloud Organization API (version 2021-03-31) shared by the client, the emulator and the resources. */

export const API_VERSION = "2021-03-31";
/** The service name in the TC3 credential scope: the first label of the service domain. */
export const SERVICE = "organization";

export const ENDPOINTS = {
  china: "organization.tencentcloudapi.com",
  international: "organization.intl.tencentcloudapi.com",
} as const;
export type Site = keyof typeof ENDPOINTS;

/** Documented per-action rate limits, in requests per second. */
export const DEFAULT_RATE_PER_SECOND = 20;

/** Paging: Limit is 1..50 and Offset must be a multiple of Limit. */
export const MAX_PAGE_SIZE = 50;

export const MAX_POLICY_MEMBERS = 10;
export const MAX_AUTH_MEMBERS = 10;
export const MAX_AUTH_IDENTITIES = 5;
export const MAX_TAGS = 10;

/** Financial permissions a member can be granted (UpdateOrganizationMember's PermissionIds). */
export const PERMISSIONS: Readonly<Record<number, string>> = {
  1: "View bill",
  2: "View balance",
  3: "Fund transfer",
  4: "Merged billing",
  5: "Invoicing",
  6: "Discount inheritance",
  7: "Pay on behalf",
  8: "Cost analysis",
  9: "Budget management",
  10: "Credit limit",
};
/** Display names of the relationship policy types (OrgPolicyName). */
export const POLICY_TYPE_NAMES: Readonly<Record<string, string>> = { Financial: "Financial management" };

/** Every permission set must contain these. */
export const MANDATORY_PERMISSIONS: readonly number[] = [1, 2];
/** Granting this permission requires a PayUin. */
export const PAY_ON_BEHALF_PERMISSION = 7;

/** The preset identity every organization has; the Terraform provider skips it when reading, we do not. */
export const ADMIN_IDENTITY_ID = 1;
