/**
 * Per-action token buckets at the documented rate (actions[A].ratePerSecond), capacity equal to the rate: a burst of
 * `rate` calls passes, then one more every 1/rate seconds. Runs on the emulator's injectable clock, so a frozen clock
 * never refills (deterministic tests). Only the per-action limit is modelled, not the per-UIN or per-IP ones.
 */
import { type ActionName, actions } from "../provider/api";
import type { Clock } from "./backend/time";

interface Bucket {
  tokens: number;
  refilledAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<ActionName, Bucket>();

  constructor(
    private readonly clock: Clock,
    public enabled = true,
  ) {}

  /** Takes a token for the action; false when the action is over its rate. */
  take(action: ActionName): boolean {
    if (!this.enabled) return true;
    const rate = actions[action].ratePerSecond;
    const now = this.clock();
    const bucket = this.buckets.get(action) ?? { tokens: rate, refilledAt: now };
    const elapsedSeconds = Math.max(0, now - bucket.refilledAt) / 1000;
    bucket.tokens = Math.min(rate, bucket.tokens + elapsedSeconds * rate);
    bucket.refilledAt = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(action, bucket);
    return allowed;
  }

  reset(): void {
    this.buckets.clear();
  }
}
