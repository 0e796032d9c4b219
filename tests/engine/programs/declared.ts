/**
 * An inline Pulumi program whose resources are declared in stack config, so each engine test states its stack as data.
 *
 * Config `resources` is a list of `{ kind, name, args, dependsOn?, retainOnDelete? }`. An arg `{ "$ref": "name.prop" }`
 * is the output `prop` of the resource `name` declared before it (unknown during preview while that one is created).
 */
import * as pulumi from "@pulumi/pulumi";
import {
  MemberAccessPolicy,
  MemberAuthIdentity,
  OrganizationIdentity,
  OrganizationMember,
  OrganizationNode,
} from "pulumi-tencentcloud-organization";

interface ResourceSpec {
  kind: "OrganizationMember" | "MemberAccessPolicy" | "MemberAuthIdentity" | "OrganizationNode" | "OrganizationIdentity";
  name: string;
  args: Record<string, unknown>;
  dependsOn?: string[];
  retainOnDelete?: boolean;
}

type ResourceConstructor = new (name: string, args: unknown, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;
const kinds = { OrganizationMember, MemberAccessPolicy, MemberAuthIdentity, OrganizationNode, OrganizationIdentity } as unknown as Record<ResourceSpec["kind"], ResourceConstructor>;

function resolve(value: unknown, declared: Map<string, pulumi.CustomResource>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, declared));
  if (value !== null && typeof value === "object") {
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === "string") {
      const [name, property] = ref.split(".");
      const resource = declared.get(name!) as unknown as Record<string, pulumi.Output<unknown>> | undefined;
      if (!resource || !property) throw new Error(`unknown reference ${ref}`);
      return resource[property];
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, declared)]));
  }
  return value;
}

export function declaredProgram(): Record<string, unknown> {
  const declared = new Map<string, pulumi.CustomResource>();
  for (const spec of new pulumi.Config().requireObject<ResourceSpec[]>("resources")) {
    const Kind = kinds[spec.kind];
    const dependsOn = (spec.dependsOn ?? []).map((name) => declared.get(name)!);
    const args = resolve(spec.args, declared);
    declared.set(spec.name, new Kind(spec.name, args, { dependsOn, retainOnDelete: spec.retainOnDelete }));
  }
  return { ids: Object.fromEntries([...declared].map(([name, resource]) => [name, resource.id])) };
}
