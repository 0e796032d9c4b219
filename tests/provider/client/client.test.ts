/**
 * OrganizationClient against a scripted loopback server: what goes on the wire (headers, signature, body), how every
 * answer becomes a result or a typed error, and when it retries. The emulator suite covers the same client against
 * the real API model; this one can script answers the emulator never gives (malformed bodies, hangs).
 */
import { inspect } from "node:util";
import {
  closeSharedAgent,
  isApiError,
  isNotFound,
  isTransportError,
  isUnknownOutcome,
  OrganizationClient,
  resetPacing,
  RequestValidationError,
  TencentCloudApiError,
  TransportError,
  type CallEvent,
  type OrganizationClientConfig,
} from "../../../provider/client";
import { computeSignature, parseAuthorization } from "../../../provider/client/signer";
import { apiError, startStubServer, success, type StubServer } from "./helpers/stub-server";
import { failure } from "./helpers/failure";

const SECRET_KEY = "stub-secret-key-DO-NOT-LEAK-42";
const TOKEN = "stub-token-DO-NOT-LEAK-43";
const POLICY_REQUEST = { MemberUins: [100001], PolicyName: "ops-admin", IdentityId: 1 };
const identities = (n: number) => ({
  Items: Array.from({ length: n }, (_, i) => ({ IdentityId: i + 1, IdentityAliasName: `alias-${i + 1}`, IdentityType: 1 })),
  Total: n,
});

let stub: StubServer;
beforeAll(async () => {
  stub = await startStubServer();
});
afterAll(async () => {
  await stub.stop();
  await closeSharedAgent();
});
beforeEach(() => {
  stub.requests.length = 0;
  stub.setDefault(success());
});

/** Fast retries, no pacing (pacing has its own tests), a recording observer. */
function makeClient(overrides: OrganizationClientConfig = {}) {
  const events: CallEvent[] = [];
  const client = new OrganizationClient({
    secretId: "AKIDstub",
    secretKey: SECRET_KEY,
    endpoint: stub.url,
    pacing: false,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    onCall: (event) => events.push(event),
    ...overrides,
  });
  return { client, events };
}

