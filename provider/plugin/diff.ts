/**
 * A resource's diff (its implementation's `{ changes, replaces, deleteBeforeReplace }`) as the engine's detailed diff:
 * which property paths change, and how (added, deleted, updated, each possibly replacing). The implementation decides
 * whether anything changes and what replaces; this only names the properties, so that preview shows them.
 *
 * A property the program stops setting is no longer managed and is left as it is (not a change by itself), but it is
 * shown as deleted from the inputs when the resource changes anyway (the engine records the new inputs).
 */
import type * as pulumi from "@pulumi/pulumi";
import { sameValue } from "../resources/properties";

export type DiffKind = "ADD" | "ADD_REPLACE" | "DELETE" | "DELETE_REPLACE" | "UPDATE" | "UPDATE_REPLACE";

export interface DetailedDiff {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
  /** Property path → kind, for every property that changes. */
  readonly detailedDiff: Record<string, DiffKind>;
}

/**
 * `oldInputs` are the inputs state recorded, `news` the checked inputs, `olds` the recorded outputs; `hidden` are
 * inputs the provider computes itself (the ownership tag), never shown as the program's change.
 */
export function detailedDiff(
  result: pulumi.dynamic.DiffResult,
  oldInputs: Record<string, unknown>,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  hidden: ReadonlySet<string> = new Set(),
): DetailedDiff {
  const replaces = [...new Set(result.replaces ?? [])];
  const changes = result.changes === true || replaces.length > 0;
  const diff: Record<string, DiffKind> = {};
  if (changes) {
    const keys = new Set([...Object.keys(oldInputs), ...Object.keys(news), ...replaces]);
    for (const key of [...keys].sort()) {
      if (hidden.has(key)) continue;
      const before = key in oldInputs ? oldInputs[key] : olds[key];
      const after = news[key];
      const replacing = replaces.includes(key);
      let kind: "ADD" | "DELETE" | "UPDATE" | undefined;
      if (after === undefined) kind = key in oldInputs ? "DELETE" : replacing ? "DELETE" : undefined;
      else if (before === undefined) kind = "ADD";
      else if (!sameValue(before, after)) kind = "UPDATE";
      else if (replacing) kind = "UPDATE";
      if (kind !== undefined) diff[key] = replacing ? `${kind}_REPLACE` : kind;
    }
  }
  return { changes, replaces, deleteBeforeReplace: result.deleteBeforeReplace === true, detailedDiff: diff };
}
