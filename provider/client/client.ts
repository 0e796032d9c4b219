/**
 * The Tencent Cloud API 3.0 client for Organization: validate, serialize, sign (TC3-HMAC-SHA256), pace, send, read the
 * envelope, retry. One instance per configuration; instances share the transport's agent and the process-wide pacers.
 */
import { inspect } from "node:util";
import type { Dispatcher } from "undici";
import { actions, type ActionName, type RequestOf, type ResponseOf } from "../api/actions";
import { API_VERSION } from "../api/constants";
import { validateRequest } from "../api/validate";
import { resolveClientConfig, type ClientConfigOverrides, type ResolvedClientConfig } from "./config";
import { readEnvelope } from "./envelope";
import { isApiError, isTransportError, RequestValidationError } from "./errors";
import { DEFAULT_RATE_HEADROOM, pacerFor } from "./pacing";
import { type AttemptInfo, DEFAULT_RETRY_POLICY, defaultSleep, NO_RETRY_POLICY, retrying, type RetryPolicy } from "./retry";
import { authorizationHeader } from "./signer";
import { DEFAULT_TIMEOUT_MS, post } from "./transport";

export const CONTENT_TYPE = "application/json";

/** One attempt, as observers see it. Never carries a secret, a header or a body. */
export interface CallEvent {
  readonly action: ActionName;
  /** 1 for the first attempt of a call. */
  readonly attempt: number;
  /** From sending to the answer (pacing wait excluded). */
  readonly durationMs: number;
  /** Time spent waiting for the pacing slot before sending. */
  readonly pacedMs: number;
  readonly outcome: "success" | "api-error" | "transport-error";
  /** The API error code, or `Transport.<kind>` for a transport failure; absent on success. */
  readonly code?: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
}

/** How the client behaves, beyond where it sends and as whom. */
export interface ClientBehaviour {
  /** Per attempt. Default 30 s. */
  readonly timeoutMs?: number;
  /** Overrides of DEFAULT_RETRY_POLICY, or false for a single attempt. */
  readonly retry?: Partial<RetryPolicy> | false;
  /**
   * Process-wide pacing per action (default on); false turns it off for this client (benches). `ratePerSecond` lowers
   * the rate paced at below each action's documented one (several pipelines sharing an account's limit).
   */
  readonly pacing?: boolean | { readonly headroom?: number; readonly ratePerSecond?: number };
  /** Called after every attempt; exceptions it throws are ignored. */
  readonly onCall?: (event: CallEvent) => void;
  /** Milliseconds since the epoch: the signature timestamp, durations and retry time bound. Default Date.now. */
  readonly clock?: () => number;
  /** Waits between retries and for pacing slots. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1): backoff jitter. */
  readonly random?: () => number;
  /** Defaults to the process-wide agent. */
  readonly dispatcher?: Dispatcher;
}

/** Explicit configuration: the environment is not read (see OrganizationClient.fromEnvironment). */
export interface OrganizationClientConfig extends ClientConfigOverrides, ClientBehaviour {}

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** What `call` resolves to: the action's parsed response plus the RequestId of the answer. */
export type CallResult<A extends ActionName> = ResponseOf<A> & { RequestId: string };

const transportCode = (kind: string): string => `Transport.${kind}`;

/**
 * Checks a request against the action's schema and returns the body to send. Throws RequestValidationError naming the
 * first offending field (the one the API would report) when the API would reject it. Pure; exported for the bench.
 */
export function serializeRequest<A extends ActionName>(action: A, request: RequestOf<A>): string {
  const spec = actions[action];
  if (spec === undefined) {
    throw new RequestValidationError(String(action), "", "InvalidAction", `${String(action)} is not a known action`);
  }
  const checked = validateRequest(spec.request, request ?? {});
  if (!checked.ok) {
    const [first] = checked.violations;
    throw new RequestValidationError(
      action,
      first?.field ?? "",
      first?.code ?? "InvalidParameter",
      first?.message ?? "request does not match the action's schema",
      checked.violations,
    );
  }
  // The caller's request as written, not the parsed value: the schema's input type is the wire shape.
  return JSON.stringify(request ?? {});
}

/** The headers of one attempt, signed at `nowMs` (milliseconds). Pure; exported for the bench. */
export function requestHeaders(
  config: ResolvedClientConfig,
  action: ActionName,
  payload: string,
  nowMs: number,
): Record<string, string> {
  const credentials = config.credentials;
  const timestamp = Math.floor(nowMs / 1000);
  const headers: Record<string, string> = {
    "Content-Type": CONTENT_TYPE,
    Host: config.host,
    "X-TC-Action": action,
    "X-TC-Version": API_VERSION,
    "X-TC-Timestamp": String(timestamp),
    Authorization: authorizationHeader({
      secretId: credentials.secretId,
      secretKey: credentials.secretKey(),
      service: config.service,
      host: config.host,
      contentType: CONTENT_TYPE,
      payload,
      timestamp,
    }),
  };
  const token = credentials.securityToken();
  if (token !== undefined) headers["X-TC-Token"] = token;
  if (config.region !== undefined) headers["X-TC-Region"] = config.region;
  if (config.language !== undefined) headers["X-TC-Language"] = config.language;
  return headers;
}

