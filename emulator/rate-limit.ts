/**
 * Per-action limits at the documented rate (actions[A].ratePerSecond): at most `rate` calls of an action in any
 * 1-second window, as "20 requests per second" reads. Runs on the emulator's injectable clock, so tests are
 * deterministic. Only the per-action limit is modelled, not the per-UIN or per-IP ones.
 *
 * `ratesPerSecond` lowers (or raises) an action's rate: an account whose other pipelines use part of the limit looks,
 * to one client, like an organization with a lower one, and a test needs that to be certain rather than timing-bound.
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
    private readonly ratesPerSecond: Partial<Record<ActionName, number>> = {},
  ) {
    for (const [action, rate] of Object.entries(ratesPerSecond))
      if (!(action in actions) || !Number.isInteger(rate) || rate < 1)
        throw new Error(`ratesPerSecond.${action}: name an Organization action and a whole number of calls per second from 1`);
  }

  /** Counts a call of the action; false when the action is over its rate. */
  take(action: ActionName): boolean {
    if (!this.enabled) return true;
    const now = this.clock();
    const recent = (this.accepted.get(action) ?? []).filter((time) => now - time < WINDOW_MS);
    const allowed = recent.length < this.rateOf(action);
    if (allowed) recent.push(now);
    this.accepted.set(action, recent);
    return allowed;
  }

  /** The calls per second the action accepts: the documented rate unless ratesPerSecond says otherwise. */
  rateOf(action: ActionName): number {
    return this.ratesPerSecond[action] ?? actions[action].ratePerSecond;
  }

  reset(): void {
    this.accepted.clear();
  }
}
