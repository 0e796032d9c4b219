/**
 * Listings that lag writes, through the real engine (the emulator's listing lag, emulator/README.md "Listing lag"):
 * a create's read-back waits, bounded, for the object to be listed; a refresh that misses an object the stack wrote
 * shortly before confirms the absence before dropping it; and absence is never concluded from one full listing, which
 * a delete plus a create between two of its pages can make skip an object that exists.
 */
import type { AnsweredCall, Seed, State } from "../../emulator";
import { DEFAULT_SEED, SEED_IDS } from "../../emulator";
import { CONVERGED, convergence } from "./convergence";
import { createEngineStack, type EngineStack } from "./harness";

jest.setTimeout(600_000);

const LAG_MS = 3_000;
/** Longer than any test here takes, so every object the stack wrote counts as written shortly before. */
const READ_BACK_TIMEOUT = { TENCENTCLOUD_ORGANIZATION_READ_BACK_TIMEOUT: "120" };

describe("the example stack with listings 3 s behind writes", () => {
  let engine: EngineStack;
  let seed: State;

  beforeAll(async () => {
    engine = await createEngineStack({ program: "example", emulatorOptions: { listingLagMs: LAG_MS }, env: READ_BACK_TIMEOUT });
    seed = engine.emulator.control.snapshot();
  });
  afterAll(() => engine?.close());

  it("one up creates it: each read-back waits until the object is listed; the next preview is empty, nothing duplicated", async () => {
    expect(await engine.up()).toEqual({ create: 7 });
    expect(await engine.preview()).toEqual({ same: 7 });
    expect(await convergence(engine, seed)).toEqual(CONVERGED);
    const { nodes, members, identities, policies } = engine.emulator.control.snapshot();
    expect(nodes.filter((n) => n.Name === "platform-team")).toHaveLength(1);
    expect(members.filter((m) => m.Name === "platform-ops")).toHaveLength(1);
    expect(identities.filter((i) => i.IdentityAliasName === "platform-deploy")).toHaveLength(1);
    expect(policies.filter((p) => p.PolicyName === "platform-devops")).toHaveLength(1);
  });

  it("a refresh that misses what the stack just wrote waits until it is listed, and keeps every resource", async () => {
    // Everything the up created is left out of listings again, until every kind of read has missed it once.
    engine.emulator.control.setListingLag(600_000);
    const missed = new Set<string>();
    const kinds = [
      "DescribeOrganizationNodes",
      "ListOrganizationIdentity",
      "DescribeOrganizationMembers",
      "DescribeOrganizationMemberAuthIdentities",
      "DescribeOrganizationMembersAuthPolicy",
    ];
    const remove = engine.emulator.control.afterAnswer(({ action }: AnsweredCall) => {
      missed.add(action);
      if (kinds.every((kind) => missed.has(kind))) engine.emulator.control.setListingLag(0);
    });
    try {
      expect(await engine.refresh()).toEqual({ same: 7 });
    } finally {
      remove();
      engine.emulator.control.setListingLag(0);
    }
    expect(Object.keys(await engine.resources()).sort()).toEqual(
      ["owner", "platform", "platform-access", "platform-deploy", "platform-devops", "platform-team"],
    );
    expect(await engine.preview()).toEqual({ same: 7 });
    expect(await convergence(engine, seed)).toEqual(CONVERGED);
  });
});

describe("a read-back that outlasts its bound", () => {
  let engine: EngineStack;
  let seed: State;

  beforeAll(async () => {
    engine = await createEngineStack({
      program: "declared",
      resources: [{ kind: "OrganizationNode", name: "late", args: { name: "late-listed", parentNodeId: SEED_IDS.departmentNodeId } }],
      emulatorOptions: { listingLagMs: 600_000 },
      env: { TENCENTCLOUD_ORGANIZATION_READ_BACK_TIMEOUT: "8" },
    });
    seed = engine.emulator.control.snapshot();
  });
  afterAll(() => engine?.close());

  it("fails with progress, then an error naming the object, the action and what to do; the next up completes it", async () => {
    const attempt = await engine.attempt("up");
    expect(attempt.ok).toBe(false);
    const text = attempt.message + attempt.output;
    expect(text).toContain("waiting for DescribeOrganizationNodes to list node");
    expect(text).toMatch(/node \d+ was created, but DescribeOrganizationNodes did not list it within 8 s/);
    expect(text).toContain("tencentcloud-organization:readBackTimeout");
    // The node is in state (a partial create), so nothing is created twice once it is listed.
    expect(Object.keys(await engine.resources())).toEqual(["late"]);
    engine.emulator.control.setListingLag(0);
    await engine.up();
    expect(await engine.preview()).toEqual({ same: 2 });
    expect(engine.emulator.control.snapshot().nodes.filter((n) => n.Name === "late-listed")).toHaveLength(1);
    expect(await convergence(engine, seed)).toEqual(CONVERGED);
  });
});

