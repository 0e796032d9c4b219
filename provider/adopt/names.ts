/**
 * Resource and variable names for the generated program, from the organization's own names: slugified, stable across
 * runs, unique per resource kind. On a collision the entry with the lowest id keeps the plain name and each other one
 * gets its id as a suffix, so adding an entity later (ids grow) never renames one already adopted.
 */

/** `Engineering / Ops` → `engineering-ops`; ASCII letters and digits only, `fallback` when nothing is left. */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? fallback : slug;
}

/** Unique names for `entries`, by id: `slugify(name)` where free, else `<slug>-<id>`. */
export function uniqueNames<T>(entries: readonly T[], idOf: (entry: T) => number, nameOf: (entry: T) => string, kind: string): Map<number, string> {
  const byId = [...entries].sort((a, b) => idOf(a) - idOf(b));
  const slugs = new Map(byId.map((entry) => [idOf(entry), slugify(nameOf(entry), `${kind}-${idOf(entry)}`)]));
  const taken = new Set<string>();
  const result = new Map<number, string>();
  // Plain names first, lowest id first, so a suffixed name can never take a plain one's place.
  for (const entry of byId) {
    const slug = slugs.get(idOf(entry))!;
    if (!taken.has(slug)) {
      taken.add(slug);
      result.set(idOf(entry), slug);
    }
  }
  for (const entry of byId) {
    const id = idOf(entry);
    if (result.has(id)) continue;
    let name = `${slugs.get(id)}-${id}`;
    for (let n = 2; taken.has(name); n++) name = `${slugs.get(id)}-${id}-${n}`;
    taken.add(name);
    result.set(id, name);
  }
  return result;
}

const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "import in instanceof new null return super switch this throw true try typeof var void while with yield let static " +
    "implements interface package private protected public await pulumi").split(" "),
);

/** A TypeScript identifier for a resource name and kind: `engineering-ops` + `Node` → `engineeringOpsNode`. */
export function variableName(resourceName: string, suffix: string): string {
  const words = resourceName.split("-").filter((word) => word !== "");
  const camel = words.map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join("");
  const base = /^[0-9]/.test(camel) ? `_${camel}` : camel;
  const name = `${base}${suffix}`;
  return RESERVED.has(name) ? `${name}_` : name;
}
