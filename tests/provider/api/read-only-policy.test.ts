/** The CAM policy of a read-only key: every action that does not write, as the README prints it. */
import * as fs from "node:fs";
import * as path from "node:path";
import { READ_ACTIONS, actions, readOnlyCamPolicy } from "../../../provider/api";

describe("the read-only CAM policy", () => {
  it("allows exactly the actions that do not write", () => {
    const allowed = readOnlyCamPolicy().statement.flatMap((statement) => statement.action);
    expect(allowed).toEqual(READ_ACTIONS.map((action) => `organization:${action}`));
    for (const action of Object.keys(actions) as Array<keyof typeof actions>) {
      expect(allowed.includes(`organization:${action}`)).toBe(!actions[action].writes);
    }
  });

  it("is the one the README prints", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");
    const block = /<!-- read-only-policy -->\n```json\n([\s\S]*?)\n```/.exec(readme);
    expect(block).not.toBeNull();
    expect(JSON.parse(block![1]!)).toEqual(readOnlyCamPolicy());
  });
});
