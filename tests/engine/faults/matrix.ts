/**
 * The fault matrix, through the real engine: every fault kind a CD pipeline meets × create, update, refresh, destroy ×
 * the five resources. Each fault kind is a test file of its own (tests/engine/faults/<kind>.test.ts, calling
 * `faultMatrix(kind)`), so jest's workers run the kinds side by side. One stack per fault kind holds one resource of each kind, independent of each other so that the
 * engine runs their steps side by side and each meets its fault (`--continue-on-error` keeps one failure from skipping
 * the others). Each cell:
 *   1. injects the fault on every action the operation sends for the five resources, and runs the operation: it
 *      either succeeds through retries or fails with an error that names the action and the API's answer;
 *   2. clears the faults and shows the state loadable: `refresh` works;
 *   3. `up` converges, the next `preview` is empty, and the emulator holds exactly what the stack says (no duplicate,
 *      no orphan, no stray or missing pair, no stale policy binding).
 * The destroy cell then destroys for real and expects the organization back as seeded.
 *
 * Listing lag (listings 3 s behind writes, emulator/README.md "Listing lag") is one more kind, in one test on one stack:
 * it is no failure to repair, so create, update, refresh and destroy must each succeed in one run, with every read-back
 * waiting for its object and the refresh keeping what the stack just wrote.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SEED_IDS, type FaultSpec, type State } from "../../../emulator";
import { LOCAL_DIR } from "../../../scripts/engine";
import type { ActionName } from "../../../provider/api";
import { CONVERGED, convergence } from "../convergence";
import { createEngineStack, type Attempt, type EngineStack, type ResourceSpec } from "../harness";

/** The throttle stack's retry time for RequestLimitExceeded (seconds), and a throttle that outlasts it. */
const THROTTLE_BUDGET_SECONDS = "2";
const ENDLESS = 10_000;
/** The latency fault holds a request past the per-attempt timeout the latency stack configures. */
const LATENCY_MS = 3_000;
const TIMEOUT_SECONDS = "2";

interface FaultKindCase {
  kind: FaultSpec["kind"];
  label: string;
  fault: (action: ActionName) => FaultSpec;
  env?: Record<string, string>;
}

export const FAULTS: FaultKindCase[] = [
  {
    kind: "throttle",
    label: "RequestLimitExceeded past the retry budget",
    fault: (action) => ({ kind: "throttle", action, count: ENDLESS }),
    env: { TENCENTCLOUD_ORGANIZATION_MAX_RETRY_TIME: THROTTLE_BUDGET_SECONDS },
  },
  { kind: "internal-error", label: "InternalError", fault: (action) => ({ kind: "internal-error", action }) },
  { kind: "http-502", label: "HTTP 502 from a gateway", fault: (action) => ({ kind: "http-502", action }) },
  { kind: "reset", label: "connection reset", fault: (action) => ({ kind: "reset", action }) },
  {
    kind: "latency",
    label: "latency past the client timeout",
    fault: (action) => ({ kind: "latency", action, latencyMs: LATENCY_MS }),
    env: { TENCENTCLOUD_ORGANIZATION_REQUEST_TIMEOUT: TIMEOUT_SECONDS },
  },
  { kind: "lost-answer", label: "lost answer (the action ran)", fault: (action) => ({ kind: "lost-answer", action }) },
];

/** The actions each operation sends for the five resources. */
export const ACTIONS: Record<"create" | "update" | "refresh" | "destroy", ActionName[]> = {
  create: [
    "CreateOrganizationMember",
    "CreateOrganizationMemberAuthIdentity",
    "CreateOrganizationMembersPolicy",
    "AddOrganizationNode",
    "CreateOrganizationIdentity",
  ],
  update: [
    "UpdateOrganizationNode",
    "UpdateOrganizationIdentity",
    "UpdateOrganizationMember",
    "MoveOrganizationNodeMembers",
    "CreateOrganizationMemberAuthIdentity",
    "DeleteOrganizationMemberAuthIdentity",
    "UpdateOrganizationMembersPolicy",
  ],
  refresh: [
    "DescribeOrganizationMembers",
    "DescribeOrganizationMemberAuthIdentities",
    "DescribeOrganizationMembersAuthPolicy",
    "DescribeOrganizationMemberPolicies",
    "DescribeOrganizationNodes",
    "ListOrganizationIdentity",
  ],
  destroy: [
    "DeleteOrganizationMembers",
    "DeleteOrganizationMemberAuthIdentity",
    "DeleteOrganizationMembersPolicy",
    "DeleteOrganizationNodes",
    "DeleteOrganizationIdentity",
  ],
};

