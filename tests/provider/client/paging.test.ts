/** Paging: Limit 50, Offset a multiple of Limit, stop at Total, and every page checked against the first. */
import type { ActionName, RequestOf } from "../../../provider/api";
import { MAX_LISTING_ATTEMPTS, paginate, paginateItems, PaginationError, type ActionCaller } from "../../../provider/client";

type Page = { Items: unknown[]; Total: number };
const identity = (id: number) => ({ IdentityId: id, IdentityAliasName: `id-${id}`, IdentityType: 2 });

/** A caller that answers from a list of items, with optional per-page tampering; records every request. */
function fakeLister(count: number, tamper?: (page: Page, request: { Offset: number; Limit: number }, n: number) => Page) {
  const requests: Array<{ Offset: number; Limit: number } & Record<string, unknown>> = [];
  const all = Array.from({ length: count }, (_, i) => identity(i + 1));
  const caller: ActionCaller = {
    call: async <A extends ActionName>(_action: A, request: RequestOf<A>) => {
      const paging = request as unknown as { Offset: number; Limit: number };
      requests.push({ ...(request as object), ...paging });
      const page: Page = { Items: all.slice(paging.Offset, paging.Offset + paging.Limit), Total: count };
      const answer = tamper ? tamper(page, paging, requests.length) : page;
      return { ...answer, RequestId: `req-${requests.length}` } as never;
    },
  };
  return { caller, requests };
}

describe("paginate", () => {
  it("reads every page of 50 until Total, passing the other request fields through", async () => {
    const { caller, requests } = fakeLister(123);
    const items = await paginate(caller, "ListOrganizationIdentity", { SearchKey: "x" });
    expect(items.map((i) => i.IdentityId)).toEqual(Array.from({ length: 123 }, (_, i) => i + 1));
    expect(requests.map((r) => [r.Offset, r.Limit, r.SearchKey])).toEqual([
      [0, 50, "x"],
      [50, 50, "x"],
      [100, 50, "x"],
    ]);
  });

  it("makes one call for an empty listing", async () => {
    const { caller, requests } = fakeLister(0);
    expect(await paginate(caller, "ListOrganizationIdentity", {})).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it("stops exactly at Total when it is a multiple of Limit", async () => {
    const { caller, requests } = fakeLister(100);
    expect(await paginate(caller, "ListOrganizationIdentity", {})).toHaveLength(100);
    expect(requests).toHaveLength(2);
  });

  it("honours a smaller page size, keeping Offset a multiple of Limit", async () => {
    const { caller, requests } = fakeLister(7);
    expect(await paginate(caller, "ListOrganizationIdentity", {}, { pageSize: 3 })).toHaveLength(7);
    expect(requests.map((r) => r.Offset)).toEqual([0, 3, 6]);
    expect(requests.every((r) => r.Offset % r.Limit === 0)).toBe(true);
  });

  it.each([0, 51, 2.5])("rejects page size %d", async (pageSize) => {
    const { caller } = fakeLister(1);
    await expect(paginate(caller, "ListOrganizationIdentity", {}, { pageSize })).rejects.toThrow(RangeError);
  });

  it("streams with the async iterator and can stop early", async () => {
    const { caller, requests } = fakeLister(500);
    const seen: number[] = [];
    for await (const item of paginateItems(caller, "ListOrganizationIdentity", {})) {
      seen.push(item.IdentityId);
      if (seen.length === 60) break;
    }
    expect(seen).toHaveLength(60);
    expect(requests).toHaveLength(2);
  });

  describe("page checks", () => {
    const cases: Array<[string, (page: Page, req: { Offset: number }, n: number) => Page, RegExp]> = [
      ["Total changes between pages", (page, _req, n) => (n === 2 ? { ...page, Total: page.Total + 1 } : page), /Total changed from 120 to 121/],
      ["an empty page before Total", (page, _req, n) => (n === 2 ? { ...page, Items: [] } : page), /an empty page before Total 120/],
      ["a short page before Total", (page, _req, n) => (n === 2 ? { ...page, Items: page.Items.slice(1) } : page), /a page of 49 items before Total/],
      ["a page larger than Limit", (page, _req, n) => (n === 1 ? { ...page, Items: [...page.Items, identity(999)] } : page), /a page of 51 items exceeds Limit 50/],
      ["more items than Total leaves", (page, _req, n) => (n === 3 ? { ...page, Items: [...page.Items, identity(999)] } : page), /21 items where Total 120 leaves 20/],
    ];
    it.each(cases)("%s → PaginationError from one pass", async (_name, tamper, message) => {
      const { caller } = fakeLister(120, tamper);
      const collect = async () => {
        for await (const _item of paginateItems(caller, "ListOrganizationIdentity", {})) void _item;
      };
      const error = await collect().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PaginationError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain("ListOrganizationIdentity");
    });

    it.each(cases)("%s once → paginate lists again from Offset 0 and returns one consistent pass", async (_name, tamper) => {
      const { caller, requests } = fakeLister(120, tamper);
      const items = await paginate(caller, "ListOrganizationIdentity", {});
      expect(items.map((i) => i.IdentityId)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
      const restart = requests.findIndex((r, i) => i > 0 && r.Offset === 0);
      expect(restart).toBeGreaterThan(0);
      expect(requests.slice(restart).map((r) => r.Offset)).toEqual([0, 50, 100]);
    });

    it("a listing that keeps changing fails after MAX_LISTING_ATTEMPTS passes, saying so", async () => {
      const { caller, requests } = fakeLister(120, (page, req) => (req.Offset === 50 ? { ...page, Total: page.Total + 1 } : page));
      const error = await paginate(caller, "ListOrganizationIdentity", {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PaginationError);
      expect((error as Error).message).toContain(`listed ${MAX_LISTING_ATTEMPTS} times`);
      expect(requests.filter((r) => r.Offset === 0)).toHaveLength(MAX_LISTING_ATTEMPTS);
    });

    it("an API error is not a reason to list again", async () => {
      let calls = 0;
      const caller: ActionCaller = {
        call: async () => {
          calls += 1;
          throw new Error("boom");
        },
      };
      await expect(paginate(caller, "ListOrganizationIdentity", {})).rejects.toThrow("boom");
      expect(calls).toBe(1);
    });
  });
});
