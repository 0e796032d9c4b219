/**
 * Helpers every resource uses to validate, normalize and compare its properties, with preview's unknown values in mind.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { validateRequest } from "../api";

/** The value the engine sends for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const PROVIDER_KEY = "__provider";

export const isUnknown = (value: unknown): boolean =>
  value === UNKNOWN || (Array.isArray(value) && value.some((item) => item === UNKNOWN));

/** Sorted, de-duplicated numbers, so list order never causes a diff. Unknown lists pass through untouched. */
export function normalizeIdList(value: unknown): unknown {
  if (!Array.isArray(value) || isUnknown(value)) return value;
  if (!value.every((item) => typeof item === "number")) return value;
  return [...new Set(value as number[])].sort((a, b) => a - b);
}

/** The input properties without the serialized provider. */
export function withoutProvider(props: Record<string, unknown>): Record<string, unknown> {
  const { [PROVIDER_KEY]: _provider, ...rest } = props;
  return rest;
}

/** Lower-cases the first letter: `MemberUins.3` → `memberUins.3`. */
const propertyOf = (apiField: string): string => apiField.charAt(0).toLowerCase() + apiField.slice(1);

/**
 * Validates a property bag with a zod schema, skipping failures on properties that are still unknown, and reports each
 * failure with the property it concerns.
 */
export function failuresOf(
  schema: z.ZodType,
  value: Record<string, unknown>,
  rename: (field: string) => string = (field) => field,
): pulumi.dynamic.CheckFailure[] {
  const known = Object.fromEntries(Object.entries(value).filter(([, v]) => !isUnknown(v)));
  const result = validateRequest(schema, known);
  if (result.ok) return [];
  const unknownKeys = new Set(Object.keys(value).filter((key) => isUnknown(value[key])).map(rename));
  const failures: pulumi.dynamic.CheckFailure[] = [];
  for (const violation of result.violations) {
    const property = rename(violation.field);
    if (unknownKeys.has(property.split(".")[0]!)) continue;
    const [, ...rest] = violation.message.split(" ");
    const reason = violation.field ? `${property} ${rest.join(" ")}` : violation.message;
    failures.push({ property, reason });
  }
  return failures;
}

/** Renames an API request's violations (`PermissionIds` → `permissionIds`) through a map, else by lower-casing. */
export function apiFieldRenamer(map: Record<string, string> = {}): (field: string) => string {
  return (field) => {
    const [head = "", ...rest] = field.split(".");
    return [map[head] ?? propertyOf(head), ...rest].join(".");
  };
}

/** Deep equality for the JSON-like values properties hold. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The properties that differ between what is recorded (olds) and what is desired (news), among the given keys. A key the
 * program leaves unset is not managed and never differs; an unknown value always counts as a change.
 */
export function changedProperties<K extends string>(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  keys: readonly K[],
): K[] {
  return keys.filter((key) => {
    const desired = news[key];
    if (desired === undefined) return false;
    return isUnknown(desired) || !sameValue(olds[key], desired);
  });
}

/** Only the defined entries of an object, for building API requests from optional properties. */
export function defined<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/**
 * A copy without undefined values, at any depth: the engine's protobuf Struct cannot carry them ("Unexpected struct
 * type"), and an absent property is what an undefined one means.
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withoutUndefined(item)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutUndefined(v)]),
    ) as T;
  }
  return value;
}

/** A check result keeping the first failure per property (several rules can flag the same one). */
export function checkResult(
  inputs: Record<string, unknown>,
  failures: pulumi.dynamic.CheckFailure[],
): pulumi.dynamic.CheckResult {
  const seen = new Set<string>();
  const unique = failures.filter((failure) => !seen.has(failure.property) && seen.add(failure.property));
  return unique.length > 0 ? { inputs, failures: unique } : { inputs };
}

/** The keys among `keys` that the program sets: the properties a resource manages. */
export function definedKeys(inputs: Record<string, unknown>, keys: readonly string[]): string[] {
  return keys.filter((key) => inputs[key] !== undefined);
}

/** Parses a numeric resource id (a member UIN, a PolicyId). */
export function numericId(id: string, resource: string, meaning: string): number {
  const value = Number(id);
  if (!/^[0-9]+$/.test(id) || !Number.isSafeInteger(value)) {
    throw new Error(`${resource} id must be ${meaning} (digits), got "${id}"`);
  }
  return value;
}
