/**
 * The plugin's resource types: each type token, its implementation (../resources/implementation, the same one the
 * dynamic provider serves, with the same adoption watch) and its schemas,
 * and what the plugin computes that a dynamic resource's class computes in the program: the ownership tag, from the
 * resource's URN (project, stack and name) instead of the program's.
 */
import { type ResourceImplementation, resourceImplementation } from "../resources/implementation";
import { authIdentitySchemas } from "../resources/member-auth-identity";
import { memberSchemas } from "../resources/organization-member";
import { nodeSchemas } from "../resources/organization-node";
import { policySchemas } from "../resources/member-access-policy";
import { identitySchemas } from "../resources/organization-identity";
import { ownershipTagValue } from "../resources/ownership";
import { isUnknown } from "../resources/properties";
import type { ResourceSchemas } from "../resources/schema";
import type { ResourceKind } from "../resources/implementation";

export const PACKAGE = "tencentcloud-organization";

export const RESOURCE_SCHEMAS: Record<ResourceKind, ResourceSchemas> = {
  OrganizationMember: memberSchemas,
  MemberAccessPolicy: policySchemas,
  MemberAuthIdentity: authIdentitySchemas,
  OrganizationNode: nodeSchemas,
  OrganizationIdentity: identitySchemas,
};

export const RESOURCE_KINDS = Object.keys(RESOURCE_SCHEMAS) as ResourceKind[];

/** `tencentcloud-organization:index:OrganizationMember` */
export const tokenOf = (kind: ResourceKind): string => `${PACKAGE}:index:${kind}`;

export class UnknownResourceTypeError extends Error {
  override readonly name = "UnknownResourceTypeError";
  constructor(readonly type: string) {
    super(`${PACKAGE} has no resource type "${type}"; its types are ${RESOURCE_KINDS.map(tokenOf).join(", ")}`);
  }
}

export function kindOf(type: string): ResourceKind {
  const kind = RESOURCE_KINDS.find((candidate) => tokenOf(candidate) === type);
  if (kind === undefined) throw new UnknownResourceTypeError(type);
  return kind;
}

export interface ParsedUrn {
  readonly stack: string;
  readonly project: string;
  readonly type: string;
  readonly name: string;
}

/** `urn:pulumi:<stack>::<project>::<[parent$]type>::<name>` (the name may itself hold `::`). */
export function parseUrn(urn: string): ParsedUrn {
  const parts = urn.split("::");
  const [head = "", project = "", qualifiedType = "", ...name] = parts;
  if (!head.startsWith("urn:pulumi:") || name.length === 0) throw new Error(`not a resource URN: "${urn}"`);
  return { stack: head.slice("urn:pulumi:".length), project, type: qualifiedType.split("$").pop()!, name: name.join("::") };
}

/** The inputs the provider adds to the program's (never shown as the program's change). */
export const HIDDEN_INPUTS: ReadonlySet<string> = new Set(["ownershipTag"]);

/**
 * The program's inputs plus what the class would add in a program: a created node's and member's ownership tag (a
 * member's only once its accountName is known, as the class does).
 */
export function withComputedInputs(kind: ResourceKind, urn: string, news: Record<string, unknown>): Record<string, unknown> {
  const { ownershipTag: _ignored, ...inputs } = news;
  const { project, stack, name } = parseUrn(urn);
  if (kind === "OrganizationNode") return { ...inputs, ownershipTag: ownershipTagValue(kind, project, stack, name) };
  if (kind === "OrganizationMember") {
    const made = inputs.accountName;
    if (made === undefined) return inputs;
    return { ...inputs, ownershipTag: isUnknown(made) ? made : ownershipTagValue(kind, project, stack, name, String(made)) };
  }
  return inputs;
}

export const implementationOf = (kind: ResourceKind): ResourceImplementation => resourceImplementation(kind);
