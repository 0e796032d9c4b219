/**
 * Process-wide pacing: calls to one action on one endpoint are spaced evenly at that action's documented rate, however
 * many clients the process holds (a `pulumi up` with 50 resources in parallel builds many). Each call reserves the next
 * free slot and waits for it, so a burst becomes a steady stream instead of a volley of RequestLimitExceeded.
 *
 * Limitations: it paces one process; two processes sharing one account can still exceed the limit together (the retry
 * policy absorbs that). A reserved slot is not given back if the caller then gives up.
 */

/**
 * Fraction of the documented rate actually used. Even spacing at exactly the limit leaves no room for network jitter
 * bunching two requests into the server's one-second window; 10 % headroom does, at a small cost in throughput.
 */
export const DEFAULT_RATE_HEADROOM = 0.9;

export interface PacerRuntime {
  /** Milliseconds. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** The server's window: "20 requests per second" counts the calls in any one second. */
const WINDOW_MS = 1000;

/**
 * One evenly spaced stream of slots, and a check of when calls really leave. A timer that fires late (a busy event
 * loop: a CI machine running many things, a provider process under load) would otherwise release every call whose slot
 * has passed at once, a volley the server throttles; so a call also waits until fewer than the window's share of calls
 * left in the last second, counted by when they left.
 */
export class Pacer {
  private nextSlot = Number.NEGATIVE_INFINITY;
  /** When the calls of the last window left, oldest first. */
  private readonly departures: number[] = [];
  readonly intervalMs: number;
  /** Calls allowed to leave in any one window: the rate with headroom, at least 1. */
  readonly perWindow: number;

  constructor(ratePerSecond: number, headroom = DEFAULT_RATE_HEADROOM) {
    if (!(ratePerSecond > 0) || !(headroom > 0 && headroom <= 1)) {
      throw new RangeError(`invalid pacing: ${ratePerSecond}/s at headroom ${headroom}`);
    }
    this.intervalMs = 1000 / (ratePerSecond * headroom);
    this.perWindow = Math.max(1, Math.floor((ratePerSecond * headroom * WINDOW_MS) / 1000));
  }

  /** Reserves the next slot and returns how long to wait for it (0 when the stream is idle). */
  reserve(now: number): number {
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    return slot - now;
  }

  /** Waits for the next slot, then until the last window has room; records the call as leaving then. */
  async acquire(runtime: PacerRuntime): Promise<void> {
    const wait = this.reserve(runtime.now());
    if (wait > 0) await runtime.sleep(wait);
    for (;;) {
      const now = runtime.now();
      while (this.departures.length > 0 && now - this.departures[0]! >= WINDOW_MS) this.departures.shift();
      if (this.departures.length < this.perWindow) {
        this.departures.push(now);
        return;
      }
      await runtime.sleep(WINDOW_MS - (now - this.departures[0]!));
    }
  }
}

/** The module-level registry: one pacer per endpoint host and action, shared by every client in the process. */
const pacers = new Map<string, Pacer>();

/**
 * The pacer for `action` on `host` at `ratePerSecond` (the action registry's, or a configured lower one): clients at
 * the same rate share one stream. The first caller's `headroom` sticks for the life of the process (or until
 * resetPacing()).
 */
export function pacerFor(host: string, action: string, ratePerSecond: number, headroom = DEFAULT_RATE_HEADROOM): Pacer {
  const key = `${host.toLowerCase()} ${action} ${ratePerSecond}`;
  let pacer = pacers.get(key);
  if (pacer === undefined) {
    pacer = new Pacer(ratePerSecond, headroom);
    pacers.set(key, pacer);
  }
  return pacer;
}

/** Forgets every pacer (tests that must not inherit another test's reservations). */
export function resetPacing(): void {
  pacers.clear();
}
