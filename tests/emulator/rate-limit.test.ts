/** Per-action rate limits at the documented rates, or at the rates a start option sets. */
import { type ActionName, actions } from "../../provider/api";
import { call, callError, page, send, startTarget } from "./helpers";

describe("with a frozen clock", () => {
  let now = Date.UTC(2025, 2, 1);
  let emulator: Awaited<ReturnType<typeof startTarget>>;
  beforeAll(async () => {
    emulator = await startTarget({ now: () => now, rateLimits: true });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.control.reset());

  async function burst(action: ActionName, request: object, count: number): Promise<string[]> {
    const codes: string[] = [];
    for (let i = 0; i < count; i += 1) codes.push((await send(emulator, action, request)).response.Error?.Code ?? "ok");
    return codes;
  }

  it("answers RequestLimitExceeded to the 21st call in one second to one action; other actions are unaffected", async () => {
    const codes = await burst("DescribeOrganizationMembers", page, 21);
    expect(codes.slice(0, 20).every((c) => c === "ok")).toBe(true);
    expect(codes[20]).toBe("RequestLimitExceeded");
    const error = await callError(emulator, "DescribeOrganizationMembers", page);
    expect(error.Message).toContain("DescribeOrganizationMembers");
    await call(emulator, "ListOrganizationIdentity", page);
  });

  it("counts calls in a one-second window: never more than the rate in any second", async () => {
    expect(actions.ListOrganizationIdentity.ratePerSecond).toBe(20);
    await burst("ListOrganizationIdentity", page, 20);
    expect((await callError(emulator, "ListOrganizationIdentity", page)).Code).toBe("RequestLimitExceeded");
    now += 999;
    expect((await callError(emulator, "ListOrganizationIdentity", page)).Code).toBe("RequestLimitExceeded");
    now += 1;
    expect(await burst("ListOrganizationIdentity", page, 21)).toEqual([...Array(20).fill("ok"), "RequestLimitExceeded"]);
  });

  it("allows DescribeOrganization its documented 40 per second", async () => {
    const codes = await burst("DescribeOrganization", {}, 41);
    expect(codes.filter((c) => c === "ok")).toHaveLength(40);
    expect(codes[40]).toBe("RequestLimitExceeded");
  });

  it("can be switched off and on through the control", async () => {
    emulator.control.setRateLimits(false);
    expect((await burst("DescribeOrganizationNodes", page, 30)).every((c) => c === "ok")).toBe(true);
    emulator.control.setRateLimits(true);
    expect(await burst("DescribeOrganizationNodes", page, 21)).toContain("RequestLimitExceeded");
  });
});

it("throttles a real-time burst of concurrent calls", async () => {
  const emulator = await startTarget({ rateLimits: true });
  try {
    const answers = await Promise.all(Array.from({ length: 30 }, () => send(emulator, "DescribeOrganizationMembers", page)));
    expect(answers.some((a) => a.response.Error?.Code === "RequestLimitExceeded")).toBe(true);
  } finally {
    await emulator.stop();
  }
});

it("does not limit when started with rateLimits: false", async () => {
  const emulator = await startTarget({ rateLimits: false });
  try {
    const answers = await Promise.all(Array.from({ length: 30 }, () => send(emulator, "DescribeOrganizationMembers", page)));
    expect(answers.filter((a) => a.response.Error)).toEqual([]);
  } finally {
    await emulator.stop();
  }
});

describe("ratesPerSecond", () => {
  it("replaces an action's documented rate, in the limit and in the error's message; other actions keep theirs", async () => {
    let now = Date.UTC(2025, 2, 1);
    const emulator = await startTarget({ now: () => now, rateLimits: true, ratesPerSecond: { DescribeOrganizationNodes: 3 } });
    try {
      const codes: string[] = [];
      for (let i = 0; i < 4; i += 1) codes.push((await send(emulator, "DescribeOrganizationNodes", page)).response.Error?.Code ?? "ok");
      expect(codes).toEqual(["ok", "ok", "ok", "RequestLimitExceeded"]);
      expect((await callError(emulator, "DescribeOrganizationNodes", page)).Message).toContain("3");
      for (let i = 0; i < 20; i += 1) await call(emulator, "DescribeOrganizationMembers", page);
      now += 1000;
      await call(emulator, "DescribeOrganizationNodes", page);
    } finally {
      await emulator.stop();
    }
  });

  it("is refused at start for an unknown action or a rate below 1", async () => {
    await expect(startTarget({ rateLimits: true, ratesPerSecond: { DescribeEverything: 3 } as never })).rejects.toThrow(/ratesPerSecond\.DescribeEverything/);
    await expect(startTarget({ rateLimits: true, ratesPerSecond: { DescribeOrganizationNodes: 0 } })).rejects.toThrow(/ratesPerSecond\.DescribeOrganizationNodes/);
  });
});
