/**
 * MemberAuthIdentity: authorizes every listed member for every listed identity, and manages exactly those pairs.
 *
 * Create sends CreateOrganizationMemberAuthIdentity in the fewest calls (at most 10 members x 5 identities each). Update
 * never replaces: it creates the missing pairs and deletes the removed ones. Read pages
 * DescribeOrganizationMemberAuthIdentities by member or by identity, whichever needs fewer queries, and reports each
 * managed pair; a pair with Status 2 ("needs reconfiguring") counts as missing, so the next `up` re-authorizes it.
 * Identity 1 (admin) is a pair like any other. Pairs granted outside the stack are left alone unless `exclusive` is set,
 * which makes the resource authoritative for its members: undeclared pairs of those members are removed, and destroy
 * removes every pair of theirs. Without it, a declared pair that existed before the resource declared it is recorded
 * (`preexistingPairs`) and left as found when it is no longer declared or the resource is destroyed (until it is deleted
 * outside: a pair the resource then authorizes again, it made). A pair no longer
 * declared that a member access policy still uses is not an error: its removal waits (`pendingRemoval`, with a warning)
 * and the next `up` completes it, once the policy no longer uses it. Which pairs are owned, released, deleted or
 * pending is decided in ./pairs (a pair the resource made stays owned until it is deleted); this module reads and writes.
 * The id is `<memberUins>:<identityIds>` (comma-separated) as first created; `pairs` lists `memberUin:identityId`.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { actions } from "../api";
import { identityId, uin } from "../api/fields";
import { isApiError, isUnknownOutcome } from "../client";
import { sharedClient } from "./config";
import { deleteIfPresent, PartialFailure } from "./lifecycle";
import {
  checkResult,
  defined,
  failuresOf,
  isUnknown,
  normalizeIdList,
  sameValue,
  withoutProvider,
} from "./properties";
import type { ResourceImplementation } from "./implementation";
import { type ArgsOf, type OutputsOf, type ResourceSchemas, unsetProperties } from "./schema";
import {
  createBatches,
  declaredPairs,
  NOTHING_OWNED,
  type Ownership,
  ownedAtDestroy,
  type Pair,
  pairKey,
  parsePair,
  pendingAfter,
  preexistingAfter,
  preexistingAfterCreates,
  sortPairs,
  toDelete,
  unsureRemovals,
} from "./pairs";
import { pairs as pairsOf, progress } from "./progress";
import { lookUntilSettled } from "./read";
import { readAuthorizations } from "./shared-reads";
import { providerStub } from "../dynamic/stub";
import { sideBySide } from "./side-by-side";

/** What a program sets: the one list of the resource's arguments, with their rules (MemberAuthIdentityArgs). */
const AuthIdentityArgs = z.strictObject({
  /** Members to authorize (any number); order does not matter. */
  memberUins: z.array(uin).min(1).describe("Members to authorize (any number); order does not matter."),
  /** Identities (ListOrganizationIdentity) to authorize each member for (any number). */
  identityIds: z.array(identityId).min(1).describe("Identities (ListOrganizationIdentity) to authorize each member for (any number)."),
  /** Remove every other identity of these members (authoritative), instead of leaving pairs granted elsewhere alone. */
  exclusive: z.boolean().optional().describe("Remove every other identity of these members (authoritative), instead of leaving pairs granted elsewhere alone."),
});

/** What the engine hands the provider: the arguments, plus the declared pairs `check` computes (drift of each pair). */
const AuthIdentityInputs = AuthIdentityArgs.extend({
  /** The managed pairs that exist and are configured, as `memberUin:identityId`. */
  pairs: z.array(z.string()).optional().describe("The managed pairs that exist and are configured, as `memberUin:identityId`."),
});
type AuthIdentityInputs = z.infer<typeof AuthIdentityInputs>;

const PairStatus = z.object({
  memberUin: z.number(),
  identityId: z.number(),
  /** 1 configured, 2 needs reconfiguring. */
  status: z.number().describe("1 configured, 2 needs reconfiguring."),
  identityRoleName: z.string().optional(),
  identityRoleAliasName: z.string().optional(),
  identityType: z.number().optional(),
});
type PairStatus = z.infer<typeof PairStatus>;

