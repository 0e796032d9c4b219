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
 * (`preexistingPairs`) and left as found when it is no longer declared or the resource is destroyed. A pair no longer
 * declared that a member access policy still uses is not an error: its removal waits (`pendingRemoval`, with a warning)
 * and the next `up` completes it, once the policy no longer uses it.
 * The id is `<memberUins>:<identityIds>` (comma-separated) as first created; `pairs` lists `memberUin:identityId`.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { MAX_AUTH_IDENTITIES, MAX_AUTH_MEMBERS } from "../api/constants";
import { identityId, uin } from "../api/fields";
import { isApiError, isUnknownOutcome } from "../client";
import { sharedClient } from "./config";
import { deleteIfPresent, PartialFailure } from "./lifecycle";
import {
  checkResult,
  chunks,
  defined,
  failuresOf,
  isUnknown,
  normalizeIdList,
  sameValue,
  withoutProvider,
} from "./properties";
import type { ResourceImplementation } from "./registry";
import { type ArgsOf, type OutputsOf, unsetProperties } from "./schema";
import { declaredPairs, type Pair, pairKey, parsePair, sortPairs } from "./pairs";
import { pairs as pairsOf, progress } from "./progress";
import { readAuthorizations } from "./shared-reads";
import { providerStub } from "./stub";

/** What a program sets: the one list of the resource's arguments, with their rules (MemberAuthIdentityArgs). */
const AuthIdentityArgs = z.strictObject({
  /** Members to authorize (any number); order does not matter. */
  memberUins: z.array(uin).min(1),
  /** Identities (ListOrganizationIdentity) to authorize each member for (any number). */
  identityIds: z.array(identityId).min(1),
  /** Remove every other identity of these members (authoritative), instead of leaving pairs granted elsewhere alone. */
  exclusive: z.boolean().optional(),
});

/** What the engine hands the provider: the arguments, plus the declared pairs `check` computes (drift of each pair). */
const AuthIdentityInputs = AuthIdentityArgs.extend({
  /** The managed pairs that exist and are configured, as `memberUin:identityId`. */
  pairs: z.array(z.string()).optional(),
});
type AuthIdentityInputs = z.infer<typeof AuthIdentityInputs>;

const PairStatus = z.object({
  memberUin: z.number(),
  identityId: z.number(),
  /** 1 configured, 2 needs reconfiguring. */
  status: z.number(),
  identityRoleName: z.string().optional(),
  identityRoleAliasName: z.string().optional(),
  identityType: z.number().optional(),
});
type PairStatus = z.infer<typeof PairStatus>;

/** What the resource reports beyond its inputs. */
const AuthIdentityReported = z.object({
  /** Managed pairs whose Status is 2: the next `up` re-authorizes them. */
  needsReconfiguring: z.array(z.string()),
  pairStatus: z.array(PairStatus),
  /** Declared pairs that existed before this resource declared them: left as found on removal or destroy (unless exclusive). */
  preexistingPairs: z.array(z.string()),
  /** Pairs no longer declared whose removal waits until no member access policy uses them. */
  pendingRemoval: z.array(z.string()),
});

/**
 * The authorizations that concern this resource: for its members and identities, or every identity of its members when
 * exclusive. Coalesced with the reads of the other resources (./shared-reads): per member or per identity, whichever is fewer.
 */
