/** The heap bound: once the heap grows past the slack, the process collects its garbage. */
import * as v8 from "node:v8";
import { boundHeap } from "../../../provider/resources/heap-bound";

const heapUsed = () => v8.getHeapStatistics().used_heap_size;

describe("boundHeap", () => {
  it("collects garbage once the heap has grown by the slack", async () => {
    const collect = boundHeap(8 * 1024 * 1024, 10);
    collect();
    const before = heapUsed();
    // Garbage: 64 MB of short-lived arrays, none of them kept.
    let keep = 0;
    for (let i = 0; i < 64; i++) keep += new Array(128 * 1024).fill(i).length;
    expect(keep).toBe(64 * 128 * 1024);
    // The check runs on its interval; a few of them pass.
    for (let i = 0; i < 20 && heapUsed() > before + 16 * 1024 * 1024; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heapUsed()).toBeLessThan(before + 16 * 1024 * 1024);
  });
});
