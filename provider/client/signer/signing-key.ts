import { KEY_PREFIX, TERMINATOR } from "./constants";
import { hmac } from "./hashing";

/** kDate = HMAC("TC3" + key, date); kService = HMAC(kDate, service); kSigning = HMAC(kService, "tc3_request"). */
export function signingKey(secretKey: string, date: string, service: string): Buffer {
  const kDate = hmac(KEY_PREFIX + secretKey, date);
  const kService = hmac(kDate, service);
  return hmac(kService, TERMINATOR);
}
