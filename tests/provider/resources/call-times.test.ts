/** Call times for the bench: a line per call when TENCENTCLOUD_ORGANIZATION_CALL_TIMES names a file, nothing otherwise. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { timed } from "../../../provider/resources/call-times";

describe("timed", () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "call-times-")), "times");
  afterEach(() => delete process.env.TENCENTCLOUD_ORGANIZATION_CALL_TIMES);

  it("appends `what start end` for each call, failed ones too, and returns the call's outcome", async () => {
    process.env.TENCENTCLOUD_ORGANIZATION_CALL_TIMES = file;
    expect(await timed("OrganizationMember read", async () => 7)).toBe(7);
    await expect(timed("OrganizationMember create", async () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    const lines = fs.readFileSync(file, "utf8").trim().split("\n").map((line) => line.split(" "));
    expect(lines.map((line) => line.slice(0, 2).join(" "))).toEqual(["OrganizationMember read", "OrganizationMember create"]);
    for (const [, , start, end] of lines) expect(Number(end)).toBeGreaterThanOrEqual(Number(start));
  });

  it("writes nothing without the variable", async () => {
    const other = path.join(path.dirname(file), "untouched");
    expect(await timed("OrganizationMember read", async () => "read")).toBe("read");
    expect(fs.existsSync(other)).toBe(false);
    expect(fs.readFileSync(file, "utf8").trim().split("\n")).toHaveLength(2);
  });
});
