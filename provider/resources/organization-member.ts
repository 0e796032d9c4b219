/**
 * OrganizationMember: an account in the Tencent Cloud Organization.
 *
 * - With `memberUin`, an existing member is adopted: only the properties the program sets are managed, and destroy
 *   releases the member without removing it from the organization.
 * - Without it, a new member account is created (CreateOrganizationMember) and destroy removes it from the
 *   organization (DeleteOrganizationMembers), unless the resource has `retainOnDelete`.
 * Replaces, creating the new member before removing the old: `memberUin` (another member, or none: switching between
 * adopting and creating releases the adopted member) and `accountName` (account names are fixed at creation; it must
 * change together with `name`, since names are unique). Setting `memberUin` to a created member's own UIN hands it
 * over in place: it is released from then on. Everything else updates in place; `nodeId` moves the member between
 * departments (MoveOrganizationNodeMembers).
 * `isModifyNickName` is an instruction sent with name changes, not state the API reports, so it never drifts.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type ItemOf, NAME_TAKEN_CODES, PAY_ON_BEHALF_PERMISSION, type RequestOf, schemas } from "../api";
import { isAllowQuit, memberName, nodeId, payUin, permissionId, policyType, remark, uin } from "../api/fields";
import { isApiError, paginate } from "../client";
import { sharedClient } from "./config";
import { afterCreate, answeredOneOf, createOwned, deleteIfPresent, PartialFailure } from "./lifecycle";
import { carriesOwnershipTag, ownershipTagInput, ownershipTags } from "./ownership";
import {
  apiFieldRenamer,
  changedProperties,
  checkResult,
  defined,
  definedKeys,
  failuresOf,
  isUnknown,
  normalizeIdList,
  numericId,
  sameValue,
  withoutProvider,
} from "./properties";
import { memberWrites, moveMember, UPDATABLE, updateMember } from "./member-updates";
import type { ResourceImplementation } from "./implementation";
import { type ArgsOf, type OutputsOf, type ResourceSchemas, unsetProperties } from "./schema";
import { readMember } from "./shared-reads";
import { readBack, readResource } from "./read";
import { providerStub } from "../dynamic/stub";

/** What a program sets: the one list of the resource's arguments, with their rules (OrganizationMemberArgs). */
const MemberArgs = z.strictObject({
  /** Adopt this existing member instead of creating one. */
  memberUin: uin.optional().describe("Adopt this existing member instead of creating one."),
  /** Member name: at most 25 letters, digits, Chinese characters and `+ @ & . _ [ ] - : ,`. Required to create. */
  name: memberName.optional().describe("Member name: at most 25 letters, digits, Chinese characters and `+ @ & . _ [ ] - : ,`. Required to create."),
  /** Account name of a member the resource creates; changing it (together with name) replaces the member. */
  accountName: memberName.optional().describe("Account name of a member the resource creates; changing it (together with name) replaces the member."),
  /** Department node; changing it moves the member. Required to create. */
  nodeId: nodeId.optional().describe("Department node; changing it moves the member. Required to create."),
  /** Relationship policy type; `Financial` (the only value) is assumed when permissionIds are set. */
  policyType: policyType.optional().describe("Relationship policy type; `Financial` (the only value) is assumed when permissionIds are set."),
  /** Financial permissions (1..10); must include 1 and 2; 7 (pay on behalf) requires payUin. Required to create. */
  permissionIds: z.array(permissionId).optional().describe("Financial permissions (1..10); must include 1 and 2; 7 (pay on behalf) requires payUin. Required to create."),
  /** At most 40 characters. */
  remark: remark.optional().describe("At most 40 characters."),
  /** `Allow` or `Denied`; a member with a payer cannot be allowed to quit. */
  isAllowQuit: isAllowQuit.optional().describe("`Allow` or `Denied`; a member with a payer cannot be allowed to quit."),
  /** The UIN paying on the member's behalf (with permission 7). */
  payUin: payUin.optional().describe("The UIN paying on the member's behalf (with permission 7)."),
  /** Also rename the member account's nickname when `name` changes. */
  isModifyNickName: z.boolean().optional().describe("Also rename the member account's nickname when `name` changes."),
});

/** What the engine hands the provider: the arguments, plus the ownership tag the class computes (see createMember). */
const MemberInputs = MemberArgs.extend({ ownershipTag: z.string().optional() });
export type MemberInputs = z.infer<typeof MemberInputs>;