/** What the resource reports beyond its inputs. */
const AuthIdentityReported = z.object({
  /** Managed pairs whose Status is 2: the next `up` re-authorizes them. */
  needsReconfiguring: z.array(z.string()).describe("Managed pairs whose Status is 2: the next `up` re-authorizes them."),
  pairStatus: z.array(PairStatus).describe("Each managed pair as DescribeOrganizationMemberAuthIdentities reports it."),
  /** Declared pairs that existed before this resource declared them: left as found on removal or destroy (unless exclusive). */
  preexistingPairs: z.array(z.string()).describe("Declared pairs that existed before this resource declared them: left as found on removal or destroy (unless exclusive)."),
  /** Pairs no longer declared whose removal waits until no member access policy uses them. */
  pendingRemoval: z.array(z.string()).describe("Pairs no longer declared whose removal waits until no member access policy uses them."),
});

/**
 * The authorizations that concern this resource: for its members and identities, or every identity of its members when
 * exclusive. Coalesced with the reads of the other resources (./shared-reads): per member or per identity, whichever is fewer;
 * `fresh`: from listings made after this read, not ones shared from earlier in the operation.
 */
async function readPairs(memberUins: number[], identityIds: number[], exclusive: boolean, fresh = false): Promise<PairStatus[]> {
  const members = new Set(memberUins);
  const identities = new Set(identityIds);
  const rows = await readAuthorizations({ memberUins, identityIds, exclusive, ...(fresh ? { fresh } : {}) });
  const found: PairStatus[] = [];
  const seen = new Set<string>();
  for (const item of rows) {
    const memberUin = item.MemberUin ?? undefined;
    if (memberUin === undefined || !members.has(memberUin)) continue;
    if (!exclusive && !identities.has(item.IdentityId)) continue;
    const key = pairKey({ memberUin, identityId: item.IdentityId });
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({
      memberUin,
      identityId: item.IdentityId,
      status: item.Status ?? 1,
      identityRoleName: item.IdentityRoleName ?? undefined,
      identityRoleAliasName: item.IdentityRoleAliasName ?? undefined,
      identityType: item.IdentityType ?? undefined,
    });
  }
  return found.sort((a, b) => a.memberUin - b.memberUin || a.identityId - b.identityId);
}

/** The ownership state records (./pairs): the declaration as it was, `preexistingPairs` and `pendingRemoval`. */
function ownershipOf(props: Record<string, unknown>): Ownership {
  const declared =
    Array.isArray(props.memberUins) && Array.isArray(props.identityIds)
      ? declaredPairs(props.memberUins as number[], props.identityIds as number[])
      : ((props.pairs as string[] | undefined) ?? []);
  return {
    declared,
    preexisting: (props.preexistingPairs as string[] | undefined) ?? [],
    pending: (props.pendingRemoval as string[] | undefined) ?? [],
  };
}

/** `writtenAt`: when the resource last authorized pairs, which listings may not show yet (./read.ts). */
function outputsOf(inputs: AuthIdentityInputs, found: PairStatus[], own: Pick<Ownership, "preexisting" | "pending">, writtenAt: string | undefined) {
  const healthy = found.filter((pair) => pair.status === 1).map(pairKey);
  return {
    memberUins: inputs.memberUins,
    identityIds: inputs.identityIds,
    // As set: an `exclusive: false` the program never wrote would show as drift after refresh.
    exclusive: inputs.exclusive,
    pairs: sortPairs(healthy),
    needsReconfiguring: sortPairs(found.filter((pair) => pair.status !== 1).map(pairKey)),
    pairStatus: found,
    preexistingPairs: sortPairs(own.preexisting),
    pendingRemoval: sortPairs(own.pending),
    writtenAt,
  };
}

