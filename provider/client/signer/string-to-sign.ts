import { ALGORITHM } from "./constants";
import { sha256Hex } from "./hashing";
import { credentialScope } from "./scope";

export function stringToSign(canonicalRequest: string, timestamp: number, service: string): string {
  return [ALGORITHM, String(timestamp), credentialScope(timestamp, service), sha256Hex(canonicalRequest)].join("\n");
}
