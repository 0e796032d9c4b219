export const ALGORITHM = "TC3-HMAC-SHA256";
export const TERMINATOR = "tc3_request";
export const KEY_PREFIX = "TC3";
/** Only POST is used: its canonical query string is empty. */
export const METHOD = "POST";
export const CANONICAL_URI = "/";
/** The headers this client signs; Tencent accepts more x-tc-* headers, which we do not need. */
export const SIGNED_HEADERS = ["content-type", "host"] as const;
