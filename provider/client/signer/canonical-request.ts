import { CANONICAL_URI, METHOD, SIGNED_HEADERS } from "./constants";
import { sha256Hex } from "./hashing";

export interface CanonicalRequestInput {
  contentType: string;
  host: string;
  /** The exact body bytes that are sent. */
  payload: string;
}

/** Header values are trimmed and names lowercased; the set is fixed and already sorted. */
export function canonicalHeaders(input: Pick<CanonicalRequestInput, "contentType" | "host">): string {
  const values: Record<(typeof SIGNED_HEADERS)[number], string> = {
    "content-type": input.contentType.trim().toLowerCase(),
    host: input.host.trim().toLowerCase(),
  };
  return SIGNED_HEADERS.map((name) => `${name}:${values[name]}\n`).join("");
}

export function canonicalRequest(input: CanonicalRequestInput): string {
  return [
    METHOD,
    CANONICAL_URI,
    "", // POST: no canonical query string
    canonicalHeaders(input),
    SIGNED_HEADERS.join(";"),
    sha256Hex(input.payload),
  ].join("\n");
}
