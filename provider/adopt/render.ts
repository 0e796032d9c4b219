/**
 * Writes the TypeScript Pulumi program that adopts an Inventory: every entity declared with its id and every property
 * at its current value, references between entities as outputs (a member's nodeId is its department's nodeId output),
 * so that `pulumi up` writes nothing and `pulumi destroy` releases everything.
 *
 * Authorizations are grouped one MemberAuthIdentity per identity, listing every member that holds it: the pairs are a
 * members x identities grid per resource, so per-identity grouping declares exactly the pairs that exist, and it reads
 * as "who may use this identity". Each member access policy depends on its identity's MemberAuthIdentity.
 */
import type { IdentityInfo } from "../lookups/identities";
import type { MemberInfo } from "../lookups/members";
import type { NodeInfo } from "../lookups/nodes";
import { uniqueNames, variableName } from "./names";
import type { AdoptedPolicy, Inventory, Pair } from "./read";

export const RESOURCE_KINDS = ["OrganizationNode", "OrganizationIdentity", "OrganizationMember", "MemberAuthIdentity", "MemberAccessPolicy"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface RenderedProgram {
  readonly source: string;
  readonly counts: Record<ResourceKind, number>;
}

/** A TypeScript expression. */
type Code = string;
const literal = (value: string | number): Code => JSON.stringify(value);

/** An object literal from entries whose value is code; undefined entries are left out. */
function objectCode(entries: Array<[string, Code | undefined]>, indent: string): Code {
  const lines = entries.filter(([, code]) => code !== undefined).map(([key, code]) => `${indent}  ${key}: ${code},`);
  return `{\n${lines.join("\n")}\n${indent}}`;
}

const listCode = (items: Code[], indent: string): Code =>
  items.length <= 4 && items.every((item) => !item.includes("\n")) ? `[${items.join(", ")}]` : `[\n${items.map((item) => `${indent}  ${item},`).join("\n")}\n${indent}]`;

const recordCode = (record: Record<string, string>): Code =>
  `{ ${Object.entries(record).map(([key, value]) => `${literal(key)}: ${literal(value)}`).join(", ")} }`;

class Names {
  private readonly used = new Set<string>();

  /** A variable name not used yet: `base`, else `base2`, `base3`, ... */
  variable(base: string): string {
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}${n}`;
    this.used.add(name);
    return name;
  }
}

interface Declared {
  readonly variable: string;
  readonly name: string;
}

export function renderProgram(inventory: Inventory, header: string[] = []): RenderedProgram {
  const variables = new Names();
  const declare = (names: Map<number, string>, suffix: string) =>
    new Map([...names].map(([id, name]) => [id, { name, variable: variables.variable(variableName(name, suffix)) } as Declared]));

  const nodes = declare(uniqueNames(inventory.nodes, (n) => n.nodeId, (n) => n.name, "department"), "Node");
  const identities = declare(uniqueNames(inventory.identities, (i) => i.identityId, (i) => i.aliasName, "identity"), "Identity");
  const members = declare(uniqueNames(inventory.members, (m) => m.memberUin, (m) => m.name, "member"), "Member");
  const policies = declare(uniqueNames(inventory.policies, (p) => p.policyId, (p) => p.policyName, "policy"), "Policy");
  const grants = grantsByIdentity(inventory.pairs);
  const authorizations = declare(
    uniqueNames([...grants.keys()], (id) => id, (id) => `${identities.get(id)?.name ?? `identity-${id}`}-members`, "authorization"),
    "",
  );

  const ref = (declared: Map<number, Declared>, id: number, property: string): Code =>
    declared.has(id) ? `${declared.get(id)!.variable}.${property}` : literal(id);

  const sections: string[] = [];
  let usesPulumi = false;

  sections.push(
    section(
      "Departments",
      inventory.nodes.map((node) => {
        const { name, variable } = nodes.get(node.nodeId)!;
        return `const ${variable} = new OrganizationNode(${literal(name)}, ${nodeArgs(node, (id) => ref(nodes, id, "nodeId"))});`;
      }),
    ),
  );
  sections.push(
    section(
      "Identities (preset ones are adopted, never deleted)",
      inventory.identities.map((identity) => {
        const { name, variable } = identities.get(identity.identityId)!;
        return `const ${variable} = new OrganizationIdentity(${literal(name)}, ${identityArgs(identity)});`;
      }),
    ),
  );
  sections.push(
    section(
      "Members",
      inventory.members.map((member) => {
        const { name, variable } = members.get(member.memberUin)!;
        const payer = member.payUin !== undefined && /^[0-9]+$/.test(member.payUin) ? members.get(Number(member.payUin)) : undefined;
        if (payer) usesPulumi = true;
        const payUin = payer ? `pulumi.interpolate\`\${${payer.variable}.memberUin}\`` : member.payUin === undefined ? undefined : literal(member.payUin);
        const nodeId = member.nodeId === undefined ? undefined : ref(nodes, member.nodeId, "nodeId");
        return `const ${variable} = new OrganizationMember(${literal(name)}, ${memberArgs(member, nodeId, payUin)});`;
      }),
    ),
  );
  sections.push(
    section(
      "Authorizations: one resource per identity, listing the members that hold it. Pairs that exist before are recorded\n// and released on destroy, never deleted.",
      [...grants].map(([identityId, memberUins]) => {
        const { name, variable } = authorizations.get(identityId)!;
        const args = objectCode(
          [
            ["memberUins", listCode(memberUins.map((uin) => ref(members, uin, "memberUin")), "  ")],
            ["identityIds", `[${ref(identities, identityId, "identityId")}]`],
          ],
          "",
        );
        return `const ${variable} = new MemberAuthIdentity(${literal(name)}, ${args});`;
      }),
    ),
  );
  if (inventory.reconfiguring.length > 0) {
    sections.push(
      `// Not declared: these pairs need reconfiguring (Status 2), and declaring them would re-authorize them.\n` +
        inventory.reconfiguring.map((pair) => `//   member ${pair.memberUin}, identity ${pair.identityId}`).join("\n"),
    );
  }
  sections.push(
    section(
      "Member access policies",
      inventory.policies.map((policy) => {
        const { name, variable } = policies.get(policy.policyId)!;
        const dependsOn = authorizations.get(policy.identityId);
        const options = dependsOn ? `, { dependsOn: [${dependsOn.variable}] }` : "";
        return `const ${variable} = new MemberAccessPolicy(${literal(name)}, ${policyArgs(policy, (uin) => ref(members, uin, "memberUin"), ref(identities, policy.identityId, "identityId"))}${options});`;
      }),
    ),
  );

  const kinds = RESOURCE_KINDS.filter((kind) => kind !== "MemberAccessPolicy" || inventory.policies.length > 0);
  const imports = [
    ...(usesPulumi ? [`import * as pulumi from "@pulumi/pulumi";`] : []),
    `import { ${[...kinds].sort().join(", ")} } from "pulumi-tencentcloud-organization";`,
  ];
  const source = [...header.map((line) => `// ${line}`), ...imports, "", ...sections.filter((s) => s !== ""), ""].join("\n");
  return {
    source: `${source.replace(/\n{3,}/g, "\n\n").trimEnd()}\n`,
    counts: {
      OrganizationNode: inventory.nodes.length,
      OrganizationIdentity: inventory.identities.length,
      OrganizationMember: inventory.members.length,
      MemberAuthIdentity: grants.size,
      MemberAccessPolicy: inventory.policies.length,
    },
  };
}

