/**
 * Ownership proofs: how a create that meets its wanted name taken tells an object its own earlier attempt made (whose
 * answer never reached state) from one it did not make. The one home of these rules; lifecycle's createOwned applies
 * them for every resource, and README "Failures and recovery" states them for users.
 *
 * - **A tag** (members, departments). The create sends `pulumi:created-by`: a hash of the project, the stack, the
 *   resource's kind and name, and for members the accountName. It holds across runs, so the `up` after a killed one
 *   recognizes what the killed run made. *Where it can be wrong:* an object this same resource made and the stack
 *   then let go of (`retainOnDelete`, `pulumi state delete`) is taken back as the stack's own.
 * - **This process's own attempt** (identities and member access policies, which take no tags). The create's outcome is
 *   unknown (timeout, reset, 5xx, lost answer), and the object found has every field the create sent and was written
 *   after the create was sent (less CLOCK_SKEW_MS). Only the process that sent the create knows when it did, so across
 *   runs nothing proves who made the object: the name taken is then an error that says what to do. *Where it can be
 *   wrong:* an object with exactly those fields that someone else writes within CLOCK_SKEW_MS of the attempt, while
 *   the create's answer is lost.
 * - **Never an adopted object.** An id this process has seen the stack adopt is refused whatever else matches (see
 *   watchAdoptions). The engine runs every resource of a stack in one provider process, and always checks and diffs a
 *   resource before creating its replacement, so a resource switching from adopting to creating has recorded the
 *   object it adopted before its replacement's create looks for it. *Where it can be wrong:* an adoption by another
 *   resource that the engine has not yet reached in this run is not known; the tag or attempt proof must then fail on
 *   its own, which it does unless that object carries this resource's tag or was written within CLOCK_SKEW_MS.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { ResourceImplementation } from "./implementation";

/** The resources whose creates are owned, and the property with which each adopts an existing object instead. */
const ADOPTING_PROPERTY = {
  OrganizationMember: "memberUin",
  MemberAccessPolicy: "policyId",
  OrganizationNode: "nodeId",
  OrganizationIdentity: "identityId",
} as const;
export type OwnedKind = keyof typeof ADOPTING_PROPERTY;

/** How far apart our clock and the API's may be when comparing an object's CreateTime or UpdateTime with when we sent a create. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export const OWNERSHIP_TAG_KEY = "pulumi:created-by";

/**
 * The ownership tag's value. `madeFor` is what else a replacement changes (a member's accountName), so that a
 * replacement never takes the object it replaces for its own. The value stays what earlier versions wrote for members.
 */
export function ownershipTagValue(kind: OwnedKind, project: string, stack: string, resourceName: string, madeFor?: string): string {
  const parts = madeFor === undefined ? [project, stack, kind, resourceName] : [project, stack, kind, resourceName, madeFor];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 40);
}

/**
 * The tag for a resource constructed in the program, computed there (the provider never learns resource names); with
 * `madeFor`, none while that is undefined.
 */
export function ownershipTagInput(kind: OwnedKind, resourceName: string, madeFor?: pulumi.Output<string | undefined>): pulumi.Output<string | undefined> {
  const value = (made?: string) => ownershipTagValue(kind, pulumi.getProject(), pulumi.getStack(), resourceName, made);
  return madeFor === undefined ? pulumi.output(value()) : madeFor.apply((made) => (made === undefined ? undefined : value(made)));
}

interface Tag {
  readonly TagKey: string;
  readonly TagValue: string;
}

/** The tag to send with a create, if the resource has one. */
export const ownershipTags = (value: string | undefined): Tag[] => (value === undefined ? [] : [{ TagKey: OWNERSHIP_TAG_KEY, TagValue: value }]);

export const carriesOwnershipTag = (tags: readonly Tag[] | null | undefined, value: string): boolean =>
  (tags ?? []).some((tag) => tag.TagKey === OWNERSHIP_TAG_KEY && tag.TagValue === value);

/** The object's tags as the program sees them: the provider's own tag is not one of them. */
export const withoutOwnershipTag = <T extends Tag>(tags: readonly T[] | null | undefined): T[] =>
  (tags ?? []).filter((tag) => tag.TagKey !== OWNERSHIP_TAG_KEY);

/** What a candidate offers as proof that this resource made it. */
export type OwnershipEvidence =
  /** Whether it carries this resource's ownership tag: the whole proof. */
  | { readonly proof: "tag"; readonly carriesOurTag: boolean }
  /** Whether it has every field the create sends, and when the API says it was created (or last written). */
  | { readonly proof: "attempt"; readonly sameFields: boolean; readonly writtenAt: number | undefined };

