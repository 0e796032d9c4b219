/**
 * Batching of concurrent reads, DataLoader style, with one rule that keeps drift detection exact: a request is answered
 * only by a fetch that starts after it arrived. Requests that arrive within a short window become one fetch; requests
 * that arrive while a fetch is in flight wait for the next one, which starts when it ends (so a slow fetch gathers the
 * next batch instead of racing it). Nothing is kept once a fetch has answered its batch: there is no cache to go stale,
 * so a read after a write always sees the write, and a change made outside between two reads is always seen.
 */

/**
 * How long a batch stays open after its latest request (milliseconds): QUIET_MS, or while requests keep arriving as a
 * stream (the engine at a raised `--parallel` sends them tens of milliseconds apart), twice the longest gap seen in
 * the batch, up to MAX_QUIET_MS; and at most MAX_WAIT_MS after its first request.
 */
export const QUIET_MS = 25;
export const MAX_QUIET_MS = 200;
export const MAX_WAIT_MS = 2000;

interface Waiter<V> {
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
}

export class Coalescer<K, V> {
  #open = new Map<string, { key: K; waiters: Array<Waiter<V>> }>();
  #timer: NodeJS.Timeout | undefined;
  #openedAt = 0;
  #lastAt = 0;
  #longestGap = 0;
  #fetching = false;

  /**
   * `fetch` answers every key of a batch (keys are distinct by `id`); a key it leaves out is answered with undefined
   * as V, which callers type as "not found".
   */
  constructor(
    private readonly fetch: (keys: K[]) => Promise<Map<string, V>>,
    private readonly id: (key: K) => string,
  ) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const id = this.id(key);
      const entry = this.#open.get(id);
      if (entry) entry.waiters.push({ resolve, reject });
      else this.#open.set(id, { key, waiters: [{ resolve, reject }] });
      const now = Date.now();
      if (this.#open.size > 1) this.#longestGap = Math.max(this.#longestGap, now - this.#lastAt);
      this.#lastAt = now;
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#fetching || this.#open.size === 0) return;
    const now = Date.now();
    if (this.#timer === undefined) this.#openedAt = now;
    else clearTimeout(this.#timer);
    const quiet = Math.min(MAX_QUIET_MS, Math.max(QUIET_MS, 2 * this.#longestGap));
    const wait = Math.max(0, Math.min(quiet, this.#openedAt + MAX_WAIT_MS - now));
    this.#timer = setTimeout(() => this.#dispatch(), wait);
  }

  #dispatch(): void {
    this.#timer = undefined;
    const batch = this.#open;
    this.#open = new Map();
    this.#longestGap = 0;
    this.#fetching = true;
    let answered: Promise<Map<string, V>>;
    try {
      answered = this.fetch([...batch.values()].map((entry) => entry.key));
    } catch (error) {
      answered = Promise.reject(error);
    }
    answered
      .then(
        (results) => {
          for (const [id, entry] of batch) for (const waiter of entry.waiters) waiter.resolve(results.get(id) as V);
        },
        (error: unknown) => {
          for (const entry of batch.values()) for (const waiter of entry.waiters) waiter.reject(error);
        },
      )
      .finally(() => {
        this.#fetching = false;
        this.#schedule();
      });
  }
}
