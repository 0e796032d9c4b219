/**
 * The TC3-HMAC-SHA256 signer, against (1) Tencent's published vector, reproduced exactly, step by step, and (2) the
 * official Node SDK's signer on generated requests (seeded, so every run checks the same 200 cases).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Sign from "tencentcloud-sdk-nodejs/tencentcloud/common/sign";
import {
  authorizationHeader,
  canonicalRequest,
  computeSignature,
  parseAuthorization,
  sha256Hex,
  utcDate,
  type SigningInput,
} from "../../../../provider/client/signer";
import { ALNUM, Generator, mulberry32, UNICODE_TEXT } from "../helpers/prng";

interface PublishedVector extends SigningInput {
  name: string;
  source: string;
  expected: { date: string; payloadHash: string; hashedCanonicalRequest: string; signature: string; authorization: string };
}
const vectors = JSON.parse(
  readFileSync(join(__dirname, "fixtures", "published-vectors.json"), "utf8"),
) as PublishedVector[];

describe.each(vectors.map((vector) => [vector.name, vector] as const))("published vector: %s", (_name, vector) => {
  const input: SigningInput = vector;

  it("hashes the payload", () => {
    expect(sha256Hex(vector.payload)).toBe(vector.expected.payloadHash);
  });

  it("hashes the canonical request", () => {
    expect(sha256Hex(canonicalRequest(input))).toBe(vector.expected.hashedCanonicalRequest);
  });

  it("takes the UTC date of the timestamp", () => {
    expect(utcDate(vector.timestamp)).toBe(vector.expected.date);
  });

  it("computes the signature", () => {
    expect(computeSignature(input)).toBe(vector.expected.signature);
  });

  it("builds the Authorization header, which parses back", () => {
    const header = authorizationHeader(input);
    expect(header).toBe(vector.expected.authorization);
    expect(parseAuthorization(header)).toEqual({
      algorithm: "TC3-HMAC-SHA256",
      secretId: vector.secretId,
      date: vector.expected.date,
      service: vector.service,
      signedHeaders: ["content-type", "host"],
      signature: vector.expected.signature,
    });
  });
});

describe("utcDate", () => {
  it.each([
    [0, "1970-01-01"],
    [86_399, "1970-01-01"],
    [86_400, "1970-01-02"],
    [1_709_251_199, "2024-02-29"], // 23:59:59 UTC on a leap day
    [1_709_251_200, "2024-03-01"],
  ])("timestamp %d is %s", (timestamp, date) => {
    expect(utcDate(timestamp)).toBe(date);
  });
});

describe("parseAuthorization", () => {
  it.each([
    ["empty", ""],
    ["another algorithm", "TC3-HMAC-SHA1 Credential=a/2019-02-25/cvm/tc3_request, SignedHeaders=host, Signature=" + "0".repeat(64)],
    ["a wrong terminator", "TC3-HMAC-SHA256 Credential=a/2019-02-25/cvm/tc4_request, SignedHeaders=host, Signature=" + "0".repeat(64)],
    ["a short signature", "TC3-HMAC-SHA256 Credential=a/2019-02-25/cvm/tc3_request, SignedHeaders=host, Signature=abc"],
  ])("rejects %s", (_name, header) => {
    expect(parseAuthorization(header)).toBeUndefined();
  });
});

/** One generated request, and how the SDK is asked to sign it. */
interface GeneratedCase {
  input: SigningInput;
  sdkPayload: Buffer | Record<string, unknown>;
}

function generateCase(gen: Generator, index: number): GeneratedCase {
  // Hostnames: the SDK signs URL.hostname, which is lowercased; mixed case checks we lowercase the same way.
  const labels = Array.from({ length: gen.int(1, 4) }, () => gen.string("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789", 1, 12));
  const service = gen.string("abcdefghijklmnopqrstuvwxyz", 2, 14);
  const host = [service, ...labels, gen.pick(["com", "cn", "tencentcloudapi.com"])].join(".");
  const body: Record<string, unknown> = {
    Offset: gen.int(0, 10) * 50,
    Limit: gen.int(1, 50),
    Name: gen.string(UNICODE_TEXT, 0, 40),
    MemberUins: Array.from({ length: gen.int(0, 10) }, () => gen.int(1, 2 ** 40)),
    Nested: { Description: gen.string(UNICODE_TEXT, 0, 200), Flag: gen.random() < 0.5, Nothing: null },
  };
  if (index % 7 === 0) body.Empty = "";
  const payload = index % 11 === 0 ? "" : JSON.stringify(body);
  const input: SigningInput = {
    secretId: gen.string(ALNUM, 8, 40),
    // Secret keys may hold any printable ASCII.
    secretKey: gen.string(`${ALNUM}+/=_-!@#$%^&*()`, 1, 48),
    service,
    host,
    contentType: gen.pick(["application/json", "application/json; charset=utf-8"]),
    payload,
    timestamp: gen.int(0, 4_102_444_800), // 1970..2100
  };
  // Half the cases give the SDK the exact bytes; the other half its own JSON serialization of the same object (which
  // must then equal ours), except the empty body, which only the bytes path can express.
  const sdkPayload = index % 2 === 0 || payload === "" ? Buffer.from(payload, "utf8") : body;
  return { input, sdkPayload };
}

function sdkAuthorization({ input, sdkPayload }: GeneratedCase): string {
  return Sign.sign3({
    method: "POST",
    url: `https://${input.host}/`,
    payload: sdkPayload,
    timestamp: input.timestamp,
    service: input.service,
    secretId: input.secretId,
    secretKey: input.secretKey,
    multipart: false,
    boundary: "",
    headers: { "Content-Type": input.contentType },
  });
}

describe("agreement with the official SDK's signer (tencentcloud-sdk-nodejs Sign.sign3)", () => {
  const gen = new Generator(mulberry32(0x7c3a_2021));
  const cases = Array.from({ length: 200 }, (_, index) => generateCase(gen, index));

  it("generates varied cases (unicode bodies, empty bodies, both content types)", () => {
    expect(cases.some((c) => /[^\x00-\x7f]/.test(c.input.payload))).toBe(true);
    expect(cases.some((c) => c.input.payload === "")).toBe(true);
    expect(new Set(cases.map((c) => c.input.contentType)).size).toBe(2);
    expect(new Set(cases.map((c) => utcDate(c.input.timestamp))).size).toBeGreaterThan(150);
  });

  it.each(cases.map((c, index) => [index, c] as const))("case %d signs as the SDK does", (_index, generated) => {
    expect(authorizationHeader(generated.input)).toBe(sdkAuthorization(generated));
  });

  it("signs the bytes that are sent: a body differing only in escaping signs differently", () => {
    const base = cases[1]!.input;
    const escaped = { ...base, payload: '{"Name":"\\u672a"}' };
    const literal = { ...base, payload: '{"Name":"未"}' };
    expect(computeSignature(escaped)).not.toBe(computeSignature(literal));
    expect(sha256Hex(literal.payload)).toBe(createHash("sha256").update(Buffer.from(literal.payload, "utf8")).digest("hex"));
  });
});