/** A custom identity's CAM policy, changed by the update step. */
const document = (action: string) => JSON.stringify({ version: "2.0", statement: [{ effect: "allow", action: [action], resource: ["*"] }] });

/** Five independent resources; none touches a pair the seed holds except the policy's, which it only binds. */
export function faultStack(kind: string, updated: boolean): ResourceSpec[] {
  return [
    {
      kind: "OrganizationNode",
      name: "department",
      args: { name: updated ? `f-${kind}-dept-renamed` : `f-${kind}-dept`, parentNodeId: SEED_IDS.departmentNodeId, remark: updated ? "updated" : "fault matrix" },
    },
    {
      kind: "OrganizationIdentity",
      name: "identity",
      args: {
        aliasName: `f-${kind}-identity`,
        description: updated ? "updated" : "fault matrix",
        policies: [{ policyDocument: document(updated ? "cvm:*" : "cvm:Describe*") }],
      },
    },
    {
      kind: "OrganizationMember",
      name: "member",
      args: {
        name: `f-${kind}`,
        accountName: `f-${kind}`,
        nodeId: updated ? SEED_IDS.rootNodeId : SEED_IDS.departmentNodeId,
        permissionIds: [1, 2],
        remark: updated ? "fault matrix, updated" : "fault matrix",
      },
    },
    {
      kind: "MemberAuthIdentity",
      name: "access",
      args: {
        memberUins: [SEED_IDS.paidUin],
        identityIds: updated ? [SEED_IDS.financeIdentityId, SEED_IDS.customIdentityId] : [SEED_IDS.readonlyIdentityId, SEED_IDS.financeIdentityId],
      },
    },
    {
      kind: "MemberAccessPolicy",
      name: "policy",
      args: {
        policyName: `f-${kind}-policy`,
        identityId: SEED_IDS.adminIdentityId,
        memberUins: updated ? [SEED_IDS.invitedUin, SEED_IDS.createdUin] : [SEED_IDS.createdUin],
        description: updated ? "updated" : "fault matrix",
      },
    },
  ];
}

/** How far listings lag writes in the listing-lag cell. */
const LISTING_LAG_MS = 3_000;

/** An error a user can act on: it names the action and what the API (or the transport) answered. */
export const CLEAR_FAILURE =
  /(Create|Update|Delete|Describe|Move)Organization\w* failed: (RequestLimitExceeded|InternalError|transport (reset|timeout|http-status))/;

/**
 * Each cell's first outcome, for the record (.pulumi-local/fault-matrix-<kind>.txt): which cells fail clearly, which
 * retry through.
 */
const outcomes: string[] = [];

function expectSuccessOrClearFailure(attempt: Attempt): void {
  const cell = expect.getState().currentTestName ?? "";
  const reason = attempt.message.split("\n").find((line) => CLEAR_FAILURE.test(line))?.trim() ?? attempt.message.split("\n")[0];
  outcomes.push(`${cell}: ${attempt.ok ? "succeeded through retries" : `failed: ${reason}`}`);
  if (attempt.ok) return;
  expect(attempt.message + attempt.output).toMatch(CLEAR_FAILURE);
  expect(attempt.message + attempt.output).not.toMatch(/code must be a string|Unexpected struct type/);
}

/** Until no request is held by a latency fault: the server's late work is part of what the next step must repair. */
async function settled(engine: EngineStack): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (engine.emulator.control.inFlight().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(engine.emulator.control.inFlight()).toEqual([]);
  engine.emulator.control.clearFaults();
}

/** The four cells of one fault kind, as a describe block of the calling test file. */
export function faultMatrix(kindName: FaultSpec["kind"]): void {
  const faultCase = FAULTS.find((candidate) => candidate.kind === kindName);
  if (faultCase === undefined) throw new Error(`no fault kind ${kindName}`);
  jest.setTimeout(600_000);
  afterAll(() => {
    fs.mkdirSync(LOCAL_DIR, { recursive: true });
    fs.writeFileSync(path.join(LOCAL_DIR, `fault-matrix-${kindName}.txt`), `${outcomes.join("\n")}\n`);
  });
  describeFaultKind(faultCase);
}

