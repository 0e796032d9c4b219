/**
 * OrganizationIdentity: an access identity (a role members can be accessed with) and its policies.
 *
 * - With `identityId`, an existing identity is adopted (its alias name must match), preset ones included; destroy
 *   releases it. Without it, a custom identity is created (CreateOrganizationIdentity) and destroy deletes it.
 * - `description` and `policies` update in place (UpdateOrganizationIdentity, which takes both together). The API cannot
 *   rename an identity, so a new `aliasName` replaces it, creating the new one first.
 * - A policy is preset (`policyId` + `policyName`) or custom (`policyDocument`, a JSON string in CAM syntax). Documents
 *   compare as parsed JSON, so formatting never shows as drift; the order of the policies does not matter.
 * - Preset identities (type 1) cannot be changed or deleted through the API: a change to one fails at preview.
 * Read is real (ListOrganizationIdentity); an identity deleted outside the stack drops from state on refresh.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { IN_USE_CODES, type ItemOf, NAME_TAKEN_CODES, parseApiTime, type RequestOf } from "../api";
import { identityId } from "../api/fields";
import { isApiError, paginate } from "../client";
import { sharedClient } from "./config";
import { afterCreate, answeredOneOf, createOwned, deleteIfPresent } from "./lifecycle";
import {
  changedProperties,
  checkResult,
  defined,
  definedKeys,
  failuresOf,
  isUnknown,
  numericId,
  sameValue,
  withoutProvider,
} from "./properties";
import { canonicalDocument, parsedDocument, sameDocument } from "./policy-document";
import type { ResourceImplementation } from "./implementation";
import { type ArgsOf, type OutputsOf, type ResourceSchemas, unsetProperties } from "./schema";
import { readBack, readResource } from "./read";
import { providerStub } from "../dynamic/stub";

/** One policy of the identity: preset (policyId and policyName) or custom (policyDocument). */
const PolicyEntry = z
  .strictObject({
    /** A preset (CAM) policy's id; with policyName. */
    policyId: z.int().positive().optional().describe("A preset (CAM) policy's id; with policyName."),
    /** A preset policy's name; on a custom policy, the name to give it (kept as set, never read back). */
    policyName: z.string().min(1).optional().describe("A preset policy's name; on a custom policy, the name to give it (kept as set, never read back)."),
    /** A custom policy: a JSON object in CAM policy syntax. */
    policyDocument: z.string().min(1).optional().describe("A custom policy: a JSON object in CAM policy syntax."),
  })
  .superRefine((policy, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (policy.policyDocument !== undefined) {
      if (policy.policyId !== undefined) issue("policyId", "cannot be set together with policyDocument: a policy is preset (policyId and policyName) or custom (policyDocument)");
      if (parsedDocument(policy.policyDocument) === undefined) issue("policyDocument", "must be a JSON object in CAM policy syntax, e.g. {\"version\":\"2.0\",\"statement\":[...]}");
    } else {
      if (policy.policyId === undefined) issue("policyId", "is required for a preset policy (with policyName); a custom policy sets policyDocument instead");
      if (policy.policyName === undefined) issue("policyName", "is required for a preset policy (with policyId)");
    }
  });
type PolicyEntry = z.infer<typeof PolicyEntry>;

/** What a program sets: the one list of the resource's arguments, with their rules (OrganizationIdentityArgs). */
const IdentityInputs = z.strictObject({
  /** Adopt this existing identity (its alias name must equal aliasName) instead of creating one. */
  identityId: identityId.optional().describe("Adopt this existing identity (its alias name must equal aliasName) instead of creating one."),
  /** The identity's alias name. The API cannot rename an identity: changing it replaces the identity. */
  aliasName: z.string().min(1).describe("The identity's alias name. The API cannot rename an identity: changing it replaces the identity."),
  description: z.string().optional().describe("The identity's description."),
  /** At least one policy; preset ({ policyId, policyName }) or custom ({ policyDocument }). Required to create. */
  policies: z.array(PolicyEntry).min(1).optional().describe("At least one policy; preset ({ policyId, policyName }) or custom ({ policyDocument }). Required to create."),
});
type IdentityInputs = z.infer<typeof IdentityInputs>;

