/**
 * The generated scenarios' steps, as fast-check model-based commands. A step is one program edit, one outside edit
 * through the API, or one fault, followed by the invariant checks of ./invariants (through the real engine: a preview
 * before each up for I2, and the I3 checks after it). Outside edits to properties the program does not set cost no
 * engine operation: their expectation (I4) is checked after every later up.
 *
 * STEP_KINDS below is the one switch per step kind. A kind that finds a defect not yet fixed stays off in CI until the
 * fix merges; `npm run soak -- --enable <kind>` turns it on for a soak.
 */
import fc from "fast-check";
import type { FaultSpec, State } from "../../../emulator";
import { FAULT_KINDS } from "../../../emulator/faults";
import type { ActionName } from "../../../provider/api";
import type { EngineStack, ResourceSpec } from "../harness";
import {
  type Baseline,
  checkConverged,
  checkNothingPreexistingDeleted,
  checkOutsideChangesKept,
  checkPreviewMatchesUp,
  type Expectation,
  InvariantViolation,
  pairKey,
} from "./invariants";
import {
  adoptedNodeName,
  createdNames,
  describeProgram,
  IDS,
  type Program,
  RESOURCE_NAME,
  render,
  sets,
  type SlotName,
  slotArbitraries,
} from "./model";

export const STEP_KINDS = {
  /** Program edits: add, remove or change one resource (set, unset or change a property, adopt ↔ create, moves, replacements). */
  edit: { enabled: true },
  /** In-place edits of a created member that the authorizations reference (defect 6: the preview named more than up did). */
  editReferencedMember: { enabled: true },
  /** Outside deletes of created objects, outside removal of a declared pair, Status 2 on one; then refresh and up. */
  drift: { enabled: true },
  /** A pair added outside the stack: it must survive every up and destroy. */
  outsidePair: { enabled: true },
  /** Outside changes to properties the program does not set (I4; defect 3: updates wrote them from state). */
  outsideProperty: { enabled: true },
  /** A fault of the matrix's kinds on one action of an edit's up, then refresh and up (I5). */
  fault: { enabled: true },
  /** Adopting → creating under the adopted object's own name (defect 1: the create claimed the adopted object). */
  sameNameSwitch: { enabled: true },
  /** A member dropped from authorizations and policy, declared again while its pair waits (defect 2: destroy left the pair). */
  redeclarePending: { enabled: true },
  /** A stack-made pair in Status 2 dropped from the program while its delete fails (defect 4: the pair was forgotten). */
  failedRemoval: { enabled: true },
  /** An edit's up under listing lag (I5; defect 7). */
  listingLag: { enabled: true },
} satisfies Record<string, { enabled: boolean }>;
export type StepKind = keyof typeof STEP_KINDS;
export const enabledStepKinds = (): StepKind[] => (Object.keys(STEP_KINDS) as StepKind[]).filter((kind) => STEP_KINDS[kind].enabled);

/** The listing lag a `listingLag` step applies while its up runs. */
const LISTING_LAG_MS = 3_000;

/** Where listing lag plugs in: the emulator's listing-lag mode (emulator/backend/lag.ts). */
function setListingLag(engine: EngineStack, ms: number): void {
  engine.emulator.control.setListingLag(ms);
}

export interface ScenarioModel {
  /** The program declared now. */
  program: Program;
  /** The step kinds of this run. */
  kinds: StepKind[];
  /** Outside edits made so far, for unique names. */
  outsideEdits: number;
}

export interface ScenarioReal {
  engine: EngineStack;
  baseline: Baseline;
  expectations: Expectation[];
  /** One line per step that ran, for the soak's report. */
  log: string[];
}

type Step = fc.AsyncCommand<ScenarioModel, ScenarioReal>;

const firstLines = (text: string, count = 6) => text.split("\n").filter((line) => /error|failed|warning/i.test(line)).slice(0, count).join(" | ");

