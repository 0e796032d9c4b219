/**
 * Reads the API 3.0 envelope of a 200 answer: `{"Response": {..., "RequestId"}}` or
 * `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`, and checks a success against the action's response schema.
 * Anything else is a TransportError of kind "bad-response" that names the offending field.
 */
import type { z } from "zod";
import { TencentCloudApiError, TransportError } from "./errors";
import { parseResponse } from "./fast-parse";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function badResponse(action: string, detail: string, requestId?: string): TransportError {
  return new TransportError(action, "bad-response", detail, {
    httpStatus: 200,
    ...(requestId === undefined ? {} : { requestId }),
  });
}

/** Returns the parsed success fields and its RequestId, or throws TencentCloudApiError / TransportError. */
export function readEnvelope(action: string, body: unknown, schema: z.ZodType): { value: unknown; requestId: string } {
  if (!isRecord(body) || !isRecord(body.Response)) {
    throw badResponse(action, "field Response: the answer has no Response object");
  }
  const { RequestId: requestId, Error: error, ...fields } = body.Response;
  const knownRequestId = typeof requestId === "string" ? requestId : undefined;
  if (error !== undefined) {
    if (!isRecord(error) || typeof error.Code !== "string" || error.Code === "") {
      throw badResponse(action, "field Response.Error.Code: an error without a code", knownRequestId);
    }
    const message = typeof error.Message === "string" ? error.Message : "";
    throw new TencentCloudApiError(action, error.Code, message, knownRequestId ?? "");
  }
  if (knownRequestId === undefined || knownRequestId === "") {
    throw badResponse(action, "field Response.RequestId: missing or not a string");
  }
  const parsed = parseResponse(schema, fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ["Response", ...(issue?.path ?? []).map(String)].join(".");
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : "";
    throw badResponse(action, `field ${field}: ${issue?.message ?? "does not match"}${more}`, knownRequestId);
  }
  return { value: parsed.data, requestId: knownRequestId };
}
