/**
 * The package schema (schema.json) the engine asks for with GetSchema and SDK generators read: built from the same zod
 * schemas that give the resources' Args and outputs (../resources/*: `<kind>Schemas`), through zod's JSON Schema export,
 * so a field exists in one place. Descriptions are the zod `.describe()` texts; a property whose change always replaces
 * the object carries `replaceOnChanges`; config keys that are credentials are `secret`.
 *
 * Mapping: strings, integers, numbers and booleans as they are; a literal or an enum as a string or integer; a record
 * as an object of `additionalProperties`; an object with properties as a named type
 * (`tencentcloud-organization:index:<Resource><Property>`); anything JSON Schema cannot say more precisely (a union)
 * as `pulumi.json#/Any`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import type { ResourceSchemas } from "../resources/schema";
import type { ResourceKind } from "../resources/implementation";
import { CONFIG_PROPERTIES, SECRET_CONFIG } from "./config";
import { FUNCTION_SCHEMAS } from "./functions";
import { PACKAGE, RESOURCE_KINDS, RESOURCE_SCHEMAS, tokenOf } from "./resources";

type JsonSchema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

export interface PropertySpec {
  type?: string;
  $ref?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  description?: string;
  secret?: boolean;
  replaceOnChanges?: boolean;
}

export interface ObjectTypeSpec {
  type: "object";
  description?: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

export interface PackageSchema {
  name: string;
  displayName: string;
  version: string;
  description: string;
  license: string;
  repository?: string;
  keywords: string[];
  config: { variables: Record<string, PropertySpec> };
  provider: { description: string; inputProperties: Record<string, PropertySpec>; properties: Record<string, PropertySpec> };
  resources: Record<string, ObjectTypeSpec & { inputProperties: Record<string, PropertySpec>; requiredInputs: string[] }>;
  functions: Record<string, { description?: string; inputs: ObjectTypeSpec; outputs: ObjectTypeSpec }>;
  types: Record<string, ObjectTypeSpec>;
  language: Record<string, Record<string, unknown>>;
}

const REPO_ROOT = path.resolve(__dirname, "..", "..", __dirname.includes(`${path.sep}dist${path.sep}`) ? ".." : ".");

/** Where the schema is committed: the repository's (and the npm package's) root. */
export const SCHEMA_PATH = path.join(REPO_ROOT, "schema.json");

export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** JSON Schema of one zod schema, as a program writes it (`io: "input"`: optional means may be left out). */
function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
}

class SchemaBuilder {
  readonly types: Record<string, ObjectTypeSpec> = {};

  /** A Pulumi property from a JSON Schema; named object types are registered under `typeName`. */
  property(json: JsonSchema, typeName: string): PropertySpec {
    const description = json.description === undefined ? {} : { description: json.description };
    const type = Array.isArray(json.type) ? json.type.find((t) => t !== "null") : json.type;
    if (json.const !== undefined) return { type: typeof json.const === "number" ? "integer" : "string", ...description };
    if (json.enum !== undefined) return { type: json.enum.every((v) => typeof v === "number") ? "integer" : "string", ...description };
    switch (type) {
      case "string":
      case "integer":
      case "number":
      case "boolean":
        return { type, ...description };
      case "array":
        return { type: "array", items: json.items ? this.property(json.items, `${typeName}Item`) : { $ref: "pulumi.json#/Any" }, ...description };
      case "object":
        if (json.properties !== undefined && Object.keys(json.properties).length > 0) {
          this.types[`${PACKAGE}:index:${typeName}`] = this.objectType(json, typeName);
          return { $ref: `#/types/${PACKAGE}:index:${typeName}`, ...description };
        }
        if (typeof json.additionalProperties === "object") {
          return { type: "object", additionalProperties: this.property(json.additionalProperties, `${typeName}Value`), ...description };
        }
        return { type: "object", additionalProperties: { $ref: "pulumi.json#/Any" }, ...description };
    }
    const alternatives = json.anyOf ?? json.oneOf;
    if (alternatives !== undefined) {
      const kinds = alternatives.map((alternative) => this.property(alternative, typeName));
      const first = kinds[0];
      if (first?.type !== undefined && kinds.every((kind) => kind.type === first.type && kind.$ref === undefined)) return { ...first, ...description };
    }
    return { $ref: "pulumi.json#/Any", ...description };
  }

  properties(json: JsonSchema, typePrefix: string): Record<string, PropertySpec> {
    return Object.fromEntries(
      Object.entries(json.properties ?? {}).map(([key, value]) => [key, this.property(value, `${typePrefix}${capitalized(key)}`)]),
    );
  }

