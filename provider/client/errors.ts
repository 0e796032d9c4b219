/**
 * Every error the client throws, each a distinct class so callers can tell "the API said no" (TencentCloudApiError)
 * from "we never got a usable answer" (TransportError), "we refused to send" (RequestValidationError) and "we cannot
 * even start" (ConfigurationError). None of them ever carries a secret key or a security token: they are built from
 * the action name, API codes and messages, HTTP statuses and request IDs only.
 */

/** What went wrong below the API layer. */
export type TransportErrorKind =
  /** The connection was reset or closed while the request was in flight: the server may or may not have acted. */
  | "reset"
  /** No complete answer within the timeout: the server may or may not have acted. */
  | "timeout"
  /** An answer other than HTTP 200 (a gateway or load balancer in between): Tencent Cloud answers 200 once the API saw it. */
  | "http-status"
  /** The connection could not be opened: nothing was sent. */
  | "connect"
  /** A 200 answer that is not JSON, not the API's envelope, or does not match the action's response schema. */
  | "bad-response"
  /**
   * The request could not be sent as built (an invalid header value, a TLS certificate not trusted): nothing was sent,
   * and sending it again would fail the same way.
   */
  | "invalid-request";

/** Shared by the client's errors: how many attempts the retry policy made before this error reached the caller. */
interface AttemptNote {
  attempts: number;
}

export class TencentCloudApiError extends Error implements AttemptNote {
  override readonly name = "TencentCloudApiError";
  /** Attempts made before giving up (1 when the error was not retried). */
  attempts = 1;
  constructor(
    readonly action: string,
    /** The API error code, e.g. `FailedOperation.MemberPolicyNameExist`. */
    readonly code: string,
    /** The API's own message, verbatim (never parse it: codes are the contract). */
    readonly apiMessage: string,
    readonly requestId: string,
  ) {
    super(`${action} failed: ${code}: ${apiMessage} (RequestId: ${requestId})`);
  }
}

export class TransportError extends Error implements AttemptNote {
  override readonly name = "TransportError";
  attempts = 1;
  constructor(
    readonly action: string,
    readonly kind: TransportErrorKind,
    detail: string,
    options: { httpStatus?: number; cause?: unknown; requestId?: string } = {},
  ) {
    super(`${action} failed: transport ${kind}: ${detail}`, { cause: options.cause });
    this.httpStatus = options.httpStatus;
    this.requestId = options.requestId;
  }
  /** The HTTP status, for kind "http-status" (and "bad-response" when one was received). */
  readonly httpStatus?: number;
  /** The RequestId when the server sent one (a malformed success can still name its request). */
  readonly requestId?: string;
}

/** A request the API would reject, refused before anything was sent. */
export class RequestValidationError extends Error {
  override readonly name = "RequestValidationError";
  constructor(
    readonly action: string,
    /** The offending field as a dotted path (`MemberUins.3`), or "" for the request as a whole. */
    readonly field: string,
    /** The code the API would have answered (MissingParameter, InvalidParameterValue, ...). */
    readonly code: string,
    detail: string,
    /** Every violation found, first one first; the message names the first. */
    readonly violations: ReadonlyArray<{ code: string; field: string; message: string }> = [],
  ) {
    super(`${action} request is invalid (${code}): ${detail}`);
  }
}

/** The client cannot be built: missing or malformed credentials, site or endpoint. */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
  constructor(
    message: string,
    /** The environment variables or options involved. */
    readonly variables: readonly string[] = [],
  ) {
    super(message);
  }
}

/** The pages of a paged listing do not add up (Total changed, a short page, a page larger than Limit). */
export class PaginationError extends Error {
  override readonly name = "PaginationError";
  constructor(
    readonly action: string,
    readonly offset: number,
    detail: string,
  ) {
    super(`${action} paging is inconsistent at Offset ${offset}: ${detail}`);
  }
}

/**
 * Records on an error how many attempts were made, and says so in its message when there was more than one:
 * "gave up" when the retry bound stopped further attempts, plain "after N attempts" when the last error is not retried.
 */
export function noteAttempts(
  error: TencentCloudApiError | TransportError,
  attempts: number,
  elapsedMs: number,
  boundReached: boolean,
): void {
  error.attempts = attempts;
  if (attempts > 1 || boundReached) {
    const seconds = (elapsedMs / 1000).toFixed(1);
    error.message += boundReached
      ? ` [gave up after ${attempts} attempt${attempts === 1 ? "" : "s"} in ${seconds} s: retry limit reached]`
      : ` [after ${attempts} attempts in ${seconds} s]`;
  }
}

function hasName(error: unknown, name: string): error is Record<string, unknown> {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === name;
}

/**
 * Whether `error` is an API error, optionally with a code equal to `codePrefix` or under it (`ResourceNotFound` matches
 * `ResourceNotFound.MemberNotExist`). Also recognises errors from another copy of this module (bundled twice).
 */
export function isApiError(error: unknown, codePrefix?: string): error is TencentCloudApiError {
  const isOne =
    error instanceof TencentCloudApiError ||
    (hasName(error, "TencentCloudApiError") && typeof error.code === "string" && typeof error.action === "string");
  if (!isOne) return false;
  if (codePrefix === undefined) return true;
  const code = (error as TencentCloudApiError).code;
  return code === codePrefix || code.startsWith(codePrefix.endsWith(".") ? codePrefix : `${codePrefix}.`);
}

/** Whether `error` says the resource does not exist (any `ResourceNotFound.*`). */
export function isNotFound(error: unknown): error is TencentCloudApiError {
  return isApiError(error, "ResourceNotFound");
}

export function isTransportError(error: unknown, kind?: TransportErrorKind): error is TransportError {
  const isOne = error instanceof TransportError || (hasName(error, "TransportError") && typeof error.kind === "string");
  return isOne && (kind === undefined || (error as TransportError).kind === kind);
}

/**
 * Whether the server may or may not have acted on the request that ended in `error`: a reset, a timeout, a gateway's
 * 5xx, an unreadable 200, InternalError or ServiceUnavailable. After a failed create, such an error means "look
 * before creating again". Refusals (validation, RequestLimitExceeded, HTTP 4xx, connect failures, every other API code)
 * are known not to have acted.
 */
export function isUnknownOutcome(error: unknown): boolean {
  if (isApiError(error)) return isApiError(error, "InternalError") || isApiError(error, "ServiceUnavailable");
  if (!isTransportError(error)) return false;
  switch (error.kind) {
    case "connect":
    case "invalid-request":
      return false;
    case "http-status":
      // A gateway's 5xx may come after the API acted; its 4xx (429 included) means the request went no further.
      return error.httpStatus === undefined || error.httpStatus >= 500;
    default:
      return true;
  }
}
