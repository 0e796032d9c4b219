/** Unit tests of MemberAuthIdentity's check and diff (no API, no engine). */
import { authIdentityImplementation as auth } from "../../../provider/resources/member-auth-identity";
import { UNKNOWN } from "../../../provider/resources/properties";

describe("MemberAuthIdentity check", () => {
  it("sorts and de-duplicates both lists and derives the managed pairs", async () => {
    const result = await auth.check({}, { memberUins: [12, 11, 12], identityIds: [10, 1] });
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual({ memberUins: [11, 12], identityIds: [1, 10], pairs: ["11:1", "11:10", "12:1", "12:10"] });
  });

  it("names empty lists and refuses a hand-written pairs", async () => {
    const result = await auth.check({}, { memberUins: [], identityIds: [1], pairs: ["1:1"] });
    expect((result.failures ?? []).map((f) => f.property).sort()).toEqual(["memberUins", "pairs"]);
  });

  it("leaves unknown lists alone during preview", async () => {
    const result = await auth.check({}, { memberUins: [UNKNOWN, 11], identityIds: [1] });
    expect(result.failures).toBeUndefined();
    expect(result.inputs?.pairs).toBeUndefined();
  });
});

describe("MemberAuthIdentity diff", () => {
  const olds = { memberUins: [11], identityIds: [1], exclusive: false, pairs: ["11:1"] };

  it("never replaces, and changes only when the pairs or options differ", async () => {
    expect(await auth.diff("x", olds, { memberUins: [11], identityIds: [1], pairs: ["11:1"] })).toEqual({ changes: false, replaces: [] });
    expect(await auth.diff("x", olds, { memberUins: [11, 12], identityIds: [1], pairs: ["11:1", "12:1"] })).toEqual({ changes: true, replaces: [] });
    expect((await auth.diff("x", olds, { memberUins: [11], identityIds: [1], pairs: ["11:1"], exclusive: true })).changes).toBe(true);
  });

  it("sees a pair missing from the cloud (refresh) as a change", async () => {
    expect((await auth.diff("x", { ...olds, pairs: [] }, { memberUins: [11], identityIds: [1], pairs: ["11:1"] })).changes).toBe(true);
  });
});
