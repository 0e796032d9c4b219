/**
 * scripts/pulumi-steps.ts on the CLI's output. fixtures/refresh-drift.txt is `pulumi refresh --preview-only --diff
 * --color never` of v3.259 after a department's remark was changed outside (tests/scripts/pr-preview.test.ts makes the
 * same change through the engine); the JSON cases are cut down to the fields the parsers read.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parsePerformed, parsePlan, parseRefreshDiff } from "../../scripts/pulumi-steps";

const TYPE = "pulumi-nodejs:dynamic/tencentcloud-organization:OrganizationNode";
const urn = (name: string, type = TYPE) => `urn:pulumi:production::example::${type}::${name}`;
const provider = "exports.handler = ...";

describe("parseRefreshDiff", () => {
  it("names each resource refresh would change and the properties that differ, leaving the unchanged ones out", () => {
    const text = fs.readFileSync(path.join(__dirname, "fixtures", "refresh-drift.txt"), "utf8");
    expect(parseRefreshDiff(text)).toEqual({
      hasChanges: true,
      changes: [{ op: "update", name: "platform-team", type: TYPE, properties: ["remark", "updateTime"], replaceReasons: [] }],
      changeSummary: {},
    });
  });

  it("finds no change in a refresh that changes nothing", () => {
    const text = "Previewing refresh (production):\n  pulumi:pulumi:Stack: (same)\n    [urn=urn:pulumi:production::example::pulumi:pulumi:Stack::example-production]\nResources:\n    7 unchanged\n";
    expect(parseRefreshDiff(text)).toEqual({ hasChanges: false, changes: [], changeSummary: {} });
  });
});

describe("parsePlan and parsePerformed", () => {
  const oldState = { type: TYPE, inputs: { __provider: provider, name: "platform-team", remark: "a" } };
  const newState = { type: TYPE, inputs: { __provider: provider, name: "platform-team", remark: "b" } };
  const stack = { op: "same", urn: urn("example-production", "pulumi:pulumi:Stack"), newState: { type: "pulumi:pulumi:Stack" } };

  it("reads the plan document: the changed inputs of an update, without __provider or the stack", () => {
    const plan = JSON.stringify({ steps: [stack, { op: "update", urn: urn("platform-team"), oldState, newState, detailedDiff: null }], changeSummary: { same: 1, update: 1 } }, null, 4);
    expect(parsePlan(plan)).toEqual({
      hasChanges: true,
      stackOp: "same",
      changes: [{ op: "update", name: "platform-team", type: TYPE, properties: ["remark"], replaceReasons: [] }],
      changeSummary: { same: 1, update: 1 },
    });
  });

  it("reads what `up --json` performed from its event lines, after the plan document", () => {
    const plan = JSON.stringify({ steps: [{ op: "create", urn: urn("planned-only"), newState }] }, null, 4);
    const events = [
      { sequence: 1, resOutputsEvent: { metadata: { op: "update", urn: urn("platform-team"), type: TYPE, old: oldState, new: newState, detailedDiff: null } } },
      { sequence: 2, resOutputsEvent: { metadata: { op: "same", urn: stack.urn, type: "pulumi:pulumi:Stack", new: stack.newState } } },
      { sequence: 3, summaryEvent: { resourceChanges: { same: 1, update: 1 } } },
    ];
    const output = `${plan}\n${events.map((event) => JSON.stringify(event)).join("\n")}\n`;
    expect(parsePerformed(output)).toEqual({
      hasChanges: true,
      stackOp: "same",
      changes: [{ op: "update", name: "platform-team", type: TYPE, properties: ["remark"], replaceReasons: [] }],
      changeSummary: { same: 1, update: 1 },
    });
    expect(parsePlan(output).changes.map((c) => c.name)).toEqual(["planned-only"]);
  });
});