describe("a successful call", () => {
  it("sends a signed TC3 POST with the API 3.0 headers and the JSON body", async () => {
    const fixedNow = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const { client } = makeClient({ clock: () => fixedNow });
    stub.script(success(identities(2), "req-list"));
    await client.call("ListOrganizationIdentity", { Offset: 0, Limit: 50, SearchKey: "未命名 admin" });

    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe("/");
    expect(request!.body).toBe(JSON.stringify({ Offset: 0, Limit: 50, SearchKey: "未命名 admin" }));
    const headers = request!.headers;
    expect(headers["content-type"]).toBe("application/json");
    expect(headers.host).toBe(`127.0.0.1:${stub.port}`);
    expect(headers["x-tc-action"]).toBe("ListOrganizationIdentity");
    expect(headers["x-tc-version"]).toBe("2021-03-31");
    expect(headers["x-tc-timestamp"]).toBe(String(Math.floor(fixedNow / 1000)));
    expect(headers["x-tc-token"]).toBeUndefined();
    expect(headers["x-tc-region"]).toBeUndefined();

    const authorization = parseAuthorization(String(headers.authorization));
    expect(authorization).toMatchObject({
      secretId: "AKIDstub",
      date: "2026-01-02",
      service: "organization",
      signedHeaders: ["content-type", "host"],
    });
    // The server can verify it: same host (with port), content type and body bytes.
    expect(authorization!.signature).toBe(
      computeSignature({
        secretId: "AKIDstub",
        secretKey: SECRET_KEY,
        service: "organization",
        host: String(headers.host),
        contentType: String(headers["content-type"]),
        payload: request!.body,
        timestamp: Number(headers["x-tc-timestamp"]),
      }),
    );
  });

  it("returns the parsed response with its RequestId", async () => {
    const { client } = makeClient();
    stub.script(success(identities(3), "req-123"));
    const result = await client.call("ListOrganizationIdentity", { Offset: 0, Limit: 50 });
    expect(result.RequestId).toBe("req-123");
    expect(result.Total).toBe(3);
    expect(result.Items.map((i) => i.IdentityAliasName)).toEqual(["alias-1", "alias-2", "alias-3"]);
  });

  it("sends X-TC-Token, X-TC-Region and X-TC-Language when configured", async () => {
    const { client } = makeClient({ securityToken: TOKEN, region: "ap-guangzhou", language: "en-US" });
    stub.script(success({ PolicyId: 7 }));
    await client.call("CreateOrganizationMembersPolicy", POLICY_REQUEST);
    const headers = stub.requests[0]!.headers;
    expect(headers["x-tc-token"]).toBe(TOKEN);
    expect(headers["x-tc-region"]).toBe("ap-guangzhou");
    expect(headers["x-tc-language"]).toBe("en-US");
  });

  it("tells the observer about the attempt, without secrets", async () => {
    const { client, events } = makeClient({ securityToken: TOKEN });
    stub.script(success({ PolicyId: 7 }, "req-obs"));
    await client.call("CreateOrganizationMembersPolicy", POLICY_REQUEST);
    expect(events).toEqual([
      expect.objectContaining({ action: "CreateOrganizationMembersPolicy", attempt: 1, outcome: "success", requestId: "req-obs" }),
    ]);
    expect(events[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(events)).not.toContain(SECRET_KEY);
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });

  it("ignores an observer that throws", async () => {
    const { client } = makeClient({
      onCall: () => {
        throw new Error("observer bug");
      },
    });
    stub.script(success({ PolicyId: 7 }));
    await expect(client.call("CreateOrganizationMembersPolicy", POLICY_REQUEST)).resolves.toMatchObject({ PolicyId: 7 });
  });
});

describe("API errors", () => {
  it("become TencentCloudApiError with action, code, API message and RequestId", async () => {
    const { client, events } = makeClient();
    stub.script(apiError("FailedOperation.MemberPolicyNameExist", "policy name exists", "req-dup"));
    const error = await failure(client.call("CreateOrganizationMembersPolicy", POLICY_REQUEST));
    expect(error).toBeInstanceOf(TencentCloudApiError);
    expect(error).toMatchObject({
      name: "TencentCloudApiError",
      action: "CreateOrganizationMembersPolicy",
      code: "FailedOperation.MemberPolicyNameExist",
      apiMessage: "policy name exists",
      requestId: "req-dup",
      attempts: 1,
    });
    expect(error.message).toBe(
      "CreateOrganizationMembersPolicy failed: FailedOperation.MemberPolicyNameExist: policy name exists (RequestId: req-dup)",
    );
    expect(isApiError(error)).toBe(true);
    expect(isApiError(error, "FailedOperation")).toBe(true);
    expect(isApiError(error, "ResourceNotFound")).toBe(false);
    expect(isTransportError(error)).toBe(false);
    expect(isUnknownOutcome(error)).toBe(false);
    expect(events).toEqual([expect.objectContaining({ outcome: "api-error", code: "FailedOperation.MemberPolicyNameExist", requestId: "req-dup" })]);
  });

  it("isNotFound recognises every ResourceNotFound code", async () => {
    const { client } = makeClient();
    stub.script(apiError("ResourceNotFound.MemberPolicyNotExist"));
    const error = await failure(client.call("DeleteOrganizationMembersPolicy", { PolicyId: 9 }));
    expect(isNotFound(error)).toBe(true);
  });

  it("are not retried when they are business errors", async () => {
    const { client } = makeClient();
    stub.script(apiError("ResourceNotFound.MemberNotExist"));
    await failure(client.call("ListOrganizationIdentity", { Offset: 0, Limit: 10 }));
    expect(stub.requests).toHaveLength(1);
  });
});

describe("validation before sending", () => {
  it.each([
    ["a missing field", "CreateOrganizationMembersPolicy", { MemberUins: [1], IdentityId: 1 }, "PolicyName", "MissingParameter"],
    ["an unknown field", "CreateOrganizationMembersPolicy", { ...POLICY_REQUEST, Colour: "red" }, "Colour", "UnknownParameter"],
    ["a bad value", "CreateOrganizationMembersPolicy", { ...POLICY_REQUEST, PolicyName: "has spaces" }, "PolicyName", "InvalidParameterValue"],
    ["Offset not a multiple of Limit", "ListOrganizationIdentity", { Offset: 5, Limit: 10 }, "Offset", "InvalidParameterValue"],
    ["Limit above 50", "ListOrganizationIdentity", { Offset: 0, Limit: 51 }, "Limit", "InvalidParameterValue"],
  ] as const)("rejects %s, naming the field, and sends nothing", async (_name, action, request, field, code) => {
    const { client, events } = makeClient();
    const error = await failure(client.call(action, request as never));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({ action, field, code });
    expect(error.message).toContain(field);
    expect(error.message).toContain(action);
    expect(stub.requests).toHaveLength(0);
    expect(events).toHaveLength(0);
  });

  it("rejects an unknown action", async () => {
    const { client } = makeClient();
    const error = await failure(client.call("DropOrganization" as never, {} as never));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(stub.requests).toHaveLength(0);
  });
});

describe("transport failures", () => {
  it("a request that cannot be sent as built is invalid-request: one attempt, nothing sent, no secret in the error", async () => {
    const { client, events } = makeClient({ securityToken: "token-with\nnewline" });
    const error = await failure(client.call("ListOrganizationIdentity", { Offset: 0, Limit: 10 }));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe("invalid-request");
    expect(stub.requests).toHaveLength(0);
    expect(events.map((e) => e.code)).toEqual(["Transport.invalid-request"]);
    expect(`${error.message} ${error.stack}`).not.toContain("newline");
  });

  it("a reset is a TransportError of kind reset, retried for a retry-safe action", async () => {
    const { client, events } = makeClient();
    stub.script({ kind: "reset" }, success(identities(1), "req-after-reset"));
    const result = await client.call("ListOrganizationIdentity", { Offset: 0, Limit: 10 });
    expect(result.RequestId).toBe("req-after-reset");
    expect(stub.requests).toHaveLength(2);
    expect(events.map((e) => e.code ?? e.outcome)).toEqual(["Transport.reset", "success"]);
  });

  it("a reset is not retried for a write that is not retry-safe, and says its outcome is unknown", async () => {
    const { client } = makeClient();
    stub.script({ kind: "reset" });
    const error = await failure(client.call("CreateOrganizationMembersPolicy", POLICY_REQUEST));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ name: "TransportError", kind: "reset", action: "CreateOrganizationMembersPolicy" });
    expect(isUnknownOutcome(error)).toBe(true);
    expect(isApiError(error)).toBe(false);
    expect(stub.requests).toHaveLength(1);
  });

  it("HTTP 502 is kind http-status with the status", async () => {
    const { client } = makeClient({ retry: false });
    stub.script({ kind: "raw", status: 502, body: "<html>Bad Gateway</html>", contentType: "text/html" });
    const error = await failure(client.call("ListOrganizationIdentity", { Offset: 0, Limit: 10 }));
    expect(error).toMatchObject({ kind: "http-status", httpStatus: 502 });
    expect(error.message).toContain("HTTP 502");
  });

  it("a slow answer is kind timeout", async () => {
    const { client } = makeClient({ retry: false, timeoutMs: 150 });
    stub.script({ kind: "hang", ms: 2_000 });
    const started = Date.now();
    const error = await failure(client.call("ListOrganizationIdentity", { Offset: 0, Limit: 10 }));
    expect(error).toMatchObject({ kind: "timeout" });
    expect(error.message).toContain("150 ms");
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("a refused connection is kind connect, and is retried even for a write (nothing was sent)", async () => {
    const closed = await startStubServer();
    const url = closed.url;
    await closed.stop();
    const events: CallEvent[] = [];
    const client = new OrganizationClient({
      secretId: "AKIDstub",
      secretKey: SECRET_KEY,
      endpoint: url,
      pacing: false,
      retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 3 },
      onCall: (event) => events.push(event),
    });
    const error = await failure(client.call("CreateOrganizationMembersPolicy", POLICY_REQUEST));
    expect(error).toMatchObject({ kind: "connect", attempts: 3 });
    expect(error.message).toContain("gave up after 3 attempts");
    expect(isUnknownOutcome(error)).toBe(false);
    expect(events.map((e) => e.code)).toEqual(["Transport.connect", "Transport.connect", "Transport.connect"]);
  });

  it("the caller's abort is passed through, not turned into a transport failure", async () => {
    const { client } = makeClient();
    stub.script({ kind: "hang", ms: 2_000 });
    const controller = new AbortController();
    const pending = client.call("ListOrganizationIdentity", { Offset: 0, Limit: 10 }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop now")), 50);
    const error = await failure(pending);
    expect(error.message).toBe("stop now");
    expect(isTransportError(error)).toBe(false);
  });
});

describe("bad responses", () => {
  it.each([
    ["a body that is not JSON", { kind: "raw", body: "<html>oops</html>" } as const, /not JSON/],
    ["JSON without Response", { kind: "json", body: { Result: {} } } as const, /field Response:/],
    ["a success without RequestId", { kind: "json", body: { Response: { PolicyId: 1 } } } as const, /field Response\.RequestId/],
    ["an error without a code", { kind: "json", body: { Response: { Error: { Message: "x" }, RequestId: "r" } } } as const, /Response\.Error\.Code/],
    ["a field of the wrong type", { kind: "json", body: { Response: { PolicyId: "seven", RequestId: "r" } } } as const, /field Response\.PolicyId/],
    ["a missing field", { kind: "json", body: { Response: { RequestId: "r" } } } as const, /field Response\.PolicyId/],
  ])("%s is a TransportError of kind bad-response naming the field", async (_name, answer, message) => {
    const { client } = makeClient();
    stub.script(answer);
    const error = await failure(client.call("CreateOrganizationMembersPolicy", POLICY_REQUEST));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: "bad-response" });
    expect(error.message).toMatch(message);
    expect(stub.requests).toHaveLength(1);
  });

  it("names the nested field of a malformed list item", async () => {
    const { client } = makeClient();
    stub.script(success({ Items: [{ IdentityId: 1, IdentityAliasName: "a", IdentityType: 1 }, { IdentityId: "x" }], Total: 2 }, "req-bad"));
    const error = (await failure(client.call("ListOrganizationIdentity", { Offset: 0, Limit: 10 }))) as TransportError;
    expect(error.message).toContain("field Response.Items.1.IdentityId");
    expect(error.requestId).toBe("req-bad");
  });
});

