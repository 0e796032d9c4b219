/**
 * The invariants the generated scenarios check after every step (issue 16, "Generated scenarios"):
 *   I1 nothing that existed before the stack is deleted, nor recorded in state as created by it (destroy would then
 *      delete it); destroy removes exactly what the stack created;
 *   I2 preview names exactly the resources and operations that the following up performs;
 *   I3 after a successful up: the next preview is empty, refresh finds no drift, and the organization holds exactly
 *      what state says (tests/engine/convergence.ts);
 *   I4 outside changes to properties the program does not set survive every up;
 *   I5 after a fault (or under listing lag) the next up restores I3 (the fault step runs the I3 checks after its repair).
 * A violation throws an InvariantViolation naming the invariant and what differs, which fast-check then shrinks.
 */
import type { State } from "../../../emulator";
import { convergence } from "../convergence";
import type { EngineStack, PlannedStep, StateResource } from "../harness";

export type InvariantName = "I1" | "I2" | "I3" | "I4" | "I5" | "step";

export class InvariantViolation extends Error {
  constructor(
    readonly invariant: InvariantName,
    detail: string,
  ) {
    super(`${invariant}: ${detail}`);
    this.name = "InvariantViolation";
  }
}

/**
 * What must still be in the organization: the seed, less what an outside edit deleted, plus the pairs an outside
 * edit added. It is also convergence()'s baseline, so an outside pair is not taken for a stray one.
 */
export type Baseline = State;

export const pairKey = (memberUin: number, identityId: number) => `${memberUin}:${identityId}`;

/** I4: one outside change to a property the program does not set, as the API must keep reporting it. */
export interface Expectation {
  /** e.g. `department 100004 Name`. */
  label: string;
  /** The value as the snapshot reports it now, or undefined when the object is gone (which ends the expectation). */
  read: (now: State) => string | undefined;
  value: string;
  /** Whether the current program sets this property (it then owns it, and the expectation ends). */
  managed: () => boolean;
}

/** I1: every object of the baseline is still there. */
export function checkNothingPreexistingDeleted(engine: EngineStack, baseline: Baseline, when: string): void {
  const now = engine.emulator.control.snapshot();
  const gone = [
    ...baseline.members.filter((m) => !now.members.some((n) => n.MemberUin === m.MemberUin)).map((m) => `member ${m.MemberUin} (${m.Name})`),
    ...baseline.nodes.filter((m) => !now.nodes.some((n) => n.NodeId === m.NodeId)).map((m) => `department ${m.NodeId} (${m.Name})`),
    ...baseline.identities.filter((m) => !now.identities.some((n) => n.IdentityId === m.IdentityId)).map((m) => `identity ${m.IdentityId} (${m.IdentityAliasName})`),
    ...baseline.policies.filter((m) => !now.policies.some((n) => n.PolicyId === m.PolicyId)).map((m) => `policy ${m.PolicyId} (${m.PolicyName})`),
    ...baseline.authorizations
      .filter((a) => !now.authorizations.some((b) => b.MemberUin === a.MemberUin && b.IdentityId === a.IdentityId))
      .map((a) => `pair ${pairKey(a.MemberUin, a.IdentityId)}`),
  ];
  if (gone.length > 0) throw new InvariantViolation("I1", `${when} deleted what existed before the stack: ${gone.join(", ")}`);
}

/** A step as compared by I2: the resource and the operation, nothing else (a preview cannot know computed values). */
const stepKey = (step: PlannedStep) => `${step.op} ${step.name}`;

/** I2: the preview's steps and the up's, as sorted lists of "op name". */
export function checkPreviewMatchesUp(preview: PlannedStep[], up: PlannedStep[]): void {
  const planned = preview.map(stepKey).sort();
  const performed = up.map(stepKey).sort();
  if (JSON.stringify(planned) !== JSON.stringify(performed))
    throw new InvariantViolation("I2", `preview said [${planned.join(", ")}] but up did [${performed.join(", ")}]`);
}