/** Explains the API's refusal to remove a pair that a member access policy still uses. */
function explainDelete(error: unknown, pair: Pair): unknown {
  if (isApiError(error, "FailedOperation.MemberIdentityAuthUsed") && error instanceof Error) {
    error.message =
      `cannot remove identity ${pair.identityId} from member ${pair.memberUin}: a member access policy still uses it; ` +
      `delete or change that policy first (give the MemberAccessPolicy dependsOn this MemberAuthIdentity so it is ` +
      `destroyed first). ${error.message}`;
  }
  return error;
}

async function deletePair(pair: Pair): Promise<void> {
  const request = { MemberUin: pair.memberUin, IdentityId: pair.identityId };
  await deleteIfPresent("DeleteOrganizationMemberAuthIdentity", () => sharedClient().call("DeleteOrganizationMemberAuthIdentity", request)).catch((error) => {
    throw explainDelete(error, pair);
  });
}

const IN_USE = "FailedOperation.MemberIdentityAuthUsed";

/**
 * Pair deletes in flight at once, per resource: a second's worth at the action's rate, so that round trips do not
 * leave the rate unused; the pacer spaces them (and the engine's other resources' deletes) at the rate itself.
 */
const DELETES_AT_ONCE = actions.DeleteOrganizationMemberAuthIdentity.ratePerSecond;

/**
 * Writes a plan: creates the declared pairs not in `healthy` (so a pair needing reconfiguration is authorized again),
 * then deletes the `planned` removals. A pair that a member access policy still uses is not an error: its removal waits
 * (`pendingRemoval`, with a warning) and the next `up` completes it, once the policy, updated after this resource in
 * the same `up`, no longer uses it. On failure, state is told what is certain: the pairs known to exist, and every
 * planned removal not known done stays pending, so the next `up` completes the work and nothing made is forgotten.
 */
async function converge(
  id: string,
  inputs: AuthIdentityInputs,
  healthy: string[],
  existing: string[],
  preexisting: string[],
  planned: string[],
  lastWrittenAt: string | undefined,
) {
  const desired = new Set(declaredPairs(inputs.memberUins, inputs.identityIds));
  const present = new Set(healthy);
  const toCreate = [...desired].filter((pair) => !present.has(pair));
  const done = new Set(healthy);
  const created: string[] = [];
  const deleted: string[] = [];
  const waiting: string[] = [];
  let wrote = false;
  let writtenAt = lastWrittenAt;
  const outputs = () =>
    outputsOf(
      inputs,
      sortPairs([...done].filter((pair) => desired.has(pair))).map((key) => ({ ...parsePair(key), status: 1 })),
      { preexisting: preexistingAfterCreates(preexisting, existing, created), pending: pendingAfter(planned, deleted) },
      writtenAt,
    );
  try {
    const authorizing = progress(`MemberAuthIdentity ${id}: authorizing ${pairsOf(toCreate.length)}`);
    for (const batch of createBatches(sortPairs(toCreate))) {
      await sharedClient().call("CreateOrganizationMemberAuthIdentity", batch);
      wrote = true;
      writtenAt = new Date().toISOString();
      for (const MemberUin of batch.MemberUins) {
        for (const IdentityId of batch.IdentityIds) {
          done.add(`${MemberUin}:${IdentityId}`);
          created.push(`${MemberUin}:${IdentityId}`);
        }
      }
      authorizing.advance(batch.MemberUins.length * batch.IdentityIds.length);
    }
    const removing = progress(`MemberAuthIdentity ${id}: removing ${pairsOf(planned.length)}`);
    await sideBySide(planned, DELETES_AT_ONCE, async (pair) => {
      try {
        await deletePair(parsePair(pair));
        wrote = true;
        deleted.push(pair);
      } catch (error) {
        if (!isApiError(error, IN_USE)) throw error;
        waiting.push(pair);
      }
      removing.advance(1);
    });
  } catch (error) {
    // Nothing written, and known not to be (a refusal, not a lost answer): the engine keeps what it had, or nothing.
    if (!isUnknownOutcome(error) && !wrote) throw error;
    // Pairs of a batch whose answer was lost may exist: they stay out of `pairs`, so the next `up` authorizes them again,
    // which changes nothing if they do; if they are no longer declared by then, that `up` looks them up
    // (unsureRemovals), and a destroy before that still removes every declared pair.
    throw new PartialFailure(id, outputs(), error, "authorizations changed only in part");
  }
  if (waiting.length > 0) {
    pulumi.log.warn(
      `MemberAuthIdentity ${id}: ${waiting.join(", ")} ${waiting.length === 1 ? "is" : "are"} no longer declared but still ` +
        "used by a member access policy; the removal waits and completes at the next `pulumi up` once no policy uses " +
        `${waiting.length === 1 ? "it" : "them"} (a policy updated in this same up releases them).`,
    );
  }
  return outputs();
}