/** What the resource reports beyond its arguments: Describe's view of the member, and its own bookkeeping. */
const MemberReported = z.object({
  memberType: z.enum(["Invite", "Create"]).describe("`Invite`: an account invited into the organization; `Create`: one the organization created."),
  nodeName: z.string().describe("The name of the member's department."),
  permissions: z.array(z.object({ id: z.number(), name: z.string() })).describe("The member's financial permissions, by id and name."),
  payName: z.string().optional().describe("The name of the account paying on the member's behalf."),
  bindStatus: z.string().optional().describe("The member's bind status, as DescribeOrganizationMembers reports it."),
  permissionStatus: z.string().optional().describe("The status of the member's permissions, as DescribeOrganizationMembers reports it."),
  identities: z.array(z.object({ identityId: z.number(), identityAliasName: z.string().optional() })).describe("The identities the member is authorized for."),
  createTime: z.string().optional().describe("When the member joined (API time, UTC+8)."),
  updateTime: z.string().optional().describe("When the member was last updated (API time, UTC+8)."),
  /** True when this resource created the member (destroy removes it); false when it adopted one (destroy releases it). */
  createdByStack: z.boolean().describe("True when this resource created the member (destroy removes it); false when it adopted one (destroy releases it)."),
  /** The arguments the program sets: only these are managed. */
  managedProperties: z.array(z.string()).describe("The arguments the program sets: only these are managed."),
});

/** Properties the API does not report back: kept as the program set them. */
const WRITE_ONLY = ["accountName", "isModifyNickName"] as const satisfies ReadonlyArray<keyof MemberInputs>;
/** Every argument is managed when set. */
const MANAGEABLE = Object.keys(MemberArgs.shape) as Array<keyof z.infer<typeof MemberArgs>>;
/** Carried from one state to the next as set: the write-only properties, and the ownership tag (never diffed). */
const CARRIED = [...WRITE_ONLY, "ownershipTag"] as const;
const REQUIRED_TO_CREATE = ["name", "accountName", "nodeId", "permissionIds"] as const satisfies ReadonlyArray<keyof MemberInputs>;

const renameApiField = apiFieldRenamer();

type OrgMember = ItemOf<"DescribeOrganizationMembers">;

/** The member as Describe reports it, in the resource's property names (also the getMembers lookup's). */
export function describeMember(member: OrgMember) {
  const permissions = (member.OrgPermission ?? []).map((p) => ({ id: p.Id, name: p.Name }));
  return {
    memberUin: member.MemberUin,
    name: member.Name,
    memberType: member.MemberType,
    nodeId: member.NodeId ?? undefined,
    nodeName: member.NodeName ?? undefined,
    policyType: member.OrgPolicyType || undefined,
    permissionIds: permissions.map((p) => p.id).sort((a, b) => a - b),
    permissions,
    remark: member.Remark ?? "",
    isAllowQuit: member.IsAllowQuit ?? undefined,
    payUin: member.PayUin || undefined,
    payName: member.PayName || undefined,
    bindStatus: member.BindStatus ?? undefined,
    permissionStatus: member.PermissionStatus ?? undefined,
    identities: (member.OrgIdentity ?? []).map((i) => ({
      identityId: i.IdentityId,
      identityAliasName: i.IdentityAliasName ?? undefined,
    })),
    createTime: member.CreateTime ?? undefined,
    updateTime: member.UpdateTime ?? undefined,
  };
}

/** Outputs: what Describe reports, plus what the resource needs to remember between operations. */
function outputsOf(member: OrgMember, managed: readonly string[], createdByStack: boolean, previous: Record<string, unknown>) {
  const carried = Object.fromEntries(CARRIED.filter((key) => previous[key] !== undefined).map((k) => [k, previous[k]]));
  return { ...describeMember(member), ...carried, createdByStack, managedProperties: [...managed].sort() };
}

// Coalesced with the other reads of this process, under the sharing rule of ./shared-reads: it sees every write of
// this process, and nothing listed before the operation.
const findMember = readMember;

async function requireMember(memberUin: number): Promise<OrgMember> {
  const member = await findMember(memberUin);
  if (!member) throw new Error(`memberUin ${memberUin} is not a member of the organization`);
  return member;
}

const managedKeys = (inputs: Record<string, unknown>) => definedKeys(inputs, MANAGEABLE);

function normalize(news: Record<string, unknown>): Record<string, unknown> {
  const inputs = withoutProvider(news);
  if (inputs.permissionIds !== undefined) inputs.permissionIds = normalizeIdList(inputs.permissionIds);
  // Financial is the only policy type, and the API wants it with every permission set.
  if (inputs.permissionIds !== undefined && inputs.policyType === undefined) inputs.policyType = "Financial";
  return inputs;
}

