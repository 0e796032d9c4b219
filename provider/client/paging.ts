/**
 * Offset/Limit paging for every Describe/List action: pages of MAX_PAGE_SIZE (50), Offset a multiple of Limit, until
 * Total items were read. Each page is checked against the first one, because a listing that shifts underneath us (an
 * item created or deleted between pages) would otherwise silently skip or repeat items: Total changing, a page larger
 * than Limit, and a short or empty page before Total are PaginationErrors. `paginate` then lists again from Offset 0,
 * up to MAX_LISTING_ATTEMPTS times in all: a write elsewhere (another resource of the same `up`) is usually over by then.
 */
import type { ActionName, ItemOf, PagedActionName, RequestOf, ResponseOf } from "../api/actions";
import { MAX_PAGE_SIZE } from "../api/constants";
import { PaginationError } from "./errors";

/** The part of the client paging needs (an OrganizationClient, or a test double). */
export interface ActionCaller {
  call<A extends ActionName>(action: A, request: RequestOf<A>): Promise<ResponseOf<A> & { RequestId: string }>;
}

/** A paged action's request without the paging fields, which the pager owns. */
export type ListRequestOf<A extends PagedActionName> = Omit<RequestOf<A>, "Offset" | "Limit">;

export interface PaginateOptions {
  /** Items per page, 1..50; default 50. Smaller pages exist for tests. */
  readonly pageSize?: number;
}

/** Yields every item of a paged listing, one page at a time. */
export async function* paginateItems<A extends PagedActionName>(
  client: ActionCaller,
  action: A,
  request: ListRequestOf<A>,
  options: PaginateOptions = {},
): AsyncGenerator<ItemOf<A>, void, undefined> {
  const limit = options.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new RangeError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, not ${limit}`);
  }
  let total: number | undefined;
  let offset = 0;
  // Bounded: the first page fixes Total, and every later page must advance by a full Limit or end the listing.
  while (total === undefined || offset < total) {
    const response = (await client.call(action, { ...request, Offset: offset, Limit: limit } as RequestOf<A>)) as {
      Items: ItemOf<A>[];
      Total: number;
    };
    const items = response.Items;
    if (items.length > limit) {
      throw new PaginationError(action, offset, `a page of ${items.length} items exceeds Limit ${limit}`);
    }
    if (total === undefined) {
      total = response.Total;
    } else if (response.Total !== total) {
      throw new PaginationError(action, offset, `Total changed from ${total} to ${response.Total} between pages`);
    }
    const expected = Math.min(limit, total - offset);
    if (items.length < expected) {
      throw new PaginationError(
        action,
        offset,
        `${items.length === 0 ? "an empty page" : `a page of ${items.length} items`} before Total ${total} ` +
          `(expected ${expected})`,
      );
    }
    if (items.length > expected) {
      throw new PaginationError(action, offset, `${items.length} items where Total ${total} leaves ${expected}`);
    }
    yield* items;
    offset += limit;
  }
}

/** How many times `paginate` lists from the start when the listing changes between pages. */
export const MAX_LISTING_ATTEMPTS = 4;

/**
 * Every item of a paged listing, from one consistent pass: when the listing changes between pages, it lists again from
 * Offset 0, at most MAX_LISTING_ATTEMPTS times in all, and then throws the last PaginationError.
 */
export async function paginate<A extends PagedActionName>(
  client: ActionCaller,
  action: A,
  request: ListRequestOf<A>,
  options: PaginateOptions = {},
): Promise<ItemOf<A>[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const all: ItemOf<A>[] = [];
      for await (const item of paginateItems(client, action, request, options)) all.push(item);
      return all;
    } catch (error) {
      if (!(error instanceof PaginationError) || attempt >= MAX_LISTING_ATTEMPTS) {
        if (error instanceof PaginationError) error.message += ` (listed ${attempt} times; the listing kept changing)`;
        throw error;
      }
    }
  }
}
