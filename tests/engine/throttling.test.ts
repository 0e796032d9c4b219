/**
 * Two stacks applied at once on one organization, with the emulator enforcing the documented 20 requests/s per
 * action: each provider process paces itself, but together they exceed the limit, as several pipelines of one account
 * do. Throttled calls are retried with backoff and jitter for up to a minute, so both runs succeed.
 */
import { start, type Emulator } from "../../emulator";
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
    emulator = await start({ port: 0, rateLimits: true });
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
