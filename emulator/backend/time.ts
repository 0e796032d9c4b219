/**
 * Times as the API writes them: `YYYY-MM-DD HH:mm:ss` in China Standard Time (UTC+8, no daylight saving), which is
 * what the real service returns. The clock is injected (milliseconds since the epoch, like Date.now).
 */
export type Clock = () => number;

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

export const API_TIME_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export function formatApiTime(epochMs: number): string {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}