/**
 * - ours: proven this resource's own create;
 * - adopted: the stack adopts it, so it is never the stack's to delete;
 * - unproven: it has every field the create sends, but the create was sent by an earlier run, so nothing shows who made it;
 * - foreign: anything else.
 */
export type OwnershipVerdict = "ours" | "adopted" | "unproven" | "foreign";

/**
 * Judges a candidate. `attemptStartedAt` is when this process sent the create whose outcome is unknown; undefined when
 * the name was taken at the first try (the create that made the object, if ours, was sent by an earlier run).
 */
export function judgeOwnership(kind: OwnedKind, id: number, evidence: OwnershipEvidence, attemptStartedAt: number | undefined): OwnershipVerdict {
  if (adoptedIds(kind).has(id)) return "adopted";
  if (evidence.proof === "tag") return evidence.carriesOurTag ? "ours" : "foreign";
  if (!evidence.sameFields) return "foreign";
  if (attemptStartedAt === undefined) return "unproven";
  return evidence.writtenAt !== undefined && evidence.writtenAt >= attemptStartedAt - CLOCK_SKEW_MS ? "ours" : "foreign";
}

/** The ids each kind's resources adopt, as far as this process has seen: kept for the life of the provider process. */
const adopted = new Map<OwnedKind, Set<number>>();

function adoptedIds(kind: OwnedKind): Set<number> {
  let ids = adopted.get(kind);
  if (ids === undefined) adopted.set(kind, (ids = new Set()));
  return ids;
}

/** Inputs that adopt name the object by the kind's adopting property (outputs name every object so: not these). */
function noteAdoptingInputs(kind: OwnedKind, inputs: Record<string, unknown> | undefined): void {
  const id = inputs?.[ADOPTING_PROPERTY[kind]];
  if (typeof id === "number") adoptedIds(kind).add(id);
}

/** State that records an adoption says so in createdByStack. */
function noteAdoptedState(kind: OwnedKind, id: string, outputs: Record<string, unknown> | undefined): void {
  const value = Number(id);
  if (outputs?.createdByStack === false && Number.isSafeInteger(value)) adoptedIds(kind).add(value);
}

/** For tests: forgets what this process has seen adopted. */
export function forgetAdoptions(): void {
  adopted.clear();
}

/**
 * Wraps a resource's implementation so that every call records what the stack adopts (program inputs with the adopting
 * property, state with `createdByStack: false`), and so that the ownership tag input travels with state: outputs and
 * refreshed inputs keep it, as the program sends it, so a refresh never shows it as a change.
 */
export function watchAdoptions(kind: string, impl: ResourceImplementation): ResourceImplementation {
  if (!(kind in ADOPTING_PROPERTY)) return impl;
  const owned = kind as OwnedKind;
  const withTag = <T extends object>(outs: T, tag: unknown): T =>
    tag === undefined || (outs as Record<string, unknown>).ownershipTag !== undefined ? outs : { ...outs, ownershipTag: tag };
  return {
    check: (olds, news) => {
      noteAdoptingInputs(owned, olds);
      noteAdoptingInputs(owned, news);
      return impl.check(olds, news);
    },
    diff: (id, olds, news) => {
      noteAdoptedState(owned, id, olds);
      noteAdoptingInputs(owned, news);
      return impl.diff(id, olds, news);
    },
    create: async (inputs) => {
      noteAdoptingInputs(owned, inputs);
      const result = await impl.create(inputs);
      return { ...result, outs: withTag(result.outs ?? {}, inputs.ownershipTag) };
    },
    read: async (id, props) => {
      noteAdoptedState(owned, id, props);
      const result = await impl.read(id, props);
      if (!result.id) return result;
      const tag = props?.ownershipTag;
      return { ...result, props: withTag(result.props ?? {}, tag), inputs: withTag(result.inputs ?? {}, tag) };
    },
    update: async (id, olds, news) => {
      noteAdoptedState(owned, id, olds);
      noteAdoptingInputs(owned, news);
      const result = await impl.update(id, olds, news);
      return { ...result, outs: withTag(result.outs ?? {}, news.ownershipTag ?? olds.ownershipTag) };
    },
    delete: (id, props) => {
      noteAdoptedState(owned, id, props);
      return impl.delete(id, props);
    },
  };
}