/**
 * Goes from the ownership `before` to the inputs: looks up what state cannot tell (on create; with exclusive, every
 * pair of the members; newly declared pairs, to tell pre-existing ones; removals whose existence is unsure), plans with
 * ./pairs and writes the plan. `recorded` are the pairs state says exist (`pairs`, and `needsReconfiguring`).
 */
async function reconcile(
  id: string,
  inputs: AuthIdentityInputs,
  before: Ownership,
  recorded?: { healthy: string[]; existing: string[]; writtenAt: string | undefined },
) {
  const exclusive = inputs.exclusive === true;
  const declared = declaredPairs(inputs.memberUins, inputs.identityIds);
  let healthy = recorded?.healthy ?? [];
  let existing = recorded?.existing ?? [];
  const newlyDeclared = declared.filter((pair) => !before.declared.includes(pair));
  const unsure = unsureRemovals(before, declared, existing).map(parsePair);
  if (recorded === undefined || exclusive || newlyDeclared.length > 0 || unsure.length > 0) {
    const members = [...new Set([...inputs.memberUins, ...unsure.map((pair) => pair.memberUin)])];
    const identities = [...new Set([...inputs.identityIds, ...unsure.map((pair) => pair.identityId)])];
    const found = await readPairs(members, identities, exclusive);
    healthy = found.filter((pair) => pair.status === 1).map(pairKey);
    existing = [...existing, ...found.map(pairKey)];
  }
  const preexisting = preexistingAfter(before, declared, existing, exclusive);
  return converge(id, inputs, healthy, existing, preexisting, toDelete(before, declared, existing, exclusive), recorded?.writtenAt);
}

async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  const inputs = withoutProvider(news);
  const failures = inputs.pairs !== undefined ? [{ property: "pairs", reason: "pairs is computed from memberUins and identityIds; do not set it" }] : [];
  inputs.memberUins = normalizeIdList(inputs.memberUins);
  inputs.identityIds = normalizeIdList(inputs.identityIds);
  delete inputs.pairs;
  failures.push(...failuresOf(AuthIdentityInputs, inputs));
  if (failures.length > 0) return checkResult(inputs, failures);
  // The pairs are an input of their own so that refresh can report drift of exactly the pairs that changed.
  if (!isUnknown(inputs.memberUins) && !isUnknown(inputs.identityIds)) {
    inputs.pairs = declaredPairs(inputs.memberUins as number[], inputs.identityIds as number[]);
  }
  return { inputs };
}

async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  const changes =
    isUnknown(news.memberUins) ||
    isUnknown(news.identityIds) ||
    news.pairs === undefined ||
    !sameValue(olds.pairs, news.pairs) ||
    !sameValue(olds.memberUins, news.memberUins) ||
    !sameValue(olds.identityIds, news.identityIds) ||
    (olds.exclusive ?? false) !== (news.exclusive ?? false) ||
    ownershipOf(olds).pending.length > 0;
  return { changes, replaces: [] };
}

async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  const inputs = news as AuthIdentityInputs;
  const id = `${inputs.memberUins.join(",")}:${inputs.identityIds.join(",")}`;
  return { id, outs: await reconcile(id, inputs, NOTHING_OWNED) };
}

/** The id names the sets when state has none (a `get` by id). */
function inputsFromId(id: string): AuthIdentityInputs {
  const match = /^([0-9]+(?:,[0-9]+)*):([0-9]+(?:,[0-9]+)*)$/.exec(id);
  if (!match) throw new Error(`MemberAuthIdentity id must be "<memberUin,...>:<identityId,...>", got "${id}"`);
  return { memberUins: match[1]!.split(",").map(Number), identityIds: match[2]!.split(",").map(Number) };
}

