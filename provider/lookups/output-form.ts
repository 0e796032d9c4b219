/** The `get*Output` form of a lookup, as Pulumi's generated providers offer it: Inputs in, an Output out. */
import * as pulumi from "@pulumi/pulumi";

/** Each argument may be an Input (an Output of another resource, say). */
export type InputsOf<T> = { [K in keyof T]: pulumi.Input<T[K]> };

export function outputForm<A extends object, R>(lookup: (args: A) => Promise<R>): (args: InputsOf<A>) => pulumi.Output<R> {
  return (args) => pulumi.output(args).apply((resolved) => lookup(resolved as A)) as pulumi.Output<R>;
}

/** The API's tag list from the `{ key: value }` form properties use. */
export const tagList = (tags: Record<string, string> | undefined) =>
  tags === undefined ? undefined : Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
