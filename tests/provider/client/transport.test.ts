/** The transport on its own: one POST, every failure mapped to a kind. */
import { TransportError } from "../../../provider/client";
import { classifyTransportFailure, closeSharedAgent, getSharedAgent, post } from "../../../provider/client/transport";
import { startStubServer, type StubServer } from "./helpers/stub-server";

let stub: StubServer;
beforeAll(async () => {
  stub = await startStubServer();
});
afterAll(async () => {
  await stub.stop();
  await closeSharedAgent();
});

const send = (timeoutMs = 2_000) => post(`${stub.url}/`, { "content-type": "application/json" }, "{}", { action: "Probe", timeoutMs });

describe("classifyTransportFailure", () => {
  it.each([
    ["UND_ERR_SOCKET", "reset"],
    ["ECONNRESET", "reset"],
    ["EPIPE", "reset"],
    ["UND_ERR_HEADERS_TIMEOUT", "timeout"],
    ["UND_ERR_BODY_TIMEOUT", "timeout"],
    ["ECONNREFUSED", "connect"],
    ["UND_ERR_CONNECT_TIMEOUT", "connect"],
    ["ENOTFOUND", "connect"],
    ["UND_ERR_INVALID_ARG", "invalid-request"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "invalid-request"],
    ["SOMETHING_ELSE", undefined],
  ])("%s → %s", (code, kind) => {
    expect(classifyTransportFailure(Object.assign(new Error(code), { code }))).toBe(kind);
  });

  it("reads the first error of an AggregateError (happy eyeballs)", () => {
    const aggregate = new AggregateError([Object.assign(new Error("refused"), { code: "ECONNREFUSED" })], "all failed");
    expect(classifyTransportFailure(aggregate)).toBe("connect");
  });
});

describe("post", () => {
  it("returns the parsed JSON of a 200", async () => {
    stub.script({ kind: "json", body: { Response: { RequestId: "r" } } });
    await expect(send()).resolves.toEqual({ status: 200, body: { Response: { RequestId: "r" } } });
  });

  it.each([
    ["a reset", { kind: "reset" } as const, "reset"],
    ["HTTP 503", { kind: "raw", status: 503, body: "busy" } as const, "http-status"],
    ["a non-JSON 200", { kind: "raw", body: "<html>" } as const, "bad-response"],
  ])("maps %s to kind %s", async (_name, answer, kind) => {
    stub.script(answer);
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind, action: "Probe" });
  });

  it("maps a slow answer to timeout", async () => {
    stub.script({ kind: "hang", ms: 1_000 });
    await expect(send(100)).rejects.toMatchObject({ kind: "timeout" });
  });

  it("reuses one shared keep-alive agent", () => {
    expect(getSharedAgent()).toBe(getSharedAgent());
  });
});
