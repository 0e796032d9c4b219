/**
 * The API pipeline for one request, after the HTTP layer has read the body: common headers → action and version →
 * authentication → (dispatch, logged from here on) injected fault → rate limit → JSON body → schema validation →
 * handler inside a backend transaction (persisted before answering).
 */
import type { IncomingHttpHeaders } from "node:http";
import { API_VERSION, type ActionName, actions, isActionName, validateRequest } from "../provider/api";
import type { Authenticator } from "./auth";
import type { Backend, State } from "./backend";
import type { CallLog } from "./calls";
import {
  ApiError,
  internalError,
  invalidAction,
  invalidParameter,
  missingParameter,
  noSuchVersion,
  requestLimitExceeded,
  unauthorizedOperation,
} from "./errors";
import type { FaultKind, FaultPlan } from "./faults";
import { handlerOf } from "./handlers";
import type { AnswerHooks } from "./hooks";
import { type ErrorEnvelope, type SuccessEnvelope, errorEnvelope, successEnvelope } from "./protocol";
import type { RateLimiter } from "./rate-limit";

export type Outcome =
  | { kind: "answer"; envelope: SuccessEnvelope | ErrorEnvelope }
  | { kind: "http-502" }
  | { kind: "reset" };

/** An authentic request's action, and whether its key's policy allows only reads. */
interface Caller {
  action: ActionName;
  readOnly: boolean;
}

export interface DispatcherParts {
  backend: Backend;
  authenticator: Authenticator;
  limiter: RateLimiter;
  faults: FaultPlan;
  calls: CallLog;
  hooks: AnswerHooks;
  /** Makes a written state durable; throws if it cannot. */
  commit: (state: State) => void;
}

export class Dispatcher {
  constructor(private readonly parts: DispatcherParts) {}

  async handle(headers: IncomingHttpHeaders, body: string, requestId: string): Promise<Outcome> {
    let caller: Caller;
    try {
      caller = this.authenticate(headers, body);
    } catch (error) {
      return { kind: "answer", envelope: errorEnvelope(asApiError(error), requestId) };
    }
    return this.dispatch(caller, body, requestId);
  }

  /** Common headers, action, version and signature; returns the action and whether the key may only read. */
  private authenticate(headers: IncomingHttpHeaders, body: string): Caller {
    const action = requiredHeader(headers, "X-TC-Action");
    const version = requiredHeader(headers, "X-TC-Version");
    const timestampText = requiredHeader(headers, "X-TC-Timestamp");
    const authorization = requiredHeader(headers, "Authorization");
    if (!isActionName(action)) throw invalidAction(action);
    if (version !== API_VERSION) throw noSuchVersion(version, API_VERSION);
    if (!/^\d{1,12}$/.test(timestampText)) throw invalidParameter("X-TC-Timestamp must be a Unix time in seconds.");
    const keyPair = this.parts.authenticator.verify({
      authorization,
      timestamp: Number(timestampText),
      contentType: header(headers, "content-type") ?? "",
      host: header(headers, "host") ?? "",
      token: header(headers, "x-tc-token") || undefined,
      body,
    });
    return { action, readOnly: keyPair.readOnly === true };
  }

  private async dispatch(caller: Caller, body: string, requestId: string): Promise<Outcome> {
    const ticket = this.parts.calls.begin(caller.action);
    try {
      return await this.run(caller, body, requestId);
    } finally {
      this.parts.calls.done(ticket);
    }
  }

  private async run({ action, readOnly }: Caller, body: string, requestId: string): Promise<Outcome> {
    const { backend, limiter, faults, calls, hooks, commit } = this.parts;
    const fault = faults.take(action, bodyForMatching(body));
    const faultKind: { fault?: FaultKind } = fault ? { fault: fault.kind } : {};
    if (fault?.kind === "reset" || fault?.kind === "http-502") {
      calls.record({ action, requestId, fault: fault.kind });
      return { kind: fault.kind };
    }
    try {
      if (fault?.kind === "latency") await delay(fault.latencyMs);
      if (fault?.kind === "throttle") throw requestLimitExceeded(action, limiter.rateOf(action));
      if (fault?.kind === "internal-error") throw internalError("An internal error occurred (injected fault).");
      // CAM decides before the action runs: a refused write is logged (with its code) and changes nothing.
      if (readOnly && actions[action].writes) throw unauthorizedOperation(action);
      if (!limiter.take(action)) throw requestLimitExceeded(action, limiter.rateOf(action));

      const validation = validateRequest(actions[action].request, parseBody(body));
      if (!validation.ok) {
        const [first] = validation.violations;
        throw new ApiError(first!.code, first!.message);
      }
      const response = backend.transaction(() => handlerOf(action)(validation.value, backend), commit);
      calls.record({ action, requestId, ...faultKind });
      hooks.run({ action, request: validation.value as Record<string, unknown>, response: response as Record<string, unknown> });
      if (fault?.kind === "lost-answer") return { kind: "reset" };
      return { kind: "answer", envelope: successEnvelope(response, requestId) };
    } catch (error) {
      const apiError = asApiError(error);
      calls.record({ action, code: apiError.code, requestId, ...faultKind });
      return { kind: "answer", envelope: errorEnvelope(apiError, requestId) };
    }
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value)?.trim();
}

function requiredHeader(headers: IncomingHttpHeaders, name: string): string {
  const value = header(headers, name);
  if (!value) throw missingParameter(name);
  return value;
}

/** The body as JSON for matching faults against, or undefined when it is not JSON (validation reports that later). */
function bodyForMatching(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function parseBody(body: string): unknown {
  if (body.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw invalidParameter("The request body is not valid JSON.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw invalidParameter("The request body must be a JSON object.");
  return value;
}

/** Anything that is not an ApiError is a bug or a disk failure: the API answers InternalError and hides the detail. */
function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  process.emitWarning(`emulator: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return internalError();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