describe("retries", () => {
  it("retries InternalError for a retry-safe action, then succeeds", async () => {
    const { client, events } = makeClient();
    stub.script(apiError("InternalError"), apiError("InternalError"), success(identities(1), "req-third"));
    const result = await client.call("ListOrganizationIdentity", { Offset: 0, Limit: 10 });
    expect(result.RequestId).toBe("req-third");
    expect(events.map((e) => [e.attempt, e.outcome])).toEqual([
      [1, "api-error"],
      [2, "api-error"],
      [3, "success"],
    ]);
  });

  it("does not retry InternalError for a write that is not retry-safe", async () => {
    const { client } = makeClient();
    stub.script(apiError("InternalError", "boom", "req-ie"));
    const error = await failure(client.call("CreateOrganizationMembersPolicy", POLICY_REQUEST));
    expect(error).toMatchObject({ code: "InternalError", requestId: "req-ie", attempts: 1 });
    expect(stub.requests).toHaveLength(1);
  });

  it("retries RequestLimitExceeded even for a write that is not retry-safe", async () => {
    const { client } = makeClient();
    stub.script(apiError("RequestLimitExceeded"), success({ PolicyId: 5 }));
    await expect(client.call("CreateOrganizationMembersPolicy", POLICY_REQUEST)).resolves.toMatchObject({ PolicyId: 5 });
    expect(stub.requests).toHaveLength(2);
  });

  it("re-signs every attempt with the time of that attempt", async () => {
    let now = Date.UTC(2026, 5, 1, 0, 0, 0);
    const { client } = makeClient({
      clock: () => now,
      sleep: async (ms) => {
        now += ms + 10_000;
      },
    });
    stub.script(apiError("RequestLimitExceeded"), success({ PolicyId: 5 }));
    await client.call("CreateOrganizationMembersPolicy", POLICY_REQUEST);
    const [first, second] = stub.requests.map((r) => Number(r.headers["x-tc-timestamp"]));
    expect(second! - first!).toBeGreaterThanOrEqual(10);
  });

  it("gives up after the attempt bound, saying how many attempts it made", async () => {
    const { client } = makeClient({ retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 4 } });
    stub.setDefault(apiError("InternalError", "try later", "req-failed"));
    const error = await failure(client.call("ListOrganizationIdentity", { Offset: 0, Limit: 10 }));
    expect(error).toMatchObject({ code: "InternalError", attempts: 4 });
    expect(error.message).toMatch(/^ListOrganizationIdentity failed: InternalError: try later \(RequestId: req-failed\) \[gave up after 4 attempts in \d+\.\d s/);
    expect(stub.requests).toHaveLength(4);
  });

  it("gives up on throttling after the throttle time bound, whatever the attempt bound", async () => {
    const { client } = makeClient({ retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 2, maxThrottleElapsedMs: 300 } });
    stub.setDefault(apiError("RequestLimitExceeded", "too fast", "req-throttled"));
    const error = await failure(client.call("ListOrganizationIdentity", { Offset: 0, Limit: 10 }));
    expect(error).toMatchObject({ code: "RequestLimitExceeded" });
    expect((error as TencentCloudApiError).attempts).toBeGreaterThan(2);
    expect(error.message).toMatch(/\[gave up after \d+ attempts in 0\.\d s: retry limit reached\]/);
  });
});

