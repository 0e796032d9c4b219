# The plugin engine tests' Python program, on the generated Python SDK (scripts/gen-sdks.sh): what it declares comes
# from resources.json next to Pulumi.yaml, in the form ../project/index.js reads, with the schema's camelCase names;
# the SDK's names are snake_case. An argument {"$ref": "<name>.<output>"} takes another declared resource's output.
import json
import os
import re

import pulumi
import pulumi_tencentcloud_organization as org


def snake(name):
    return re.sub(r"[A-Z]", lambda c: "_" + c.group(0).lower(), name)


config = pulumi.Config()
# The key is passed as plain text on purpose: the plugin must keep it secret in state by itself.
provider = org.Provider(
    "org",
    endpoint=config.require("endpoint"),
    secret_id=config.require("secretId"),
    secret_key=config.require("secretKey"),
    read_back_timeout="5",
)

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "resources.json"), encoding="utf-8") as f:
    declared = json.load(f)
resources = {}


def resolve(value):
    if isinstance(value, list):
        return [resolve(item) for item in value]
    if isinstance(value, dict):
        if isinstance(value.get("$ref"), str):
            name, output = value["$ref"].split(".")
            return getattr(resources[name], snake(output))
        # Nested objects are the SDK's input types, given as dicts of their snake_case property names.
        return {snake(key): resolve(item) for key, item in value.items()}
    return value


for spec in declared:
    args = resolve(spec["args"])
    if "invoke" in spec:
        function = getattr(org, snake(spec["invoke"]) + "_output")
        pulumi.export(spec["name"], function(**args, opts=pulumi.InvokeOptions(provider=provider)))
        continue
    resources[spec["name"]] = getattr(org, spec["type"])(
        spec["name"],
        **args,
        opts=pulumi.ResourceOptions(provider=provider, depends_on=[resources[name] for name in spec.get("dependsOn", [])]),
    )
