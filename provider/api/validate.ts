/**
 * Turns a zod failure on a request into the error the API would answer: the same mapping serves the emulator (which
 * answers with it) and the client (which refuses to send a request the API would reject).
 */
import type { z } from "zod";

export interface RequestViolation {
  /** The API error code: MissingParameter, UnknownParameter, InvalidParameter, InvalidParameterValue or a business code. */
  readonly code: string;
  /** The offending field as a dotted path (`MemberUins.3`), or "" for the request as a whole. */
  readonly field: string;
  readonly message: string;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function codeOf(issue: z.core.$ZodIssue, input: unknown): string {
  const apiCode = issue.code === "custom" ? (issue.params as { apiCode?: unknown } | undefined)?.apiCode : undefined;
  if (typeof apiCode === "string") return apiCode;
  switch (issue.code) {
    case "unrecognized_keys":
      return "UnknownParameter";
    case "invalid_type":
      return valueAt(input, issue.path) === undefined ? "MissingParameter" : "InvalidParameter";
    case "invalid_value":
    case "invalid_union":
      // zod reports an absent enum or literal union as a value mismatch; absent is still missing.
      return valueAt(input, issue.path) === undefined ? "MissingParameter" : "InvalidParameterValue";
    default:
      return "InvalidParameterValue";
  }
}

export function describeViolation(issue: z.core.$ZodIssue, input: unknown): RequestViolation {
  const unknownKeys = issue.code === "unrecognized_keys" ? issue.keys : [];
  const path = [...issue.path.map(String), ...(unknownKeys.length > 0 ? [unknownKeys.join(",")] : [])];
  const field = path.join(".");
  const code = codeOf(issue, input);
  const detail =
    code === "MissingParameter"
      ? "is required"
      : code === "UnknownParameter"
        ? "is not a parameter of this action"
        : issue.message;
  return { code, field, message: field ? `${field} ${detail}` : detail };
}

/** Validates a request; the first violation is what the API reports. */
export function validateRequest<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | { ok: false; violations: RequestViolation[] } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, violations: result.error.issues.map((issue) => describeViolation(issue, input)) };
}
