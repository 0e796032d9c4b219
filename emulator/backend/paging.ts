/**
 * Offset/Limit paging as every Describe/List action answers it. The request schema already enforces Limit 1..50 and
 * Offset a multiple of Limit; callers sort their results deterministically before paging.
 */
export interface PageRequest {
  Offset: number;
  Limit: number;
}

/**
 * One page of `items`, each turned into its answer by `describe`. Only the page's items are described: describing
 * joins other records (authorizations, names), so describing every item before slicing made a page cost grow with
 * the square of the organization.
 */
export function page<T, U>(items: readonly T[], { Offset, Limit }: PageRequest, describe: (item: T) => U): { Items: U[]; Total: number } {
  return { Items: items.slice(Offset, Offset + Limit).map(describe), Total: items.length };
}

/** Case-insensitive substring match, as the API's SearchKey filters behave. */
export function containsText(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

export const byNumber =
  <T>(...keys: Array<(item: T) => number>) =>
  (a: T, b: T): number => {
    for (const key of keys) {
      const difference = key(a) - key(b);
      if (difference !== 0) return difference;
    }
    return 0;
  };
