/**
 * Two stacks applied at once on one organization whose limit for creating members is lower than the documented
 * 20 requests/s that each provider process paces itself to, as it is for one pipeline when others of the same account
 * use part of it. That the API throttles them is then certain, not a matter of how fast a loaded machine feeds the
 * engine's creates (at the documented rate, two ups on a busy machine were seen to pass unthrottled). Throttled calls
 * are retried with backoff and jitter for up to a minute, so both runs succeed.
 *
 * And one stack whose writes queue behind its own pacing (a low `rateLimit`) for longer than the transient retry budget
 * (30 s): a transient failure of a late write is still retried, since the budgets count retrying, not queueing.
 */
import { generatedMemberUin, generateSeed, start, type Emulator } from "../../emulator";
import { createEngineStack, type EngineStack, type ResourceSpec } from "./harness";
import { SEED_IDS } from "../../emulator";

jest.setTimeout(300_000);

const MEMBERS_PER_STACK = 30;

const members = (prefix: string): ResourceSpec[] =>
  Array.from({ length: MEMBERS_PER_STACK }, (_, i) => ({
    kind: "OrganizationMember",
    name: `${prefix}${i}`,
    args: { name: `${prefix}-${i}`, accountName: `${prefix}-${i}`, nodeId: SEED_IDS.departmentNodeId, permissionIds: [1, 2] },
  }));

describe("two stacks applied at once against one rate-limited organization", () => {
  let emulator: Emulator;
  let stacks: EngineStack[];

  beforeAll(async () => {
    // 60 creates at 3/s take at least 20 s, well inside each call's minute of retries.
    emulator = await start({ port: 0, rateLimits: true, ratesPerSecond: { CreateOrganizationMember: 3 } });
    stacks = [
      await createEngineStack({ program: "declared", emulator, resources: members("pipeline-a") }),
      await createEngineStack({ program: "declared", emulator, resources: members("pipeline-b") }),
    ];
  });
  afterAll(async () => {
    await Promise.all((stacks ?? []).map((stack) => stack.close()));
    await emulator?.stop();
  });

  it("both ups succeed, though the API throttled them on the way", async () => {
    emulator.control.resetCalls();
    const results = await Promise.all(stacks.map((stack) => stack.attempt("up")));
    expect(results.map((r) => (r.ok ? "ok" : r.message))).toEqual(["ok", "ok"]);
    const throttled = emulator.control.calls().filter((call) => call.code === "RequestLimitExceeded");
    expect(throttled.length).toBeGreaterThan(0);
    const names = emulator.control.snapshot().members.map((m) => m.Name);
    expect(names.filter((name) => name.startsWith("pipeline-"))).toHaveLength(2 * MEMBERS_PER_STACK);
    expect(new Set(names).size).toBe(names.length);
  });

  it("both destroys succeed the same way", async () => {
    const results = await Promise.all(stacks.map((stack) => stack.attempt("destroy")));
    expect(results.map((r) => (r.ok ? "ok" : r.message))).toEqual(["ok", "ok"]);
    expect(emulator.control.snapshot().members.filter((m) => m.Name.startsWith("pipeline-"))).toEqual([]);
  });
});

describe("writes queued behind pacing for longer than the transient retry budget", () => {
  // At 1 request/s (0.9 with headroom), the 37th of 40 writes waits about 40 s for its slot: past the 30 s budget.
  const WRITES = 40;
  const LATE = 36;
  const adopted: ResourceSpec[] = Array.from({ length: WRITES }, (_, i) => ({
    kind: "OrganizationMember",
    name: `queued${i}`,
    args: { memberUin: generatedMemberUin(i), remark: `queued write ${i}` },
  }));
  let engine: EngineStack;

  beforeAll(async () => {
    engine = await createEngineStack({
      program: "declared",
      resources: adopted,
      env: { TENCENTCLOUD_ORGANIZATION_RATE_LIMIT: "1" },
      emulatorOptions: { rateLimits: false, seed: generateSeed({ members: 50, departments: 2, identities: 3, authorizations: 0, policies: 0 }) },
    });
  });
  afterAll(() => engine?.close());

  it("a transient failure of a late write is retried, and up succeeds", async () => {
    engine.emulator.control.resetCalls();
    // Adopting each member with a new remark is one UpdateOrganizationMember (retry-safe); the 37th sent fails once.
    engine.emulator.control.injectFault({ kind: "internal-error", action: "UpdateOrganizationMember", after: LATE, count: 1 });
    const up = await engine.attempt("up", { parallel: 64 });
    expect(up.ok ? "ok" : up.message).toBe("ok");
    const updates = engine.emulator.control.calls().filter((call) => call.action === "UpdateOrganizationMember");
    expect(updates.map((call) => call.code ?? "ok")).toEqual([...Array(LATE).fill("ok"), "InternalError", ...Array(WRITES - LATE).fill("ok")]);
    const remarks = new Map(engine.emulator.control.snapshot().members.map((member) => [member.MemberUin, member.Remark]));
    expect(adopted.map((spec) => remarks.get(spec.args.memberUin as number))).toEqual(adopted.map((spec) => spec.args.remark));
  });
});
