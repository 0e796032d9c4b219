/**
 * Batching of concurrent reads, DataLoader style: requests that arrive within a short window become one fetch;
 * requests that arrive while a fetch is in flight wait for the next one, which starts when it ends (so a slow fetch
 * gathers the next batch instead of racing it). The coalescer keeps nothing once a fetch has answered its batch; what
 * a fetch may answer from listings made earlier in the operation is the fetch's own rule (./shared-reads).
 *
 * A failure belongs to the read it happened to. A fetch answers a key it could not read with a FailedRead, which fails
 * that key's callers alone; when a fetch fails as a whole (a listing the batch shared), each key of the batch is read
 * again on its own, so an unrelated read fails only if its own read fails too. Limitation: only batches of at most
 * MAX_READ_ALONE keys are read again so; a larger one fails as a whole, since during an outage reading a thousand
 * keys one by one (each with its retries) would only delay the failure by minutes.
 */

/**
 * How long a batch stays open after its latest request (milliseconds): QUIET_MS, or while requests keep arriving as a
 * stream (the engine at a raised `--parallel` sends them tens of milliseconds apart), twice the longest gap seen in
 * the batch, up to MAX_QUIET_MS; and at most MAX_WAIT_MS after its first request.
 */
export const QUIET_MS = 25;
export const MAX_QUIET_MS = 200;
export const MAX_WAIT_MS = 2000;
/** The largest batch whose keys are read again one by one when the batch's fetch fails as a whole. */
export const MAX_READ_ALONE = 50;

/** A key of a batch that its fetch could not read: only that key's callers see `error`. */
export class FailedRead {
  constructor(readonly error: unknown) {}
}

/** `promise`'s value, or its failure as a FailedRead. */
export const settled = <T>(promise: Promise<T>): Promise<T | FailedRead> => promise.catch((error: unknown) => new FailedRead(error));

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
   * as V, which callers type as "not found", and a key it answers with a FailedRead fails.
   */
  constructor(
    private readonly fetch: (keys: K[]) => Promise<Map<string, V | FailedRead>>,
    private readonly id: (key: K) => string,
    /**
     * The answer the fetch would give from what it already holds, without a call, if any: such a read is answered at
     * once instead of waiting out a batch's window (a refresh whose reads are shared would otherwise wait ~25 ms per
     * read, at `--parallel` reads at a time).
     */
    private readonly held: (key: K) => { value: V } | undefined = () => undefined,
  ) {}

  load(key: K): Promise<V> {
    const known = this.held(key);
    if (known !== undefined) return Promise.resolve(known.value);
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
    const entries = [...batch.values()];
    this.#answer(entries)
      .catch(async (error: unknown) => {
        // A read the batch shared failed: each key is read again on its own, so that it fails only on its own read.
        if (entries.length === 1 || entries.length > MAX_READ_ALONE) return this.#fail(entries, error);
        await Promise.all(entries.map((entry) => this.#answer([entry]).catch((own: unknown) => this.#fail([entry], own))));
      })
      .finally(() => {
        this.#fetching = false;
        this.#schedule();
      });
  }

  /** Fetches the entries' keys and settles their waiters; rejects, settling nobody, when the fetch fails as a whole. */
  async #answer(entries: Array<{ key: K; waiters: Array<Waiter<V>> }>): Promise<void> {
    const results = await this.#fetchNow(entries.map((entry) => entry.key));
    for (const entry of entries) {
      const result = results.get(this.id(entry.key));
      for (const waiter of entry.waiters) {
        if (result instanceof FailedRead) waiter.reject(result.error);
        else waiter.resolve(result as V);
      }
    }
  }

  #fail(entries: Array<{ waiters: Array<Waiter<V>> }>, error: unknown): void {
    for (const entry of entries) for (const waiter of entry.waiters) waiter.reject(error);
  }

  /** `fetch`, with a synchronous throw as a rejection. */
  async #fetchNow(keys: K[]): Promise<Map<string, V | FailedRead>> {
    return this.fetch(keys);
  }
}