/**
 * 50 nodes and 50 policy bindings before the stack's own, so that the stack's node and its first policy are the first
 * items of a listing's second page.
 */
const EXTRA_NODES = 46;
const EXTRA_POLICIES = 49;
const pageBoundarySeed: Seed = {
  ...DEFAULT_SEED,
  nodes: [
    ...DEFAULT_SEED.nodes,
    ...Array.from({ length: EXTRA_NODES }, (_, i) => ({
      NodeId: SEED_IDS.financeNodeId + 1 + i,
      Name: `extra-${String(i + 1).padStart(2, "0")}`,
      ParentNodeId: SEED_IDS.rootNodeId,
    })),
  ],
  policies: [
    ...(DEFAULT_SEED.policies ?? []),
    ...Array.from({ length: EXTRA_POLICIES }, (_, i) => ({
      PolicyId: SEED_IDS.policyId + 1 + i,
      PolicyName: `extra-policy-${String(i + 1).padStart(2, "0")}`,
      IdentityId: SEED_IDS.adminIdentityId,
      Bindings: [{ MemberUin: SEED_IDS.createdUin }],
    })),
  ],
};

describe("a delete plus a create between two pages of a listing", () => {
  let engine: EngineStack;

  beforeAll(async () => {
    engine = await createEngineStack({
      program: "declared",
      emulatorOptions: { seed: pageBoundarySeed },
      resources: [
        { kind: "OrganizationNode", name: "boundary-node", args: { name: "boundary-node", parentNodeId: SEED_IDS.rootNodeId } },
        // b after a, so that a's binding is the first of the second page and b's the next.
        ...["a", "b"].map((suffix) => ({
          kind: "MemberAccessPolicy" as const,
          name: `boundary-${suffix}`,
          args: { policyName: `boundary-${suffix}`, identityId: SEED_IDS.adminIdentityId, memberUins: [SEED_IDS.createdUin] },
          ...(suffix === "b" ? { dependsOn: ["boundary-a"] } : {}),
        })),
      ],
    });
    expect(await engine.up()).toEqual({ create: 4 });
  });
  afterAll(() => engine?.close());

  it("does not drop an existing node or policy from state: Total is unchanged, so absence is confirmed", async () => {
    const state = await engine.resources();
    const nodeId = Number(state["boundary-node"]!.id);
    const policyA = Number(state["boundary-a"]!.id);
    // The stack's node and first policy open the second page of their listings.
    const { nodes, policies } = engine.emulator.control.snapshot();
    expect(nodes.findIndex((n) => n.NodeId === nodeId)).toBe(50);
    expect(policies.flatMap((p) => p.Bindings.map(() => p.PolicyId)).indexOf(policyA)).toBe(50);

    const shifted = new Set<string>();
    const remove = engine.emulator.control.afterAnswer(({ action, request }: AnsweredCall) => {
      if (request.Offset !== 0 || shifted.has(action)) return;
      // One object of the first page goes and one comes at the end: every later item moves back by one, Total stays.
      if (action === "DescribeOrganizationNodes") {
        shifted.add(action);
        engine.emulator.control.apply("DeleteOrganizationNodes", { NodeId: [SEED_IDS.financeNodeId + 1] });
        engine.emulator.control.apply("AddOrganizationNode", { ParentNodeId: SEED_IDS.rootNodeId, Name: "came-in-between" });
      }
      if (action === "DescribeOrganizationMembersAuthPolicy" && request.PolicyId === undefined) {
        shifted.add(action);
        engine.emulator.control.apply("DeleteOrganizationMembersPolicy", { PolicyId: SEED_IDS.policyId + 1 });
        engine.emulator.control.apply("CreateOrganizationMembersPolicy", {
          MemberUins: [SEED_IDS.createdUin],
          PolicyName: "came-in-between",
          IdentityId: SEED_IDS.adminIdentityId,
        });
      }
    });
    try {
      // Reads that arrive together share one listing of every binding (provider/resources/shared-reads.ts).
      expect(await engine.refreshWith({ parallel: 64 })).toEqual({ same: 4 });
    } finally {
      remove();
    }
    expect([...shifted].sort()).toEqual(["DescribeOrganizationMembersAuthPolicy", "DescribeOrganizationNodes"]);
    expect(Object.keys(await engine.resources()).sort()).toEqual(["boundary-a", "boundary-b", "boundary-node"]);
    expect(await engine.preview()).toEqual({ same: 4 });
  });
});
