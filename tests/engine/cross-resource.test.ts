/**
 * Changes that span resources, through the real engine. A policy depends on the authorizations it uses, so the engine
 * updates the authorizations first; their removal must not fail for that ordering. The rule (README "Policies depend on
 * authorizations"): a pair that is no longer declared but still used by a policy waits, with a warning, and the next
 * `up` removes it. At most two `up`s converge.
 */
import { SEED_IDS, type State } from "../../emulator";
import { CONVERGED, convergence } from "./convergence";
import { createEngineStack, type EngineStack, type ResourceSpec } from "./harness";

jest.setTimeout(300_000);

const { invitedUin: alice, paidUin: carol, customIdentityId: devops } = SEED_IDS;

const policyOver = (members: unknown[], authMembers: unknown[] = members): ResourceSpec[] => [
  { kind: "MemberAuthIdentity", name: "access", args: { memberUins: authMembers, identityIds: [devops] } },
  {
    kind: "MemberAccessPolicy",
    name: "policy",
    args: { policyName: "cross-resource", identityId: devops, memberUins: members },
    dependsOn: ["access"],
  },
];

const hasPair = (engine: EngineStack, memberUin: number, identityId: number) =>
  engine.emulator.control.snapshot().authorizations.some((a) => a.MemberUin === memberUin && a.IdentityId === identityId);

describe("removing a member from a policy and from its authorizations in the same up", () => {
  let engine: EngineStack;
  let seed: State;

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", resources: policyOver([carol, alice]) });
    seed = engine.emulator.control.snapshot();
    await engine.up();
  });
  afterAll(() => engine?.close());

  it("the first up succeeds: the policy lets go of the member, and the pair's removal waits with a warning", async () => {
    await engine.declare(policyOver([carol]));
    const first = await engine.attempt("up");
    expect(first.message).toBe("");
    expect(first.output).toMatch(new RegExp(`warning: .*${alice}:${devops} is no longer declared but still used by a member access policy`));
    const access = (await engine.resources()).access!;
    expect(access.outputs!.pendingRemoval).toEqual([`${alice}:${devops}`]);
    expect(hasPair(engine, alice, devops)).toBe(true);
    const policy = engine.emulator.control.snapshot().policies.find((p) => p.PolicyName === "cross-resource")!;
    expect(policy.Bindings.map((b) => b.MemberUin)).toEqual([carol]);
  });

  it("the next preview says what remains, and the next up removes the pair: converged", async () => {
    expect(await engine.previewSteps()).toEqual([{ name: "access", op: "update", changedInputs: [], replaces: [] }]);
    await engine.up();
    expect(hasPair(engine, alice, devops)).toBe(false);
    expect((await engine.resources()).access!.outputs!.pendingRemoval).toEqual([]);
    expect(await engine.preview()).toEqual({ same: 3 });
    expect(await convergence(engine, seed)).toEqual(CONVERGED);
    await engine.destroy();
  });
});

describe("replacing a member that is in a policy", () => {
  let engine: EngineStack;
  let seed: State;
  const member = (suffix: string): ResourceSpec => ({
    kind: "OrganizationMember",
    name: "member",
    args: { name: `replaced-${suffix}`, accountName: `replaced-${suffix}`, nodeId: SEED_IDS.departmentNodeId, permissionIds: [1, 2] },
  });
  const stack = (suffix: string) => [member(suffix), ...policyOver([{ $ref: "member.memberUin" }])];

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", resources: stack("a") });
    seed = engine.emulator.control.snapshot();
    await engine.up();
  });
  afterAll(() => engine?.close());

  it("converges within two ups: the new member is authorized and bound, the old one removed", async () => {
    const old = Number((await engine.resources()).member!.id);
    await engine.declare(stack("b"));
    const first = await engine.attempt("up");
    expect(first.message).toBe("");
    await engine.up();
    expect(await engine.preview()).toEqual({ same: 4 });
    const now = engine.emulator.control.snapshot();
    const replacement = Number((await engine.resources()).member!.id);
    expect(replacement).not.toBe(old);
    expect(now.members.some((m) => m.MemberUin === old)).toBe(false);
    expect(now.policies.find((p) => p.PolicyName === "cross-resource")!.Bindings.map((b) => b.MemberUin)).toEqual([replacement]);
    expect(await convergence(engine, seed)).toEqual(CONVERGED);
    await engine.destroy();
  });
});