function describeFaultKind({ kind, label, fault, env }: FaultKindCase): void {
  describe(`fault: ${label}`, () => {
    let engine: EngineStack;
    let seed: State;

    beforeAll(async () => {
      engine = await createEngineStack({ program: "declared", resources: faultStack(kind, false), ...(env ? { env } : {}) });
      seed = engine.emulator.control.snapshot();
    });
    afterAll(() => engine?.close());

    const inject = (op: keyof typeof ACTIONS) => ACTIONS[op].forEach((action) => engine.emulator.control.injectFault(fault(action)));

    /** Steps 2 and 3 of a cell. */
    async function expectRepairedByNextUp(): Promise<void> {
      await engine.refresh();
      await engine.up();
      expect(await engine.preview()).toEqual({ same: 6 });
      expect(await convergence(engine, seed)).toEqual(CONVERGED);
    }

    it("create: department, identity, member, authorizations and policy", async () => {
      inject("create");
      expectSuccessOrClearFailure(await engine.attempt("up", { continueOnError: true }));
      await settled(engine);
      await expectRepairedByNextUp();
    });

    it("update: department (name, remark), identity (description, policy document), member (rename-free change and move), authorizations (add and remove a pair), policy (members, description)", async () => {
      await engine.declare(faultStack(kind, true));
      inject("update");
      expectSuccessOrClearFailure(await engine.attempt("up", { continueOnError: true }));
      await settled(engine);
      await expectRepairedByNextUp();
    });

    it("refresh: every read", async () => {
      inject("refresh");
      expectSuccessOrClearFailure(await engine.attempt("refresh"));
      await settled(engine);
      await expectRepairedByNextUp();
    });

    it("destroy: every delete; then a real destroy leaves the organization as seeded", async () => {
      inject("destroy");
      expectSuccessOrClearFailure(await engine.attempt("destroy", { continueOnError: true }));
      await settled(engine);
      await expectRepairedByNextUp();
      await engine.destroy();
      const after = engine.emulator.control.snapshot();
      expect(after.members.map((m) => m.MemberUin)).toEqual(seed.members.map((m) => m.MemberUin));
      expect(after.policies.map((p) => p.PolicyId)).toEqual(seed.policies.map((p) => p.PolicyId));
      const pairs = (state: State) => state.authorizations.map((a) => `${a.MemberUin}:${a.IdentityId}`).sort();
      expect(pairs(after)).toEqual(pairs(seed));
      expect(after.nodes.map((n) => n.NodeId)).toEqual(seed.nodes.map((n) => n.NodeId));
      expect(after.identities.map((i) => i.IdentityId)).toEqual(seed.identities.map((i) => i.IdentityId));
    });
  });
}

/** Listing lag as one more kind: its cells in one test on one stack (create, update, refresh and destroy in turn). */
export function listingLagCell(): void {
  jest.setTimeout(600_000);
  afterAll(() => {
    fs.mkdirSync(LOCAL_DIR, { recursive: true });
    fs.writeFileSync(path.join(LOCAL_DIR, "fault-matrix-listing-lag.txt"), `${outcomes.join("\n")}\n`);
  });
  describe("listing lag: listings 3 s behind writes", () => {
    let engine: EngineStack;
    let seed: State;

    beforeAll(async () => {
      engine = await createEngineStack({ program: "declared", resources: faultStack("lag", false), emulatorOptions: { listingLagMs: LISTING_LAG_MS } });
      seed = engine.emulator.control.snapshot();
    });
    afterAll(() => engine?.close());

    it("create, update, refresh and destroy each succeed in one run; nothing duplicated, orphaned or dropped", async () => {
      expect(await engine.up()).toEqual({ create: 6 });
      expect(await engine.preview()).toEqual({ same: 6 });
      expect(await convergence(engine, seed)).toEqual(CONVERGED);
      await engine.declare(faultStack("lag", true));
      expect(await engine.up()).toEqual({ same: 1, update: 5 });
      // Right after the update: the pairs it authorized may not be listed yet, and must not drop or show as drift.
      expect(await engine.refresh()).toEqual({ same: 6 });
      expect(await engine.preview()).toEqual({ same: 6 });
      expect(await convergence(engine, seed)).toEqual(CONVERGED);
      outcomes.push("listing lag: create, update, refresh and destroy: succeeded in one run each");
      await engine.destroy();
      const after = engine.emulator.control.snapshot();
      const { members, policies, authorizations, nodes, identities } = after;
      expect({ members, policies, authorizations, nodes, identities }).toEqual({
        members: seed.members,
        policies: seed.policies,
        authorizations: seed.authorizations,
        nodes: seed.nodes,
        identities: seed.identities,
      });
    });
  });
}
