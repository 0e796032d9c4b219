/**
 * Offset/Limit paging as every Describe/List action answers it. The request schema already enforces Limit 1..50 and
 * Offset a multiple of Limit; callers sort their results deterministically before paging.
 */
export interface PageRequest {
  Offset: number;
  Limit: number;
}

export function page<T>(items: readonly T[], { Offset, Limit }: PageRequest): { Items: T[]; Total: number } {
  return { Items: items.slice(Offset, Offset + Limit), Total: items.length };
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
