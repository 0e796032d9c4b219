/**
 * Types derived from a resource's zod schemas, so each property is written once: in the schema, with its rule and its
 * documentation. The program-facing Args, the inputs `check` validates, and the resource's output properties all come
 * from there.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";

/** What a program passes: every property an Input, lists as Inputs of Inputs; optional stays optional. */
export type ArgsOf<T> = {
  [K in keyof T]: NonNullable<T[K]> extends ReadonlyArray<infer E> ? pulumi.Input<pulumi.Input<E>[]> : pulumi.Input<NonNullable<T[K]>>;
};

/**
 * The resource's output properties: every property present, as an Output of its type. Properties the resource may not
 * report (a write-only input left unset, an optional API field) are listed in `MaybeAbsent` and keep `undefined`.
 */
export type OutputsOf<T, MaybeAbsent extends keyof T = never> = {
  readonly [K in keyof T]-?: pulumi.Output<K extends MaybeAbsent ? T[K] : Exclude<T[K], undefined>>;
};

/**
 * Every property of the given object schemas set to undefined: passed to the engine with the Args, so that each one the
 * program leaves out is still registered, and reported back, as an output.
 */
export function unsetProperties(...schemas: Array<z.ZodObject>): Record<string, undefined> {
  return Object.fromEntries(schemas.flatMap((schema) => Object.keys(schema.shape)).map((key) => [key, undefined]));
}

/**
 * A resource's schemas as adapters other than its class need them (the native plugin's schema.json, its import): the
 * arguments a program sets, what the provider adds to them (`inputs`), what it reports beyond them, and the arguments
 * whose change always replaces the object (what `diff` returns in `replaces` whatever the state).
 */
export interface ResourceSchemas {
  readonly args: z.ZodObject;
  readonly inputs: z.ZodObject;
  readonly reported: z.ZodObject;
  readonly replaceOnChanges: readonly string[];
  /** The argument that adopts an existing object instead of creating one (none for MemberAuthIdentity). */
  readonly adoptedBy?: string;
  /** Arguments the API never reports back (kept as set): an import cannot read them. */
  readonly writeOnly?: readonly string[];
}
