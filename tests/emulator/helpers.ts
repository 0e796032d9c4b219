/**
 * Test helpers: sign and send Organization API requests to an emulator with the project's signer, and check answers
 * against the action's response schema.
 */
import { type ActionName, type RequestOf, type ResponseBodyOf, actions } from "../../provider/api";
import { authorizationHeader } from "../../provider/client/signer";
import { type Emulator, type StartOptions, start } from "../../emulator";

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON. */
  json: unknown;
}

export interface SendOptions {
  secretId?: string;
  secretKey?: string;
  /** Unix seconds; default the emulator's clock (or Date.now). */
  timestamp?: number;
  service?: string;
  contentType?: string;
  /** The host to sign; default the URL's host with port. */
  signedHost?: string;
  /** Headers to add or override (undefined removes one). */
  headers?: Record<string, string | undefined>;
  /** Signs this body but sends `sendBody`. */
  sendBody?: string;
}

export interface Target {
  url: string;
  credentials: { secretId: string; secretKey: string };
  /** Milliseconds since the epoch, matching the emulator's clock. */
  now?: () => number;
}

/** Sends a body as action `action`, signed (unless told otherwise); never throws on API errors. */
export async function sendRaw(target: Target, action: string, body: string, options: SendOptions = {}): Promise<RawAnswer> {
  const timestamp = options.timestamp ?? Math.floor((target.now ?? Date.now)() / 1000);
  const contentType = options.contentType ?? "application/json";
  const authorization = authorizationHeader({
    secretId: options.secretId ?? target.credentials.secretId,
    secretKey: options.secretKey ?? target.credentials.secretKey,
    service: options.service ?? "organization",
    host: options.signedHost ?? new URL(target.url).host,
    contentType,
    payload: body,
    timestamp,
  });
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    "X-TC-Action": action,
    "X-TC-Version": "2021-03-31",
    "X-TC-Timestamp": String(timestamp),
    Authorization: authorization,
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const response = await fetch(`${target.url}/`, { method: "POST", headers, body: options.sendBody ?? body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export interface ApiAnswer {
  status: number;
  response: Record<string, unknown> & { RequestId?: string; Error?: { Code: string; Message: string } };
}

export async function send(target: Target, action: string, request: unknown, options?: SendOptions): Promise<ApiAnswer> {
  const answer = await sendRaw(target, action, JSON.stringify(request), options);
  const envelope = answer.json as { Response?: ApiAnswer["response"] } | undefined;
  if (!envelope?.Response) throw new Error(`not a TC3 envelope (HTTP ${answer.status}): ${answer.text}`);
  return { status: answer.status, response: envelope.Response };
}

/** Calls an action that must succeed; checks the answer against the action's response schema. */
export async function call<A extends ActionName>(target: Target, action: A, request: RequestOf<A>): Promise<ResponseBodyOf<A> & { RequestId: string }> {
  const { status, response } = await send(target, action, request);
  if (response.Error) throw new Error(`${action} failed: ${response.Error.Code}: ${response.Error.Message}`);
  expect(status).toBe(200);
  expect(response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  const { RequestId, ...fields } = response;
  actions[action].response.parse(fields);
  return response as ResponseBodyOf<A> & { RequestId: string };
}

/** Calls an action that must fail; returns the error for further checks. */
export async function callError(target: Target, action: string, request: unknown, options?: SendOptions): Promise<{ Code: string; Message: string; RequestId: string }> {
  const { status, response } = await send(target, action, request, options);
  expect(status).toBe(200);
  if (!response.Error) throw new Error(`${action} unexpectedly succeeded: ${JSON.stringify(response)}`);
  expect(response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  return { ...response.Error, RequestId: response.RequestId! };
}

/** Expects an action to fail with `code` and a message that mentions every one of `mentions`. */
export async function expectError(target: Target, action: string, request: unknown, code: string, ...mentions: Array<string | number>): Promise<void> {
  const error = await callError(target, action, request);
  expect(error.Code).toBe(code);
  for (const mention of mentions) expect(error.Message).toContain(String(mention));
}

/** Starts an emulator whose target carries the same clock; rate limits off unless asked (tests call quickly). */
export async function startTarget(options: StartOptions = {}): Promise<Emulator & Target> {
  const emulator = await start({ port: 0, rateLimits: false, ...options });
  return Object.assign(emulator, options.now ? { now: options.now } : {});
}

export const page = { Offset: 0, Limit: 50 } as const;
