/** Injected faults: each kind, its scope (action, count), and the call log. */
import { SEED_IDS } from "../../emulator";
import { call, callError, expectError, page, sendRaw, startTarget } from "./helpers";

let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

const describeOrg = () => sendRaw(emulator, "DescribeOrganization", "{}");

it("throttle answers RequestLimitExceeded once, then the action works again", async () => {
  emulator.control.injectFault({ kind: "throttle" });
  await expectError(emulator, "DescribeOrganization", {}, "RequestLimitExceeded", "DescribeOrganization");
  await call(emulator, "DescribeOrganization", {});
  expect(emulator.control.calls().map((c) => [c.action, c.code, c.fault])).toEqual([
    ["DescribeOrganization", "RequestLimitExceeded", "throttle"],
    ["DescribeOrganization", undefined, undefined],
  ]);
});

it("internal-error answers InternalError for `count` calls of its action only, and writes nothing", async () => {
  emulator.control.injectFault({ kind: "internal-error", action: "UpdateOrganizationMember", count: 2 });
  const rename = { MemberUin: SEED_IDS.createdUin, Name: "robert" };
  await call(emulator, "DescribeOrganization", {});
  await expectError(emulator, "UpdateOrganizationMember", rename, "InternalError");
  await expectError(emulator, "UpdateOrganizationMember", rename, "InternalError");
  const members = await call(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: "bob" });
  expect(members.Total).toBe(1);
  await call(emulator, "UpdateOrganizationMember", rename);
});

it("after lets that many matching calls through before the fault applies", async () => {
  emulator.control.injectFault({ kind: "internal-error", action: "DescribeOrganization", after: 2 });
  await call(emulator, "DescribeOrganizationNodes", page);
  await call(emulator, "DescribeOrganization", {});
  await call(emulator, "DescribeOrganization", {});
  await expectError(emulator, "DescribeOrganization", {}, "InternalError");
  await call(emulator, "DescribeOrganization", {});
  expect(emulator.control.calls().map((c) => c.code ?? "ok")).toEqual(["ok", "ok", "ok", "InternalError", "ok"]);
});

it("request limits a fault to requests holding those values: one member's lookup fails, another's does not", async () => {
  emulator.control.injectFault({ kind: "internal-error", action: "DescribeOrganizationMembers", request: { SearchKey: "bob" }, count: 2 });
  expect((await call(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: "alice" })).Total).toBe(1);
  await expectError(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: "bob" }, "InternalError");
  expect((await call(emulator, "DescribeOrganizationMembers", page)).Total).toBeGreaterThan(1);
  await expectError(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: "bob" }, "InternalError");
  expect((await call(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: "bob" })).Total).toBe(1);
  expect(emulator.control.calls().map((c) => c.code ?? "ok")).toEqual(["ok", "InternalError", "ok", "InternalError", "ok"]);
});

it("http-502 answers HTTP 502 with a body that is not JSON", async () => {
  emulator.control.injectFault({ kind: "http-502", action: "DescribeOrganization" });
  const answer = await describeOrg();
  expect(answer.status).toBe(502);
  expect(answer.json).toBeUndefined();
  expect(answer.text).toContain("Bad Gateway");
  expect((await describeOrg()).status).toBe(200);
  expect(emulator.control.calls()[0]).toMatchObject({ action: "DescribeOrganization", fault: "http-502" });
});

it("reset closes the connection without an answer", async () => {
  emulator.control.injectFault({ kind: "reset" });
  await expect(describeOrg()).rejects.toThrow();
  expect((await describeOrg()).status).toBe(200);
  expect(emulator.control.calls().map((c) => c.fault)).toEqual(["reset", undefined]);
});

it("lost-answer runs the action, keeps its write, then closes the connection without an answer", async () => {
  emulator.control.injectFault({ kind: "lost-answer", action: "UpdateOrganizationMember" });
  await expect(sendRaw(emulator, "UpdateOrganizationMember", JSON.stringify({ MemberUin: SEED_IDS.createdUin, Name: "robert" }))).rejects.toThrow();
  const members = await call(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: "robert" });
  expect(members.Items?.map((m) => m.MemberUin)).toEqual([SEED_IDS.createdUin]);
  expect(emulator.control.calls().map((c) => [c.action, c.fault])).toEqual([
    ["UpdateOrganizationMember", "lost-answer"],
    ["DescribeOrganizationMembers", undefined],
  ]);
});

it("latency delays the answer by latencyMs, then answers normally", async () => {
  emulator.control.injectFault({ kind: "latency", latencyMs: 300 });
  const started = Date.now();
  await call(emulator, "DescribeOrganization", {});
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  const quick = Date.now();
  await call(emulator, "DescribeOrganization", {});
  expect(Date.now() - quick).toBeLessThan(290);
});

it("faults apply in injection order, and clearFaults drops the pending ones", async () => {
  emulator.control.injectFault({ kind: "throttle", action: "ListOrganizationIdentity" });
  emulator.control.injectFault({ kind: "internal-error" });
  expect((await callError(emulator, "ListOrganizationIdentity", page)).Code).toBe("RequestLimitExceeded");
  expect((await callError(emulator, "ListOrganizationIdentity", page)).Code).toBe("InternalError");
  emulator.control.injectFault({ kind: "internal-error", count: 5 });
  emulator.control.clearFaults();
  await call(emulator, "ListOrganizationIdentity", page);
});

it("refuses a malformed fault", () => {
  expect(() => emulator.control.injectFault({ kind: "latency" })).toThrow(/latencyMs/);
  expect(() => emulator.control.injectFault({ kind: "throttle", action: "Nope" as never })).toThrow(/action/);
  expect(() => emulator.control.injectFault({ kind: "throttle", count: 0 })).toThrow(/count/);
});
