/**
 * Writes the TypeScript Pulumi program that adopts an Inventory: every entity declared with its id and every property
 * at its current value, references between entities as outputs (a member's nodeId is its department's nodeId output),
 * so that `pulumi up` writes nothing and `pulumi destroy` releases everything.
 *
 * Declarations come before their uses: parents before children, and a payer before the members it pays for, whatever
 * their UINs (a `const` used before its declaration is TS2448 under tsc and a ReferenceError at run time). Policy
 * documents are written as objects (`JSON.stringify({ ... })`) that a person can read and edit.
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
      payersFirst(inventory.members).map(({ member, payerDeclared }) => {
        const { name, variable } = members.get(member.memberUin)!;
        const payer = payerDeclared ? members.get(Number(member.payUin)) : undefined;
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

/** A UIN the payUin field names, when it is one. */
const payerUin = (member: MemberInfo): number | undefined =>
  member.payUin !== undefined && /^[0-9]+$/.test(member.payUin) ? Number(member.payUin) : undefined;

/**
 * The members in declaration order: by UIN, except that a payer comes before the members it pays for. `payerDeclared`
 * says whether the member's payer is declared before it (so payUin can reference it); a payer outside the inventory,
 * or one in a cycle of payers, is written as its UIN.
 */
function payersFirst(members: readonly MemberInfo[]): Array<{ member: MemberInfo; payerDeclared: boolean }> {
  const byUin = new Map(members.map((member) => [member.memberUin, member]));
  const ordered: Array<{ member: MemberInfo; payerDeclared: boolean }> = [];
  const placed = new Set<number>();
  const visiting = new Set<number>();
  const place = (member: MemberInfo): void => {
    if (placed.has(member.memberUin)) return;
    visiting.add(member.memberUin);
    const payer = byUin.get(payerUin(member) ?? Number.NaN);
    if (payer !== undefined && !visiting.has(payer.memberUin)) place(payer);
    visiting.delete(member.memberUin);
    placed.add(member.memberUin);
    ordered.push({ member, payerDeclared: payer !== undefined && placed.has(payer.memberUin) && payer !== member });
  };
  for (const member of [...members].sort((a, b) => a.memberUin - b.memberUin)) place(member);
  return ordered;
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

/** A key of an object literal: bare where it is an identifier; `__proto__` computed (a literal one sets the prototype). */
const keyCode = (key: string): Code =>
  key === "__proto__" ? `[${literal(key)}]` : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : literal(key);

/** Lines of the generated program stay within this width where they can. */
const WIDTH = 120;

/**
 * A JSON value as a TypeScript literal that starts `lead` characters into its line: on that line when it fits, else
 * one entry a line.
 */
function jsonCode(value: unknown, indent: string, lead: number): Code {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((item) => jsonCode(item, inner, inner.length))
    : Object.entries(value as Record<string, unknown>).map(([key, item]) => {
        const head = `${keyCode(key)}: `;
        return `${head}${jsonCode(item, inner, inner.length + head.length)}`;
      });
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{ ", " }"];
  if (entries.length === 0) return Array.isArray(value) ? "[]" : "{}";
  const inline = `${open}${entries.join(", ")}${close}`;
  // Two more for what closes the line (`),` or `,`).
  if (!inline.includes("\n") && lead + inline.length + 2 <= WIDTH) return inline;
  return `${open.trim()}\n${entries.map((entry) => `${inner}${entry},`).join("\n")}\n${indent}${close.trim()}`;
}

/**
 * A custom policy's document: `JSON.stringify({ ... })` when it is a JSON object that survives parsing (documents
 * compare as parsed JSON, so the respelling is no change), else the text as the API holds it. An integer beyond 2^53
 * would not survive, and the program would then write a rounded one.
 */
function documentCode(document: string, indent: string): Code {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return literal(document);
  }
  const numbers = document.match(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g) ?? [];
  const lossy = numbers.some((token) => /^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token)));
  if (lossy || parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return literal(document);
  return `JSON.stringify(${jsonCode(parsed, indent, `${indent}policyDocument: JSON.stringify(`.length)})`;
}

function identityArgs(identity: IdentityInfo): Code {
  const policies = identity.policies.map((policy) =>
    // A preset policy is named by id and name; a custom one is its document, and its name only when it has one (the
    // API reports "" for a policy created without, which the resource's check refuses).
    policy.policyId !== undefined
      ? `{ policyId: ${literal(policy.policyId)}, policyName: ${literal(policy.policyName ?? "")} }`
      : objectCode(
          [
            ["policyDocument", documentCode(policy.policyDocument ?? "", "      ")],
            ["policyName", policy.policyName ? literal(policy.policyName) : undefined],
          ],
          "    ",
        ),
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