/** What the resource reports beyond its arguments. */
const IdentityReported = z.object({
  /** 1: preset (cannot be changed or deleted), 2: custom. */
  identityType: z.number().describe("1: preset (cannot be changed or deleted), 2: custom."),
  updateTime: z.string().optional().describe("When the identity was last updated (API time, UTC+8)."),
  /** True when this resource created the identity (destroy deletes it); false when it adopted one (destroy releases it). */
  createdByStack: z.boolean().describe("True when this resource created the identity (destroy deletes it); false when it adopted one (destroy releases it)."),
  /** The arguments the program sets: only these are managed. */
  managedProperties: z.array(z.string()).describe("The arguments the program sets: only these are managed."),
});

const PRESET = 1;
const MANAGEABLE = Object.keys(IdentityInputs.shape) as Array<keyof IdentityInputs>;
/** `policies.1.policyDocument` → `policies[1].policyDocument`, as a program writes it. */
const renameField = (field: string) => field.replace(/^policies\.(\d+)/, "policies[$1]");

type OrgIdentity = ItemOf<"ListOrganizationIdentity">;
type ApiPolicy = NonNullable<OrgIdentity["IdentityPolicy"]>[number];

/**
 * The API's policies in the program's form. A custom policy whose document means the same as one in `reference` (what
 * the program set, or what state recorded) keeps that spelling and name, so formatting never shows as drift.
 */
function shapePolicies(reported: readonly ApiPolicy[], reference: readonly PolicyEntry[] = []): PolicyEntry[] {
  const used = new Set<number>();
  return reported.map((policy) => {
    if (policy.PolicyType !== 1) return { policyId: policy.PolicyId ?? 0, policyName: policy.PolicyName ?? "" };
    const document = policy.PolicyDocument ?? "";
    const index = reference.findIndex((r, i) => !used.has(i) && r.policyDocument !== undefined && sameDocument(r.policyDocument, document));
    if (index < 0) return { policyDocument: document };
    used.add(index);
    const match = reference[index]!;
    return defined({ policyDocument: match.policyDocument, policyName: match.policyName });
  });
}

/** The policies as a sorted list of keys, for comparing two lists whatever their order and spelling. */
function policyKeys(policies: readonly PolicyEntry[]): string[] {
  return policies
    .map((p) => {
      if (p.policyDocument === undefined) return JSON.stringify(["preset", p.policyId, p.policyName]);
      return JSON.stringify(["custom", canonicalDocument(p.policyDocument), p.policyName ?? null]);
    })
    .sort();
}

const samePolicies = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) && sameValue(policyKeys(a as PolicyEntry[]), policyKeys(b as PolicyEntry[]));

function toApiPolicy(policy: PolicyEntry): RequestOf<"CreateOrganizationIdentity">["IdentityPolicy"][number] {
  return policy.policyDocument !== undefined
    ? defined({ PolicyType: 1 as const, PolicyDocument: policy.policyDocument, PolicyName: policy.policyName })
    : { PolicyType: 2, PolicyId: policy.policyId!, PolicyName: policy.policyName! };
}

/** The identity as ListOrganizationIdentity reports it, in the resource's property names (also the getIdentities lookup's). */
export function describeIdentity(identity: OrgIdentity, reference?: readonly PolicyEntry[]) {
  return {
    identityId: identity.IdentityId,
    aliasName: identity.IdentityAliasName,
    description: identity.Description ?? "",
    policies: shapePolicies(identity.IdentityPolicy ?? [], reference),
    identityType: identity.IdentityType,
    updateTime: identity.UpdateTime ?? undefined,
  };
}

function outputsOf(identity: OrgIdentity, managed: readonly string[], createdByStack: boolean, reference: readonly PolicyEntry[] | undefined) {
  return { ...describeIdentity(identity, reference), createdByStack, managedProperties: [...managed].sort() };
}

async function findIdentity(id: number): Promise<OrgIdentity | undefined> {
  const found = await paginate(sharedClient(), "ListOrganizationIdentity", { IdentityId: id });
  return found.find((identity) => identity.IdentityId === id);
}