/**
 * I3 after a successful up: the next preview is empty, a refresh changes no resource's inputs and drops none (output
 * values such as times may move), and the organization holds exactly what state says. The one documented exception
 * to "the next preview is empty" (README, "Policies depend on authorizations"): a pair still used by a policy waits in
 * `pendingRemoval`, the next preview shows the authorizations as an update, and a second up converges.
 */
export async function checkConverged(engine: EngineStack, baseline: Baseline, invariant: "I3" | "I5" = "I3"): Promise<void> {
  let after = await engine.afterUp();
  const pending = after.resources.find((r) => r.urn.endsWith("::access"))?.outputs?.pendingRemoval;
  if (after.preview.length === 1 && stepKey(after.preview[0]!) === "update access" && Array.isArray(pending) && pending.length > 0) {
    const second = await engine.previewThenUp();
    checkPreviewMatchesUp(second.preview, second.up);
    after = await engine.afterUp();
  }
  if (after.preview.length > 0) throw new InvariantViolation(invariant, `the preview after a successful up is not empty: ${after.preview.map(stepKey).join(", ")}`);
  const drift = after.refresh.filter((change) => change.gone || change.inputs.length > 0);
  if (drift.length > 0)
    throw new InvariantViolation(invariant, `refresh right after up found drift: ${drift.map((c) => (c.gone ? `${c.name} gone` : `${c.name} [${c.inputs.join(", ")}]`)).join("; ")}`);
  const claimed = claimedPreexisting(after.resources, baseline);
  if (claimed.length > 0) throw new InvariantViolation("I1", `state records what existed before the stack as created by it (destroy would delete it): ${claimed.join(", ")}`);
  // The refresh may have moved outputs only; state is as the refresh left it, which convergence compares.
  const report = await convergence(engine, baseline, after.resources);
  const problems = Object.entries(report).filter(([, list]) => (list as string[]).length > 0);
  if (problems.length > 0)
    throw new InvariantViolation(invariant, `the organization differs from state: ${problems.map(([key, list]) => `${key} ${(list as string[]).join(", ")}`).join("; ")}`);
}

/** Resources whose state says the stack created them, while their object was in the organization before the stack. */
function claimedPreexisting(resources: StateResource[], baseline: Baseline): string[] {
  const before: Record<string, Set<number>> = {
    OrganizationNode: new Set(baseline.nodes.map((n) => n.NodeId)),
    OrganizationIdentity: new Set(baseline.identities.map((i) => i.IdentityId)),
    OrganizationMember: new Set(baseline.members.map((m) => m.MemberUin)),
    MemberAccessPolicy: new Set(baseline.policies.map((p) => p.PolicyId)),
  };
  return resources
    .filter((r) => r.outputs?.createdByStack === true && before[r.type.split(":").pop()!]?.has(Number(r.id)) === true)
    .map((r) => `${r.urn.split("::").pop()} (${r.type.split(":").pop()} ${r.id})`);
}

/** I4: each recorded outside change still holds, unless the program now sets that property or the object is gone. */
export function checkOutsideChangesKept(engine: EngineStack, expectations: Expectation[]): Expectation[] {
  const now = engine.emulator.control.snapshot();
  const live = expectations.filter((e) => !e.managed() && e.read(now) !== undefined);
  const undone = live.filter((e) => e.read(now) !== e.value);
  if (undone.length > 0)
    throw new InvariantViolation("I4", `an up undid outside changes the program does not manage: ${undone.map((e) => `${e.label} is "${e.read(now)}", was set to "${e.value}"`).join("; ")}`);
  return live;
}

/** I1 and the rest of destroy's promise: everything of the baseline is there, and nothing the stack made is left. */
export async function checkDestroyed(engine: EngineStack, baseline: Baseline): Promise<void> {
  checkNothingPreexistingDeleted(engine, baseline, "destroy");
  const report = await convergence(engine, baseline);
  const left = [...report.orphans, ...report.strayPairs, ...report.duplicates];
  if (left.length > 0) throw new InvariantViolation("I1", `destroy left what the stack created: ${left.join(", ")}`);
}
