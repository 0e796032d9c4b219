/**
 * A faster path for checking responses against their zod schemas, exactly as strict: zod's general machinery costs
 * most of a 50-item page's client time. The response schemas use a small vocabulary (objects that strip or refuse
 * unknown keys, safe integers, strings, booleans, arrays, optional, nullable, length and lower-bound checks, and a
 * transform of a parsed value), which compiles here into plain checks that accept exactly what zod accepts and return
 * what zod returns. A schema using anything else is not compiled and goes to zod; a value the fast path refuses goes to zod too,
 * so every error is zod's own.
 */
import type { z } from "zod";

const FAIL: unique symbol = Symbol("fail");
type Check = (value: unknown) => unknown;

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: unknown;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  transform?: (value: unknown, ctx?: unknown) => unknown;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  format?: string;
  check?: string;
  coerce?: boolean;
}

interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  format?: string;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The checks on a number, string or array, as one predicate; undefined when one is not understood. */
function checksOf(def: Def, measure: (value: never) => number): ((value: never) => boolean) | undefined {
  const tests: Array<(value: never) => boolean> = [];
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === "min_length" && typeof c.minimum === "number") {
      const min = c.minimum;
      tests.push((v) => measure(v) >= min);
    } else if (c.check === "max_length" && typeof c.maximum === "number") {
      const max = c.maximum;
      tests.push((v) => measure(v) <= max);
    } else if (c.check === "greater_than" && typeof c.value === "number") {
      const bound = c.value;
      tests.push(c.inclusive ? (v) => measure(v) >= bound : (v) => measure(v) > bound);
    } else {
      return undefined;
    }
  }
  return (value) => tests.every((test) => test(value));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function compile(schema: z.ZodType): Check | undefined {
  const def = defOf(schema);
  if (def.coerce) return undefined;
  switch (def.type) {
    case "object": {
      // Unknown keys are stripped, or with a catchall of never (z.strictObject) refused.
      const strict = def.catchall !== undefined && defOf(def.catchall as z.ZodType).type === "never";
      if ((def.catchall !== undefined && !strict) || def.checks?.length || !def.shape) return undefined;
      const shape = def.shape;
      const fields: Array<[string, Check]> = [];
      for (const [key, field] of Object.entries(shape)) {
        const check = compile(field);
        if (!check) return undefined;
        fields.push([key, check]);
      }
      return (value) => {
        if (!isObject(value)) return FAIL;
        if (strict && Object.keys(value).some((key) => !Object.prototype.hasOwnProperty.call(shape, key))) return FAIL;
        const out: Record<string, unknown> = {};
        for (const [key, check] of fields) {
          const result = check(value[key]);
          if (result === FAIL) return FAIL;
          // As zod: a key absent from the input stays absent when its value is undefined.
          if (result !== undefined || key in value) out[key] = result;
        }
        return out;
      };
    }
    case "number": {
      if (def.format !== "safeint" && def.check !== undefined) return undefined;
      const checks = checksOf(def, (v: number) => v);
      if (!checks) return undefined;
      const integer = def.format === "safeint";
      return (value) =>
        typeof value === "number" && Number.isFinite(value) && (!integer || Number.isSafeInteger(value)) && checks(value as never) ? value : FAIL;
    }
    case "string": {
      const checks = checksOf(def, (v: string) => v.length);
      if (!checks) return undefined;
      return (value) => (typeof value === "string" && checks(value as never) ? value : FAIL);
    }
    case "boolean":
      return def.checks?.length ? undefined : (value) => (typeof value === "boolean" ? value : FAIL);
    case "array": {
      const element = def.element && compile(def.element);
      const checks = checksOf(def, (v: unknown[]) => v.length);
      if (!element || !checks) return undefined;
      return (value) => {
        if (!Array.isArray(value)) return FAIL;
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const result = element(value[i]);
          if (result === FAIL) return FAIL;
          out[i] = result;
        }
        return checks(out as never) ? out : FAIL;
      };
    }
    case "optional": {
      const inner = def.innerType && !def.checks?.length && compile(def.innerType);
      return inner ? (value) => (value === undefined ? undefined : inner(value)) : undefined;
    }
    case "nullable": {
      const inner = def.innerType && !def.checks?.length && compile(def.innerType);
      return inner ? (value) => (value === null ? null : inner(value)) : undefined;
    }
    case "pipe": {
      // Only a transform that cannot add issues (it takes no context) after a compiled schema.
      const input = def.in && compile(def.in);
      const out = def.out && defOf(def.out);
      const transform = out?.type === "transform" && !out.checks?.length ? out.transform : undefined;
      if (!input || !transform || transform.length > 1) return undefined;
      return (value) => {
        const parsed = input(value);
        return parsed === FAIL ? FAIL : transform(parsed);
      };
    }
    default:
      return undefined;
  }
}

const compiled = new WeakMap<z.ZodType, Check | null>();

function compiledCheck(schema: z.ZodType): Check | undefined {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compile(schema) ?? null;
    compiled.set(schema, check);
  }
  return check ?? undefined;
}

/**
 * The compiled path alone: what zod's `safeParse` returns on success, undefined for a value it refuses; undefined
 * itself when the schema has no compiled path.
 */
export function fastPath(schema: z.ZodType): ((value: unknown) => { success: true; data: unknown } | undefined) | undefined {
  const check = compiledCheck(schema);
  if (!check) return undefined;
  return (value) => {
    const result = check(value);
    return result === FAIL ? undefined : { success: true, data: result };
  };
}

/** zod's `safeParse`, through the compiled checks when the schema allows. */
export function parseResponse(schema: z.ZodType, value: unknown): ReturnType<z.ZodType["safeParse"]> {
  const check = compiledCheck(schema);
  if (check) {
    const result = check(value);
    if (result !== FAIL) return { success: true, data: result } as ReturnType<z.ZodType["safeParse"]>;
  }
  return schema.safeParse(value);
}
