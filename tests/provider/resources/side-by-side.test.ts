/** Independent writes side by side: at most `limit` at once, and a failure stops what has not started. */
import { sideBySide } from "../../../provider/resources/side-by-side";

/** Work that ends when the test says so, recording how many run at once. */
function controlled() {
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  const started: number[] = [];
  let running = 0;
  let most = 0;
  const work = (item: number) =>
    new Promise<void>((resolve, reject) => {
      started.push(item);
      most = Math.max(most, ++running);
      pending.set(item, {
        resolve: () => {
          running--;
          resolve();
        },
        reject: (error) => {
          running--;
          reject(error);
        },
      });
    });
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  return { pending, started, work, most: () => most, tick };
}

describe("sideBySide", () => {
  it("runs every item, in order, at most `limit` at once", async () => {
    const c = controlled();
    const done = sideBySide([1, 2, 3, 4, 5], 2, c.work);
    await c.tick();
    expect(c.started).toEqual([1, 2]);
    for (const item of [1, 2, 3, 4, 5]) {
      await c.tick();
      c.pending.get(item)!.resolve();
    }
    await done;
    expect(c.started).toEqual([1, 2, 3, 4, 5]);
    expect(c.most()).toBe(2);
  });

  it("after a failure starts nothing more, lets the items in flight finish, then throws that failure", async () => {
    const c = controlled();
    let settled = false;
    const done = sideBySide([1, 2, 3, 4], 2, c.work).finally(() => {
      settled = true;
    });
    await c.tick();
    c.pending.get(1)!.reject(new Error("refused"));
    await c.tick();
    // Item 2 is still in flight: the failure waits for it.
    expect(settled).toBe(false);
    c.pending.get(2)!.resolve();
    await expect(done).rejects.toThrow("refused");
    expect(c.started).toEqual([1, 2]);
  });

  it("does nothing for no items", async () => {
    const c = controlled();
    await sideBySide([], 5, c.work);
    expect(c.started).toEqual([]);
  });
});