async function read(id: string, props: Record<string, unknown> = {}): Promise<pulumi.dynamic.ReadResult> {
  const previous = withoutProvider(props);
  const inputs: AuthIdentityInputs = Array.isArray(previous.memberUins)
    ? (previous as AuthIdentityInputs)
    : inputsFromId(id);
  const readNow = (fresh = false) => readPairs(inputs.memberUins, inputs.identityIds, inputs.exclusive === true, fresh);
  const recorded = [...((previous.pairs as string[] | undefined) ?? []), ...((previous.needsReconfiguring as string[] | undefined) ?? [])];
  const allListed = (found: PairStatus[]) => {
    const listed = new Set(found.map(pairKey));
    return recorded.every((pair) => listed.has(pair));
  };
  let found = await readNow();
  if (!allListed(found)) {
    // Pairs state records that this read missed: authorized shortly before, a listing may not show them yet; and
    // before the whole resource drops, one more read settles it (./read.ts).
    const lastWrite = Date.parse(String(previous.writtenAt));
    const spec = {
      what: `the pairs of MemberAuthIdentity ${id}`,
      action: "DescribeOrganizationMemberAuthIdentities" as const,
      writtenAt: Number.isNaN(lastWrite) ? undefined : lastWrite,
    };
    // Each further look lists afresh: a listing shared from earlier in the operation would only repeat the first look.
    found = (await lookUntilSettled(spec, () => readNow(true), allListed, found.length === 0)) ?? found;
  }
  const own = ownershipOf(previous);
  // With no declared pair left, the resource is gone only if no removal waits: a pending pair is still the stack's.
  if (found.length === 0 && own.pending.length === 0) return { id: "" };
  const outs = outputsOf(inputs, found, own, previous.writtenAt as string | undefined);
  return {
    id,
    props: outs,
    inputs: defined({ memberUins: inputs.memberUins, identityIds: inputs.identityIds, exclusive: inputs.exclusive, pairs: outs.pairs }),
  };
}

async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  const healthy = (olds.pairs as string[] | undefined) ?? [];
  const existing = [...healthy, ...((olds.needsReconfiguring as string[] | undefined) ?? [])];
  return { outs: await reconcile(id, news as AuthIdentityInputs, ownershipOf(olds), { healthy, existing, writtenAt: olds.writtenAt as string | undefined }) };
}

async function remove(id: string, props: Record<string, unknown>): Promise<void> {
  const managed = ownedAtDestroy(ownershipOf(props), props.exclusive === true, (props.pairs as string[] | undefined) ?? []);
  const removing = progress(`MemberAuthIdentity ${id}: removing ${pairsOf(managed.length)}`);
  await sideBySide(managed, DELETES_AT_ONCE, async (pair) => {
    await deletePair(parsePair(pair));
    removing.advance(1);
  });
}

export const authIdentityImplementation: ResourceImplementation = { check, diff, create, read, update, delete: remove };

export const authIdentitySchemas: ResourceSchemas = { args: AuthIdentityArgs, inputs: AuthIdentityInputs, reported: AuthIdentityReported, replaceOnChanges: [] };

export type MemberAuthIdentityArgs = ArgsOf<z.input<typeof AuthIdentityArgs>>;

const provider = providerStub("MemberAuthIdentity");

type AuthIdentityOutputs = OutputsOf<AuthIdentityInputs & z.output<typeof AuthIdentityReported>, "exclusive">;

/** The resource's outputs, one per schema property (declaration merging gives the class these members). */
export interface MemberAuthIdentity extends AuthIdentityOutputs {}

export class MemberAuthIdentity extends pulumi.dynamic.Resource {
  constructor(name: string, args: MemberAuthIdentityArgs, opts?: pulumi.CustomResourceOptions) {
    const properties = { ...unsetProperties(AuthIdentityInputs, AuthIdentityReported), ...args };
    super(provider, name, properties, opts, "tencentcloud-organization", "MemberAuthIdentity");
  }
}
