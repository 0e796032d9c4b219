/**
 * MemberAccessPolicy: a member access policy that lets the listed members be accessed with one identity.
 *
 * Members (1 to 10), identity and description update in place (UpdateOrganizationMembersPolicy); a new `policyName`
 * replaces the policy, since the API cannot rename one. With `policyId`, an existing policy is adopted (its name must
 * match) and destroy releases it; otherwise destroy deletes the policy. Every listed member must hold the identity: declare
 * a MemberAuthIdentity for the pairs and make the policy depend on it, so it is created after and destroyed before them.
 * Read is real: members come from DescribeOrganizationMembersAuthPolicy, the description from
 * DescribeOrganizationMemberPolicies; a policy deleted outside the stack drops from state on refresh.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type ItemOf, NAME_TAKEN_CODES, parseApiTime, type RequestOf, schemas } from "../api";
import { identityId, policyDescription, policyId, policyName, uin } from "../api/fields";
import { isApiError, paginate } from "../client";
import { sharedClient } from "./config";
import { afterCreate, answeredOneOf, createOwned, deleteIfPresent } from "./lifecycle";
import {
  apiFieldRenamer,
  changedProperties,
  checkResult,
  defined,
  definedKeys,
  failuresOf,
  normalizeIdList,
  numericId,
  sameValue,
  withoutProvider,
} from "./properties";
import type { ResourceImplementation } from "./implementation";
import { type ArgsOf, type OutputsOf, type ResourceSchemas, unsetProperties } from "./schema";
import { readPolicyRows } from "./shared-reads";
import { readBack, readResource } from "./read";
import { providerStub } from "../dynamic/stub";

/** What a program sets: the one list of the resource's arguments, with their rules (MemberAccessPolicyArgs). */
const PolicyInputs = z.strictObject({
  /** Adopt this existing policy (its name must equal policyName) instead of creating one. */
  policyId: policyId.optional().describe("Adopt this existing policy (its name must equal policyName) instead of creating one."),
  /** 1 to 10 member UINs; each must hold the identity. Order does not matter. */
  memberUins: z.array(uin).describe("1 to 10 member UINs; each must hold the identity. Order does not matter."),
  /** 1 to 128 letters, digits and `+ = , . @ _ -`. Changing it replaces the policy. */
  policyName: policyName.describe("1 to 128 letters, digits and `+ = , . @ _ -`. Changing it replaces the policy."),
  /** The identity (ListOrganizationIdentity) the members are accessed with. */
  identityId: identityId.describe("The identity (ListOrganizationIdentity) the members are accessed with."),
  /** At most 128 characters. */
  description: policyDescription.optional().describe("At most 128 characters."),
});
type PolicyInputs = z.infer<typeof PolicyInputs>;

/** What the resource reports beyond its arguments. */
const PolicyReported = z.object({
  identityRoleName: z.string().optional().describe("The role name of the policy's identity."),
  identityRoleAliasName: z.string().optional().describe("The role alias name of the policy's identity."),
  createTime: z.string().optional().describe("When the policy was created (API time, UTC+8)."),
  updateTime: z.string().optional().describe("When the policy was last updated (API time, UTC+8)."),
  /** True when this resource created the policy (destroy deletes it); false when it adopted one (destroy releases it). */
  createdByStack: z.boolean().describe("True when this resource created the policy (destroy deletes it); false when it adopted one (destroy releases it)."),
  /** The arguments the program sets: only these are managed. */
  managedProperties: z.array(z.string()).describe("The arguments the program sets: only these are managed."),
});

const UPDATABLE = ["memberUins", "identityId", "description"] as const satisfies ReadonlyArray<keyof PolicyInputs>;
/** Every argument is managed when set. */
const MANAGEABLE = Object.keys(PolicyInputs.shape) as Array<keyof PolicyInputs>;
const renameApiField = apiFieldRenamer();

/** A policy as read back: every argument known, and what the API reports. */
type PolicyState = Required<Omit<PolicyInputs, "description">> & { description: string } & Omit<
  z.output<typeof PolicyReported>,
  "createdByStack" | "managedProperties"
>;

/** Reads a policy back (coalesced, ./shared-reads): its bindings give members and identity; a member's policy list the description. */
async function readPolicy(id: number): Promise<PolicyState | undefined> {
  const { bindings, detail } = await readPolicyRows(id);
  const rows = bindings.filter((row) => row.PolicyId === id && typeof row.MemberUin === "number");
  const first = rows[0];
  if (!first) return undefined;
  const memberUins = normalizeIdList(rows.map((row) => row.MemberUin as number)) as number[];
  return {
    policyId: id,
    policyName: detail?.PolicyName ?? first.PolicyName ?? "",
    identityId: detail?.IdentityId ?? first.IdentityId ?? 0,
    identityRoleName: detail?.IdentityRoleName ?? first.IdentityRoleName ?? undefined,
    identityRoleAliasName: detail?.IdentityRoleAliasName ?? first.IdentityRoleAliasName ?? undefined,
    description: detail?.Description ?? "",
    memberUins,
    createTime: detail?.CreateTime ?? first.CreateTime ?? undefined,
    updateTime: detail?.UpdateTime ?? undefined,
  };
}

