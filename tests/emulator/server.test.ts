/** The HTTP layer: routes, method, content type, body size, the envelope. */
import { MAX_BODY_BYTES } from "../../emulator/server";
import { callError, send, sendRaw, startTarget } from "./helpers";

let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget();
});
afterAll(() => emulator.stop());

describe("the envelope", () => {
  it("answers success as HTTP 200 JSON with Response.RequestId", async () => {
    const answer = await sendRaw(emulator, "DescribeOrganization", "{}");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    const { Response } = answer.json as { Response: Record<string, unknown> };
    expect(Response.RequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(Response.Error).toBeUndefined();
  });

  it("answers errors as HTTP 200 JSON with Response.Error and RequestId", async () => {
    const answer = await sendRaw(emulator, "DescribeOrganization", '{"Nope":1}');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      Response: { Error: { Code: "UnknownParameter", Message: expect.stringContaining("Nope") }, RequestId: expect.any(String) },
    });
  });

  it("gives every answer its own RequestId", async () => {
    const a = await send(emulator, "DescribeOrganization", {});
    const b = await send(emulator, "DescribeOrganization", {});
    expect(a.response.RequestId).not.toBe(b.response.RequestId);
  });

  it("echoes X-TC-TraceId", async () => {
    const answer = await sendRaw(emulator, "DescribeOrganization", "{}", { headers: { "X-TC-TraceId": "trace-123" } });
    expect(answer.headers.get("x-tc-traceid")).toBe("trace-123");
  });
});

describe("request format", () => {
  it("answers UnsupportedProtocol for a Content-Type other than application/json", async () => {
    const error = await callError(emulator, "DescribeOrganization", {}, { contentType: "application/x-www-form-urlencoded" });
    expect(error.Code).toBe("UnsupportedProtocol");
    expect(error.Message).toContain("Content-Type");
  });

  it("answers UnsupportedProtocol for GET", async () => {
    const response = await fetch(`${emulator.url}/?Action=DescribeOrganization`);
    const body = (await response.json()) as { Response: { Error: { Code: string; Message: string } } };
    expect(response.status).toBe(200);
    expect(body.Response.Error.Code).toBe("UnsupportedProtocol");
    expect(body.Response.Error.Message).toContain("POST");
  });

  it("answers InvalidParameter for a body that is not JSON", async () => {
    const answer = await sendRaw(emulator, "DescribeOrganization", "{not json");
    expect((answer.json as { Response: { Error: { Code: string; Message: string } } }).Response.Error).toEqual({
      Code: "InvalidParameter",
      Message: expect.stringContaining("JSON"),
    });
  });

  it("answers InvalidParameter for a JSON body that is not an object", async () => {
    const answer = await sendRaw(emulator, "DescribeOrganization", "[1,2]");
    expect((answer.json as { Response: { Error: { Code: string } } }).Response.Error.Code).toBe("InvalidParameter");
  });

  it("answers RequestSizeLimitExceeded for a body over 10 MB", async () => {
    const big = `{"SearchKey":"${"x".repeat(MAX_BODY_BYTES)}"}`;
    const answer = await sendRaw(emulator, "DescribeOrganizationMembers", big);
    expect(answer.status).toBe(200);
    const error = (answer.json as { Response: { Error: { Code: string; Message: string } } }).Response.Error;
    expect(error.Code).toBe("RequestSizeLimitExceeded");
    expect(error.Message).toContain(String(MAX_BODY_BYTES));
  });

  it("answers 404 outside / and /__emulator/", async () => {
    const response = await fetch(`${emulator.url}/v2/anything`, { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
  });
});
