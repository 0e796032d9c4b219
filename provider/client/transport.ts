/**
 * HTTP transport: one POST over one process-wide undici Agent (keep-alive, bounded connections per origin), with every
 * failure mapped to a TransportError kind the retry policy can reason about. It knows nothing of signing or the API
 * envelope beyond "the body of a 200 is JSON".
 *
 * Limitation: the body is read whole into memory (API answers are small; the cap below guards against a runaway peer).
 */
import { Agent, request, type Dispatcher } from "undici";
import { TransportError, type TransportErrorKind } from "./errors";

/** Defaults for the shared agent, chosen for a provider that runs tens of parallel resource operations. */
const AGENT_DEFAULTS = {
  /** Connections per origin: more than the 50-way parallelism of `pulumi up` gains nothing at 20 requests/s/action. */
  connections: 64,
  /** Idle sockets are kept this long; undici also honours a shorter `Keep-Alive: timeout` hint from the server. */
  keepAliveTimeout: 4_000,
  keepAliveMaxTimeout: 60_000,
  /** Opening a connection (TCP + TLS) must not take longer than this. */
  connectTimeout: 10_000,
} as const;

/**
 * The default time one attempt (connect, send, headers, body) may take. Organization answers in well under a second;
 * a third of the retry policy's 30 s bound leaves room to retry a timed-out read.
 */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Answers larger than this are refused as bad-response (real answers are a few KB). */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

let sharedAgent: Agent | undefined;

/** The process-wide agent every client shares, so sockets are reused across resources. */
export function getSharedAgent(): Agent {
  sharedAgent ??= new Agent(AGENT_DEFAULTS);
  return sharedAgent;
}

/** Closes the shared agent (tests, benches, short-lived CLIs); the next request opens a new one. */
export async function closeSharedAgent(): Promise<void> {
  const agent = sharedAgent;
  sharedAgent = undefined;
  await agent?.close();
}

export interface PostOptions {
  /** Names the call in errors. */
  readonly action: string;
  readonly timeoutMs?: number;
  /** The caller's cancellation; an abort from it is rethrown as is (it is not a transport failure). */
  readonly signal?: AbortSignal;
  /** Defaults to the shared agent. */
  readonly dispatcher?: Dispatcher;
}

export interface PostResult {
  readonly status: 200;
  /** The parsed JSON body. */
  readonly body: unknown;
}

const RESET_CODES = new Set([
  "UND_ERR_SOCKET",
  "ECONNRESET",
  "EPIPE",
  "UND_ERR_CLOSED",
  "UND_ERR_DESTROYED",
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
]);
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);
/** Failures before any byte of the request left: safe to retry for every action. */
/** Failures of the request as built, before anything is sent; repeating them cannot help. */
const INVALID_REQUEST_CODES = new Set([
  "UND_ERR_INVALID_ARG",
  "ERR_INVALID_CHAR",
  "ERR_INVALID_HTTP_TOKEN",
  "ERR_INVALID_URL",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

const CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  if (typeof code === "string") return code;
  // Happy-eyeballs connects fail with an AggregateError of one error per address.
  if (Array.isArray(errors)) return errorCode(errors[0]);
  return undefined;
}

/** Maps a low-level failure to a kind; undefined when it is not a transport failure we know. */
export function classifyTransportFailure(error: unknown): TransportErrorKind | undefined {
  const code = errorCode(error);
  if (code === undefined) return undefined;
  if (RESET_CODES.has(code)) return "reset";
  if (TIMEOUT_CODES.has(code)) return "timeout";
  if (CONNECT_CODES.has(code)) return "connect";
  if (INVALID_REQUEST_CODES.has(code)) return "invalid-request";
  return undefined;
}

/** Sends one POST and returns the parsed JSON of a 200 answer; every other outcome is a TransportError. */
export async function post(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  options: PostOptions,
): Promise<PostResult> {
  const { action } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  timer.unref();
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  try {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: "POST",
        headers,
        body,
        signal,
        dispatcher: options.dispatcher ?? getSharedAgent(),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw mapFailure(error, action, timeoutMs, deadline.signal, options.signal);
    }
    let text: string;
    try {
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw new TransportError(action, "http-status", `HTTP ${response.statusCode} from ${new URL(url).host}`, {
          httpStatus: response.statusCode,
        });
      }
      const declared = Number(response.headers["content-length"]);
      if (declared > MAX_RESPONSE_BYTES) {
        await response.body.dump();
        throw new TransportError(action, "bad-response", `answer of ${declared} bytes exceeds the limit`, {
          httpStatus: 200,
        });
      }
      text = await response.body.text();
    } catch (error) {
      if (error instanceof TransportError) throw error;
      throw mapFailure(error, action, timeoutMs, deadline.signal, options.signal);
    }
    try {
      return { status: 200, body: JSON.parse(text) as unknown };
    } catch (error) {
      const excerpt = text.length > 80 ? `${text.slice(0, 80)}...` : text;
      throw new TransportError(action, "bad-response", `answer is not JSON: ${JSON.stringify(excerpt)}`, {
        httpStatus: 200,
        cause: error,
      });
    }
  } finally {
    clearTimeout(timer);
  }
}

function mapFailure(
  error: unknown,
  action: string,
  timeoutMs: number,
  deadline: AbortSignal,
  callerSignal: AbortSignal | undefined,
): unknown {
  // The caller's own cancellation is not ours to classify or retry.
  if (callerSignal?.aborted) return callerSignal.reason ?? error;
  if (deadline.aborted) {
    return new TransportError(action, "timeout", `no complete answer within ${timeoutMs} ms`, { cause: error });
  }
  const kind = classifyTransportFailure(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (kind === undefined) {
    // An unknown low-level failure mid-request: treat it like a reset (outcome unknown), keep the cause.
    return new TransportError(action, "reset", `request failed: ${detail}`, { cause: error });
  }
  return new TransportError(action, kind, detail, { cause: error });
}