/**
 * A created member's accountName changing while its name stays: the replacement would be created first, under a Name
 * the old member still holds, which the API refuses. Deleting first instead would remove the account (and any member
 * access policy whose only member it is) before its replacement exists. So preview says what to do.
 */
function accountNameAloneFailure(olds: Record<string, unknown>, inputs: Record<string, unknown>): pulumi.dynamic.CheckFailure[] {
  const renamedAccount =
    olds.memberUin === undefined &&
    inputs.memberUin === undefined &&
    typeof olds.accountName === "string" &&
    typeof inputs.accountName === "string" &&
    !isUnknown(inputs.accountName) &&
    olds.accountName !== inputs.accountName;
  if (!renamedAccount || isUnknown(inputs.name) || olds.name !== inputs.name) return [];
  return [
    {
      property: "accountName",
      reason:
        `accountName cannot change while name stays "${String(inputs.name)}": a new accountName replaces the member, ` +
        "and its replacement cannot be created under a name the old member still holds (member names are unique). " +
        "Change name together with accountName (the new member is created, then the old one removed); rename it back " +
        "in a later up if you want the old name",
    },
  ];
}

async function check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  const inputs = normalize(news);
  const failures = [...failuresOf(MemberInputs, inputs), ...accountNameAloneFailure(olds, inputs)];
  const creating = inputs.memberUin === undefined;
  if (creating) {
    for (const key of REQUIRED_TO_CREATE) {
      if (inputs[key] === undefined) failures.push({ property: key, reason: `${key} is required to create a member (or set memberUin to adopt one)` });
    }
    // Missing required properties are reported above; stand-ins keep the API check to the values that are set.
    const request = defined({
      Name: inputs.name ?? "placeholder",
      AccountName: inputs.accountName ?? "placeholder",
      NodeId: inputs.nodeId ?? 1,
      PolicyType: inputs.policyType ?? "Financial",
      PermissionIds: inputs.permissionIds ?? [1, 2],
      Remark: inputs.remark,
      PayUin: inputs.payUin,
    });
    failures.push(...failuresOf(schemas.CreateOrganizationMemberRequest, request, renameApiField));
  } else {
    if (inputs.accountName !== undefined) {
      failures.push({ property: "accountName", reason: "accountName can only be set when the resource creates the member (without memberUin)" });
    }
    const request = defined({
      MemberUin: inputs.memberUin,
      Name: inputs.name,
      Remark: inputs.remark,
      PolicyType: inputs.policyType,
      PermissionIds: inputs.permissionIds,
      IsAllowQuit: inputs.isAllowQuit,
      PayUin: inputs.payUin,
    });
    failures.push(...failuresOf(schemas.UpdateOrganizationMemberRequest, request, renameApiField));
  }
  // A payer is only valid with permission 7; without declared permissions the member's current ones would decide,
  // which preview cannot see, so the rule is that payUin comes with permissionIds holding 7.
  if (typeof inputs.payUin === "string" && inputs.permissionIds === undefined) {
    failures.push({ property: "payUin", reason: "payUin needs permissionIds that include 7 (pay on behalf)" });
  }
  if (inputs.isAllowQuit === "Allow" && typeof inputs.payUin === "string") {
    failures.push({ property: "isAllowQuit", reason: "isAllowQuit cannot be Allow for a member paid for by a payer (payUin is set)" });
  }
  return checkResult(inputs, failures);
}

async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  const changed = changedProperties(olds, news, MANAGEABLE);
  const created = olds.createdByStack === true;
  const replaces = changed.filter((key) => key === "memberUin" || (key === "accountName" && created));
  // Dropping memberUin from an adopted member asks for a new member: a replacement, which releases the adopted one.
  if (olds.createdByStack === false && news.memberUin === undefined && !replaces.includes("memberUin")) replaces.push("memberUin");
  const managedChanged = !sameValue(olds.managedProperties, managedKeys(news).sort());
  // Create before delete, always: the old member (and what depends on it) stays until its replacement exists.
  return { changes: changed.length > 0 || managedChanged || replaces.length > 0, replaces, deleteBeforeReplace: false };
}

