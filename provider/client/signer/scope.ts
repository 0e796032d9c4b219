import { TERMINATOR } from "./constants";

/** The UTC calendar date of a Unix timestamp (seconds), as the credential scope uses it. */
export function utcDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function credentialScope(timestamp: number, service: string): string {
  return `${utcDate(timestamp)}/${service}/${TERMINATOR}`;
}