async function requireIdentity(id: number): Promise<OrgIdentity> {
  const identity = await findIdentity(id);
  if (!identity) throw new Error(`identityId ${id} is not an identity of the organization`);
  return identity;
}

const managedKeys = (inputs: Record<string, unknown>) => definedKeys(inputs, MANAGEABLE);

/** Entries holding a value not known yet (preview): they are checked when known. */
const hasUnknownEntry = (policies: unknown): boolean =>
  Array.isArray(policies) &&
  policies.some((p) => isUnknown(p) || (p !== null && typeof p === "object" && Object.values(p as object).some(isUnknown)));

async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  const inputs = withoutProvider(news);
  const known = hasUnknownEntry(inputs.policies) ? { ...inputs, policies: undefined } : inputs;
  const failures = failuresOf(IdentityInputs, defined(known), renameField);
  if (inputs.identityId === undefined && inputs.policies === undefined) {
    failures.push({ property: "policies", reason: "policies is required to create an identity (or set identityId to adopt one)" });
  }
  return checkResult(inputs, failures);
}

/** The API refuses to change a preset identity; preview says so rather than the `up` that would send it. */
function presetChangeError(id: string, changed: readonly string[]): Error {
  return new Error(
    `identity ${id} is a preset identity (identityType 1): the API cannot change its ${changed.join(" or ")}; ` +
      "drop them from the resource (or set them to the identity's current values) to keep adopting it",
  );
}

function changes(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  const changed: string[] = changedProperties(olds, news, MANAGEABLE.filter((key) => key !== "policies"));
  if (news.policies !== undefined && (hasUnknownEntry(news.policies) || isUnknown(news.policies) || !samePolicies(olds.policies, news.policies))) {
    changed.push("policies");
  }
  return changed;
}

async function diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  const changed = changes(olds, news);
  const replaces = changed.filter((key) => key === "aliasName" || key === "identityId");
  // Dropping identityId from an adopted identity asks for a new one: a replacement, which releases the adopted one.
  if (olds.createdByStack === false && news.identityId === undefined && !replaces.includes("identityId")) replaces.push("identityId");
  const inPlace = changed.filter((key) => key === "description" || key === "policies");
  if (olds.identityType === PRESET && replaces.length === 0 && inPlace.length > 0) throw presetChangeError(id, inPlace);
  const managedChanged = !sameValue(olds.managedProperties, managedKeys(news).sort());
  return { changes: changed.length > 0 || managedChanged || replaces.length > 0, replaces, deleteBeforeReplace: false };
}

/** A policy as ListOrganizationIdentity reports it, in the form UpdateOrganizationIdentity takes it back, name included. */
function resentPolicy(policy: ApiPolicy): RequestOf<"UpdateOrganizationIdentity">["IdentityPolicy"][number] {
  return policy.PolicyType === 1
    ? defined({ PolicyType: 1 as const, PolicyDocument: policy.PolicyDocument ?? "", PolicyName: policy.PolicyName || undefined })
    : { PolicyType: 2, PolicyId: policy.PolicyId ?? 0, PolicyName: policy.PolicyName ?? "" };
}

/**
 * UpdateOrganizationIdentity takes description and policies together, so the one the program leaves unset is sent as
 * the API holds it now, read just before the write: never as state last saw it, which would undo a change made outside
 * the stack since (and drop the names of custom policies, which state does not keep).
 */
async function applyChanges(id: number, current: Record<string, unknown>, desired: IdentityInputs): Promise<boolean> {
  const changed = changes(current, desired).filter((key) => key === "description" || key === "policies");
  if (changed.length === 0) return false;
  if (current.identityType === PRESET) throw presetChangeError(String(id), changed);
  const found = desired.description === undefined || desired.policies === undefined ? await requireIdentity(id) : undefined;
  await sharedClient().call("UpdateOrganizationIdentity", {
    IdentityId: id,
    Description: desired.description ?? found?.Description ?? "",
    IdentityPolicy: desired.policies?.map(toApiPolicy) ?? (found?.IdentityPolicy ?? []).map(resentPolicy),
  });
  return true;
}

