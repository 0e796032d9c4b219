/**
 * A Pulumi program whose resources are declared in stack config, so each engine test states its stack as data.
 *
 * Config `resources` is a list of `{ kind, name, args, dependsOn?, retainOnDelete? }`. An arg `{ "$ref": "name.prop" }`
 * is the output `prop` of the resource `name` declared before it (unknown during preview while that one is created).
 */
import * as pulumi from "@pulumi/pulumi";
import { MemberAccessPolicy, MemberAuthIdentity, OrganizationMember } from "pulumi-tencentcloud-organization";

interface ResourceSpec {
  kind: "OrganizationMember" | "MemberAccessPolicy" | "MemberAuthIdentity";
  name: string;
  args: Record<string, unknown>;
  dependsOn?: string[];
  retainOnDelete?: boolean;
}

const kinds = { OrganizationMember, MemberAccessPolicy, MemberAuthIdentity };
const declared = new Map<string, pulumi.CustomResource>();

function resolve(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolve);
  if (value !== null && typeof value === "object") {
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === "string") {
      const [name, property] = ref.split(".");
      const resource = declared.get(name!) as unknown as Record<string, pulumi.Output<unknown>> | undefined;
      if (!resource || !property) throw new Error(`unknown reference ${ref}`);
      return resource[property];
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  }
  return value;
}

for (const spec of new pulumi.Config().requireObject<ResourceSpec[]>("resources")) {
  const Kind = kinds[spec.kind] as unknown as new (
    name: string,
    args: unknown,
    opts?: pulumi.CustomResourceOptions,
  ) => pulumi.CustomResource;
  const dependsOn = (spec.dependsOn ?? []).map((name) => declared.get(name)!);
  declared.set(spec.name, new Kind(spec.name, resolve(spec.args), { dependsOn, retainOnDelete: spec.retainOnDelete }));
}

export const ids = Object.fromEntries([...declared].map(([name, resource]) => [name, resource.id]));
