/** Unit tests of MemberAccessPolicy's check and diff (no API, no engine). */
import { policyImplementation as policy } from "../../../provider/resources/member-access-policy";

describe("MemberAccessPolicy check", () => {
  it("sorts memberUins so order never causes a diff", async () => {
    const result = await policy.check({}, { memberUins: [3, 1, 2, 1], policyName: "p", identityId: 1 });
    expect(result.failures).toBeUndefined();
    expect(result.inputs?.memberUins).toEqual([1, 2, 3]);
  });

  it("names each invalid property", async () => {
    const result = await policy.check({}, { memberUins: Array.from({ length: 11 }, (_, i) => i + 1), policyName: "has space", identityId: 0, description: "d".repeat(129) });
    expect((result.failures ?? []).map((f) => f.property).sort()).toEqual(["description", "identityId", "memberUins", "policyName"]);
  });
});

describe("MemberAccessPolicy diff", () => {
  it("switching an adopted policy to a created one replaces on policyId; handing a created one over updates in place", async () => {
    const adopted = { policyId: 7, policyName: "p", memberUins: [1], identityId: 1, description: "d", createdByStack: false };
    expect(await policy.diff("7", adopted, { policyName: "p", memberUins: [1], identityId: 1, description: "d" })).toEqual({ changes: true, replaces: ["policyId"] });
    const created = { ...adopted, createdByStack: true };
    expect(await policy.diff("7", created, { policyId: 7, policyName: "p", memberUins: [1], identityId: 1, description: "d" })).toEqual({ changes: true, replaces: [] });
  });

  const olds = { policyId: 7, policyName: "p", memberUins: [1], identityId: 1, description: "d", managedProperties: ["description", "identityId", "memberUins", "policyName"] };

  it("updates members, identity and description in place; a new name replaces", async () => {
    expect(await policy.diff("7", olds, { policyName: "p", memberUins: [1, 2], identityId: 2, description: "e" })).toEqual({ changes: true, replaces: [] });
    expect(await policy.diff("7", olds, { policyName: "q", memberUins: [1], identityId: 1, description: "d" })).toEqual({ changes: true, replaces: ["policyName"] });
    expect(await policy.diff("7", olds, { policyName: "p", memberUins: [1], identityId: 1, description: "d" })).toEqual({ changes: false, replaces: [] });
  });
});
