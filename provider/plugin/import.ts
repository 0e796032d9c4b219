/**
 * `pulumi import`: the engine reads the object by id alone, then checks the inputs the read returns. An imported
 * object follows Pulumi's convention: it is managed from then on as if the stack had created it, so destroy deletes it
 * (`createdByStack: true`). Adopting through `nodeId`, `memberUin`, `identityId` or `policyId` stays the way to manage an
 * object the stack must release on destroy.
 *
 * The inputs recorded are every argument the read reports, so the Check that follows (and the program written from
 * them) describes the object as it is. A member's `accountName` is never reported by the API: the import records the
 * member's name for it, which a created member's account name usually is (declare the real one in the program if it
 * differs; a changed accountName replaces a created member).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../resources/implementation";
import { RESOURCE_SCHEMAS, tokenOf } from "./resources";

type Props = Record<string, unknown>;

export class ImportNotFoundError extends Error {
  override readonly name = "ImportNotFoundError";
  constructor(
    readonly kind: ResourceKind,
    readonly id: string,
  ) {
    super(
      `cannot import ${tokenOf(kind)} "${id}": the organization has no such object (it was not found by the read); ` +
        "check the id (see the README's import ids per resource) and the credentials' organization",
    );
  }
}

/** The arguments an import manages: all of them except the adopting one and those the API never reports. */
function importedArguments(kind: ResourceKind): string[] {
  const schemas = RESOURCE_SCHEMAS[kind];
  const excluded = new Set([schemas.adoptedBy, ...(schemas.writeOnly ?? [])]);
  return Object.keys(schemas.args.shape).filter((key) => !excluded.has(key));
}

/** What a read by id alone is told state holds: an object the stack manages, every readable argument managed. */
export function importState(kind: ResourceKind): Props {
  // A MemberAuthIdentity's id names its members and identities; it has no created-or-adopted distinction.
  if (kind === "MemberAuthIdentity") return {};
  return { createdByStack: true, managedProperties: importedArguments(kind) };
}

/** The read's outputs and inputs, trimmed to what the object holds: an argument the object lacks is not managed. */
export function importedRead(kind: ResourceKind, result: pulumi.dynamic.ReadResult): { props: Props; inputs: Props } {
  const props: Props = { ...(result.props ?? {}) };
  const inputs: Props = { ...(result.inputs ?? {}) };
  if (kind === "OrganizationMember" && props.accountName === undefined && typeof props.name === "string") {
    props.accountName = props.name;
    inputs.accountName = props.name;
  }
  if (Array.isArray(props.managedProperties)) {
    props.managedProperties = Object.keys(inputs)
      .filter((key) => Object.keys(RESOURCE_SCHEMAS[kind].args.shape).includes(key))
      .sort();
  }
  return { props, inputs };
}
