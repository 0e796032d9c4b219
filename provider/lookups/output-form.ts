/** The `get*Output` form of a lookup, as Pulumi's generated providers offer it: Inputs in, an Output out. */
import * as pulumi from "@pulumi/pulumi";

/** Each argument may be an Input (an Output of another resource, say). */
export type InputsOf<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** The lookup's parameter list with Inputs for values; an optional argument object stays optional. */
type InputParameters<P extends unknown[]> = { [I in keyof P]: InputsOf<NonNullable<P[I]>> };

export function outputForm<P extends [object?], R>(lookup: (...args: P) => Promise<R>): (...args: InputParameters<P>) => pulumi.Output<R> {
  return (...args) => pulumi.output(args[0] ?? {}).apply((resolved) => lookup(...([resolved] as unknown as P))) as pulumi.Output<R>;
}

/** The API's tag list from the `{ key: value }` form properties use. */
export const tagList = (tags: Record<string, string> | undefined) =>
  tags === undefined ? undefined : Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
