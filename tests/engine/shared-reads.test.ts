/**
 * Shared reads through the real engine: the resources of one stack are read in one provider process, and reads that
 * arrive together are answered by the fewest calls, and a listing of the operation may answer its later reads (the
 * sharing rule, provider/resources/shared-reads.ts): a write by the process is always seen by its next read, a
 * listing older than sharedReadMaxAge is never used, and an outside change made before the operation is always seen.
 */
import type { AnsweredCall } from "../../emulator";
import { generatedMemberUin, generateSeed } from "../../emulator";
import { createEngineStack, type EngineStack, type ResourceSpec } from "./harness";

jest.setTimeout(600_000);

const ORG_MEMBERS = 160; // 4 pages of 50
const ADOPTED = 20;
const uins = Array.from({ length: ADOPTED }, (_, i) => generatedMemberUin(i));
const groups = Array.from({ length: ADOPTED / 5 }, (_, g) => uins.slice(g * 5, g * 5 + 5));
const RESOURCES = 1 + ADOPTED + 2 * groups.length;

const resources: ResourceSpec[] = [
  ...uins.map((memberUin, i) => ({ kind: "OrganizationMember" as const, name: `m${i}`, args: { memberUin, remark: `generated member ${i + 1}` } })),
  ...groups.map((memberUins, g) => ({ kind: "MemberAuthIdentity" as const, name: `auth${g}`, args: { memberUins, identityIds: [3, 4, 5, 6, 7] } })),
  ...groups.map((memberUins, g) => ({
    kind: "MemberAccessPolicy" as const,
    name: `policy${g}`,
    args: { memberUins, policyName: `shared-reads-${g}`, identityId: 3 + g, description: `group ${g}` },
    dependsOn: [`auth${g}`],
  })),
];

const countOf = (engine: EngineStack, action: string) => engine.emulator.control.calls().filter((call) => call.action === action).length;

describe("shared reads in one provider process", () => {
  let engine: EngineStack;

  beforeAll(async () => {
    engine = await createEngineStack({
      program: "declared",
      resources,
      // Identities 3-7 are left free for the stack (1 and 2 are the preset ones).
      emulatorOptions: { seed: generateSeed({ members: ORG_MEMBERS, departments: 8, identities: 12, authorizations: 320, policies: 0, freeIdentities: 7 }) },
    });
    expect(await engine.up()).toEqual({ create: RESOURCES });
  });
  afterAll(() => engine?.close());

  it("coalesces reads that arrive together: fewer calls than one read per resource", async () => {
    engine.emulator.control.resetCalls();
    expect(await engine.refreshWith({ parallel: 64 })).toEqual({ same: RESOURCES });
    // One lookup per member would be 20 calls; a sweep of the organization is 4 pages (plus a first page).
    expect(countOf(engine, "DescribeOrganizationMembers")).toBeLessThanOrEqual(2 * 5);
    // Per resource, 5 members x 5 identities cost 5 listings each (20); over the batch, one per identity (5).
    expect(countOf(engine, "DescribeOrganizationMemberAuthIdentities")).toBeLessThan(20);
    // One binding listing per policy would be 4; every binding of the organization fits one page.
    expect(countOf(engine, "DescribeOrganizationMembersAuthPolicy")).toBeLessThan(4);
    expect(engine.writeCalls()).toEqual([]);
  });

  it("a write by the process is seen by its next read: an up that changes every member records what it wrote", async () => {
    const changed = resources.map((spec) =>
      spec.kind === "OrganizationMember" ? { ...spec, args: { ...spec.args, remark: `written ${String(spec.name)}` } } : spec,
    );
    await engine.declare(changed);
    try {
      expect(await engine.up()).toEqual({ same: RESOURCES - ADOPTED, update: ADOPTED });
      const state = await engine.resources();
      expect(uins.map((_, i) => state[`m${i}`]!.outputs!.remark)).toEqual(uins.map((_, i) => `written m${i}`));
      // What state records is what the API holds.
      expect(await engine.refresh()).toEqual({ same: RESOURCES });
    } finally {
      await engine.declare(resources);
    }
    expect(await engine.up()).toEqual({ same: RESOURCES - ADOPTED, update: ADOPTED });
  });

  it("an outside change made before the operation started is seen (default --parallel)", async () => {
    const policyId = Number((await engine.resources()).policy0!.id);
    engine.emulator.control.apply("UpdateOrganizationMember", { MemberUin: uins[3]!, Remark: "changed before the refresh" });
    engine.emulator.control.apply("DeleteOrganizationMemberAuthIdentity", { MemberUin: uins[7]!, IdentityId: 7 });
    engine.emulator.control.apply("UpdateOrganizationMembersPolicy", { PolicyId: policyId, MemberUins: groups[0]!, IdentityId: 3, Description: "changed outside" });
    expect(await engine.refresh()).toEqual({ same: RESOURCES - 3, update: 3 });
    const state = await engine.resources();
    expect(state.m3!.outputs!.remark).toBe("changed before the refresh");
    expect(state.auth1!.outputs!.pairs).not.toContain(`${uins[7]}:7`);
    expect(state.policy0!.outputs!.description).toBe("changed outside");
    expect(await engine.up()).toEqual({ same: RESOURCES - 3, update: 3 });
  });

  it("a listing older than sharedReadMaxAge is never used: a change made after it is seen by a later read", async () => {
    // Identity 7's first listing takes 1.5 s, over the 1 s bound; right after it is answered, a pair of the last group
    // that it listed is removed outside. The last group's read comes later in the refresh (--parallel 1), and may not
    // use that listing: it lists identity 7 again, and sees the removal.
    const [member, identity] = [uins[ADOPTED - 1]!, 7];
    engine.setEnv({ TENCENTCLOUD_ORGANIZATION_SHARED_READ_MAX_AGE: "1", TENCENTCLOUD_ORGANIZATION_READ_BACK_TIMEOUT: "0" });
    engine.emulator.control.injectFault({ kind: "latency", action: "DescribeOrganizationMemberAuthIdentities", request: { IdentityId: identity }, count: 1, latencyMs: 1500 });
    let removed = false;
    let listingsOf7 = 0;
    const remove = engine.emulator.control.afterAnswer((call: AnsweredCall) => {
      if (call.action !== "DescribeOrganizationMemberAuthIdentities" || call.request.IdentityId !== identity) return;
      listingsOf7++;
      if (removed) return;
      removed = true;
      engine.emulator.control.apply("DeleteOrganizationMemberAuthIdentity", { MemberUin: member, IdentityId: identity });
    });
    try {
      expect(await engine.refreshWith({ parallel: 1 })).toEqual({ same: RESOURCES - 1, update: 1 });
    } finally {
      remove();
      engine.emulator.control.clearFaults();
      engine.setEnv({ TENCENTCLOUD_ORGANIZATION_SHARED_READ_MAX_AGE: "30", TENCENTCLOUD_ORGANIZATION_READ_BACK_TIMEOUT: "30" });
    }
    expect(removed).toBe(true);
    // The refresh listed identity 7 for a batch, and again once that listing was older than the bound.
    expect(listingsOf7).toBeGreaterThanOrEqual(2);
    expect((await engine.resources())[`auth${groups.length - 1}`]!.outputs!.pairs).not.toContain(`${member}:${identity}`);
    // The next up authorizes it again, and nothing else changed.
    expect(await engine.up()).toEqual({ same: RESOURCES - 1, update: 1 });
  });
});