export class OrganizationClient {
  readonly #config: ResolvedClientConfig;
  readonly #behaviour: Pick<ClientBehaviour, "timeoutMs" | "onCall" | "dispatcher">;
  readonly #policy: RetryPolicy;
  readonly #clock: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #headroom: number | undefined;
  readonly #rateCap: number;

  constructor(config: OrganizationClientConfig) {
    this.#config = resolveClientConfig({}, config);
    // Only behaviour is kept: the caller's object also holds the secret key, which lives on in Credentials alone.
    this.#behaviour = { timeoutMs: config.timeoutMs, onCall: config.onCall, dispatcher: config.dispatcher };
    this.#policy =
      config.retry === false ? NO_RETRY_POLICY : Object.freeze({ ...DEFAULT_RETRY_POLICY, ...(config.retry ?? {}) });
    this.#clock = config.clock ?? Date.now;
    this.#sleep = config.sleep ?? defaultSleep;
    this.#random = config.random ?? Math.random;
    this.#headroom =
      config.pacing === false
        ? undefined
        : typeof config.pacing === "object"
          ? (config.pacing.headroom ?? DEFAULT_RATE_HEADROOM)
          : DEFAULT_RATE_HEADROOM;
    this.#rateCap = (typeof config.pacing === "object" ? config.pacing.ratePerSecond : undefined) ?? Number.POSITIVE_INFINITY;
  }

  /** Reads TENCENTCLOUD_* variables from `env` (default process.env); `overrides` win. */
  static fromEnvironment(
    env: Readonly<Record<string, string | undefined>> = process.env,
    overrides: OrganizationClientConfig = {},
  ): OrganizationClient {
    const resolved = resolveClientConfig(env, overrides);
    return new OrganizationClient({
      ...overrides,
      secretId: resolved.credentials.secretId,
      secretKey: resolved.credentials.secretKey(),
      securityToken: resolved.credentials.securityToken(),
      site: resolved.site,
      endpoint: resolved.url,
      region: resolved.region,
      language: resolved.language,
    });
  }

  /** Where calls go (never secret). */
  get endpoint(): { readonly url: string; readonly host: string; readonly secretId: string } {
    return { url: this.#config.url, host: this.#config.host, secretId: this.#config.credentials.secretId };
  }

  /**
   * Calls `action`. Throws RequestValidationError before sending when the API would reject the request,
   * TencentCloudApiError when the API answers an error, TransportError when no usable answer came back.
   */
  async call<A extends ActionName>(action: A, request: RequestOf<A>, options: CallOptions = {}): Promise<CallResult<A>> {
    const payload = serializeRequest(action, request);
    const runtime = { policy: this.#policy, random: this.#random, sleep: this.#sleep, now: this.#clock };
    return retrying(actions[action].retrySafe, runtime, (info) => this.#attempt(action, payload, info, options));
  }

  async #attempt<A extends ActionName>(
    action: A,
    payload: string,
    { attempt, waited }: AttemptInfo,
    options: CallOptions,
  ): Promise<CallResult<A>> {
    const config = this.#config;
    const pacedFrom = this.#clock();
    if (this.#headroom !== undefined) {
      await pacerFor(config.host, action, Math.min(actions[action].ratePerSecond, this.#rateCap), this.#headroom).acquire({
        now: this.#clock,
        sleep: this.#sleep,
      });
    }
    const sentAt = this.#clock();
    const pacedMs = sentAt - pacedFrom;
    // Queueing behind other calls is not retrying: the retry budgets leave it out.
    waited(pacedMs);
    try {
      const { body } = await post(config.url, requestHeaders(config, action, payload, sentAt), payload, {
        action,
        timeoutMs: options.timeoutMs ?? this.#behaviour.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(this.#behaviour.dispatcher === undefined ? {} : { dispatcher: this.#behaviour.dispatcher }),
      });
      const { value, requestId } = readEnvelope(action, body, actions[action].response);
      this.#notify({ action, attempt, durationMs: this.#clock() - sentAt, pacedMs, outcome: "success", requestId });
      return { ...(value as ResponseOf<A>), RequestId: requestId };
    } catch (error) {
      const durationMs = this.#clock() - sentAt;
      if (isApiError(error)) {
        this.#notify({ action, attempt, durationMs, pacedMs, outcome: "api-error", code: error.code, requestId: error.requestId });
      } else if (isTransportError(error)) {
        this.#notify({
          action,
          attempt,
          durationMs,
          pacedMs,
          outcome: "transport-error",
          code: transportCode(error.kind),
          ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
          ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
        });
      }
      throw error;
    }
  }

  #notify(event: CallEvent): void {
    const observer = this.#behaviour.onCall;
    if (observer === undefined) return;
    try {
      observer(event);
    } catch {
      // An observer must never change the outcome of a call.
    }
  }

  toJSON(): { url: string; host: string; secretId: string } {
    return { ...this.endpoint };
  }

  [inspect.custom](): string {
    return `OrganizationClient ${inspect(this.toJSON())}`;
  }
}
