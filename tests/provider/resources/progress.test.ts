/** Progress lines: none in the first seconds, then at most one per interval, counting what is done. */
import { PROGRESS_AFTER_MS, PROGRESS_EVERY_MS, progress } from "../../../provider/resources/progress";

describe("progress", () => {
  it("stays quiet at first, then prints at most one line per interval with the running count", () => {
    let time = 1_000_000;
    const lines: string[] = [];
    const tracker = progress("MemberAuthIdentity x: authorizing 5,000 pairs", (line) => lines.push(line), () => time);
    const step = (ms: number, n: number) => {
      time += ms;
      tracker.advance(n);
    };
    step(1_000, 50);
    step(PROGRESS_AFTER_MS - 1_000 - 1, 50);
    expect(lines).toEqual([]);
    step(1, 50);
    expect(lines).toEqual(["MemberAuthIdentity x: authorizing 5,000 pairs: 150 done"]);
    step(PROGRESS_EVERY_MS - 1, 1_000);
    expect(lines).toHaveLength(1);
    step(1, 50);
    expect(lines).toEqual(["MemberAuthIdentity x: authorizing 5,000 pairs: 150 done", "MemberAuthIdentity x: authorizing 5,000 pairs: 1,200 done"]);
  });
});