/** Sends the writes that take `current` to `desired` (see member-updates.ts); returns whether anything was written. */
async function applyChanges(memberUin: number, current: Record<string, unknown>, desired: MemberInputs): Promise<boolean> {
  const changed = new Set(changedProperties(current, desired, UPDATABLE));
  const { update, moveTo } = memberWrites(memberUin, changed, desired);
  let wrote = false;
  try {
    if (update !== undefined) {
      await updateMember(update);
      wrote = true;
    }
    if (moveTo !== undefined) {
      await moveMember(memberUin, moveTo);
      wrote = true;
    }
  } catch (error) {
    if (wrote) throw await partial(memberUin, current, error, "member updated only in part");
    throw error;
  }
  return wrote;
}

/** Reads the member back after a failed multi-step write, so state records what really happened. */
async function partial(memberUin: number, previous: Record<string, unknown>, cause: unknown, what: string): Promise<PartialFailure> {
  const member = await findMember(memberUin).catch(() => undefined);
  const props = member
    ? outputsOf(member, (previous.managedProperties as string[]) ?? [], previous.createdByStack === true, previous)
    : previous;
  return new PartialFailure(String(memberUin), props, cause, what);
}

/**
 * Creates the member, or recovers the one an earlier attempt of this resource made: a create whose answer never came
 * (timeout, reset, 5xx, lost answer) or never reached state (a failed read-back, a killed run) left a member under this
 * Name. It is ours only if it is a created member carrying this resource's ownership tag (./ownership): a hash of the
 * project, stack, resource name and account name. Account names are in it so that a replacement never mistakes the
 * member it replaces for its own.
 */
async function createMember(inputs: MemberInputs): Promise<{ id: number; recovered: boolean }> {
  const tag = inputs.ownershipTag;
  const request = defined({
    Name: inputs.name,
    AccountName: inputs.accountName,
    NodeId: inputs.nodeId,
    PolicyType: inputs.policyType ?? "Financial",
    PermissionIds: inputs.permissionIds,
    Remark: inputs.remark,
    PayUin: inputs.payUin,
    Tags: tag === undefined ? undefined : ownershipTags(tag),
  }) as RequestOf<"CreateOrganizationMember">;
  return createOwned<{ id: number; member: OrgMember }>({
    kind: "OrganizationMember",
    what: `member "${request.Name}"`,
    deleteAction: "DeleteOrganizationMembers",
    create: async () => (await sharedClient().call("CreateOrganizationMember", request)).Uin,
    nameTaken: (error) => answeredOneOf(NAME_TAKEN_CODES, "CreateOrganizationMember", error),
    findByName: async () => {
      const found = await paginate(sharedClient(), "DescribeOrganizationMembers", { SearchKey: request.Name });
      const member = found.find((m) => m.Name === request.Name);
      return member && { id: member.MemberUin, member };
    },
    evidence: ({ member }) => ({
      proof: "tag",
      carriesOurTag: tag !== undefined && member.MemberType === "Create" && carriesOwnershipTag(member.Tags, tag),
    }),
    howToAdopt: (candidate) =>
      candidate === undefined
        ? "choose another name"
        : `to manage that member, adopt it: set memberUin: ${candidate.id} and drop accountName; or choose another name`,
  });
}

async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  const inputs = news as MemberInputs;
  const managed = managedKeys(news);
  if (inputs.memberUin !== undefined) {
    const member = await requireMember(inputs.memberUin);
    const current = outputsOf(member, managed, false, inputs);
    if (await applyChanges(inputs.memberUin, current, inputs)) {
      return { id: String(inputs.memberUin), outs: outputsOf(await requireMember(inputs.memberUin), managed, false, inputs) };
    }
    return { id: String(inputs.memberUin), outs: current };
  }
  const { id: memberUin, recovered } = await createMember(inputs);
  // Until the member is read, state may record only what is certain: what this create sent, or for a member an earlier
  // attempt made, nothing but its identity (the next `up` then writes every managed property).
  let known: Record<string, unknown> = {
    memberUin,
    ...(recovered ? {} : defined({ name: inputs.name, nodeId: inputs.nodeId, policyType: inputs.policyType ?? "Financial", permissionIds: inputs.permissionIds, remark: inputs.remark ?? "", payUin: inputs.payUin })),
    accountName: inputs.accountName,
    ownershipTag: inputs.ownershipTag,
    createdByStack: true,
    managedProperties: [...managed].sort(),
  };
  return afterCreate(String(memberUin), () => known, "member created, but completing it failed", async () => {
    const outs = outputsOf(await readBack(`member ${memberUin}`, "DescribeOrganizationMembers", () => findMember(memberUin)), managed, true, inputs);
    known = outs;
    // Properties CreateOrganizationMember does not take (isAllowQuit), or that a recovered member lacks, come next.
    const wrote = await applyChanges(memberUin, outs, { ...inputs, isModifyNickName: undefined });
    return { id: String(memberUin), outs: wrote ? outputsOf(await requireMember(memberUin), managed, true, inputs) : outs };
  });
}

