/**
 * Shared reads through the real engine: the resources of one stack are read in one provider process, and reads that
 * arrive together are answered by the fewest calls. Coalescing never hides drift: a change made outside between two
 * reads of one refresh is seen by that refresh.
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

  it("sees a change made outside between two reads of one refresh (--parallel 1)", async () => {
    const [a, b] = [uins[0]!, uins[ADOPTED - 1]!];
    let changed: number | undefined;
    // Right after the emulator answers the first read of A or B, the other one changes.
    const remove = engine.emulator.control.afterAnswer((call: AnsweredCall) => {
      if (changed !== undefined || call.action !== "DescribeOrganizationMembers") return;
      const listed = new Set(((call.response.Items as Array<{ MemberUin: number }>) ?? []).map((m) => m.MemberUin));
      if (!listed.has(a) && !listed.has(b)) return;
      changed = listed.has(a) ? b : a;
      engine.emulator.control.apply("UpdateOrganizationMember", { MemberUin: changed, Remark: "changed mid-refresh" });
    });
    try {
      expect(await engine.refreshWith({ parallel: 1 })).toEqual({ same: RESOURCES - 1, update: 1 });
    } finally {
      remove();
    }
    const state = await engine.resources();
    const name = `m${uins.indexOf(changed!)}`;
    expect(state[name]!.outputs!.remark).toBe("changed mid-refresh");
    // The next up restores it, and nothing else changed.
    expect(await engine.up()).toEqual({ same: RESOURCES - 1, update: 1 });
    expect((await engine.resources())[name]!.outputs!.remark).toBe(`generated member ${uins.indexOf(changed!) + 1}`);
  });
});

describe("a failed read in a coalesced batch", () => {
  // Members 0-4 are on the organization's first page, member 150 on its last: a refresh reads the first page for the
  // batch, then looks member 150 up on its own. That lookup fails, every attempt; nothing else does.
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