/** Preview and up (I2), then I1, I4 and I3. The step's edit is already in `model.program`. */
async function upAndCheck(model: ScenarioModel, real: ScenarioReal, invariant: "I3" | "I5" = "I3"): Promise<void> {
  const { engine } = real;
  let steps;
  try {
    steps = await engine.previewThenUp(render(model.program));
  } catch (error) {
    throw new InvariantViolation(invariant === "I5" ? "I5" : "step", `preview or up of a valid program failed: ${firstLines((error as Error).message)}`);
  }
  checkPreviewMatchesUp(steps.preview, steps.up);
  checkNothingPreexistingDeleted(engine, real.baseline, "up");
  real.expectations = checkOutsideChangesKept(engine, real.expectations);
  await checkConverged(engine, real.baseline, invariant);
}

type ObjectSlot = Exclude<SlotName, "auth">;
/** The seeded object each slot adopts. */
const ADOPTED_ID: Record<ObjectSlot, number> = { node: IDS.finance, identity: IDS.networkOps, member: IDS.bob, policy: IDS.policy };
/** A created object's id, found by its unique name. */
const ID_BY_NAME: Record<ObjectSlot, (now: State, name: string) => number | undefined> = {
  node: (now, name) => now.nodes.find((n) => n.Name === name)?.NodeId,
  identity: (now, name) => now.identities.find((i) => i.IdentityAliasName === name)?.IdentityId,
  member: (now, name) => now.members.find((m) => m.Name === name)?.MemberUin,
  policy: (now, name) => now.policies.find((p) => p.PolicyName === name)?.PolicyId,
};

function createdName(program: Program, slot: ObjectSlot): string | undefined {
  const { node, identity, member, policy } = program;
  if (slot === "node") return node?.mode === "create" ? createdNames.node(node) : undefined;
  if (slot === "identity") return identity?.mode === "create" ? createdNames.identity(identity) : undefined;
  if (slot === "member") return member?.mode === "create" ? createdNames.member(member) : undefined;
  return policy?.mode === "create" ? createdNames.policy(policy) : undefined;
}

/** The object a slot's resource stands for in the organization now, by its fixed id or its created name. */
function objectId(program: Program, slot: ObjectSlot, now: State): number | undefined {
  if (program[slot]?.mode === "adopt") return ADOPTED_ID[slot];
  const name = createdName(program, slot);
  return name === undefined ? undefined : ID_BY_NAME[slot](now, name);
}

/** The pairs the program's authorizations declare, as ids in the organization now. */
function declaredPairs(program: Program, now: State): Array<{ memberUin: number; identityId: number }> {
  if (!program.auth) return [];
  const members = program.auth.members.flatMap((m) => (m === "member-slot" ? [objectId(program, "member", now)] : [IDS[m]]));
  const identities = program.auth.identities.flatMap((i) => (i === "identity-slot" ? [objectId(program, "identity", now)] : [IDS[i]]));
  return members.flatMap((memberUin) =>
    identities.flatMap((identityId) => (memberUin !== undefined && identityId !== undefined ? [{ memberUin, identityId }] : [])),
  );
}

// ---------------------------------------------------------------------------------------------------------------

/** Whether a created member keeps its resource but changes, while the authorizations take its memberUin output. */
function editsReferencedMemberInPlace(before: ResourceSpec[], after: ResourceSpec[]): boolean {
  const member = (specs: ResourceSpec[]) => specs.find((spec) => spec.name === RESOURCE_NAME.member);
  const [old, now] = [member(before), member(after)];
  const referenced = JSON.stringify(after.find((spec) => spec.name === RESOURCE_NAME.auth)?.args ?? {}).includes(`"${RESOURCE_NAME.member}.memberUin"`);
  const created = (spec: ResourceSpec | undefined) => spec !== undefined && spec.args.memberUin === undefined;
  return referenced && created(old) && created(now) && old!.args.name === now!.args.name && JSON.stringify(old) !== JSON.stringify(now);
}

/**
 * Replaces one slot of the program (removing it when the value is undefined), then up. With `property`, only that one
 * property (by position among the two values' keys) of a slot of the same mode takes the drawn value: set, unset or
 * changed, the way most real edits are.
 */