describe("retries of calls queued behind pacing", () => {
  afterEach(() => resetPacing());

  it("a call that waited behind a burst for longer than the transient budget still gets its retries", async () => {
    // 5 requests/s at 90 %: the eighth of a burst waits about 1.5 s for its slot, past a 1 s budget.
    const { client, events } = makeClient({ pacing: { ratePerSecond: 5 }, retry: { baseDelayMs: 1, maxDelayMs: 5, maxElapsedMs: 1_000 } });
    stub.script(...Array.from({ length: 7 }, () => success(identities(1))), apiError("InternalError", "blip", "req-blip"), success(identities(1), "req-retried"));
    const results = await Promise.all(Array.from({ length: 8 }, () => client.call("ListOrganizationIdentity", { Offset: 0, Limit: 10 })));
    expect(results.map((r) => r.RequestId)).toContain("req-retried");
    const last = events.filter((e) => e.attempt > 1);
    expect(last.map((e) => [e.attempt, e.outcome])).toEqual([[2, "success"]]);
    expect(Math.max(...events.map((e) => e.pacedMs))).toBeGreaterThan(1_000);
  });
});

describe("secrets stay out of errors", () => {
  it.each([
    ["api error", apiError("AuthFailure.SignatureFailure")],
    ["bad response", { kind: "raw", body: "nope" } as const],
    ["http status", { kind: "raw", status: 503, body: "down" } as const],
  ])("%s", async (_name, answer) => {
    const { client } = makeClient({ securityToken: TOKEN, retry: false });
    stub.script(answer);
    const error = await failure(client.call("CreateOrganizationMembersPolicy", POLICY_REQUEST));
    for (const dump of [error.message, String(error.stack), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)]) {
      expect(dump).not.toContain(SECRET_KEY);
      expect(dump).not.toContain(TOKEN);
    }
  });
});
