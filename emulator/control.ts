/**
 * Inspection and fault injection, outside the API's path: in process through `EmulatorControl`, and over HTTP at
 * `POST /__emulator/<method>` (kebab-case or camelCase method name, JSON body) for out-of-process tests and demos.
 */
import { z } from "zod";
import { type Authenticator, type KeyPair, KeyPairSchema } from "./auth";
import type { Backend, State } from "./backend";
import type { CallLog, CallRecord } from "./calls";
import { type FaultPlan, type FaultSpec, FaultSpecSchema } from "./faults";
import { handlerOf } from "./handlers";
import type { AnswerHook, AnswerHooks } from "./hooks";
import type { RateLimiter } from "./rate-limit";
import { type ActionName, type RequestOf, actions, validateRequest } from "../provider/api";
import { authorizationStatus } from "../provider/api/fields";

export interface EmulatorControl {
  /**
   * Makes the next `count` requests (of `action`, or of any action; with `request`, only those whose body holds its
   * values) fail as `kind`.
   */
  injectFault(spec: FaultSpec): void;
  clearFaults(): void;
  /** Every request that reached action dispatch, oldest first, with its error code if it failed. */
  calls(): CallRecord[];
  resetCalls(): void;
  /** The actions of the requests being handled right now (held by a latency fault, say), oldest first. */
  inFlight(): string[];
  /** Faults injected and not yet used up. */
  pendingFaults(): number;
  /**
   * Back to the seed (persisted when there is a state file); clears faults, calls and rate-limit buckets; the listing
   * lag back to the start option's.
   */
  reset(): void;
  /** A deep copy of the state. */
  snapshot(): State;
  /** Marks a member's authorization configured (1) or needing reconfiguration (2). */
  setAuthIdentityStatus(memberUin: number, identityId: number, status: 1 | 2): void;
  setRateLimits(enabled: boolean): void;
  /**
   * Leaves objects created less than `ms` ago (on the emulator's clock) out of every Describe/List answer; 0 turns the
   * lag off. Applies at once, to objects created earlier too. `reset` restores the start option's lag.
   */
  setListingLag(ms: number): void;
  /** Accepts only these key pairs from now on: rotates credentials (the old key revoked). */
  setCredentials(keyPairs: KeyPair[]): void;
  /**
   * In process only: runs `hook` after every successful answer, before it is sent (see ./hooks); returns the function
   * that removes it. `reset` removes every hook.
   */
  afterAnswer(hook: AnswerHook): () => void;
  /**
   * Runs an action at once, as a change made outside through the API would (validated the same way), but synchronously
   * and without logging, rate limits or faults: for a hook that changes the organization between two requests.
   */
  apply<A extends ActionName>(action: A, request: RequestOf<A>): unknown;
}

export interface ControlParts {
  backend: Backend;
  faults: FaultPlan;
  calls: CallLog;
  limiter: RateLimiter;
  authenticator: Authenticator;
  hooks: AnswerHooks;
  seedState: State;
  rateLimitsByDefault: boolean;
  listingLagByDefault: number;
  commit: (state: State) => void;
}

export function createControl(parts: ControlParts): EmulatorControl {
  const { backend, faults, calls, limiter, commit } = parts;
  return {
    injectFault: (spec) => faults.inject(spec),
    clearFaults: () => faults.clear(),
    calls: () => calls.list(),
    resetCalls: () => calls.clear(),
    inFlight: () => calls.inFlight(),
    pendingFaults: () => faults.pendingCount(),
    reset: () => {
      backend.transaction(() => backend.replace(parts.seedState), commit);
      faults.clear();
      calls.clear();
      parts.hooks.clear();
      limiter.reset();
      limiter.enabled = parts.rateLimitsByDefault;
      backend.listing.setLag(parts.listingLagByDefault);
    },
    snapshot: () => backend.snapshot(),
    setAuthIdentityStatus: (memberUin, identityId, status) =>
      backend.transaction(() => backend.identities.setStatus(memberUin, identityId, status), commit),
    setRateLimits: (enabled) => {
      limiter.enabled = enabled;
    },
    setListingLag: (ms) => backend.listing.setLag(ms),
    setCredentials: (keyPairs) => parts.authenticator.replaceKeyPairs(keyPairs),
    afterAnswer: (hook) => parts.hooks.add(hook),
    apply: (action, request) => {
      const validation = validateRequest(actions[action].request, request);
      if (!validation.ok) throw new Error(`${action}: ${validation.violations.map((v) => v.message).join("; ")}`);
      return backend.transaction(() => handlerOf(action)(validation.value, backend), commit);
    },
  };
}

const empty = z.object({}).passthrough();
const routes: Record<string, (control: EmulatorControl, body: unknown) => unknown> = {
  calls: (control) => control.calls(),
  resetcalls: (control, body) => (empty.parse(body), control.resetCalls()),
  reset: (control, body) => (empty.parse(body), control.reset()),
  snapshot: (control) => control.snapshot(),
  inflight: (control) => control.inFlight(),
  pendingfaults: (control) => ({ count: control.pendingFaults() }),
  injectfault: (control, body) => control.injectFault(FaultSpecSchema.parse(body) as FaultSpec),
  clearfaults: (control) => control.clearFaults(),
  setauthidentitystatus: (control, body) => {
    const { memberUin, identityId, status } = z
      .strictObject({ memberUin: z.int(), identityId: z.int(), status: authorizationStatus })
      .parse(body);
    control.setAuthIdentityStatus(memberUin, identityId, status);
  },
  setratelimits: (control, body) => control.setRateLimits(z.strictObject({ enabled: z.boolean() }).parse(body).enabled),
  setlistinglag: (control, body) => control.setListingLag(z.strictObject({ ms: z.int().min(0) }).parse(body).ms),
  setcredentials: (control, body) => {
    control.setCredentials(z.strictObject({ credentials: z.array(KeyPairSchema).min(1) }).parse(body).credentials);
  },
};

export type ControlAnswer = { status: number; body: unknown };

/** Runs `POST /__emulator/<method>`; answers the method's result as JSON (`{"ok":true}` for methods without one). */
export function runControlRequest(control: EmulatorControl, method: string, bodyText: string): ControlAnswer {
  const route = routes[method.replace(/-/g, "").toLowerCase()];
  if (!route) return { status: 404, body: { error: `unknown control method ${method}; known: ${Object.keys(routes).join(", ")}` } };
  let body: unknown = {};
  try {
    if (bodyText.trim() !== "") body = JSON.parse(bodyText);
  } catch {
    return { status: 400, body: { error: "the body is not valid JSON" } };
  }
  try {
    const result = route(control, body);
    return { status: 200, body: result === undefined ? { ok: true } : result };
  } catch (error) {
    const message =
      error instanceof z.ZodError
        ? error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")
        : (error as Error).message;
    return { status: 400, body: { error: message } };
  }
}
