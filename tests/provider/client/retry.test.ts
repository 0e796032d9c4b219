/** The retry policy as a specification: what is retried for which action, how long it waits, when it gives up. */
import {
  TencentCloudApiError,
  TransportError,
  type TransportErrorKind,
} from "../../../provider/client";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  retrying,
  retryReason,
  type RetryRuntime,
} from "../../../provider/client/retry";

const api = (code: string) => new TencentCloudApiError("AnyAction", code, "message", "req-1");
const transport = (kind: TransportErrorKind, httpStatus?: number) =>
  new TransportError("AnyAction", kind, "detail", httpStatus === undefined ? {} : { httpStatus });

describe("retryReason", () => {
  it.each([
    // [error, retrySafe, expected]
    ["RequestLimitExceeded", api("RequestLimitExceeded"), false, "throttled"],
    ["RequestLimitExceeded.UinLimitExceeded", api("RequestLimitExceeded.UinLimitExceeded"), false, "throttled"],
    ["HTTP 429", transport("http-status", 429), false, "throttled"],
    ["connect failure", transport("connect"), false, "not-sent"],
    ["InternalError, retry-safe", api("InternalError"), true, "transient"],
    ["InternalError.DbError, retry-safe", api("InternalError.DbError"), true, "transient"],
    ["ServiceUnavailable, retry-safe", api("ServiceUnavailable"), true, "transient"],
    ["HTTP 502, retry-safe", transport("http-status", 502), true, "transient"],
    ["reset, retry-safe", transport("reset"), true, "transient"],
    ["timeout, retry-safe", transport("timeout"), true, "transient"],
    ["InternalError, not retry-safe", api("InternalError"), false, undefined],
    ["ServiceUnavailable, not retry-safe", api("ServiceUnavailable"), false, undefined],
    ["HTTP 502, not retry-safe", transport("http-status", 502), false, undefined],
    ["reset, not retry-safe", transport("reset"), false, undefined],
    ["timeout, not retry-safe", transport("timeout"), false, undefined],
    ["HTTP 404", transport("http-status", 404), true, undefined],
    ["bad-response", transport("bad-response"), true, undefined],
    ["invalid-request (nothing sent, fails the same again)", transport("invalid-request"), true, undefined],
    ["a business error", api("FailedOperation.MemberPolicyNameExist"), true, undefined],
    ["ResourceNotFound", api("ResourceNotFound.MemberNotExist"), true, undefined],
    ["AuthFailure.SignatureExpire", api("AuthFailure.SignatureExpire"), true, undefined],
    ["a code that merely starts like a throttle", api("RequestLimitExceededSoon"), true, undefined],
    ["a plain Error", new Error("boom"), true, undefined],
  ])("%s → %s", (_name, error, retrySafe, expected) => {
    expect(retryReason(error, retrySafe)).toBe(expected);
  });
});

describe("backoffDelayMs (full jitter)", () => {
  it("waits below an exponential ceiling capped at maxDelayMs", () => {
    const almostOne = () => 0.999_999;
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((retry) => backoffDelayMs(retry, DEFAULT_RETRY_POLICY, almostOne));
    expect(ceilings).toEqual([99, 199, 399, 799, 1599, 3199, 4999, 4999, 4999]);
  });

  it("can wait nothing at all", () => {
    expect(backoffDelayMs(5, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
  });

  it("documents its defaults", () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ baseDelayMs: 100, maxDelayMs: 5000, maxAttempts: 8, maxElapsedMs: 30000, maxThrottleElapsedMs: 60000 });
  });
});

/** A fake clock that sleeping advances. */
function fakeRuntime(policy = DEFAULT_RETRY_POLICY): RetryRuntime & { slept: number[]; time: () => number } {
  let now = 0;
  const slept: number[] = [];
  return {
    policy,
    random: () => 0.5,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    slept,
    time: () => now,
  };
}