  objectType(json: JsonSchema, typeName: string): ObjectTypeSpec {
    return {
      type: "object",
      ...(json.description === undefined ? {} : { description: json.description }),
      properties: this.properties(json, typeName),
      ...(json.required && json.required.length > 0 ? { required: [...json.required].sort() } : {}),
    };
  }
}

const RESOURCE_DESCRIPTIONS: Record<ResourceKind, string> = {
  OrganizationMember: "A member account of the organization: created, or adopted with `memberUin` (released on destroy).",
  MemberAccessPolicy: "A member access policy: members accessed with an identity. Created, or adopted with `policyId`.",
  MemberAuthIdentity: "The authorizations of members for identities (`memberUin:identityId` pairs) this resource owns.",
  OrganizationNode: "A department of the organization: created, or adopted with `nodeId` (released on destroy).",
  OrganizationIdentity: "An identity (CAM role with policies) members are accessed with: created, or adopted with `identityId`.",
};

function resourceSpec(builder: SchemaBuilder, kind: ResourceKind, schemas: ResourceSchemas): PackageSchema["resources"][string] {
  const args = jsonSchemaOf(schemas.args, "input");
  const reported = jsonSchemaOf(schemas.reported, "output");
  const inputProperties = builder.properties(args, kind);
  for (const key of schemas.replaceOnChanges) {
    const property = inputProperties[key];
    if (property === undefined) throw new Error(`${kind}: replaceOnChanges names ${key}, which is not one of its arguments`);
    property.replaceOnChanges = true;
  }
  // Outputs: every argument (a resource reports what it manages) and what it reports besides.
  const properties = { ...builder.properties(jsonSchemaOf(schemas.args, "output"), kind), ...builder.properties(reported, kind) };
  for (const key of schemas.replaceOnChanges) if (properties[key]) properties[key]!.replaceOnChanges = true;
  return {
    type: "object",
    description: RESOURCE_DESCRIPTIONS[kind],
    inputProperties,
    requiredInputs: [...(args.required ?? [])].sort(),
    properties,
    required: [...(reported.required ?? [])].sort(),
  };
}

/** The package schema; `resources` replaces the resources' schemas (a test adds a field to one). */
export function buildSchema(resources: Record<ResourceKind, ResourceSchemas> = RESOURCE_SCHEMAS): PackageSchema {
  const builder = new SchemaBuilder();
  const config = Object.fromEntries(
    CONFIG_PROPERTIES.map(({ name, setting }) => [
      name,
      { type: "string", description: `The ${setting} setting (also read from that environment variable).`, ...(SECRET_CONFIG.has(name) ? { secret: true } : {}) },
    ]),
  );
  const resourceSpecs = Object.fromEntries(RESOURCE_KINDS.map((kind) => [tokenOf(kind), resourceSpec(builder, kind, resources[kind])]));
  const functions = Object.fromEntries(
    Object.entries(FUNCTION_SCHEMAS).map(([name, spec]) => {
      const inputs = builder.objectType(jsonSchemaOf(spec.args, "input"), `${capitalized(name)}Args`);
      const outputs = builder.objectType(jsonSchemaOf(spec.result, "output"), `${capitalized(name)}Result`);
      return [`${PACKAGE}:index:${name}`, { description: spec.description, inputs, outputs }];
    }),
  );
  return {
    name: PACKAGE,
    displayName: "Tencent Cloud Organization",
    version: packageVersion(),
    description: "Tencent Cloud Organization departments, identities, members, member access policies and member auth identities",
    license: "Apache-2.0",
    keywords: ["pulumi", "tencentcloud", "organization", "category/cloud"],
    config: { variables: config },
    provider: { description: "The provider's settings; each unset one is read from its environment variable.", inputProperties: config, properties: config },
    resources: resourceSpecs,
    functions,
    types: Object.fromEntries(Object.entries(builder.types).sort(([a], [b]) => a.localeCompare(b))),
    language: {
      nodejs: { packageName: "@pulumi-tencentcloud-organization/sdk", respectSchemaVersion: true },
      python: { packageName: "pulumi_tencentcloud_organization", respectSchemaVersion: true },
      go: { importBasePath: "github.com/pulumi-tencentcloud-organization/sdk/go/tencentcloudorganization", respectSchemaVersion: true },
    },
  };
}

/** The schema as written to schema.json: two-space JSON and a final newline. */
export const schemaText = (): string => `${JSON.stringify(buildSchema(), null, 2)}\n`;
