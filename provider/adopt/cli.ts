#!/usr/bin/env node
/**
 * tencentcloud-organization-adopt: writes a Pulumi program that adopts an existing organization. See USAGE (--help).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { adopt, RESOURCE_KINDS, type Scope } from "./index";

const USAGE = `usage: tencentcloud-organization-adopt [--project DIR [--name NAME] | --out FILE] [--node ID | --member UIN ...]

Reads a Tencent Cloud Organization through the API and writes a TypeScript Pulumi program that adopts it: every
department (OrganizationNode with nodeId), identity (OrganizationIdentity with identityId, preset and custom), member
(OrganizationMember with memberUin), authorization (MemberAuthIdentity) and member access policy (MemberAccessPolicy
with policyId), each property set to its current value. \`pulumi up\` on it makes no write to the API and the next
\`pulumi preview\` is empty; \`pulumi destroy\` releases everything and leaves the organization as it was.

Output:
  --project DIR   write a whole project into DIR: index.ts, Pulumi.yaml, package.json, tsconfig.json
  --name NAME     the project's name (with --project; default: adopted-organization)
  --out FILE      write the program (index.ts) to FILE; without --project or --out it goes to stdout

Scope (default: the whole organization):
  --node ID       department ID and its descendants, their members, and those members' authorizations and policies;
                  the identities they use. A parent outside the scope is referenced by its id.
  --member UIN    only these members (repeatable), their authorizations and policies, and the identities they use;
                  their departments are referenced by id.

Grouping: one MemberAuthIdentity per identity, listing every member that holds it (a MemberAuthIdentity declares a
members x identities grid, so this declares exactly the pairs that exist, and reads as "who may use this identity").
Pairs that need reconfiguring are left out (declaring them would re-authorize them: a write) and listed in a comment.
The pairs are recorded as pre-existing, so destroy releases them. Each policy depends on its identity's resource.

Names: resource names come from the organization's names, slugified (\`Data Platform\` -> data-platform); when two
collide, the lowest id keeps the plain name and the others get their id as a suffix, so names are stable across runs.

Credentials and endpoint come from the environment the provider reads: TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY,
TENCENTCLOUD_SECURITY_TOKEN, TENCENTCLOUD_ORGANIZATION_ENDPOINT (an emulator, say), TENCENTCLOUD_ORGANIZATION_SITE,
TENCENTCLOUD_REGION, TENCENTCLOUD_ORGANIZATION_REQUEST_TIMEOUT, TENCENTCLOUD_ORGANIZATION_MAX_RETRY_TIME,
TENCENTCLOUD_ORGANIZATION_RATE_LIMIT.
A summary (resources per kind, API calls, time) goes to stderr.`;

function positiveInteger(flag: string, value: string): number {
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) === 0) {
    throw new Error(`${flag} must be a positive integer, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      project: { type: "string" },
      name: { type: "string" },
      out: { type: "string" },
      node: { type: "string" },
      member: { type: "string", multiple: true },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.project !== undefined && values.out !== undefined) throw new Error("use one of --project and --out");
  if (values.name !== undefined && values.project === undefined) throw new Error("--name goes with --project");
  if (values.node !== undefined && values.member !== undefined) throw new Error("use one of --node and --member");
  const scope: Scope =
    values.node !== undefined
      ? { nodeId: positiveInteger("--node", values.node) }
      : values.member !== undefined
        ? { memberUins: values.member.map((uin) => positiveInteger("--member", uin)) }
        : {};

  const result = await adopt({
    scope,
    ...(values.project === undefined ? {} : { projectName: values.name ?? "adopted-organization" }),
  });
  const written: string[] = [];
  if (values.project !== undefined) {
    fs.mkdirSync(values.project, { recursive: true });
    for (const [file, text] of Object.entries(result.files)) {
      fs.writeFileSync(path.join(values.project, file), text);
      written.push(path.join(values.project, file));
    }
  } else if (values.out !== undefined) {
    fs.writeFileSync(values.out, result.files["index.ts"]);
    written.push(values.out);
  } else {
    process.stdout.write(result.files["index.ts"]);
  }
  const counts = RESOURCE_KINDS.map((kind) => `${result.counts[kind]} ${kind}`).join(", ");
  process.stderr.write(
    `adopted: ${counts}\n` +
      `API calls: ${result.apiCalls}${result.retries > 0 ? ` (${result.retries} of them retries)` : ""}; ` +
      `time: ${(result.elapsedMs / 1000).toFixed(1)} s\n` +
      (written.length > 0 ? `wrote: ${written.join(", ")}\n` : ""),
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`tencentcloud-organization-adopt: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
