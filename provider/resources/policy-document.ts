/**
 * CAM policy documents compared by meaning rather than by spelling: a custom identity policy is a JSON string, which
 * the program, the API and state may each format differently.
 *
 * Limitations: two documents are the same when they parse to the same JSON with object keys sorted at every depth.
 * Array order counts (a statement list, or an action list, in another order is a change, although CAM may treat it as
 * the same policy); so do value types (`"1"` is not `1`). A repeated key keeps its last value, as JSON.parse does. Text
 * that is not a JSON object compares exactly as written.
 */

/** The document as a JSON object, as CAM policy documents are; undefined when it is not one. */
export function parsedDocument(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** JSON with object keys sorted at every depth, so two spellings of one value give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The text a document compares by: its canonical JSON, or the text itself when it is not a JSON object. */
export function canonicalDocument(text: string): string {
  const parsed = parsedDocument(text);
  return parsed === undefined ? text : canonicalJson(parsed);
}

/** Whether two documents mean the same (see the module's limitations). */
export function sameDocument(a: string, b: string): boolean {
  const [left, right] = [parsedDocument(a), parsedDocument(b)];
  return left !== undefined && right !== undefined ? canonicalJson(left) === canonicalJson(right) : a === b;
}
