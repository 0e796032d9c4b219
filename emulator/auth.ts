/**
 * TC3-HMAC-SHA256 verification, using the client's signer (provider/client/signer) so both sides share one
 * implementation of the algorithm. Checks, in order: the Authorization header parses; the timestamp is within 300 s of
 * the emulator's clock; the SecretId is known; X-TC-Token matches the key pair's kind; the credential scope names
 * `organization` and the timestamp's UTC date; the signature over the exact raw body and the signed header values.
 *
 * The Host header is accepted with or without its port (the official SDK signs the hostname without the port and sends
 * the port). Only `SignedHeaders=content-type;host` is verified, the set every Tencent SDK signs; a request that signs
 * more headers is answered with AuthFailure.SignatureFailure.
 *
 * A read-only key pair is authentic like any other: what it may call is decided afterwards, by the dispatcher's check
 * of the key's policy (KeyPair.readOnly).
 */
import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { SERVICE } from "../provider/api";
import { SIGNED_HEADERS, computeSignature, parseAuthorization, utcDate } from "../provider/client/signer";
import type { Clock } from "./backend/time";
import {
  invalidAuthorization,
  secretIdNotFound,
  signatureExpire,
  signatureFailure,
  tokenFailure,
} from "./errors";

/** Largest accepted distance between X-TC-Timestamp and the server's clock, in seconds. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** A key pair the emulator accepts (start option, control hook). */
export const KeyPairSchema = z.strictObject({
  secretId: z.string().min(1),
  secretKey: z.string().min(1),
  /** Temporary (STS) credentials: requests must carry a non-empty X-TC-Token. */
  temporary: z.boolean().optional(),
  /**
   * A key whose CAM policy allows only the read actions (the actions of provider/api/actions.ts that do not write): a
   * write is answered AuthFailure.UnauthorizedOperation, as CAM answers an action the policy does not allow, and
   * changes nothing.
   */
  readOnly: z.boolean().optional(),
});
export type KeyPair = z.infer<typeof KeyPairSchema>;

export interface SignedRequest {
  authorization: string;
  /** Unix seconds from X-TC-Timestamp. */
  timestamp: number;
  contentType: string;
  /** The Host header as received (possibly with a port). */
  host: string;
  token: string | undefined;
  /** The exact body received. */
  body: string;
}

export class Authenticator {
  constructor(
    private keyPairs: readonly KeyPair[],
    private readonly clock: Clock,
  ) {}

  /** From now on, only these key pairs are accepted (a rotation: the old key revoked, the new one issued). */
  replaceKeyPairs(keyPairs: readonly KeyPair[]): void {
    if (keyPairs.length === 0) throw new Error("at least one key pair must be accepted");
    this.keyPairs = keyPairs.map((pair) => ({ ...pair }));
  }

  /** Throws the AuthFailure the API would answer; returns the key pair of an authentic request. */
  verify(request: SignedRequest): Readonly<KeyPair> {
    const auth = parseAuthorization(request.authorization);
    if (!auth) throw invalidAuthorization("expected `TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=content-type;host, Signature=<hex>`");

    const serverSeconds = Math.floor(this.clock() / 1000);
    if (Math.abs(serverSeconds - request.timestamp) > MAX_CLOCK_SKEW_SECONDS)
      throw signatureExpire(request.timestamp, serverSeconds);

    const keyPair = this.keyPairs.find((k) => k.secretId === auth.secretId);
    if (!keyPair) throw secretIdNotFound(auth.secretId);
    if (keyPair.temporary && !request.token) throw tokenFailure("is required with temporary credentials");
    if (!keyPair.temporary && request.token) throw tokenFailure("is only accepted with temporary credentials");

    if (auth.service !== SERVICE)
      throw signatureFailure(`the credential scope names service \`${auth.service}\`, expected \`${SERVICE}\``);
    const expectedDate = utcDate(request.timestamp);
    if (auth.date !== expectedDate)
      throw signatureFailure(`the credential scope date ${auth.date} is not X-TC-Timestamp's UTC date ${expectedDate}`);
    if (auth.signedHeaders.join(";") !== SIGNED_HEADERS.join(";"))
      throw signatureFailure(`SignedHeaders must be ${SIGNED_HEADERS.join(";")} (got ${auth.signedHeaders.join(";")})`);

    const signed = (host: string) =>
      computeSignature({
        secretId: keyPair.secretId,
        secretKey: keyPair.secretKey,
        service: auth.service,
        host,
        contentType: request.contentType,
        payload: request.body,
        timestamp: request.timestamp,
      });
    const hosts = [request.host, withoutPort(request.host)].filter((h, i, all) => all.indexOf(h) === i);
    if (!hosts.some((host) => sameHex(signed(host), auth.signature)))
      throw signatureFailure("recompute it over the exact body with the Host and Content-Type headers as sent");
    return keyPair;
  }
}

function withoutPort(host: string): string {
  // `[::1]:8080` → `[::1]`; `name:8080` → `name`; a bare IPv6 literal has no port to strip.
  const match = /^(\[[^\]]+\]|[^:]+):\d+$/.exec(host);
  return match ? match[1]! : host;
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}
