/**
 * What "converged" means after a failure: the emulator holds exactly what the stack's state says, on top of what the
 * seed held. No duplicate (two members under one name), no orphan (an object the stack created that state does not
 * know), no stale binding (a policy bound to a member without its identity), and every managed pair as declared.
 */
import type { State } from "../../emulator";
import type { EngineStack, StateResource } from "./harness";

const pairKey = (memberUin: number, identityId: number) => `${memberUin}:${identityId}`;
const sorted = <T>(values: Iterable<T>) => [...values].sort();

function declaredPairs(resource: StateResource): string[] {
  const inputs = resource.inputs ?? {};
  const members = (inputs.memberUins as number[] | undefined) ?? [];
  const identities = (inputs.identityIds as number[] | undefined) ?? [];
  return members.flatMap((m) => identities.map((i) => pairKey(m, i)));
}

export interface ConvergenceReport {
  /** Names held by more than one member, department or identity. */
  duplicates: string[];
  /** Members, policies, departments and identities beyond the seed that state does not hold as created by the stack, and the reverse. */
  orphans: string[];
  missing: string[];
  /** Authorizations beyond the seed that no declared pair explains, and declared pairs that do not exist. */
  strayPairs: string[];
  missingPairs: string[];
  /** Policy bindings whose member lacks the policy's identity. */
  staleBindings: string[];
  /** MemberAuthIdentity resources whose recorded `pairs` differ from their declared pairs. */
  unrecordedPairs: string[];
}

/** Compares the emulator with the stack's state (exported now, unless given); every list is empty when they agree. */
export async function convergence(engine: Pick<EngineStack, "emulator" | "resources">, seed: State, state?: StateResource[]): Promise<ConvergenceReport> {
  const resources = state ?? Object.values(await engine.resources());
  const now = engine.emulator.control.snapshot();
  const ofType = (type: string) => resources.filter((r) => r.type.endsWith(`:${type}`));
  const created = (type: string) => ofType(type).filter((r) => r.outputs?.createdByStack === true).map((r) => Number(r.id));

  const seedMembers = new Set(seed.members.map((m) => m.MemberUin));
  const seedPolicies = new Set(seed.policies.map((p) => p.PolicyId));
  const seedNodes = new Set(seed.nodes.map((n) => n.NodeId));
  const seedIdentities = new Set(seed.identities.map((i) => i.IdentityId));
  const extraObjects = [
    ...now.members.filter((m) => !seedMembers.has(m.MemberUin)).map((m) => `member ${m.MemberUin} (${m.Name})`),
    ...now.policies.filter((p) => !seedPolicies.has(p.PolicyId)).map((p) => `policy ${p.PolicyId} (${p.PolicyName})`),
    ...now.nodes.filter((n) => !seedNodes.has(n.NodeId)).map((n) => `department ${n.NodeId} (${n.Name})`),
    ...now.identities.filter((i) => !seedIdentities.has(i.IdentityId)).map((i) => `identity ${i.IdentityId} (${i.IdentityAliasName})`),
  ];
  const stateObjects = new Set([
    ...created("OrganizationMember").map((uin) => `member ${uin}`),
    ...created("MemberAccessPolicy").map((id) => `policy ${id}`),
    ...created("OrganizationNode").map((id) => `department ${id}`),
    ...created("OrganizationIdentity").map((id) => `identity ${id}`),
  ]);
  const label = (object: string) => object.replace(/ \(.*\)$/, "");
  const existing = new Set(extraObjects.map(label));

  const names = [
    ...now.members.map((m) => `member ${m.Name}`),
    ...now.nodes.map((n) => `department ${n.Name}`),
    ...now.identities.map((i) => `identity ${i.IdentityAliasName}`),
  ];
  const seedPairs = new Set(seed.authorizations.map((a) => pairKey(a.MemberUin, a.IdentityId)));
  const declared = new Set(ofType("MemberAuthIdentity").flatMap(declaredPairs));
  const pairsNow = new Set(now.authorizations.map((a) => pairKey(a.MemberUin, a.IdentityId)));
  const configured = new Set(now.authorizations.filter((a) => a.Status === 1).map((a) => pairKey(a.MemberUin, a.IdentityId)));

  return {
    duplicates: sorted(new Set(names.filter((name, i) => names.indexOf(name) !== i))),
    orphans: sorted(extraObjects.filter((object) => !stateObjects.has(label(object)))),
    missing: sorted([...stateObjects].filter((object) => !existing.has(object))),
    strayPairs: sorted([...pairsNow].filter((pair) => !seedPairs.has(pair) && !declared.has(pair))),
    missingPairs: sorted([...declared].filter((pair) => !configured.has(pair))),
    staleBindings: sorted(
      now.policies.flatMap((p) =>
        p.Bindings.filter((b) => !pairsNow.has(pairKey(b.MemberUin, p.IdentityId))).map((b) => `policy ${p.PolicyId} → ${b.MemberUin}`),
      ),
    ),
    unrecordedPairs: sorted(
      ofType("MemberAuthIdentity")
        .filter((r) => JSON.stringify(sorted((r.outputs?.pairs as string[] | undefined) ?? [])) !== JSON.stringify(sorted(declaredPairs(r))))
        .map((r) => r.urn.split("::").pop()!),
    ),
  };
}

export const CONVERGED: ConvergenceReport = {
  duplicates: [],
  orphans: [],
  missing: [],
  strayPairs: [],
  missingPairs: [],
  staleBindings: [],
  unrecordedPairs: [],
};