async function readPairs(memberUins: number[], identityIds: number[], exclusive: boolean): Promise<PairStatus[]> {
  const members = new Set(memberUins);
  const identities = new Set(identityIds);
  const rows = await readAuthorizations({ memberUins, identityIds, exclusive });
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

/**
 * What the resource remembers between operations beyond what the API reports:
 * - `preexistingPairs`: declared pairs that existed before this resource declared them. They are released, never
 *   deleted: dropping one from the declaration, or destroying the resource, leaves it as found (unless `exclusive`).
 * - `pendingRemoval`: pairs no longer declared whose removal waits, because a member access policy still uses them.
 */
interface Bookkeeping {
  preexistingPairs: string[];
  pendingRemoval: string[];
}

const bookkeepingOf = (props: Record<string, unknown>): Bookkeeping => ({
  preexistingPairs: (props.preexistingPairs as string[] | undefined) ?? [],
  pendingRemoval: (props.pendingRemoval as string[] | undefined) ?? [],
});

function outputsOf(inputs: AuthIdentityInputs, found: PairStatus[], book: Bookkeeping) {
  const healthy = found.filter((pair) => pair.status === 1).map(pairKey);
  return {
    memberUins: inputs.memberUins,
    identityIds: inputs.identityIds,
    // As set: an `exclusive: false` the program never wrote would show as drift after refresh.
    exclusive: inputs.exclusive,
    pairs: sortPairs(healthy),
    needsReconfiguring: sortPairs(found.filter((pair) => pair.status !== 1).map(pairKey)),
    pairStatus: found,
    preexistingPairs: sortPairs(book.preexistingPairs),
    pendingRemoval: sortPairs(book.pendingRemoval),
  };
}

/**
 * Groups pairs into CreateOrganizationMemberAuthIdentity calls: members wanting the same identities share calls, each
 * of at most 10 members and 5 identities. For a full members x identities grid this is the minimum number of calls.
 */
function createBatches(pairs: string[]): Array<{ MemberUins: number[]; IdentityIds: number[] }> {
  const identitiesByMember = new Map<number, number[]>();
  for (const { memberUin, identityId } of pairs.map(parsePair)) {
    identitiesByMember.set(memberUin, [...(identitiesByMember.get(memberUin) ?? []), identityId]);
  }
  const membersByIdentitySet = new Map<string, number[]>();
  for (const [memberUin, ids] of identitiesByMember) {
    const key = ids.sort((a, b) => a - b).join(",");
    membersByIdentitySet.set(key, [...(membersByIdentitySet.get(key) ?? []), memberUin]);
  }
  const batches: Array<{ MemberUins: number[]; IdentityIds: number[] }> = [];
  for (const [key, memberUins] of membersByIdentitySet) {
    const identityIds = key.split(",").map(Number);
    for (const MemberUins of chunks(memberUins.sort((a, b) => a - b), MAX_AUTH_MEMBERS)) {
      for (const IdentityIds of chunks(identityIds, MAX_AUTH_IDENTITIES)) batches.push({ MemberUins, IdentityIds });
    }
  }
  return batches;
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
 * Writes the difference between the pairs that exist and the pairs desired: creates the desired pairs not in `healthy`
 * (so a pair needing reconfiguration is authorized again) and deletes the `removable` pairs not desired. A pair that a
 * member access policy still uses is not an error: its removal waits (`pendingRemoval`, with a warning) and the next
 * `up` completes it, once the policy, updated after this resource in the same `up`, no longer uses it. On failure,
 * state is told which pairs exist now, so the next `up` completes the work.
 */
async function converge(id: string, inputs: AuthIdentityInputs, healthy: string[], removable: string[], book: Bookkeeping) {
  const desired = new Set(declaredPairs(inputs.memberUins, inputs.identityIds));
  const present = new Set(healthy);
  const toCreate = [...desired].filter((pair) => !present.has(pair));
  const toDelete = sortPairs(removable.filter((pair) => !desired.has(pair)));
  const done = new Set(healthy);
  const waiting: string[] = [];
  const outputs = () =>
    outputsOf(
      inputs,
      sortPairs([...done].filter((pair) => desired.has(pair))).map((key) => ({ ...parsePair(key), status: 1 })),
      { preexistingPairs: book.preexistingPairs.filter((pair) => desired.has(pair)), pendingRemoval: [...waiting, ...toDelete.filter((pair) => done.has(pair) && !waiting.includes(pair))] },
    );
  try {
    const authorizing = progress(`MemberAuthIdentity ${id}: authorizing ${pairsOf(toCreate.length)}`);
    for (const batch of createBatches(sortPairs(toCreate))) {
      await sharedClient().call("CreateOrganizationMemberAuthIdentity", batch);
      for (const MemberUin of batch.MemberUins) for (const IdentityId of batch.IdentityIds) done.add(`${MemberUin}:${IdentityId}`);
      authorizing.advance(batch.MemberUins.length * batch.IdentityIds.length);
    }
    const removing = progress(`MemberAuthIdentity ${id}: removing ${pairsOf(toDelete.length)}`);
    for (const pair of toDelete) {
      try {
        await deletePair(parsePair(pair));
      } catch (error) {
        if (!isApiError(error, IN_USE)) throw error;
        waiting.push(pair);
      }
      done.delete(pair);
      removing.advance(1);
    }
  } catch (error) {
    // Nothing written, and known not to be (a refusal, not a lost answer): the engine keeps what it had, or nothing.
    if (!isUnknownOutcome(error) && sameValue(sortPairs(done), sortPairs(healthy))) throw error;
    // Pairs of a batch whose answer was lost may exist: they stay out of `pairs`, so the next `up` authorizes them again,
    // which changes nothing if they do, and a destroy before that still removes every declared pair.
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
    bookkeepingOf(olds).pendingRemoval.length > 0;
  return { changes, replaces: [] };
}

async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  const inputs = news as AuthIdentityInputs;
  const id = `${inputs.memberUins.join(",")}:${inputs.identityIds.join(",")}`;
  if (inputs.exclusive) return { id, outs: await convergeExclusive(id, inputs, { preexistingPairs: [], pendingRemoval: [] }) };
  // Declared pairs that already exist are the organization's, not this resource's: recorded, so they are released.
  const found = await readPairs(inputs.memberUins, inputs.identityIds, false);
  const healthy = found.filter((pair) => pair.status === 1).map(pairKey);
  return { id, outs: await converge(id, inputs, healthy, [], { preexistingPairs: found.map(pairKey), pendingRemoval: [] }) };
}

/** Authoritative for its members: every pair of theirs that is not declared may be removed. */
async function convergeExclusive(id: string, inputs: AuthIdentityInputs, book: Bookkeeping) {
  const found = await readPairs(inputs.memberUins, inputs.identityIds, true);
  const healthy = found.filter((pair) => pair.status === 1).map(pairKey);
  return converge(id, inputs, healthy, sortPairs([...found.map(pairKey), ...book.pendingRemoval]), book);
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
  const found = await readPairs(inputs.memberUins, inputs.identityIds, inputs.exclusive === true);
  if (found.length === 0) return { id: "" };
  const outs = outputsOf(inputs, found, bookkeepingOf(previous));
  return {
    id,
    props: outs,
    inputs: defined({ memberUins: inputs.memberUins, identityIds: inputs.identityIds, exclusive: inputs.exclusive, pairs: outs.pairs }),
  };
}

async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  const inputs = news as AuthIdentityInputs;
  const book = bookkeepingOf(olds);
  if (inputs.exclusive) return { outs: await convergeExclusive(id, inputs, { preexistingPairs: [], pendingRemoval: book.pendingRemoval }) };
  const previouslyDeclared = Array.isArray(olds.memberUins) && Array.isArray(olds.identityIds)
    ? declaredPairs(olds.memberUins as number[], olds.identityIds as number[])
    : ((olds.pairs as string[] | undefined) ?? []);
  const desired = declaredPairs(inputs.memberUins, inputs.identityIds);
  const newlyDeclared = desired.filter((pair) => !previouslyDeclared.includes(pair));
  let healthy = (olds.pairs as string[] | undefined) ?? [];
  let known = new Set([...healthy, ...((olds.needsReconfiguring as string[] | undefined) ?? [])]);
  const preexisting = new Set(book.preexistingPairs);
  if (newlyDeclared.length > 0) {
    // A pair declared now that exists already was not made by this resource: it is recorded, and later released.
    const found = await readPairs(inputs.memberUins, inputs.identityIds, false);
    for (const pair of found.map(pairKey)) if (newlyDeclared.includes(pair)) preexisting.add(pair);
    healthy = found.filter((pair) => pair.status === 1).map(pairKey);
    known = new Set([...known, ...found.map(pairKey)]);
  }
  // Only pairs this resource made, that exist (configured or not), are removed when no longer declared.
  const removable = [...previouslyDeclared.filter((pair) => known.has(pair) && !preexisting.has(pair)), ...book.pendingRemoval];
  return { outs: await converge(id, inputs, healthy, sortPairs(removable), { preexistingPairs: [...preexisting], pendingRemoval: [] }) };
}

async function remove(id: string, props: Record<string, unknown>): Promise<void> {
  const book = bookkeepingOf(props);
  const declared = declaredPairs((props.memberUins as number[]) ?? [], (props.identityIds as number[]) ?? []);
  const managed =
    props.exclusive === true
      ? sortPairs([...declared, ...((props.pairs as string[]) ?? []), ...book.pendingRemoval])
      : sortPairs([...declared.filter((pair) => !book.preexistingPairs.includes(pair)), ...book.pendingRemoval]);
  const removing = progress(`MemberAuthIdentity ${id}: removing ${pairsOf(managed.length)}`);
  for (const pair of managed) {
    await deletePair(parsePair(pair));
    removing.advance(1);
  }
}

export const authIdentityImplementation: ResourceImplementation = { check, diff, create, read, update, delete: remove };

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
