/**
 * Retry policy: which failures may be retried for which actions, and how long to wait between attempts (exponential
 * backoff with full jitter, as in AWS's "Exponential Backoff and Jitter"). The policy is pure; `retrying()` runs an
 * attempt function under it with injected sleep, random source and clock so tests are deterministic.
 *
 * The time budgets measure retrying, not queueing: the time an attempt reports it waited before being sent (for the
 * process's pacing slot, behind a burst of other calls) is left out, so a call queued behind many others still gets
 * its retries.
 */
import { isApiError, isTransportError, noteAttempts, type TencentCloudApiError, type TransportError } from "./errors";

export interface RetryPolicy {
  /** First backoff ceiling; attempt n waits a uniformly random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))). */
  readonly baseDelayMs: number;
  /** Largest backoff ceiling. */
  readonly maxDelayMs: number;
  /** Attempts that may end in a transient error (5xx, reset, timeout, InternalError), the first included. */
  readonly maxAttempts: number;
  /**
   * After a transient error, no new attempt starts once this much time has passed since the first (the attempt itself
   * may run longer). Time spent waiting to be sent (pacing) is not counted, here or below.
   */
  readonly maxElapsedMs: number;
  /**
   * After RequestLimitExceeded (or HTTP 429), attempts go on until this much time has passed since the first: the API
   * refused before acting, and a rate limit shared by several pipelines of one account clears with patience. No count
   * bound applies to throttles.
   */
  readonly maxThrottleElapsedMs: number;
}

/** The defaults. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  // 100 ms, 200, 400, ... : the first retries come quickly for a blip...
  baseDelayMs: 100,
  // ...and no single wait exceeds 5 s, so a throttled `pulumi up` keeps moving.
  maxDelayMs: 5_000,
  // 8 attempts: 7 waits of at most 0.1+0.2+0.4+0.8+1.6+3.2+5 = 11.3 s together (full jitter averages half that),
  maxAttempts: 8,
  // and no transient error retries past 30 s: by then the caller should hear about it.
  maxElapsedMs: 30_000,
  // Throttling is another matter: 20 requests/s per action is shared by every pipeline of the account, so a throttled
  // call keeps trying for a minute (configurable: TENCENTCLOUD_ORGANIZATION_MAX_RETRY_TIME).
  maxThrottleElapsedMs: 60_000,
});

/** No retries at all (benches, callers that run their own policy). */
export const NO_RETRY_POLICY: RetryPolicy = Object.freeze({ ...DEFAULT_RETRY_POLICY, maxAttempts: 1, maxThrottleElapsedMs: 0 });

/** API codes that mean "rejected before doing anything": every action may be re-sent. */
const THROTTLE_CODE = "RequestLimitExceeded";
/** API codes whose outcome is unknown: only actions marked retrySafe may be re-sent. */
const TRANSIENT_API_CODES = ["InternalError", "ServiceUnavailable"] as const;

export type RetryReason = "throttled" | "transient" | "not-sent";

/**
 * Why `error` may be retried for an action with the given retry safety, or undefined when it may not.
 * - RequestLimitExceeded(.*) and HTTP 429: always (the server refused before acting).
 * - Transport "connect": always (nothing was sent).
 * - InternalError(.*), ServiceUnavailable(.*), HTTP 5xx, reset, timeout: only when retrySafe (it may have acted).
 * - bad-response: never (a 200 answer we cannot read is deterministic; repeating it would only repeat the act).
 * - invalid-request: never (nothing was sent, and the same request fails the same way again).
 */
export function retryReason(error: unknown, retrySafe: boolean): RetryReason | undefined {
  if (isApiError(error, THROTTLE_CODE)) return "throttled";
  if (isApiError(error)) {
    return retrySafe && TRANSIENT_API_CODES.some((code) => isApiError(error, code)) ? "transient" : undefined;
  }
  if (isTransportError(error)) {
    switch (error.kind) {
      case "connect":
        return "not-sent";
      case "http-status":
        if (error.httpStatus === 429) return "throttled";
        return retrySafe && error.httpStatus !== undefined && error.httpStatus >= 500 ? "transient" : undefined;
      case "reset":
      case "timeout":
        return retrySafe ? "transient" : undefined;
      case "bad-response":
      case "invalid-request":
        return undefined;
    }
  }
  return undefined;
}

/** Full jitter: a uniformly random wait below the exponential ceiling for the given retry (1 = first retry). */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryRuntime {
  readonly policy: RetryPolicy;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds, monotonic enough for elapsed time. */
  readonly now: () => number;
}

export const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

export interface AttemptInfo {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Reports time the attempt waited before it was sent (for a pacing slot): the budgets do not count it. */
  readonly waited: (ms: number) => void;
}

/**
 * Runs `attempt` until it succeeds, fails with an error the policy does not retry, or the attempt/time bound is hit.
 * The error that reaches the caller records how many attempts were made (and says so when more than one).
 */
export async function retrying<T>(
  retrySafe: boolean,
  runtime: RetryRuntime,
  attempt: (info: AttemptInfo) => Promise<T>,
  onRetry?: (info: { attempt: number; reason: RetryReason; delayMs: number; error: unknown }) => void,
): Promise<T> {
  const { policy } = runtime;
  const started = runtime.now();
  let waitedMs = 0;
  const waited = (ms: number) => {
    waitedMs += Math.max(0, ms);
  };
  let transientFailures = 0;
  for (let n = 1; ; n++) {
    try {
      return await attempt({ attempt: n, waited });
    } catch (error) {
      const reason = retryReason(error, retrySafe);
      // Time spent retrying: sending, answers and backoff, not the waits for a pacing slot.
      const elapsed = runtime.now() - started - waitedMs;
      const delayMs = backoffDelayMs(n, policy, runtime.random);
      if (reason !== undefined && reason !== "throttled") transientFailures += 1;
      const canRetry =
        reason === "throttled"
          ? elapsed + delayMs < policy.maxThrottleElapsedMs
          : reason !== undefined && transientFailures < policy.maxAttempts && elapsed + delayMs < policy.maxElapsedMs;
      if (!canRetry || reason === undefined) {
        if (isApiError(error) || isTransportError(error)) {
          noteAttempts(error as TencentCloudApiError | TransportError, n, elapsed, reason !== undefined);
        }
        throw error;
      }
      onRetry?.({ attempt: n, reason, delayMs, error });
      await runtime.sleep(delayMs);
    }
  }
}