describe("a failed read in a coalesced batch", () => {
  // Members 0-4 are on the organization's first page, member 150 on its last: a refresh reads the first page for the
  // batch, then member 150 either from the last page or by a lookup of its own. Both fail, every attempt; nothing else
  // does (the batch's read failing, each member is read again on its own: only member 150's lookup fails).
  const onFirstPage = [0, 1, 2, 3, 4].map(generatedMemberUin);
  const alone = generatedMemberUin(150);
  const declared: ResourceSpec[] = [...onFirstPage, alone].map((memberUin) => ({
    kind: "OrganizationMember" as const,
    name: `m${memberUin}`,
    args: { memberUin },
  }));
  let engine: EngineStack;

  beforeAll(async () => {
    engine = await createEngineStack({
      program: "declared",
      resources: declared,
      emulatorOptions: { seed: generateSeed({ members: ORG_MEMBERS, departments: 2, identities: 3, authorizations: 0, policies: 0 }) },
    });
    expect(await engine.up()).toEqual({ create: declared.length + 1 });
  });
  afterAll(() => engine?.close());

  it("fails only the resource whose own lookup failed; the others of its batch are read", async () => {
    engine.emulator.control.injectFault({ kind: "internal-error", action: "DescribeOrganizationMembers", request: { SearchKey: String(alone) }, count: 1000 });
    engine.emulator.control.injectFault({ kind: "internal-error", action: "DescribeOrganizationMembers", request: { Offset: 150 }, count: 1000 });
    // Changed outside: a refresh that reads member 0 records the new remark.
    engine.emulator.control.apply("UpdateOrganizationMember", { MemberUin: onFirstPage[0]!, Remark: "changed outside" });
    const refresh = await engine.attempt("refresh", { parallel: 64 });
    engine.emulator.control.clearFaults();
    expect(refresh.ok).toBe(false);
    // The engine lists each failed resource under Diagnostics, with the API's answer.
    const failed = [...refresh.output.matchAll(/OrganizationMember \((m\d+)\):\n\s+error: ([^\n]*)/g)].map((m) => [m[1], m[2]]);
    expect(failed).toEqual([[`m${alone}`, expect.stringContaining("InternalError")]]);
    expect(engine.emulator.control.calls().filter((call) => call.code === "InternalError").length).toBeGreaterThan(1);
  });

  it("and the next refresh, with the API answering again, reads everything", async () => {
    await engine.refreshWith({ parallel: 64 });
    expect((await engine.resources())[`m${onFirstPage[0]}`]!.outputs!.remark).toBe("changed outside");
  });
});