/**
 * Whether an identity found under the wanted alias has every field the create sends: custom, with the same
 * description and policies (documents compared as JSON). Identities carry no tag, so that is proof only within the
 * process that sent the create (./ownership), with their UpdateTime standing in for a CreateTime the API does not report.
 */
function sameIdentityFields(identity: OrgIdentity, inputs: IdentityInputs): boolean {
  return (
    identity.IdentityAliasName === inputs.aliasName &&
    identity.IdentityType !== PRESET &&
    (identity.Description ?? "") === (inputs.description ?? "") &&
    samePolicies(shapePolicies(identity.IdentityPolicy ?? [], inputs.policies), inputs.policies)
  );
}

async function createIdentity(inputs: IdentityInputs): Promise<{ id: number; recovered: boolean }> {
  const request = defined({
    IdentityAliasName: inputs.aliasName,
    IdentityPolicy: inputs.policies!.map(toApiPolicy),
    Description: inputs.description,
  }) as RequestOf<"CreateOrganizationIdentity">;
  return createOwned<{ id: number; identity: OrgIdentity }>({
    kind: "OrganizationIdentity",
    what: `identity "${inputs.aliasName}"`,
    deleteAction: "DeleteOrganizationIdentity",
    create: async () => (await sharedClient().call("CreateOrganizationIdentity", request)).IdentityId,
    nameTaken: (error) => answeredOneOf(NAME_TAKEN_CODES, "CreateOrganizationIdentity", error),
    findByName: async () => {
      const found = await paginate(sharedClient(), "ListOrganizationIdentity", { SearchKey: inputs.aliasName });
      const identity = found.find((i) => i.IdentityAliasName === inputs.aliasName);
      return identity && { id: identity.IdentityId, identity };
    },
    evidence: ({ identity }) => ({ proof: "attempt", sameFields: sameIdentityFields(identity, inputs), writtenAt: parseApiTime(identity.UpdateTime) }),
    howToAdopt: (found) =>
      found === undefined
        ? "choose another aliasName"
        : `to manage that identity, adopt it: set identityId: ${found.id}; or choose another aliasName`,
  });
}

async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  const inputs = news as IdentityInputs;
  const managed = managedKeys(news);
  if (inputs.identityId !== undefined) {
    const identity = await requireIdentity(inputs.identityId);
    if (identity.IdentityAliasName !== inputs.aliasName) {
      throw new Error(`identityId ${inputs.identityId} is named "${identity.IdentityAliasName}", not "${inputs.aliasName}"`);
    }
    const current = outputsOf(identity, managed, false, inputs.policies);
    if (await applyChanges(inputs.identityId, current, inputs)) {
      return { id: String(inputs.identityId), outs: outputsOf(await requireIdentity(inputs.identityId), managed, false, inputs.policies) };
    }
    return { id: String(inputs.identityId), outs: current };
  }
  const { id } = await createIdentity(inputs);
  // A recovered identity matched every field the create sends, so both paths know the same about it.
  const known = () => ({
    identityId: id,
    aliasName: inputs.aliasName,
    description: inputs.description ?? "",
    policies: inputs.policies,
    identityType: 2,
    createdByStack: true,
    managedProperties: [...managed].sort(),
  });
  return afterCreate(String(id), known, "identity created, but reading it back failed", async () => ({
    id: String(id),
    outs: outputsOf(await readBack(`identity ${id}`, "ListOrganizationIdentity", () => findIdentity(id)), managed, true, inputs.policies),
  }));
}

const identityIdOf = (id: string) => numericId(id, "OrganizationIdentity", "an IdentityId");

async function read(id: string, props: Record<string, unknown> = {}): Promise<pulumi.dynamic.ReadResult> {
  const identity = identityIdOf(id);
  // ListOrganizationIdentity's IdentityId filter is a direct lookup: it settles absence itself.
  return readResource(id, props, {
    what: `identity ${identity}`,
    action: "ListOrganizationIdentity",
    find: () => findIdentity(identity),
    defaultManaged: ["aliasName"],
    outputs: (found, managed, createdByStack, previous) =>
      outputsOf(found, managed, createdByStack, previous.policies as PolicyEntry[] | undefined),
  });
}

