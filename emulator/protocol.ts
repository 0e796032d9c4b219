/**
 * The Tencent Cloud API 3.0 envelope. Every answer that reached the API layer is HTTP 200 with a JSON body:
 * `{"Response": {...fields, "RequestId"}}` or `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`.
 */
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { ApiError } from "./errors";

export const newRequestId = (): string => randomUUID();

export interface SuccessEnvelope {
  Response: Record<string, unknown> & { RequestId: string };
}
export interface ErrorEnvelope {
  Response: { Error: { Code: string; Message: string }; RequestId: string };
}

export function successEnvelope(fields: object, requestId: string): SuccessEnvelope {
  return { Response: { ...fields, RequestId: requestId } };
}

export function errorEnvelope(error: ApiError, requestId: string): ErrorEnvelope {
  return { Response: { Error: { Code: error.code, Message: error.message }, RequestId: requestId } };
}

/** Writes a JSON answer; echoes the client's X-TC-TraceId as Tencent's gateway does. */
export function sendJson(res: ServerResponse, body: unknown, traceId?: string, status = 200): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    ...(traceId ? { "X-TC-TraceId": traceId } : {}),
  });
  res.end(text);
}
