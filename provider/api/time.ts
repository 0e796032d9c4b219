/**
 * Times as the API writes them: `YYYY-MM-DD HH:mm:ss` in China Standard Time (UTC+8, no daylight saving), which is
 * what the real service returns. The emulator writes them, the provider reads them (a create's proof of ownership).
 */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

export const API_TIME_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export function formatApiTime(epochMs: number): string {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** Milliseconds since the epoch, or undefined for anything that is not an API time. */
export function parseApiTime(text: string | null | undefined): number | undefined {
  if (typeof text !== "string" || !API_TIME_PATTERN.test(text)) return undefined;
  const ms = Date.parse(`${text.replace(" ", "T")}Z`);
  return Number.isNaN(ms) ? undefined : ms - CHINA_OFFSET_MS;
}
