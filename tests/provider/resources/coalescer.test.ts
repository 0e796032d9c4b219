/**
 * Unit tests of the read coalescer: batching, that a read is answered only by a fetch that started after it (or at once
 * from what the fetch already holds, when its owner says so), and that a failure fails only the read it belongs to.
 */
import { Coalescer, FailedRead, MAX_READ_ALONE } from "../../../provider/resources/coalescer";

/** A fetch whose calls the test settles by hand; each answer says which fetch (1, 2, ...) produced it. */
function controlledFetch() {
  const calls: Array<{ keys: number[]; settle: (error?: Error) => void }> = [];
  const fetch = (keys: number[]) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      const n = calls.length + 1;
      calls.push({ keys, settle: (error) => (error ? reject(error) : resolve(new Map(keys.map((k) => [String(k), `fetch ${n}: ${k}`])))) });
    });
  return { calls, fetch };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
};

describe("Coalescer", () => {
  it("answers a key its owner already holds at once, without a fetch; the others are fetched", async () => {
    const { calls, fetch } = controlledFetch();
    const loader = new Coalescer<number, string>(fetch, String, (key) => (key === 1 ? { value: "held: 1" } : undefined));
    expect(await loader.load(1)).toBe("held: 1");
    const other = loader.load(2);
    await until(() => calls.length === 1);
    expect(calls[0]!.keys).toEqual([2]);
    calls[0]!.settle();
    expect(await other).toBe("fetch 1: 2");
  });

  it("answers keys that arrive together with one fetch of the distinct keys", async () => {
    const { calls, fetch } = controlledFetch();
    const loader = new Coalescer<number, string>(fetch, String);
    const answers = Promise.all([loader.load(1), loader.load(2), loader.load(1)]);
    await until(() => calls.length === 1);
    expect(calls[0]!.keys).toEqual([1, 2]);
    calls[0]!.settle();
    expect(await answers).toEqual(["fetch 1: 1", "fetch 1: 2", "fetch 1: 1"]);
  });

  it("never answers a read with a fetch that began before it: it waits for the next fetch", async () => {
    const { calls, fetch } = controlledFetch();
    const loader = new Coalescer<number, string>(fetch, String);
    const early = loader.load(1);
    await until(() => calls.length === 1);
    // Arrives while fetch 1 (which includes key 1) is in flight.
    const late = loader.load(1);
    const other = loader.load(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toHaveLength(1);
    calls[0]!.settle();
    expect(await early).toBe("fetch 1: 1");
    await until(() => calls.length === 2);
    expect(calls[1]!.keys).toEqual([1, 2]);
    calls[1]!.settle();
    expect(await late).toBe("fetch 2: 1");
    expect(await other).toBe("fetch 2: 2");
  });

  it("fails the reads of a failed fetch, and the next batch fetches again", async () => {
    const { calls, fetch } = controlledFetch();
    const loader = new Coalescer<number, string>(fetch, String);
    const failing = loader.load(1);
    await until(() => calls.length === 1);
    calls[0]!.settle(new Error("listing failed"));
    await expect(failing).rejects.toThrow("listing failed");
    const retried = loader.load(1);
    await until(() => calls.length === 2);
    calls[1]!.settle();
    expect(await retried).toBe("fetch 2: 1");
  });

  it("fails only the key that its fetch answers with a FailedRead; the others of the batch are answered", async () => {
    const fetch = async (keys: number[]) => new Map(keys.map((k): [string, string | FailedRead] => [String(k), k === 2 ? new FailedRead(new Error("lookup of 2 failed")) : `read ${k}`]));
    const loader = new Coalescer<number, string>(fetch, String);
    const [one, two, three] = await Promise.allSettled([loader.load(1), loader.load(2), loader.load(3)]);
    expect(one).toEqual({ status: "fulfilled", value: "read 1" });
    expect(two).toMatchObject({ status: "rejected", reason: new Error("lookup of 2 failed") });
    expect(three).toEqual({ status: "fulfilled", value: "read 3" });
  });

  it("when a fetch fails as a whole, reads each key again on its own: only a key whose own read fails fails", async () => {
    const batches: number[][] = [];
    const fetch = async (keys: number[]) => {
      batches.push(keys);
      if (keys.length > 1) throw new Error("the shared listing failed");
      if (keys[0] === 2) throw new Error("lookup of 2 failed");
      return new Map([[String(keys[0]), `alone ${keys[0]}`]]);
    };
    const loader = new Coalescer<number, string>(fetch, String);
    const [one, two, three] = await Promise.allSettled([loader.load(1), loader.load(2), loader.load(3)]);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(one).toEqual({ status: "fulfilled", value: "alone 1" });
    expect(two).toMatchObject({ status: "rejected", reason: new Error("lookup of 2 failed") });
    expect(three).toEqual({ status: "fulfilled", value: "alone 3" });
  });

  it("fails a batch larger than MAX_READ_ALONE as a whole, rather than reading every key alone", async () => {
    const batches: number[][] = [];
    const fetch = async (keys: number[]): Promise<Map<string, string>> => {
      batches.push(keys);
      throw new Error("the shared listing failed");
    };
    const loader = new Coalescer<number, string>(fetch, String);
    const keys = Array.from({ length: MAX_READ_ALONE + 1 }, (_, i) => i);
    const results = await Promise.allSettled(keys.map((k) => loader.load(k)));
    expect(batches).toEqual([keys]);
    expect(results.every((r) => r.status === "rejected")).toBe(true);
  });

  it("reads arriving while a failed batch is read again key by key wait for the next fetch", async () => {
    const { calls, fetch } = controlledFetch();
    const loader = new Coalescer<number, string>(fetch, String);
    const first = Promise.allSettled([loader.load(1), loader.load(2)]);
    await until(() => calls.length === 1);
    calls[0]!.settle(new Error("shared listing failed"));
    await until(() => calls.length === 3);
    const late = loader.load(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toHaveLength(3);
    calls[1]!.settle();
    calls[2]!.settle();
    expect(await first).toEqual([
      { status: "fulfilled", value: "fetch 2: 1" },
      { status: "fulfilled", value: "fetch 3: 2" },
    ]);
    await until(() => calls.length === 4);
    calls[3]!.settle();
    expect(await late).toBe("fetch 4: 1");
  });
});