function outputsOf(state: PolicyState, managed: readonly string[], createdByStack: boolean) {
  return { ...state, createdByStack, managedProperties: [...managed].sort() };
}

const managedKeys = (inputs: Record<string, unknown>) => definedKeys(inputs, MANAGEABLE);

/** Adds what to do to the API's answer when a member does not hold the policy's identity. */
function explain(error: unknown, inputs: PolicyInputs): unknown {
  if (isApiError(error, "ResourceNotFound.MemberIdentityNotExist") && error instanceof Error) {
    error.message +=
      ` (every member in memberUins must hold identity ${inputs.identityId}: declare a MemberAuthIdentity for them` +
      " and give this policy dependsOn that resource)";
  }
  return error;
}

async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  const inputs = withoutProvider(news);
  if (inputs.memberUins !== undefined) inputs.memberUins = normalizeIdList(inputs.memberUins);
  const failures = failuresOf(PolicyInputs, inputs);
  const request = defined({
    MemberUins: inputs.memberUins,
    PolicyName: inputs.policyName,
    IdentityId: inputs.identityId,
    Description: inputs.description,
  });
  failures.push(...failuresOf(schemas.CreateOrganizationMembersPolicyRequest, request, renameApiField));
  return checkResult(inputs, failures);
}

async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  const changed = changedProperties(olds, news, MANAGEABLE);
  const replaces = changed.filter((key) => key === "policyName" || key === "policyId");
  // Dropping policyId from an adopted policy asks for a new policy: a replacement, which releases the adopted one.
  if (olds.createdByStack === false && news.policyId === undefined && !replaces.includes("policyId")) replaces.push("policyId");
  const managedChanged = !sameValue(olds.managedProperties, managedKeys(news).sort());
  return { changes: changed.length > 0 || managedChanged || replaces.length > 0, replaces };
}

function updateRequest(id: number, inputs: PolicyInputs): RequestOf<"UpdateOrganizationMembersPolicy"> {
  return defined({
    PolicyId: id,
    MemberUins: inputs.memberUins,
    IdentityId: inputs.identityId,
    Description: inputs.description,
  }) as RequestOf<"UpdateOrganizationMembersPolicy">;
}

async function requirePolicy(id: number): Promise<PolicyState> {
  const state = await readPolicy(id);
  if (!state) throw new Error(`policyId ${id} does not exist (or is bound to no member)`);
  return state;
}

/**
 * Whether a policy found under the wanted name has every field the create sends: name, identity, description, exactly
 * these members. Policies carry no tag, so that is proof only within the process that sent the create (./ownership).
 */
function samePolicyFields(
  found: { policy: ItemOf<"DescribeOrganizationMemberPolicies">; memberUins: number[] },
  request: RequestOf<"CreateOrganizationMembersPolicy">,
): boolean {
  return (
    found.policy.PolicyName === request.PolicyName &&
    found.policy.IdentityId === request.IdentityId &&
    (found.policy.Description ?? "") === (request.Description ?? "") &&
    sameValue(found.memberUins, normalizeIdList(request.MemberUins))
  );
}

/** Creates the policy, or recovers the one this process's unanswered attempt made (see samePolicyFields). */
async function createPolicy(inputs: PolicyInputs): Promise<{ id: number; recovered: boolean }> {
  const request = defined({
    MemberUins: inputs.memberUins,
    PolicyName: inputs.policyName,
    IdentityId: inputs.identityId,
    Description: inputs.description,
  }) as RequestOf<"CreateOrganizationMembersPolicy">;
  try {
    return await createOwned({
      kind: "MemberAccessPolicy",
      what: `member access policy "${inputs.policyName}"`,
      deleteAction: "DeleteOrganizationMembersPolicy",
      create: async () => (await sharedClient().call("CreateOrganizationMembersPolicy", request)).PolicyId,
      nameTaken: (error) => answeredOneOf(NAME_TAKEN_CODES, "CreateOrganizationMembersPolicy", error),
      // A policy of ours is bound to every member it lists, so the first member's policies are enough to search.
      findByName: async () => {
        const found = await paginate(sharedClient(), "DescribeOrganizationMemberPolicies", {
          MemberUin: inputs.memberUins[0]!,
          SearchKey: inputs.policyName,
        });
        const policy = found.find((p) => p.PolicyName === inputs.policyName);
        if (!policy) return undefined;
        const bindings = await paginate(sharedClient(), "DescribeOrganizationMembersAuthPolicy", { PolicyId: policy.PolicyId });
        const memberUins = normalizeIdList(
          bindings.filter((row) => row.PolicyId === policy.PolicyId && typeof row.MemberUin === "number").map((row) => row.MemberUin as number),
        ) as number[];
        return { id: policy.PolicyId, policy, memberUins };
      },
      evidence: (found) => ({ proof: "attempt", sameFields: samePolicyFields(found, request), writtenAt: parseApiTime(found.policy.CreateTime) }),
      howToAdopt: (found) =>
        found === undefined
          ? "choose another policyName; policy names are unique in the organization"
          : `to manage that policy, adopt it: set policyId: ${found.id}; or choose another policyName`,
    });
  } catch (error) {
    throw explain(error, inputs);
  }
}