const uinOf = (id: string) => numericId(id, "OrganizationMember", "a member UIN");

async function read(id: string, props: Record<string, unknown> = {}): Promise<pulumi.dynamic.ReadResult> {
  const memberUin = uinOf(id);
  // readMember concludes absence only from a lookup of the UIN (./shared-reads), which settles it.
  return readResource(id, props, {
    what: `member ${memberUin}`,
    action: "DescribeOrganizationMembers",
    find: () => findMember(memberUin),
    defaultManaged: [],
    alsoInputs: ["ownershipTag"],
    outputs: (found, managed, createdByStack, previous) => outputsOf(found, managed, createdByStack, previous),
  });
}

async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  const memberUin = uinOf(id);
  const inputs = news as MemberInputs;
  const managed = managedKeys(news);
  // Setting memberUin to the created member's own UIN hands it over: from then on it is released, not deleted.
  const createdByStack = olds.createdByStack === true && inputs.memberUin === undefined;
  await applyChanges(memberUin, olds, inputs);
  return { outs: outputsOf(await requireMember(memberUin), managed, createdByStack, inputs) };
}

const HAS_PAYER = "FailedOperation.MemberExistDelegatePayerNotAllowDelete";

async function remove(id: string, props: Record<string, unknown>): Promise<void> {
  // An adopted member is only released: it stays in the organization as it is.
  if (props.createdByStack !== true) return;
  const memberUin = uinOf(id);
  const deleteMember = () =>
    deleteIfPresent(
      "DeleteOrganizationMembers",
      () => sharedClient().call("DeleteOrganizationMembers", { MemberUin: [memberUin] }),
      // The API's answer for a UIN that is not a member is the generic InvalidParameter: a read settles it.
      async () => (await findMember(memberUin)) === undefined,
    );
  try {
    await deleteMember();
  } catch (error) {
    if (!isApiError(error, HAS_PAYER)) throw error;
    // A member with a payer cannot leave: withdrawing pay-on-behalf (permission 7) clears the payer, then it can.
    const member = await requireMember(memberUin);
    const kept = (member.OrgPermission ?? []).map((p) => p.Id).filter((permission) => permission !== PAY_ON_BEHALF_PERMISSION);
    await sharedClient().call("UpdateOrganizationMember", { MemberUin: memberUin, PolicyType: "Financial", PermissionIds: kept });
    await deleteMember();
  }
}

export const memberImplementation: ResourceImplementation = { check, diff, create, read, update, delete: remove };

// accountName replaces only a member the stack created, so it is not among the always-replacing properties.
export const memberSchemas: ResourceSchemas = {
  args: MemberArgs,
  inputs: MemberInputs,
  reported: MemberReported,
  replaceOnChanges: ["memberUin"],
  adoptedBy: "memberUin",
  writeOnly: WRITE_ONLY,
};

export type OrganizationMemberArgs = ArgsOf<z.input<typeof MemberArgs>>;

const provider = providerStub("OrganizationMember");

type MemberOutputs = OutputsOf<
  z.output<typeof MemberArgs> & z.output<typeof MemberReported>,
  "policyType" | "payUin" | "accountName" | "isModifyNickName" | "payName" | "bindStatus" | "permissionStatus" | "createTime" | "updateTime"
>;

/** The resource's outputs, one per schema property (declaration merging gives the class these members). */
export interface OrganizationMember extends MemberOutputs {}

export class OrganizationMember extends pulumi.dynamic.Resource {
  constructor(name: string, args: OrganizationMemberArgs, opts?: pulumi.CustomResourceOptions) {
    const ownershipTag = ownershipTagInput("OrganizationMember", name, pulumi.output(args.accountName));
    const properties = { ...unsetProperties(MemberArgs, MemberReported), ...args, ownershipTag };
    super(provider, name, properties, opts, "tencentcloud-organization", "OrganizationMember");
    // The engine leaves a dynamic resource's outputs unknown during the preview of an update, its id known: from the id,
    // the memberUin that authorizations, policies and paid members take stays known, so an in-place change of the
    // member never previews them as changing. A replacement's id is unknown, and so, rightly, is its memberUin.
    Object.defineProperty(this, "memberUin", { value: this.id.apply(Number), enumerable: true });
  }
}
