/**
 * Per-action limits at the documented rate (actions[A].ratePerSecond): at most `rate` calls of an action in any
 * 1-second window, as "20 requests per second" reads. Runs on the emulator's injectable clock, so tests are
 * deterministic. Only the per-action limit is modelled, not the per-UIN or per-IP ones.
 */
import { type ActionName, actions } from "../provider/api";
import type { Clock } from "./backend/time";

const WINDOW_MS = 1000;

export class RateLimiter {
  /** Times (ms) of the calls each action accepted within the last window, oldest first. */
  private readonly accepted = new Map<ActionName, number[]>();

  constructor(
    private readonly clock: Clock,
    public enabled = true,
  ) {}

  /** Counts a call of the action; false when the action is over its rate. */
  take(action: ActionName): boolean {
    if (!this.enabled) return true;
    const now = this.clock();
    const recent = (this.accepted.get(action) ?? []).filter((time) => now - time < WINDOW_MS);
    const allowed = recent.length < actions[action].ratePerSecond;
    if (allowed) recent.push(now);
    this.accepted.set(action, recent);
    return allowed;
  }

  reset(): void {
    this.accepted.clear();
  }
}
