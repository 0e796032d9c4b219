// The plugin engine tests' TypeScript program, on the Node.js SDK generated from schema.json (scripts/gen-sdks.sh),
// installed into the project's node_modules: each resource is the SDK's class, typed by its Args. What it declares
// comes from resources.json next to Pulumi.yaml, in the form ../project/index.js reads. An argument
// { "$ref": "<name>.<output>" } takes another declared resource's output.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as org from "@pulumi-tencentcloud-organization/sdk";

interface Declared {
  type: string;
  name: string;
  args: Record<string, unknown>;
  dependsOn?: string[];
}

const config = new pulumi.Config();
// The key is passed as plain text on purpose: the plugin must keep it secret in state by itself.
const provider = new org.Provider("org", {
  endpoint: config.require("endpoint"),
  secretId: config.require("secretId"),
  secretKey: config.require("secretKey"),
  readBackTimeout: "5",
});

const declared = JSON.parse(fs.readFileSync(path.join(__dirname, "resources.json"), "utf8")) as Declared[];
const resources = new Map<string, pulumi.CustomResource>();

function resolve(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolve);
  if (value !== null && typeof value === "object") {
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === "string") {
      const [name, output] = ref.split(".");
      return (resources.get(name) as unknown as Record<string, pulumi.Output<unknown>>)[output];
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
  }
  return value;
}

// The JSON is the test's declaration of each class's Args: the casts say which Args it is.
function create(spec: Declared, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const args = resolve(spec.args);
  switch (spec.type) {
    case "OrganizationNode":
      return new org.OrganizationNode(spec.name, args as org.OrganizationNodeArgs, opts);
    case "OrganizationIdentity":
      return new org.OrganizationIdentity(spec.name, args as org.OrganizationIdentityArgs, opts);
    case "OrganizationMember":
      return new org.OrganizationMember(spec.name, args as org.OrganizationMemberArgs, opts);
    case "MemberAccessPolicy":
      return new org.MemberAccessPolicy(spec.name, args as org.MemberAccessPolicyArgs, opts);
    case "MemberAuthIdentity":
      return new org.MemberAuthIdentity(spec.name, args as org.MemberAuthIdentityArgs, opts);
    default:
      throw new Error(`resources.json: unknown type ${spec.type}`);
  }
}

for (const spec of declared) {
  const dependsOn = (spec.dependsOn ?? []).map((name) => resources.get(name)!);
  resources.set(spec.name, create(spec, { provider, dependsOn }));
}