async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  const inputs = news as PolicyInputs;
  const managed = managedKeys(news);
  if (inputs.policyId !== undefined) {
    const existing = await requirePolicy(inputs.policyId);
    if (existing.policyName !== inputs.policyName) {
      throw new Error(`policyId ${inputs.policyId} is named "${existing.policyName}", not "${inputs.policyName}"`);
    }
    if (changedProperties(existing as unknown as Record<string, unknown>, inputs, UPDATABLE).length > 0) {
      await sharedClient().call("UpdateOrganizationMembersPolicy", updateRequest(inputs.policyId, inputs)).catch((e) => {
        throw explain(e, inputs);
      });
    }
    return { id: String(inputs.policyId), outs: outputsOf(await requirePolicy(inputs.policyId), managed, false) };
  }
  // A recovered policy matched every field the create sends, so both paths know the same about it.
  const { id } = await createPolicy(inputs);
  const known = () => ({
    policyId: id,
    ...defined({ policyName: inputs.policyName, identityId: inputs.identityId, memberUins: inputs.memberUins }),
    description: inputs.description ?? "",
    createdByStack: true,
    managedProperties: [...managed].sort(),
  });
  return afterCreate(String(id), known, "policy created, but reading it back failed", async () => ({
    id: String(id),
    outs: outputsOf(await readBack(`policy ${id}`, "DescribeOrganizationMembersAuthPolicy", () => readPolicy(id)), managed, true),
  }));
}

const policyIdOf = (id: string) => numericId(id, "MemberAccessPolicy", "a PolicyId");

async function read(id: string, props: Record<string, unknown> = {}): Promise<pulumi.dynamic.ReadResult> {
  const policy = policyIdOf(id);
  // readPolicy concludes absence only from a lookup by PolicyId (./shared-reads), which settles it.
  return readResource(id, props, {
    what: `policy ${policy}`,
    action: "DescribeOrganizationMembersAuthPolicy",
    find: () => readPolicy(policy),
    defaultManaged: ["policyName", ...UPDATABLE],
    outputs: (found, managed, createdByStack) => outputsOf(found, managed, createdByStack),
  });
}

async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  const policy = policyIdOf(id);
  const inputs = news as PolicyInputs;
  if (changedProperties(olds, news, UPDATABLE).length > 0) {
    await sharedClient().call("UpdateOrganizationMembersPolicy", updateRequest(policy, inputs)).catch((e) => {
      throw explain(e, inputs);
    });
  }
  // Setting policyId to the created policy's own id hands it over: from then on it is released, not deleted.
  const createdByStack = olds.createdByStack === true && inputs.policyId === undefined;
  return { outs: outputsOf(await requirePolicy(policy), managedKeys(news), createdByStack) };
}

async function remove(id: string, props: Record<string, unknown>): Promise<void> {
  // An adopted policy is only released.
  if (props.createdByStack !== true) return;
  await deleteIfPresent("DeleteOrganizationMembersPolicy", () => sharedClient().call("DeleteOrganizationMembersPolicy", { PolicyId: policyIdOf(id) }));
}

export const policyImplementation: ResourceImplementation = { check, diff, create, read, update, delete: remove };

export const policySchemas: ResourceSchemas = {
  args: PolicyInputs,
  inputs: PolicyInputs,
  reported: PolicyReported,
  replaceOnChanges: ["policyId", "policyName"],
  adoptedBy: "policyId",
};

export type MemberAccessPolicyArgs = ArgsOf<z.input<typeof PolicyInputs>>;

const provider = providerStub("MemberAccessPolicy");

type PolicyOutputs = OutputsOf<
  PolicyInputs & z.output<typeof PolicyReported>,
  "identityRoleName" | "identityRoleAliasName" | "createTime" | "updateTime"
>;

/** The resource's outputs, one per schema property (declaration merging gives the class these members). */
export interface MemberAccessPolicy extends PolicyOutputs {}

export class MemberAccessPolicy extends pulumi.dynamic.Resource {
  constructor(name: string, args: MemberAccessPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    const properties = { ...unsetProperties(PolicyInputs, PolicyReported), ...args };
    super(provider, name, properties, opts, "tencentcloud-organization", "MemberAccessPolicy");
  }
}