function section(title: string, declarations: string[]): string {
  return declarations.length === 0 ? "" : `// ${title}\n${declarations.join("\n")}\n`;
}

function grantsByIdentity(pairs: readonly Pair[]): Map<number, number[]> {
  const grants = new Map<number, number[]>();
  for (const { memberUin, identityId } of pairs) grants.set(identityId, [...(grants.get(identityId) ?? []), memberUin]);
  return new Map([...grants].sort(([a], [b]) => a - b).map(([id, uins]) => [id, uins.sort((a, b) => a - b)]));
}

function nodeArgs(node: NodeInfo, parentRef: (id: number) => Code): Code {
  return objectCode(
    [
      ["nodeId", literal(node.nodeId)],
      ["name", literal(node.name)],
      ["parentNodeId", node.parentNodeId === undefined ? undefined : parentRef(node.parentNodeId)],
      ["remark", literal(node.remark)],
      ["tags", Object.keys(node.tags).length === 0 ? undefined : recordCode(node.tags)],
    ],
    "",
  );
}

function identityArgs(identity: IdentityInfo): Code {
  const policies = identity.policies.map((policy) =>
    // A preset policy is named by id and name; a custom one is its document.
    policy.policyId !== undefined
      ? `{ policyId: ${literal(policy.policyId)}, policyName: ${literal(policy.policyName ?? "")} }`
      : objectCode([["policyDocument", literal(policy.policyDocument ?? "")], ["policyName", policy.policyName === undefined ? undefined : literal(policy.policyName)]], "    "),
  );
  return objectCode(
    [
      ["identityId", literal(identity.identityId)],
      ["aliasName", literal(identity.aliasName)],
      ["description", literal(identity.description)],
      // An identity without policies keeps them unmanaged: the argument needs at least one.
      ["policies", policies.length === 0 ? undefined : listCode(policies, "  ")],
    ],
    "",
  );
}

function memberArgs(member: MemberInfo, nodeId: Code | undefined, payUin: Code | undefined): Code {
  return objectCode(
    [
      ["memberUin", literal(member.memberUin)],
      ["name", literal(member.name)],
      ["nodeId", nodeId],
      ["policyType", member.policyType === undefined ? undefined : literal(member.policyType)],
      ["permissionIds", member.permissionIds.length === 0 ? undefined : `[${member.permissionIds.join(", ")}]`],
      ["remark", literal(member.remark)],
      ["isAllowQuit", member.isAllowQuit === undefined ? undefined : literal(member.isAllowQuit)],
      ["payUin", payUin],
    ],
    "",
  );
}

function policyArgs(policy: AdoptedPolicy, memberRef: (uin: number) => Code, identityRef: Code): Code {
  return objectCode(
    [
      ["policyId", literal(policy.policyId)],
      ["policyName", literal(policy.policyName)],
      ["memberUins", listCode(policy.memberUins.map(memberRef), "  ")],
      ["identityId", identityRef],
      ["description", literal(policy.description)],
    ],
    "",
  );
}