class EditStep implements Step {
  constructor(
    readonly slot: SlotName,
    readonly value: Program[SlotName],
    readonly property?: number,
  ) {}
  edited(program: Program): Program {
    const current = program[this.slot] as Record<string, unknown> | undefined;
    const drawn = this.value as Record<string, unknown> | undefined;
    let value: unknown = drawn;
    if (this.property !== undefined && current !== undefined && drawn !== undefined && current.mode === drawn.mode) {
      const keys = [...new Set([...Object.keys(current), ...Object.keys(drawn)])].filter((key) => key !== "mode").sort();
      const key = keys[this.property % keys.length]!;
      const { [key]: _old, ...rest } = current;
      value = drawn[key] === undefined ? rest : { ...rest, [key]: drawn[key] };
    }
    const next: Program = { ...program };
    if (value === undefined) delete next[this.slot];
    else (next as Record<SlotName, unknown>)[this.slot] = value;
    return next;
  }
  check(model: Readonly<ScenarioModel>): boolean {
    const [before, after] = [render(model.program), render(this.edited(model.program))];
    if (!model.kinds.includes("editReferencedMember") && editsReferencedMemberInPlace(before, after)) return false;
    return JSON.stringify(after) !== JSON.stringify(before);
  }
  async run(model: ScenarioModel, real: ScenarioReal): Promise<void> {
    model.program = this.edited(model.program);
    real.log.push(`${this} → ${describeProgram(model.program)}`);
    await upAndCheck(model, real);
  }
  toString(): string {
    const value = this.value === undefined ? "(removed)" : JSON.stringify(this.value).replace(/"/g, "");
    return this.property === undefined ? `edit ${this.slot} := ${value}` : `edit one property (#${this.property}) of ${this.slot} from ${value}`;
  }
}

/** The whole first program of a scenario, as one edit from the empty stack. */
export async function applyInitialProgram(program: Program, model: ScenarioModel, real: ScenarioReal): Promise<void> {
  model.program = program;
  real.log.push(`initial → ${describeProgram(program)}`);
  await upAndCheck(model, real);
}

type DriftKind = "delete-node" | "delete-identity" | "delete-member" | "delete-policy" | "delete-pair" | "status-2";
const DELETED_SLOT: Partial<Record<DriftKind, ObjectSlot>> = {
  "delete-node": "node",
  "delete-identity": "identity",
  "delete-member": "member",
  "delete-policy": "policy",
};

/** An outside change the stack repairs: a created object deleted, a declared pair removed or put in Status 2; refresh, then up. */
class DriftStep implements Step {
  constructor(
    readonly kind: DriftKind,
    /** Which declared pair, by position. */
    readonly pick: number,
  ) {}
  check(model: Readonly<ScenarioModel>): boolean {
    const slot = DELETED_SLOT[this.kind];
    if (slot) return model.program[slot]?.mode === "create";
    return model.program.auth !== undefined;
  }
  async run(model: ScenarioModel, real: ScenarioReal): Promise<void> {
    const { engine } = real;
    const now = engine.emulator.control.snapshot();
    const slot = DELETED_SLOT[this.kind];
    let done: string | undefined;
    try {
      if (slot) done = await this.deleteObject(engine, slot, objectId(model.program, slot, now));
      else done = await this.changePair(real, declaredPairs(model.program, now), now);
    } catch (error) {
      // The API refused (a department with members, an identity in use): nothing changed, nothing to repair.
      real.log.push(`${this}: refused by the API (${(error as Error).message.split("\n")[0]})`);
      return;
    }
    real.log.push(`${this}: ${done ?? "nothing to change"}`);
    if (done === undefined) return;
    try {
      await engine.refreshSteps();
    } catch (error) {
      throw new InvariantViolation("step", `refresh after an outside change failed: ${firstLines((error as Error).message)}`);
    }
    await upAndCheck(model, real);
  }
  private async deleteObject(engine: EngineStack, slot: ObjectSlot, id: number | undefined): Promise<string | undefined> {
    if (id === undefined) return undefined;
    if (slot === "node") await engine.api.call("DeleteOrganizationNodes", { NodeId: [id] });
    if (slot === "identity") await engine.api.call("DeleteOrganizationIdentity", { IdentityId: id });
    if (slot === "member") await engine.api.call("DeleteOrganizationMembers", { MemberUin: [id] });
    if (slot === "policy") await engine.api.call("DeleteOrganizationMembersPolicy", { PolicyId: id });
    return `deleted ${slot} ${id}`;
  }
  private async changePair(real: ScenarioReal, declared: Array<{ memberUin: number; identityId: number }>, now: State): Promise<string | undefined> {
    const existing = declared.filter((p) => now.authorizations.some((a) => a.MemberUin === p.memberUin && a.IdentityId === p.identityId && a.Status === 1));
    const pair = existing[this.pick % Math.max(1, existing.length)];
    if (!pair) return undefined;
    if (this.kind === "status-2") {
      real.engine.emulator.control.setAuthIdentityStatus(pair.memberUin, pair.identityId, 2);
      return `pair ${pairKey(pair.memberUin, pair.identityId)} set to Status 2`;
    }
    await real.engine.api.call("DeleteOrganizationMemberAuthIdentity", { MemberUin: pair.memberUin, IdentityId: pair.identityId });
    // A pre-existing pair deleted outside is no longer owed to the organization.
    real.baseline.authorizations = real.baseline.authorizations.filter((a) => !(a.MemberUin === pair.memberUin && a.IdentityId === pair.identityId));
    return `deleted pair ${pairKey(pair.memberUin, pair.identityId)}`;
  }
  toString(): string {
    return `outside ${this.kind}${this.kind === "delete-pair" || this.kind === "status-2" ? ` #${this.pick}` : ""}`;
  }
}

const PAIR_MEMBERS = ["alice", "bob", "carol"] as const;
const PAIR_IDENTITIES = ["readonly", "financeIdentity", "devops"] as const;

/** A pair authorized outside the stack for a seeded member: no engine operation; it joins the baseline (I1). */
class OutsidePairStep implements Step {
  constructor(
    readonly member: (typeof PAIR_MEMBERS)[number],
    readonly identity: (typeof PAIR_IDENTITIES)[number],
  ) {}
  check(): boolean {
    return true;
  }
  async run(_model: ScenarioModel, real: ScenarioReal): Promise<void> {
    const [memberUin, identityId] = [IDS[this.member], IDS[this.identity]];
    const now = real.engine.emulator.control.snapshot();
    if (now.authorizations.some((a) => a.MemberUin === memberUin && a.IdentityId === identityId)) {
      real.log.push(`${this}: already there`);
      return;
    }
    await real.engine.api.call("CreateOrganizationMemberAuthIdentity", { MemberUins: [memberUin], IdentityIds: [identityId] });
    const added = real.engine.emulator.control.snapshot().authorizations.find((a) => a.MemberUin === memberUin && a.IdentityId === identityId)!;
    real.baseline.authorizations.push(added);
    real.log.push(`${this}: added`);
  }
  toString(): string {
    return `outside add-pair ${this.member}:${this.identity}`;
  }
}

type PropertyTarget = "node-name" | "node-remark" | "member-name" | "member-remark" | "identity-description";
const TARGETS: Record<PropertyTarget, { slot: Exclude<SlotName, "auth" | "policy">; property: string; adoptedOnly: boolean }> = {
  "node-name": { slot: "node", property: "name", adoptedOnly: true },
  "node-remark": { slot: "node", property: "remark", adoptedOnly: false },
  "member-name": { slot: "member", property: "name", adoptedOnly: true },
  "member-remark": { slot: "member", property: "remark", adoptedOnly: false },
  "identity-description": { slot: "identity", property: "description", adoptedOnly: false },
};

/** An outside change to a property the program does not set: no engine operation; every later up must keep it (I4). */
class OutsidePropertyStep implements Step {
  constructor(readonly target: PropertyTarget) {}
  check(model: Readonly<ScenarioModel>): boolean {
    const { slot, property, adoptedOnly } = TARGETS[this.target];
    const resource = model.program[slot];
    return resource !== undefined && (!adoptedOnly || resource.mode === "adopt") && !sets(model.program, slot, property);
  }
  async run(model: ScenarioModel, real: ScenarioReal): Promise<void> {
    const { engine } = real;
    const { slot, property } = TARGETS[this.target];
    const id = objectId(model.program, slot, engine.emulator.control.snapshot());
    if (id === undefined) return;
    model.outsideEdits += 1;
    const value = property === "name" ? `out-${slot}-${model.outsideEdits}` : `outside ${model.outsideEdits}`;
    let read: (now: State) => string | undefined;
    if (slot === "node") {
      await engine.api.call("UpdateOrganizationNode", { NodeId: id, ...(property === "name" ? { Name: value } : { Remark: value }) });
      read = (now) => now.nodes.find((n) => n.NodeId === id)?.[property === "name" ? "Name" : "Remark"] ?? undefined;
    } else if (slot === "member") {
      await engine.api.call("UpdateOrganizationMember", { MemberUin: id, ...(property === "name" ? { Name: value } : { Remark: value }) });
      read = (now) => now.members.find((m) => m.MemberUin === id)?.[property === "name" ? "Name" : "Remark"] ?? undefined;
    } else {
      // UpdateOrganizationIdentity takes the whole object: the policies go back as they are.
      const identity = engine.emulator.control.snapshot().identities.find((i) => i.IdentityId === id)!;
      const policies = identity.IdentityPolicy.map((p) =>
        p.PolicyType === 1
          ? // A custom policy created without a name reports PolicyName "", which the request refuses: it goes back without one.
            { PolicyType: p.PolicyType, PolicyDocument: p.PolicyDocument ?? "", ...(p.PolicyName === "" ? {} : { PolicyName: p.PolicyName }) }
          : { PolicyType: p.PolicyType, PolicyId: p.PolicyId ?? 0, PolicyName: p.PolicyName },
      );
      await engine.api.call("UpdateOrganizationIdentity", { IdentityId: id, Description: value, IdentityPolicy: policies });
      read = (now) => now.identities.find((i) => i.IdentityId === id)?.Description ?? undefined;
    }
    real.expectations.push({ label: `${slot} ${id} ${property}`, read, value, managed: () => sets(model.program, slot, property) });
    real.log.push(`${this}: ${slot} ${id} ${property} = "${value}"`);
  }
  toString(): string {
    return `outside set ${this.target}`;
  }
}

/** The actions an up sends for the five resources, where a fault is injected. */
const FAULTED_ACTIONS: ActionName[] = [
  "CreateOrganizationMember",
  "UpdateOrganizationMember",
  "MoveOrganizationNodeMembers",
  "DeleteOrganizationMembers",
  "CreateOrganizationMemberAuthIdentity",
  "DeleteOrganizationMemberAuthIdentity",
  "CreateOrganizationMembersPolicy",
  "UpdateOrganizationMembersPolicy",
  "DeleteOrganizationMembersPolicy",
  "AddOrganizationNode",
  "UpdateOrganizationNode",
  "DeleteOrganizationNodes",
  "CreateOrganizationIdentity",
  "UpdateOrganizationIdentity",
  "DeleteOrganizationIdentity",
  "DescribeOrganizationMembers",
  "DescribeOrganizationMemberAuthIdentities",
  "DescribeOrganizationNodes",
  "ListOrganizationIdentity",
];
/** As the fault matrix (tests/engine/faults/matrix.ts): retry budgets short enough that a fault outlasts them. */
const FAULT_ENV = { TENCENTCLOUD_ORGANIZATION_MAX_RETRY_TIME: "2", TENCENTCLOUD_ORGANIZATION_REQUEST_TIMEOUT: "2" };
const NORMAL_ENV = { TENCENTCLOUD_ORGANIZATION_MAX_RETRY_TIME: "60", TENCENTCLOUD_ORGANIZATION_REQUEST_TIMEOUT: "10" };
const faultSpec = (kind: FaultSpec["kind"], action: ActionName): FaultSpec =>
  kind === "throttle" ? { kind, action, count: 10_000 } : kind === "latency" ? { kind, action, latencyMs: 3_000 } : { kind, action };

/** An edit whose up meets a fault on one action; then refresh, and the next up must converge (I5). */
class FaultStep implements Step {
  constructor(
    readonly kind: FaultSpec["kind"],
    readonly action: ActionName,
    readonly edit: EditStep,
  ) {}
  check(model: Readonly<ScenarioModel>): boolean {
    return this.edit.check(model);
  }
  async run(model: ScenarioModel, real: ScenarioReal): Promise<void> {
    const { engine } = real;
    model.program = this.edit.edited(model.program);
    await engine.declare(render(model.program));
    engine.setEnv(FAULT_ENV);
    engine.emulator.control.injectFault(faultSpec(this.kind, this.action));
    const attempt = await engine.attempt("up", { continueOnError: true });
    await settled(engine);
    engine.setEnv(NORMAL_ENV);
    real.log.push(`${this}: the faulted up ${attempt.ok ? "succeeded" : `failed: ${firstLines(attempt.message, 2)}`} → ${describeProgram(model.program)}`);
    checkNothingPreexistingDeleted(engine, real.baseline, "the faulted up");
    try {
      await engine.refreshSteps();
    } catch (error) {
      throw new InvariantViolation("I5", `refresh after the fault failed: ${firstLines((error as Error).message)}`);
    }
    await upAndCheck(model, real, "I5");
  }
  toString(): string {
    return `fault ${this.kind} on ${this.action} during: ${this.edit}`;
  }
}

/** Until no request is held by a latency fault; then the faults left unused are cleared. */
async function settled(engine: EngineStack): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (engine.emulator.control.inFlight().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  engine.emulator.control.clearFaults();
}

/**
 * Defect 1's path: an adopting resource switched to creating under the adopted object's own name and fields. Either
 * the up refuses (naming how to adopt), or it succeeds; then the program goes back to adopting. I1 must hold
 * throughout and after destroy.
 */
class SameNameSwitchStep implements Step {
  constructor(readonly slot: "node" | "identity" | "policy") {}
  check(model: Readonly<ScenarioModel>): boolean {
    return model.program[this.slot]?.mode === "adopt";
  }
  async run(model: ScenarioModel, real: ScenarioReal): Promise<void> {
    const { engine } = real;
    const now = engine.emulator.control.snapshot();
    const creating = render(model.program).map((spec) => (spec.name === RESOURCE_NAME[this.slot] ? this.creatingSpec(spec, now) : spec));
    await engine.declare(creating);
    const attempt = await engine.attempt("up");
    real.log.push(`${this}: ${attempt.ok ? "up succeeded" : `up refused: ${firstLines(attempt.message, 2)}`}`);
    checkNothingPreexistingDeleted(engine, real.baseline, "the switch to creating");
    if (!attempt.ok && !/policyId|nodeId|identityId|another name|adopt/.test(attempt.message + attempt.output))
      throw new InvariantViolation("step", `the switch to creating failed without saying how to adopt: ${firstLines(attempt.message)}`);
    // A create that took the adopted object for its own shows here, before the program goes back to adopting.
    if (attempt.ok) await checkConverged(engine, real.baseline);
    await upAndCheck(model, real);
  }
  private creatingSpec(spec: ResourceSpec, now: State): ResourceSpec {
    if (this.slot === "node") {
      const node = now.nodes.find((n) => n.NodeId === IDS.finance)!;
      return { ...spec, args: { name: node.Name, remark: node.Remark ?? "" } };
    }
    if (this.slot === "identity") {
      const identity = now.identities.find((i) => i.IdentityId === IDS.networkOps)!;
      const policies = identity.IdentityPolicy.map((p) => (p.PolicyDocument ? { policyDocument: p.PolicyDocument } : { policyId: p.PolicyId, policyName: p.PolicyName }));
      return { ...spec, args: { aliasName: identity.IdentityAliasName, description: identity.Description ?? "", policies } };
    }
    const policy = now.policies.find((p) => p.PolicyId === IDS.policy)!;
    return {
      ...spec,
      args: { policyName: policy.PolicyName, identityId: policy.IdentityId, memberUins: policy.Bindings.map((b) => b.MemberUin), description: policy.Description ?? "" },
    };
  }
  toString(): string {
    return `switch ${this.slot} from adopting to creating under the adopted name`;
  }
}

/**
 * Defect 2's path: a member dropped from the authorizations (and so from a policy that binds it) leaves its pair
 * waiting in `pendingRemoval`; the program declares it again before the up that would remove it.
 */
class RedeclarePendingStep implements Step {
  constructor(readonly pick: number) {}
  check(model: Readonly<ScenarioModel>): boolean {
    return (model.program.auth?.members.length ?? 0) >= 2 && model.program.policy?.mode === "create";
  }
  async run(model: ScenarioModel, real: ScenarioReal): Promise<void> {
    const original = model.program;
    const auth = original.auth!;
    const dropped = auth.members[this.pick % auth.members.length]!;
    model.program = { ...original, auth: { ...auth, members: auth.members.filter((m) => m !== dropped) } };
    const first = await real.engine.previewThenUp(render(model.program));
    checkPreviewMatchesUp(first.preview, first.up);
    model.program = original;
    real.log.push(`${this}`);
    await upAndCheck(model, real);
  }
  toString(): string {
    return `drop authorization member #${this.pick} and declare it again before the next up`;
  }
}

/**
 * Defect 4's path: a pair the stack made is put in Status 2 outside (refresh sees it), then the program drops it, and
 * the up's delete fails; the next up must still remove it (I5), so nothing is left that no state knows.
 */
class FailedRemovalStep implements Step {
  constructor(readonly pick: number) {}
  check(model: Readonly<ScenarioModel>): boolean {
    const auth = model.program.auth;
    return auth !== undefined && (auth.identities.length >= 2 || auth.members.length >= 2);
  }
  async run(model: ScenarioModel, real: ScenarioReal): Promise<void> {
    const { engine } = real;
    const now = engine.emulator.control.snapshot();
    const preexisting = (p: { memberUin: number; identityId: number }) =>
      real.baseline.authorizations.some((a) => a.MemberUin === p.memberUin && a.IdentityId === p.identityId);
    const auth = model.program.auth!;
    // Drop an identity when there are two, else a member: the pairs it leaves are the ones to remove.
    const dropped: Program["auth"] =
      auth.identities.length >= 2
        ? { ...auth, identities: auth.identities.filter((_, i) => i !== this.pick % auth.identities.length) }
        : { ...auth, members: auth.members.filter((_, i) => i !== this.pick % auth.members.length) };
    const next: Program = { ...model.program, auth: dropped };
    const kept = new Set(declaredPairs(next, now).map((p) => pairKey(p.memberUin, p.identityId)));
    const removed = declaredPairs(model.program, now).filter((p) => !kept.has(pairKey(p.memberUin, p.identityId)) && !preexisting(p));
    const pair = removed[0];
    if (!pair) return;
    engine.emulator.control.setAuthIdentityStatus(pair.memberUin, pair.identityId, 2);
    await engine.refreshSteps();
    model.program = next;
    await engine.declare(render(next));
    engine.emulator.control.injectFault({ kind: "internal-error", action: "DeleteOrganizationMemberAuthIdentity", count: 10 });
    const attempt = await engine.attempt("up");
    engine.emulator.control.clearFaults();
    real.log.push(`${this}: pair ${pairKey(pair.memberUin, pair.identityId)} in Status 2, the up ${attempt.ok ? "succeeded" : "failed"}`);
    await engine.refreshSteps();
    await upAndCheck(model, real, "I5");
  }
  toString(): string {
    return `Status 2 on a stack-made pair, then drop it (#${this.pick}) while its delete fails`;
  }
}

/** An edit whose preview and up run under listing lag; the checks after it run without (I5). */
class ListingLagStep implements Step {
  constructor(readonly edit: EditStep) {}
  check(model: Readonly<ScenarioModel>): boolean {
    return this.edit.check(model);
  }
  async run(model: ScenarioModel, real: ScenarioReal): Promise<void> {
    const { engine } = real;
    model.program = this.edit.edited(model.program);
    setListingLag(engine, LISTING_LAG_MS);
    let steps;
    try {
      steps = await engine.previewThenUp(render(model.program));
    } catch (error) {
      throw new InvariantViolation("I5", `one up under listing lag did not succeed: ${firstLines((error as Error).message)}`);
    } finally {
      setListingLag(engine, 0);
    }
    real.log.push(`${this} → ${describeProgram(model.program)}`);
    checkPreviewMatchesUp(steps.preview, steps.up);
    checkNothingPreexistingDeleted(engine, real.baseline, "up under listing lag");
    await checkConverged(engine, real.baseline, "I5");
  }
  toString(): string {
    return `listing lag ${LISTING_LAG_MS} ms during: ${this.edit}`;
  }
}

// ---------------------------------------------------------------------------------------------------------------

const slotEdit = fc
  .constantFrom<SlotName>("node", "identity", "member", "auth", "policy")
  .chain((slot) =>
    fc.record({ slot: fc.constant(slot), value: slotArbitraries[slot] as fc.Arbitrary<Program[SlotName]>, property: fc.option(fc.nat(5), { nil: undefined, freq: 2 }) }),
  )
  .map(({ slot, value, property }) => new EditStep(slot, value, property));

const stepArbitraries: Record<StepKind, fc.Arbitrary<Step>> = {
  edit: slotEdit,
  drift: fc
    .record({ kind: fc.constantFrom<DriftKind>("delete-node", "delete-identity", "delete-member", "delete-policy", "delete-pair", "status-2"), pick: fc.nat(5) })
    .map(({ kind, pick }) => new DriftStep(kind, pick)),
  outsidePair: fc.record({ member: fc.constantFrom(...PAIR_MEMBERS), identity: fc.constantFrom(...PAIR_IDENTITIES) }).map(({ member, identity }) => new OutsidePairStep(member, identity)),
  outsideProperty: fc.constantFrom<PropertyTarget>(...(Object.keys(TARGETS) as PropertyTarget[])).map((target) => new OutsidePropertyStep(target)),
  fault: fc
    .record({ kind: fc.constantFrom(...FAULT_KINDS), action: fc.constantFrom(...FAULTED_ACTIONS), edit: slotEdit })
    .map(({ kind, action, edit }) => new FaultStep(kind, action, edit)),
  redeclarePending: fc.nat(3).map((pick) => new RedeclarePendingStep(pick)),
  failedRemoval: fc.nat(3).map((pick) => new FailedRemovalStep(pick)),
  editReferencedMember: fc
    .record({ value: slotArbitraries.member, property: fc.nat(5) })
    .map(({ value, property }) => new EditStep("member", value, property)),
  sameNameSwitch: fc.constantFrom("node" as const, "identity" as const, "policy" as const).map((slot) => new SameNameSwitchStep(slot)),
  listingLag: slotEdit.map((edit) => new ListingLagStep(edit)),
};

/** Edits are the common step; the other kinds come in at their weight. */
const WEIGHTS: Record<StepKind, number> = { edit: 4, editReferencedMember: 2, drift: 2, outsidePair: 1, outsideProperty: 2, fault: 2, sameNameSwitch: 1, redeclarePending: 1, failedRemoval: 1, listingLag: 1 };

/** fast-check's command arbitrary over the given step kinds, at most `maxSteps` long. */
export function stepsArbitrary(kinds: StepKind[], maxSteps: number): fc.Arbitrary<Iterable<Step>> {
  const weighted = kinds.flatMap((kind) => Array.from({ length: WEIGHTS[kind] }, () => stepArbitraries[kind]));
  return fc.commands(weighted, { maxCommands: maxSteps, size: "max" });
}
