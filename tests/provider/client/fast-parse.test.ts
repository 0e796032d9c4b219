/**
 * The compiled response checks against zod itself: for every action's response schema, valid answers and each of
 * many single-field corruptions must get zod's verdict, and on success zod's exact output.
 */
import type { z } from "zod";
import { actions } from "../../../provider/api";
import { fastPath, parseResponse } from "../../../provider/client/fast-parse";

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  checks?: Array<{ _zod: { def: { check: string; value?: number; minimum?: number; maximum?: number } } }>;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const check = (def: Def, name: string) => def.checks?.map((c) => c._zod.def).find((c) => c.check === name);

/** A valid value for the schema, with `variant` choosing between the branches of optional and nullable. */
function sample(schema: z.ZodType, variant: number): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case "object":
      return Object.fromEntries(Object.entries(def.shape!).map(([key, field]) => [key, sample(field, variant)]).filter(([, v]) => v !== undefined));
    case "optional":
      return variant % 3 === 1 ? undefined : sample(def.innerType!, variant);
    case "nullable":
      return variant % 3 === 2 ? null : sample(def.innerType!, variant);
    case "number":
      return (check(def, "greater_than")?.value ?? 0) + 7;
    case "string":
      return "s".repeat(Math.min(check(def, "max_length")?.maximum ?? 5, Math.max(check(def, "min_length")?.minimum ?? 0, 5)));
    case "boolean":
      return variant % 2 === 0;
    case "array": {
      const length = Math.min(check(def, "max_length")?.maximum ?? 2, Math.max(check(def, "min_length")?.minimum ?? 0, 2));
      return Array.from({ length }, () => sample(def.element!, variant));
    }
    case "pipe":
      return sample(def.in!, variant);
    default:
      throw new Error(`no sample for ${def.type}`);
  }
}

const CORRUPTIONS: unknown[] = [null, undefined, "x", "", 1.5, Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 2 ** 60, true, [], {}, [1], "s".repeat(5000)];

/** Every value that differs from `value` at one place: each corruption at each path, each key dropped, a key added. */
function* corruptions(value: unknown): Generator<unknown> {
  for (const replacement of CORRUPTIONS) yield replacement;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) for (const inner of corruptions(value[i])) yield value.map((v, j) => (j === i ? inner : v));
    yield [];
    yield [...value, ...value, ...value, ...value, ...value, ...value];
  } else if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      for (const inner of corruptions(record[key])) yield { ...record, [key]: inner };
      const { [key]: _dropped, ...rest } = record;
      yield rest;
    }
    yield { ...record, Unknown: 1 };
  }
}

describe("compiled response checks", () => {
  const responses = Object.entries(actions).map(([action, spec]) => [action, spec.response as z.ZodType] as const);

  it.each(responses)("%s: every response schema has a compiled path", (_action, schema) => {
    expect(fastPath(schema)).toBeDefined();
  });

  it.each(responses)("%s: zod's verdict and output on valid answers and single-field corruptions", (_action, schema) => {
    const fast = fastPath(schema)!;
    let compared = 0;
    for (let variant = 0; variant < 3; variant++) {
      const valid = sample(schema, variant);
      for (const candidate of [valid, ...corruptions(valid)]) {
        const expected = schema.safeParse(candidate);
        const got = fast(candidate);
        if (expected.success) expect(got).toStrictEqual({ success: true, data: expected.data });
        else expect(got).toBeUndefined();
        compared++;
      }
      expect(schema.safeParse(valid).success).toBe(true);
    }
    expect(compared).toBeGreaterThan(3);
  });

  it("gives zod's own error for a refused answer", () => {
    const schema = actions.ListOrganizationIdentity.response as z.ZodType;
    const result = parseResponse(schema, { Items: [{ IdentityId: "1" }], Total: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual(schema.safeParse({ Items: [{ IdentityId: "1" }], Total: 1 }).error?.issues);
  });
});