async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  const identity = identityIdOf(id);
  const inputs = news as IdentityInputs;
  await applyChanges(identity, olds, inputs);
  // Setting identityId to the created identity's own id hands it over: from then on it is released, not deleted.
  const createdByStack = olds.createdByStack === true && inputs.identityId === undefined;
  return { outs: outputsOf(await requireIdentity(identity), managedKeys(news), createdByStack, inputs.policies ?? (olds.policies as PolicyEntry[])) };
}

/** How many users of an identity a refused delete names before it says "and N more". */
const LISTED = 10;

const listed = (items: string[]) =>
  items.length <= LISTED ? items.join(", ") : `${items.slice(0, LISTED).join(", ")} and ${items.length - LISTED} more`;

/** What still uses an identity: members authorized for it and member access policies, for a refused delete. */
async function usersOf(id: number): Promise<string | undefined> {
  const client = sharedClient();
  const [authorizations, bindings] = await Promise.all([
    paginate(client, "DescribeOrganizationMemberAuthIdentities", { IdentityId: id }),
    paginate(client, "DescribeOrganizationMembersAuthPolicy", {}),
  ]);
  const members = authorizations.filter((a) => a.IdentityId === id).map((a) => `${a.MemberName ?? "?"} (${a.MemberUin})`);
  const policies = [...new Map(bindings.filter((b) => b.IdentityId === id).map((b) => [b.PolicyId, `${b.PolicyName ?? "?"} (${b.PolicyId})`])).values()];
  const parts = [
    ...(members.length > 0 ? [`authorized for ${members.length} member(s): ${listed(members)}`] : []),
    ...(policies.length > 0 ? [`used by ${policies.length} member access policy(ies): ${listed(policies)}`] : []),
  ];
  return parts.length > 0 ? parts.join("; ") : undefined;
}

async function remove(id: string, props: Record<string, unknown>): Promise<void> {
  // An adopted identity, a preset one always, is only released.
  if (props.createdByStack !== true || props.identityType === PRESET) return;
  const identity = identityIdOf(id);
  try {
    await deleteIfPresent("DeleteOrganizationIdentity", () => sharedClient().call("DeleteOrganizationIdentity", { IdentityId: identity }));
  } catch (error) {
    if (!answeredOneOf(IN_USE_CODES, "DeleteOrganizationIdentity", error)) throw error;
    // Read what uses it only when the API refuses for it: the read explains the refusal, it never decides it.
    const users = await usersOf(identity).catch(() => undefined);
    if (users !== undefined && error instanceof Error) {
      error.message +=
        ` (identity ${identity} is still ${users}: remove those authorizations (MemberAuthIdentity) and policies ` +
        "(MemberAccessPolicy) first, then run destroy or up again)";
    }
    throw error;
  }
}

export const identityImplementation: ResourceImplementation = { check, diff, create, read, update, delete: remove };

export const identitySchemas: ResourceSchemas = {
  args: IdentityInputs,
  inputs: IdentityInputs,
  reported: IdentityReported,
  replaceOnChanges: ["identityId", "aliasName"],
  adoptedBy: "identityId",
};

export type OrganizationIdentityArgs = ArgsOf<z.input<typeof IdentityInputs>>;

const provider = providerStub("OrganizationIdentity");

type IdentityOutputs = OutputsOf<IdentityInputs & z.output<typeof IdentityReported>, "updateTime">;

/** The resource's outputs, one per schema property (declaration merging gives the class these members). */
export interface OrganizationIdentity extends IdentityOutputs {}

export class OrganizationIdentity extends pulumi.dynamic.Resource {
  constructor(name: string, args: OrganizationIdentityArgs, opts?: pulumi.CustomResourceOptions) {
    const properties = { ...unsetProperties(IdentityInputs, IdentityReported), ...args };
    super(provider, name, properties, opts, "tencentcloud-organization", "OrganizationIdentity");
    // The engine leaves a dynamic resource's outputs unknown during the preview of an update, its id known: from the id,
    // the identityId that authorizations and policies take stays known, so an in-place change never previews them as changing.
    Object.defineProperty(this, "identityId", { value: this.id.apply(Number), enumerable: true });
  }
}
