/** The Tencent Cloud API 3.0 client for Organization: the one way this project talks to the API. */
export {
  OrganizationClient,
  CONTENT_TYPE,
  type CallEvent,
  type CallOptions,
  type CallResult,
  type ClientBehaviour,
  type OrganizationClientConfig,
} from "./client";
export {
  resolveClientConfig,
  REGION_VARIABLE,
  SITE_VARIABLE,
  ENDPOINT_VARIABLE,
  SECRET_ID_VARIABLE,
  SECRET_KEY_VARIABLE,
  SECURITY_TOKEN_VARIABLE,
  type ClientConfigOverrides,
  type ResolvedClientConfig,
  type Language,
} from "./config";
export { Credentials, type CredentialValues } from "./credentials";
export {
  TencentCloudApiError,
  TransportError,
  RequestValidationError,
  ConfigurationError,
  PaginationError,
  isApiError,
  isNotFound,
  isTransportError,
  isUnknownOutcome,
  type TransportErrorKind,
} from "./errors";
export { MAX_LISTING_ATTEMPTS, paginate, paginateItems, type ActionCaller, type ListRequestOf, type PaginateOptions } from "./paging";
export { DEFAULT_RETRY_POLICY, NO_RETRY_POLICY, retryReason, backoffDelayMs, type RetryPolicy } from "./retry";
export { DEFAULT_RATE_HEADROOM, resetPacing } from "./pacing";
export { closeSharedAgent, DEFAULT_TIMEOUT_MS } from "./transport";
