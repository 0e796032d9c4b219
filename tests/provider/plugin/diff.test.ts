import { detailedDiff } from "../../../provider/plugin/diff";
import { HIDDEN_INPUTS } from "../../../provider/plugin/resources";

describe("detailed diffs from a resource's diff", () => {
  const oldInputs = { name: "a", remark: "r", tags: { k: "v" }, ownershipTag: "t1" };
  const olds = { ...oldInputs, nodeId: 5, createdByStack: true };

  it("names each changed property: updated, added, deleted", () => {
    const news = { name: "b", parentNodeId: 7, tags: { k: "v" }, ownershipTag: "t1" };
    const diff = detailedDiff({ changes: true, replaces: [] }, oldInputs, olds, news, HIDDEN_INPUTS);
    expect(diff).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
      detailedDiff: { name: "UPDATE", parentNodeId: "ADD", remark: "DELETE" },
    });
  });

  it("marks the properties that replace, and keeps deleteBeforeReplace as the resource says", () => {
    const news = { ...oldInputs, tags: { k: "w" } };
    expect(detailedDiff({ changes: true, replaces: ["tags"], deleteBeforeReplace: true }, oldInputs, olds, news)).toEqual({
      changes: true,
      replaces: ["tags"],
      deleteBeforeReplace: true,
      detailedDiff: { tags: "UPDATE_REPLACE" },
    });
  });

  it("shows a replacement caused by a property the program stops setting as a replacing delete", () => {
    const adopted = { nodeId: 5, name: "a" };
    const diff = detailedDiff({ changes: true, replaces: ["nodeId"] }, adopted, { ...adopted, createdByStack: false }, { name: "a" });
    expect(diff.detailedDiff).toEqual({ nodeId: "DELETE_REPLACE" });
  });

  it("an added property that replaces is ADD_REPLACE", () => {
    const diff = detailedDiff({ changes: true, replaces: ["parentNodeId"] }, oldInputs, olds, { ...oldInputs, parentNodeId: 3 });
    expect(diff.detailedDiff).toEqual({ parentNodeId: "ADD_REPLACE" });
  });

  it("no change: no detailed diff, even where inputs differ in what the resource ignores", () => {
    const diff = detailedDiff({ changes: false }, oldInputs, olds, { ...oldInputs, remark: "other" });
    expect(diff).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false, detailedDiff: {} });
  });

  it("never shows the provider's own inputs (the ownership tag) as the program's change", () => {
    const diff = detailedDiff({ changes: true }, oldInputs, olds, { ...oldInputs, remark: "x", ownershipTag: "t2" }, HIDDEN_INPUTS);
    expect(diff.detailedDiff).toEqual({ remark: "UPDATE" });
  });

  it("an unknown value (preview) is an update of that property", () => {
    const diff = detailedDiff({ changes: true }, oldInputs, olds, { ...oldInputs, name: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
    expect(diff.detailedDiff).toEqual({ name: "UPDATE" });
  });
});
