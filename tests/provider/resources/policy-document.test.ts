/** Unit tests of the CAM policy document comparison (no API). */
import { canonicalDocument, canonicalJson, parsedDocument, sameDocument } from "../../../provider/resources/policy-document";

const document = '{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*"],"resource":["*"]}]}';

describe("CAM policy documents", () => {
  it("reads only JSON objects as documents", () => {
    expect(parsedDocument(document)).toEqual({ version: "2.0", statement: [{ effect: "allow", action: ["cvm:*"], resource: ["*"] }] });
    for (const text of ["not json", "[1,2]", "null", '"text"', "42", ""]) expect(parsedDocument(text)).toBeUndefined();
  });

  it("sorts object keys at every depth, keeping array order", () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }, 3], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1},3]}');
    expect(canonicalJson(["b", "a"])).toBe('["b","a"]');
  });

  it("the same document respelled (spaces, line breaks, key order) is the same", () => {
    const respelled = JSON.stringify({ statement: [{ resource: ["*"], action: ["cvm:*"], effect: "allow" }], version: "2.0" }, null, 2);
    expect(sameDocument(document, respelled)).toBe(true);
    expect(canonicalDocument(respelled)).toBe(canonicalDocument(document));
  });

  it.each([
    ["another value", document.replace("cvm:*", "cos:*")],
    ["another array order", '{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*"],"resource":["*"]},{"effect":"deny","action":["cvm:RunInstances"],"resource":["*"]}]}'],
    ["another value type", document.replace('"2.0"', "2.0")],
  ])("a document with %s differs", (_case, other) => {
    expect(sameDocument(document, other)).toBe(false);
  });

  it("text that is not a JSON object compares exactly as written", () => {
    expect(sameDocument("not json", "not json")).toBe(true);
    expect(sameDocument("not json", "not  json")).toBe(false);
    expect(sameDocument("[1]", "[ 1 ]")).toBe(false);
    expect(canonicalDocument("not json")).toBe("not json");
  });

  it("a repeated key keeps its last value, as JSON.parse does", () => {
    expect(sameDocument('{"version":"1.0","version":"2.0"}', '{"version":"2.0"}')).toBe(true);
  });
});
