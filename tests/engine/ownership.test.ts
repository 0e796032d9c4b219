/**
 * Ownership proofs through the real engine: a resource that switches from adopting an object to creating one under the
 * same name must never take the adopted object for its own (README "Failures and recovery"). For each of
 * OrganizationNode, OrganizationIdentity and MemberAccessPolicy, one stack: `up` adopting an object that existed before
 * the stack (made outside shortly before, or a seeded one the adoption writes to), then the program drops the adopting
 * property and sets the create arguments with the same name. The `up` stops with an error that names the object and
 * the way out, and `destroy` leaves the adopted object in place and nothing the stack created.
 *
 * A department the stack created and then handed over (nodeId set to its own id) is adopted too: switching it back to
 * creating meets its own ownership tag, and still refuses it.
 */
import { SEED_IDS, type State } from "../../emulator";
import type { OrganizationClient } from "../../provider/client";
import { createEngineStack, type EngineStack, type ResourceSpec } from "./harness";

jest.setTimeout(600_000);

const { rootNodeId, invitedUin: alice, adminIdentityId, auditorIdentityId } = SEED_IDS;

interface SwitchCase {
  kind: ResourceSpec["kind"];
  /** The object adopted: made outside the stack just before (so it is recent), or a seeded one. */
  existing(api: OrganizationClient): Promise<number>;
  adopting(id: number): Record<string, unknown>;
  creating: Record<string, unknown>;
  /** The property the adopting program sets. */
  adoptWith: string;
  ids(state: State): number[];
}

const AUDITOR_POLICIES = [
  { policyId: 107, policyName: "QcloudAuditFullAccess" },
  { policyId: 106, policyName: "QcloudCamReadOnlyAccess" },
];

const CASES: SwitchCase[] = [
  {
    kind: "OrganizationNode",
    existing: async (api) => (await api.call("AddOrganizationNode", { ParentNodeId: rootNodeId, Name: "made-outside", Remark: "outside" })).NodeId,
    adopting: (id) => ({ nodeId: id, remark: "outside" }),
    creating: { name: "made-outside", remark: "outside" },
    adoptWith: "nodeId",
    ids: (state) => state.nodes.map((n) => n.NodeId),
  },
  {
    kind: "OrganizationIdentity",
    // Adopting with a change writes the seeded identity (UpdateOrganizationIdentity), so its UpdateTime is recent.
    existing: async () => auditorIdentityId,
    adopting: (id) => ({ identityId: id, aliasName: "auditor", description: "audit, managed by the stack" }),
    creating: { aliasName: "auditor", description: "audit, managed by the stack", policies: AUDITOR_POLICIES },
    adoptWith: "identityId",
    ids: (state) => state.identities.map((i) => i.IdentityId),
  },
  {
    kind: "MemberAccessPolicy",
    existing: async (api) =>
      (
        await api.call("CreateOrganizationMembersPolicy", {
          MemberUins: [alice],
          PolicyName: "made-outside",
          IdentityId: adminIdentityId,
          Description: "outside",
        })
      ).PolicyId,
    adopting: (id) => ({ policyId: id, policyName: "made-outside", memberUins: [alice], identityId: adminIdentityId, description: "outside" }),
    creating: { policyName: "made-outside", memberUins: [alice], identityId: adminIdentityId, description: "outside" },
    adoptWith: "policyId",
    ids: (state) => state.policies.map((p) => p.PolicyId),
  },
];

describe.each(CASES)("$kind switched from adopting to creating under the adopted object's name", (spec) => {
  let engine: EngineStack;
  let adoptedId: number;
  let before: number[];

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", resources: [] });
    adoptedId = await spec.existing(engine.api);
    before = spec.ids(engine.emulator.control.snapshot()).sort();
  });
  afterAll(() => engine?.close());

  it("up refuses the adopted object as the new resource's own, and destroy leaves it in place", async () => {
    await engine.declare([{ kind: spec.kind, name: "switch", args: spec.adopting(adoptedId) }]);
    await engine.up();
    expect((await engine.resources()).switch!.outputs).toMatchObject({ createdByStack: false });

    await engine.declare([{ kind: spec.kind, name: "switch", args: spec.creating }]);
    const switched = await engine.attempt("up");
    const recorded = (await engine.resources()).switch!;
    await engine.destroy();

    // The adopted object outlives destroy, and nothing the stack created is left.
    expect(spec.ids(engine.emulator.control.snapshot()).sort()).toEqual(before);
    expect(spec.ids(engine.emulator.control.snapshot())).toContain(adoptedId);
    // The state kept the adoption, and the up said why it stopped and what to do.
    expect(recorded).toMatchObject({ id: String(adoptedId), outputs: { createdByStack: false } });
    expect(switched.ok).toBe(false);
    expect(switched.message).toContain(`the name is already used by ${adoptedId}, which this stack adopts`);
    expect(switched.message).toContain(`adopt it: set ${spec.adoptWith}: ${adoptedId}`);
  });
});

describe("OrganizationNode handed over, then switched back to creating", () => {
  let engine: EngineStack;
  const created: ResourceSpec = { kind: "OrganizationNode", name: "handed", args: { name: "handed-over", remark: "r" } };

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", resources: [created] });
  });
  afterAll(() => engine?.close());

  it("the node carries the resource's ownership tag, yet the stack adopts it: the create refuses it and destroy leaves it", async () => {
    await engine.up();
    const id = Number((await engine.resources()).handed!.id);
    await engine.declare([{ ...created, args: { ...created.args, nodeId: id } }]);
    await engine.up();
    expect((await engine.resources()).handed!.outputs).toMatchObject({ createdByStack: false });

    await engine.declare([created]);
    const switched = await engine.attempt("up");
    await engine.destroy();

    expect(engine.emulator.control.snapshot().nodes.map((n) => n.NodeId)).toContain(id);
    expect(switched.ok).toBe(false);
    expect(switched.message).toContain(`the name is already used by ${id}, which this stack adopts`);
  });
});
