/**
 * The lookups (../lookups) as the plugin's functions, `tencentcloud-organization:index:get<X>`: the same functions a
 * TypeScript program calls, answered here with the client the provider's config built.
 */
import { getIdentities, getMember, getMemberPolicies, getMembers, getNodes } from "../lookups";
import { serveLookupsWith } from "../lookups/client";
import { sharedClient } from "../resources/config";
import { withoutUndefined } from "../resources/properties";
import { PACKAGE } from "./resources";

type Lookup = (args: never) => Promise<unknown>;

export const FUNCTIONS = { getMembers, getMember, getNodes, getIdentities, getMemberPolicies } satisfies Record<string, Lookup>;
export type FunctionName = keyof typeof FUNCTIONS;

export const functionToken = (name: FunctionName): string => `${PACKAGE}:index:${name}`;

export class UnknownFunctionError extends Error {
  override readonly name = "UnknownFunctionError";
  constructor(readonly token: string) {
    super(`${PACKAGE} has no function "${token}"; its functions are ${Object.keys(FUNCTIONS).map((name) => functionToken(name as FunctionName)).join(", ")}`);
  }
}

export async function invoke(token: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const name = (Object.keys(FUNCTIONS) as FunctionName[]).find((candidate) => functionToken(candidate) === token);
  if (name === undefined) throw new UnknownFunctionError(token);
  serveLookupsWith(sharedClient);
  const lookup = FUNCTIONS[name] as (args: Record<string, unknown>) => Promise<unknown>;
  return withoutUndefined((await lookup(args)) as Record<string, unknown>);
}