describe("retrying", () => {
  it.each([
    ["transient", api("InternalError"), true, { maxElapsedMs: 2_000 }],
    ["throttle", api("RequestLimitExceeded"), false, { maxThrottleElapsedMs: 2_000 }],
  ] as const)("does not count time an attempt waited to be sent (pacing) against the %s budget", async (_budget, failure, retrySafe, bound) => {
    const runtime = fakeRuntime({ ...DEFAULT_RETRY_POLICY, ...bound });
    const failures = [failure, failure];
    const result = await retrying(retrySafe, runtime, async ({ waited }) => {
      // Queued 5 s behind a burst, then sent.
      await runtime.sleep(5_000);
      waited(5_000);
      const next = failures.shift();
      if (next) throw next;
      return "done";
    });
    expect(result).toBe("done");
  });

  it("still counts the time spent retrying: sending and backoff", async () => {
    const runtime = fakeRuntime({ ...DEFAULT_RETRY_POLICY, maxAttempts: 100, maxElapsedMs: 2_000 });
    let calls = 0;
    const error = await retrying(true, runtime, async ({ waited }) => {
      calls++;
      await runtime.sleep(10_000);
      waited(10_000);
      // Each answer takes 400 ms.
      await runtime.sleep(400);
      throw api("InternalError");
    }).catch((e: unknown) => e as TencentCloudApiError);
    expect(error.code).toBe("InternalError");
    // 400 ms per attempt plus backoff: a few attempts fit in 2 s, the queueing (10 s each) did not count.
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThan(6);
  });

  it("returns the first success, retrying a throttle even for a write", async () => {
    const runtime = fakeRuntime();
    const failures = [api("RequestLimitExceeded"), api("RequestLimitExceeded")];
    const attempts: number[] = [];
    const result = await retrying(false, runtime, async ({ attempt }) => {
      attempts.push(attempt);
      const failure = failures.shift();
      if (failure) throw failure;
      return "done";
    });
    expect(result).toBe("done");
    expect(attempts).toEqual([1, 2, 3]);
    expect(runtime.slept).toEqual([50, 100]);
  });

  it("does not retry InternalError for an action that is not retry-safe", async () => {
    const runtime = fakeRuntime();
    let calls = 0;
    const error = await retrying(false, runtime, async () => {
      calls++;
      throw api("InternalError");
    }).catch((e: unknown) => e as TencentCloudApiError);
    expect(calls).toBe(1);
    expect(error.attempts).toBe(1);
    expect(error.message).not.toContain("attempts");
  });

  it("gives up after maxAttempts and says how many attempts it made", async () => {
    const runtime = fakeRuntime();
    let calls = 0;
    const error = await retrying(true, runtime, async () => {
      calls++;
      throw transport("reset");
    }).catch((e: unknown) => e as TransportError);
    expect(calls).toBe(8);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.attempts).toBe(8);
    expect(error.message).toMatch(/gave up after 8 attempts in \d+\.\d s/);
  });

  it("gives up on a transient error when the next wait would pass the total time bound", async () => {
    const runtime = fakeRuntime({ ...DEFAULT_RETRY_POLICY, maxAttempts: 100, maxElapsedMs: 2_000 });
    let calls = 0;
    const error = await retrying(true, runtime, async () => {
      calls++;
      throw api("InternalError");
    }).catch((e: unknown) => e as TencentCloudApiError);
    // Waits of 50, 100, 200, 400, 800 (=1550 ms); the next (1600) would end past 2 s.
    expect(calls).toBe(6);
    expect(runtime.time()).toBeLessThan(2_000);
    expect(error.message).toContain("gave up after 6 attempts");
  });

  it("retries throttling past maxAttempts and maxElapsedMs, until the throttle time bound", async () => {
    const runtime = fakeRuntime({ ...DEFAULT_RETRY_POLICY, maxAttempts: 3, maxElapsedMs: 1_000, maxThrottleElapsedMs: 20_000 });
    let calls = 0;
    const error = await retrying(false, runtime, async () => {
      calls++;
      throw api("RequestLimitExceeded");
    }).catch((e: unknown) => e as TencentCloudApiError);
    expect(calls).toBeGreaterThan(3);
    expect(runtime.time()).toBeGreaterThan(1_000);
    expect(runtime.time()).toBeLessThan(20_000);
    expect(error.message).toMatch(/gave up after \d+ attempts in \d+\.\d s: retry limit reached/);
  });

  it("a throttled call that then succeeds is not cut short by the transient bounds", async () => {
    const runtime = fakeRuntime({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
    let calls = 0;
    const result = await retrying(false, runtime, async () => {
      calls++;
      if (calls <= 10) throw api("RequestLimitExceeded");
      return "ok";
    });
    expect(result).toBe("ok");
    expect(calls).toBe(11);
  });

  it("transient errors count against maxAttempts even between throttles", async () => {
    const runtime = fakeRuntime({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
    const failures = [api("RequestLimitExceeded"), api("InternalError"), api("RequestLimitExceeded"), api("InternalError"), api("InternalError")];
    let calls = 0;
    const error = await retrying(true, runtime, async () => {
      throw failures[calls++]!;
    }).catch((e: unknown) => e as TencentCloudApiError);
    expect(calls).toBe(4);
    expect(error.code).toBe("InternalError");
  });

  it("keeps a non-retried error's message and notes earlier attempts", async () => {
    const runtime = fakeRuntime();
    const failures = [transport("connect"), api("ResourceNotFound.MemberNotExist")];
    const error = await retrying(false, runtime, async () => {
      throw failures.shift();
    }).catch((e: unknown) => e as TencentCloudApiError);
    expect(error.code).toBe("ResourceNotFound.MemberNotExist");
    expect(error.attempts).toBe(2);
    expect(error.message).toMatch(/\[after 2 attempts in/);
  });
});
