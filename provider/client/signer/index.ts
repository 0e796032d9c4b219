/**
 * TC3-HMAC-SHA256 request signing (Tencent Cloud API 3.0), for POST requests signing content-type and host.
 * Pure functions: the caller supplies the timestamp, so signing is deterministic and testable.
 */
import { canonicalRequest } from "./canonical-request";
import { ALGORITHM, SIGNED_HEADERS, TERMINATOR } from "./constants";
import { hmac } from "./hashing";
import { credentialScope, utcDate } from "./scope";
import { signingKey } from "./signing-key";
import { stringToSign } from "./string-to-sign";

export { canonicalRequest, canonicalHeaders } from "./canonical-request";
export { stringToSign } from "./string-to-sign";
export { signingKey } from "./signing-key";
export { credentialScope, utcDate } from "./scope";
export { sha256Hex } from "./hashing";
export { ALGORITHM, SIGNED_HEADERS } from "./constants";

export interface SigningInput {
  secretId: string;
  secretKey: string;
  /** The credential scope's service, e.g. `organization`. */
  service: string;
  /** The host as signed (the official SDK signs the hostname without a port). */
  host: string;
  contentType: string;
  /** The exact body that is sent. */
  payload: string;
  /** Unix seconds. */
  timestamp: number;
}

export function computeSignature(input: SigningInput): string {
  const toSign = stringToSign(canonicalRequest(input), input.timestamp, input.service);
  return hmac(signingKey(input.secretKey, utcDate(input.timestamp), input.service), toSign).toString("hex");
}

export function authorizationHeader(input: SigningInput): string {
  return (
    `${ALGORITHM} Credential=${input.secretId}/${credentialScope(input.timestamp, input.service)}, ` +
    `SignedHeaders=${SIGNED_HEADERS.join(";")}, Signature=${computeSignature(input)}`
  );
}

export interface ParsedAuthorization {
  algorithm: string;
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION_PATTERN =
  /^(\S+) Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s,]+)\/([^/\s,]+),\s*SignedHeaders=([a-z0-9\-;]+),\s*Signature=([0-9a-f]{64})$/;

/** Parses an Authorization header; undefined when it is not of the TC3 form. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const match = AUTHORIZATION_PATTERN.exec(header.trim());
  if (!match) return undefined;
  const [, algorithm, secretId, date, service, terminator, signedHeaders, signature] = match as unknown as string[];
  if (algorithm !== ALGORITHM || terminator !== TERMINATOR) return undefined;
  return {
    algorithm: algorithm!,
    secretId: secretId!,
    date: date!,
    service: service!,
    signedHeaders: signedHeaders!.split(";"),
    signature: signature!,
  };
}
