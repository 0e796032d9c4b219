import * as fs from "node:fs";
import { z } from "zod";
import { FUNCTIONS, functionToken, type FunctionName } from "../../../provider/plugin/invoke";
import { RESOURCE_KINDS, RESOURCE_SCHEMAS, tokenOf } from "../../../provider/plugin/resources";
import { buildSchema, SCHEMA_PATH, schemaText } from "../../../provider/plugin/schema";

describe("schema.json", () => {
  const schema = buildSchema();

  it("is committed as the zod schemas give it (run `npm run schema` after changing one)", () => {
    expect(fs.readFileSync(SCHEMA_PATH, "utf8")).toBe(schemaText());
  });

  it.each(RESOURCE_KINDS)("lists every argument and output of %s, with the required ones and those that replace", (kind) => {
    const schemas = RESOURCE_SCHEMAS[kind];
    const resource = schema.resources[tokenOf(kind)]!;
    expect(Object.keys(resource.inputProperties).sort()).toEqual(Object.keys(schemas.args.shape).sort());
    expect(Object.keys(resource.properties).sort()).toEqual([...new Set([...Object.keys(schemas.args.shape), ...Object.keys(schemas.reported.shape)])].sort());
    const requiredArgs = Object.entries(schemas.args.shape).filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success).map(([key]) => key);
    expect(resource.requiredInputs).toEqual(requiredArgs.sort());
    const replacing = Object.entries(resource.inputProperties).filter(([, property]) => property.replaceOnChanges).map(([key]) => key);
    expect(replacing.sort()).toEqual([...schemas.replaceOnChanges].sort());
    for (const [key, property] of Object.entries(resource.properties)) expect([key, property.description]).toEqual([key, expect.any(String)]);
  });

  it("carries a field added to a resource's zod schema, with its type and description", () => {
    const node = RESOURCE_SCHEMAS.OrganizationNode;
    const extended = buildSchema({
      ...RESOURCE_SCHEMAS,
      OrganizationNode: { ...node, args: node.args.extend({ color: z.string().describe("The node's color.") }) },
    });
    expect(extended.resources[tokenOf("OrganizationNode")]!.inputProperties.color).toEqual({ type: "string", description: "The node's color." });
    expect(schema.resources[tokenOf("OrganizationNode")]!.inputProperties.color).toBeUndefined();
  });

  it("maps nested objects to named types and records to maps", () => {
    const identity = schema.resources[tokenOf("OrganizationIdentity")]!;
    const policies = identity.inputProperties.policies!;
    expect(policies.type).toBe("array");
    const typeName = policies.items!.$ref!.replace("#/types/", "");
    expect(Object.keys(schema.types[typeName]!.properties).sort()).toEqual(["policyDocument", "policyId", "policyName"]);
    expect(schema.resources[tokenOf("OrganizationNode")]!.inputProperties.tags).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
  });

  it("has the provider's settings as config, the credentials' key and token secret", () => {
    expect(Object.keys(schema.config.variables).sort()).toEqual(
      ["endpoint", "maxRetryTime", "rateLimit", "readBackTimeout", "region", "requestTimeout", "secretId", "secretKey", "securityToken", "sharedReadMaxAge", "site"],
    );
    const secret = Object.entries(schema.config.variables).filter(([, variable]) => variable.secret).map(([key]) => key);
    expect(secret.sort()).toEqual(["secretKey", "securityToken"]);
    expect(schema.provider.inputProperties).toEqual(schema.config.variables);
  });

  it("has a function per lookup", () => {
    expect(Object.keys(schema.functions).sort()).toEqual(Object.keys(FUNCTIONS).map((name) => functionToken(name as FunctionName)).sort());
    expect(Object.keys(schema.functions[functionToken("getMemberPolicies")]!.inputs.properties)).toEqual(["memberUin"]);
    expect(schema.functions[functionToken("getMemberPolicies")]!.inputs.required).toEqual(["memberUin"]);
  });
});
