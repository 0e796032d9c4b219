/** The control surface: in process and over HTTP at /__emulator/<method>. */
import { SEED_IDS } from "../../emulator";
import { call, callError, page, send, startTarget } from "./helpers";

let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

async function control(method: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${emulator.url}/__emulator/${method}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? "" : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe("in process", () => {
  it("reset puts the seed back and clears calls and faults", async () => {
    await call(emulator, "DeleteOrganizationMembersPolicy", { PolicyId: SEED_IDS.policyId });
    emulator.control.injectFault({ kind: "internal-error", count: 3 });
    emulator.control.reset();
    expect(emulator.control.calls()).toEqual([]);
    expect(emulator.control.snapshot().policies.map((p) => p.PolicyId)).toEqual([SEED_IDS.policyId]);
    await call(emulator, "DescribeOrganization", {});
  });

  it("snapshot is a deep copy", async () => {
    const snapshot = emulator.control.snapshot();
    snapshot.members.length = 0;
    expect((await call(emulator, "DescribeOrganizationMembers", page)).Total).toBe(3);
  });

  it("afterAnswer runs a hook after each successful answer, before it is sent; apply changes state at once", async () => {
    const seen: string[] = [];
    const remove = emulator.control.afterAnswer(({ action, request, response }) => {
      seen.push(`${action} ${JSON.stringify(request)} ${typeof response.Total}`);
      if (action === "DescribeOrganizationMembers") {
        emulator.control.apply("UpdateOrganizationMember", { MemberUin: SEED_IDS.paidUin, Remark: "changed by a hook" });
      }
    });
    await call(emulator, "DescribeOrganizationMembers", page);
    remove();
    await call(emulator, "DescribeOrganization", {});
    expect(seen).toEqual([`DescribeOrganizationMembers ${JSON.stringify(page)} number`]);
    const members = (await call(emulator, "DescribeOrganizationMembers", page)).Items;
    expect(members?.find((m) => m.MemberUin === SEED_IDS.paidUin)?.Remark).toBe("changed by a hook");
    expect(() => emulator.control.apply("UpdateOrganizationMember", { MemberUin: SEED_IDS.paidUin, Remark: "r".repeat(41) })).toThrow(/UpdateOrganizationMember/);
  });

  it("reset removes every hook", async () => {
    const seen: string[] = [];
    emulator.control.afterAnswer(({ action }) => seen.push(action));
    emulator.control.reset();
    await call(emulator, "DescribeOrganization", {});
    expect(seen).toEqual([]);
  });

  it("setAuthIdentityStatus refuses a pair that is not authorized", () => {
    expect(() => emulator.control.setAuthIdentityStatus(SEED_IDS.paidUin, 1, 2)).toThrow(/not authorized/);
  });

  it("calls lists errors with their code and the RequestId answered", async () => {
    const error = await callError(emulator, "DeleteOrganizationMembersPolicy", { PolicyId: 9 });
    expect(emulator.control.calls()).toEqual([
      { action: "DeleteOrganizationMembersPolicy", code: "ResourceNotFound.MemberPolicyNotExist", requestId: error.RequestId },
    ]);
    emulator.control.resetCalls();
    expect(emulator.control.calls()).toEqual([]);
  });

  it("inFlight lists a request a latency fault holds, until it is answered; pendingFaults counts unused faults", async () => {
    emulator.control.injectFault({ kind: "latency", action: "DescribeOrganization", latencyMs: 300 });
    emulator.control.injectFault({ kind: "throttle", action: "DescribeOrganizationNodes" });
    expect(emulator.control.pendingFaults()).toBe(2);
    const answer = call(emulator, "DescribeOrganization", {});
    const deadline = Date.now() + 2_000;
    while (emulator.control.inFlight().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(emulator.control.inFlight()).toEqual(["DescribeOrganization"]);
    expect(emulator.control.pendingFaults()).toBe(1);
    await answer;
    expect(emulator.control.inFlight()).toEqual([]);
  });
});

describe("over HTTP", () => {
  it("calls and reset-calls", async () => {
    const answer = await call(emulator, "DescribeOrganization", {});
    expect(await control("calls")).toEqual({ status: 200, body: [{ action: "DescribeOrganization", requestId: answer.RequestId }] });
    expect(await control("reset-calls")).toEqual({ status: 200, body: { ok: true } });
    expect((await control("calls")).body).toEqual([]);
  });

  it("set-credentials rotates the accepted keys: the old key is refused, the new one accepted", async () => {
    const rotated = { secretId: "AKIDROTATEDTESTKEY000000000000000000", secretKey: "rotated-test-secret-key" };
    expect((await control("set-credentials", { credentials: [rotated] })).status).toBe(200);
    expect((await callError(emulator, "DescribeOrganization", {})).Code).toBe("AuthFailure.SecretIdNotFound");
    await call({ ...emulator, credentials: rotated }, "DescribeOrganization", {});
    emulator.control.setCredentials([emulator.credentials]);
    await call(emulator, "DescribeOrganization", {});
    expect((await control("set-credentials", { credentials: [] })).status).toBe(400);
  });

  it("in-flight and pending-faults", async () => {
    expect(await control("in-flight")).toEqual({ status: 200, body: [] });
    await control("inject-fault", { kind: "throttle", action: "DescribeOrganization" });
    expect(await control("pending-faults")).toEqual({ status: 200, body: { count: 1 } });
  });

  it("inject-fault and clear-faults", async () => {
    expect((await control("inject-fault", { kind: "throttle", action: "DescribeOrganization", count: 2 })).status).toBe(200);
    expect((await callError(emulator, "DescribeOrganization", {})).Code).toBe("RequestLimitExceeded");
    await control("clear-faults");
    await call(emulator, "DescribeOrganization", {});
  });

  it("snapshot and reset", async () => {
    await call(emulator, "DeleteOrganizationMembers", { MemberUin: [SEED_IDS.createdUin] });
    const snapshot = (await control("snapshot")).body as { members: Array<{ MemberUin: number }> };
    expect(snapshot.members.map((m) => m.MemberUin)).toEqual([SEED_IDS.invitedUin, SEED_IDS.paidUin]);
    await control("reset");
    expect((await call(emulator, "DescribeOrganizationMembers", page)).Total).toBe(3);
  });

  it("set-auth-identity-status (camelCase accepted too)", async () => {
    await control("setAuthIdentityStatus", { memberUin: SEED_IDS.createdUin, identityId: 2, status: 2 });
    const auths = await call(emulator, "DescribeOrganizationMemberAuthIdentities", { ...page, MemberUin: SEED_IDS.createdUin, IdentityId: 2 });
    expect(auths.Items?.[0]?.Status).toBe(2);
  });

  it("set-rate-limits", async () => {
    const burst = async () =>
      (await Promise.all(Array.from({ length: 30 }, () => send(emulator, "DescribeOrganizationNodes", page)))).map(
        (a) => a.response.Error?.Code ?? "ok",
      );
    await control("set-rate-limits", { enabled: true });
    expect(await burst()).toContain("RequestLimitExceeded");
    await control("set-rate-limits", { enabled: false });
    expect(await burst()).not.toContain("RequestLimitExceeded");
  });

  it("answers 400 for a malformed body and 404 for an unknown method", async () => {
    expect(await control("inject-fault", { kind: "meteor" })).toMatchObject({ status: 400, body: { error: expect.stringContaining("kind") } });
    expect(await control("set-auth-identity-status", { memberUin: 1 })).toMatchObject({ status: 400 });
    expect((await control("self-destruct")).status).toBe(404);
  });
});
