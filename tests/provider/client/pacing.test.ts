/** Process-wide pacing: slots evenly spaced at an action's rate, shared across every client of one endpoint. */
import { DEFAULT_RATE_HEADROOM, Pacer, pacerFor, resetPacing } from "../../../provider/client/pacing";

describe("Pacer", () => {
  it("spaces a burst evenly at the rate (with headroom)", () => {
    const pacer = new Pacer(20, 1);
    const waits = Array.from({ length: 5 }, () => pacer.reserve(1_000));
    expect(waits).toEqual([0, 50, 100, 150, 200]);
  });

  it("applies the default headroom below the documented rate", () => {
    expect(DEFAULT_RATE_HEADROOM).toBeGreaterThan(0.5);
    expect(DEFAULT_RATE_HEADROOM).toBeLessThanOrEqual(1);
    expect(new Pacer(20).intervalMs).toBeCloseTo(1000 / (20 * DEFAULT_RATE_HEADROOM));
  });

  it("does not bank idle time: after a pause the next call goes at once, then spacing resumes", () => {
    const pacer = new Pacer(10, 1);
    expect(pacer.reserve(0)).toBe(0);
    expect(pacer.reserve(5_000)).toBe(0);
    expect(pacer.reserve(5_000)).toBe(100);
  });

  it("never lets more than the rate start in any one-second window", () => {
    const pacer = new Pacer(40, 1);
    const starts = Array.from({ length: 200 }, () => 0 + pacer.reserve(0));
    for (const start of starts) {
      const inWindow = starts.filter((s) => s >= start && s < start + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(40);
    }
  });

  it("acquire() holds back calls whose timers fired late together: never more than the rate leave in one second", async () => {
    const pacer = new Pacer(10, 1);
    // A virtual clock whose event loop is stalled until 2 s: every timer due before then fires at 2 s, together.
    let now = 0;
    const timers: Array<{ at: number; fire: () => void }> = [];
    const runtime = { now: () => now, sleep: (ms: number) => new Promise<void>((fire) => timers.push({ at: Math.max(now + ms, 2_000), fire })) };
    const departures: number[] = [];
    const calls = Array.from({ length: 25 }, async () => {
      await pacer.acquire(runtime);
      departures.push(now);
    });
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    await settle();
    while (timers.length > 0) {
      timers.sort((a, b) => a.at - b.at);
      const timer = timers.shift()!;
      now = Math.max(now, timer.at);
      timer.fire();
      await settle();
    }
    await Promise.all(calls);
    expect(departures).toHaveLength(25);
    expect(departures.filter((d) => d === 2_000).length).toBeGreaterThan(1); // the stall did bunch them
    for (const start of departures) {
      expect(departures.filter((d) => d >= start && d < start + 1000).length).toBeLessThanOrEqual(10);
    }
  });

  it("rejects a non-positive rate", () => {
    expect(() => new Pacer(0)).toThrow(RangeError);
  });

  it("acquire() sleeps for the reserved wait", async () => {
    const pacer = new Pacer(20, 1);
    const slept: number[] = [];
    const runtime = { now: () => 0, sleep: async (ms: number) => void slept.push(ms) };
    await Promise.all([pacer.acquire(runtime), pacer.acquire(runtime), pacer.acquire(runtime)]);
    expect(slept).toEqual([50, 100]);
  });
});

describe("pacerFor (the process-wide registry)", () => {
  beforeEach(() => resetPacing());

  it("shares one pacer per endpoint host and action", () => {
    const a = pacerFor("organization.tencentcloudapi.com", "DescribeOrganization", 40);
    expect(pacerFor("Organization.TencentCloudAPI.com", "DescribeOrganization", 40)).toBe(a);
    expect(pacerFor("organization.tencentcloudapi.com", "ListOrganizationIdentity", 20)).not.toBe(a);
    expect(pacerFor("127.0.0.1:8080", "DescribeOrganization", 40)).not.toBe(a);
  });

  it("forgets every pacer on reset", () => {
    const a = pacerFor("h", "A", 20);
    resetPacing();
    expect(pacerFor("h", "A", 20)).not.toBe(a);
  });
});
