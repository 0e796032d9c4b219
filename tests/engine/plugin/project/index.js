// The plugin engine tests' program, in plain JavaScript (no ts-node): the native plugin's resources declared as a
// program in any language declares them, by type token, with an explicit provider for the config. What it declares
// comes from resources.json next to Pulumi.yaml, which the test rewrites between operations:
//   [{ "type": "OrganizationNode", "name": "dept", "args": { ... }, "dependsOn": ["other"] }]
// and functions, whose results become stack outputs: { "invoke": "getNodes", "name": "nodes", "args": { ... } }
// An argument `{ "$ref": "<name>.<output>" }` takes another declared resource's output; `{ "$secret": value }` is a secret.
const fs = require("node:fs");
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");

const config = new pulumi.Config();
// The key is passed as plain text on purpose: the plugin must keep it secret in state by itself.
const provider = new pulumi.ProviderResource("tencentcloud-organization", "org", {
  endpoint: config.require("endpoint"),
  secretId: config.require("secretId"),
  secretKey: config.require("secretKey"),
  readBackTimeout: "5",
});

const declared = JSON.parse(fs.readFileSync(path.join(__dirname, "resources.json"), "utf8"));
const resources = {};

function resolve(value) {
  if (Array.isArray(value)) return value.map(resolve);
  if (value !== null && typeof value === "object") {
    if ("$secret" in value) return pulumi.secret(resolve(value.$secret));
    if (typeof value.$ref === "string") {
      const [name, output] = value.$ref.split(".");
      return resources[name][output];
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
  }
  return value;
}

// Every output the schema lists, so that the program can read them (a CustomResource only has those it registers).
const OUTPUTS = ["nodeId", "memberUin", "identityId", "policyId", "name", "createdByStack"];

for (const spec of declared) {
  const args = resolve(spec.args);
  if (spec.invoke !== undefined) {
    exports[spec.name] = pulumi.runtime.invoke(`tencentcloud-organization:index:${spec.invoke}`, args, { provider });
    continue;
  }
  for (const key of OUTPUTS) if (!(key in args)) args[key] = undefined;
  resources[spec.name] = new pulumi.CustomResource(`tencentcloud-organization:index:${spec.type}`, spec.name, args, {
    provider,
    dependsOn: (spec.dependsOn ?? []).map((name) => resources[name]),
  });
}
