/**
 * Unit tests of the ownership proofs (provider/resources/ownership.ts): the verdict for each kind of evidence, the tag
 * values, and what the registry's wrapper records as adopted, against an emulator in this process (no engine).
 */
import { createHash } from "node:crypto";
import { SEED_IDS } from "../../../emulator";
import { configure } from "../../../provider/resources/config";
import { implementation } from "../../../provider/resources/registry";
import {
  CLOCK_SKEW_MS,
  forgetAdoptions,
  judgeOwnership,
  ownershipTagValue,
  type OwnershipEvidence,
} from "../../../provider/resources/ownership";
import { emulatedProvider } from "./emulated-provider";

const NOW = Date.UTC(2026, 0, 1);
const attempt = (sameFields: boolean, writtenAt: number | undefined): OwnershipEvidence => ({ proof: "attempt", sameFields, writtenAt });

describe("judgeOwnership", () => {
  beforeEach(forgetAdoptions);

  it.each([
    ["its own tag, across runs", { proof: "tag", carriesOurTag: true }, undefined, "ours"],
    ["another tag, or none", { proof: "tag", carriesOurTag: false }, NOW, "foreign"],
    ["every field, written after this process sent the create", attempt(true, NOW + 1_000), NOW, "ours"],
    ["every field, written within the clock skew before it", attempt(true, NOW - CLOCK_SKEW_MS), NOW, "ours"],
    ["every field, written before the attempt (less the skew)", attempt(true, NOW - CLOCK_SKEW_MS - 1_000), NOW, "foreign"],
    ["every field, no time reported", attempt(true, undefined), NOW, "foreign"],
    ["another field", attempt(false, NOW + 1_000), NOW, "foreign"],
    ["every field, but the create was sent by an earlier run: a time proves nothing", attempt(true, NOW), undefined, "unproven"],
  ] as const)("%s", (_what, evidence, attemptStartedAt, verdict) => {
    expect(judgeOwnership("OrganizationIdentity", 7, evidence, attemptStartedAt)).toBe(verdict);
  });
});

describe("ownershipTagValue", () => {
  it("a member's stays what earlier versions wrote, so their members stay recognizable", () => {
    const earlier = createHash("sha256").update(JSON.stringify(["p", "s", "OrganizationMember", "ops", "ops-account"])).digest("hex").slice(0, 40);
    expect(ownershipTagValue("OrganizationMember", "p", "s", "ops", "ops-account")).toBe(earlier);
  });

  it("differs by project, stack, kind and resource name", () => {
    const values = [
      ownershipTagValue("OrganizationNode", "p", "s", "ops"),
      ownershipTagValue("OrganizationNode", "p2", "s", "ops"),
      ownershipTagValue("OrganizationNode", "p", "s2", "ops"),
      ownershipTagValue("OrganizationMember", "p", "s", "ops"),
      ownershipTagValue("OrganizationNode", "p", "s", "ops2"),
    ];
    expect(new Set(values).size).toBe(values.length);
  });
});

describe("what the stack adopts, as the registry's calls show it", () => {
  emulatedProvider();
  const node = implementation("OrganizationNode");
  beforeEach(forgetAdoptions);

  it("a node carrying the resource's own tag is refused once any call showed it adopted", async () => {
    const first = await node.create({ name: "handed", ownershipTag: "tag-of-handed" });
    // The same resource, later, meets its name taken and recognizes its tag.
    expect((await node.create({ name: "handed", ownershipTag: "tag-of-handed" })).id).toBe(first.id);
    // Handed over: state records it adopted, and the engine diffs it before creating a replacement.
    await node.diff(first.id, { ...first.outs, createdByStack: false }, { name: "handed", ownershipTag: "tag-of-handed" });
    await expect(node.create({ name: "handed", ownershipTag: "tag-of-handed" })).rejects.toMatchObject({
      name: "NameCollisionError",
      reason: "adopted",
      objectId: Number(first.id),
      message: expect.stringContaining(`the name is already used by ${first.id}, which this stack adopts`),
    });
  });

  it("a program's adopting input counts too (check), and outputs naming their own object do not", async () => {
    const created = await node.create({ name: "own", ownershipTag: "tag-of-own" });
    // A created node's outputs hold its nodeId: that is no adoption.
    await node.diff(created.id, created.outs, { name: "own", ownershipTag: "tag-of-own" });
    expect((await node.create({ name: "own", ownershipTag: "tag-of-own" })).id).toBe(created.id);
    await node.check({}, { nodeId: Number(created.id) });
    await expect(node.create({ name: "own", ownershipTag: "tag-of-own" })).rejects.toMatchObject({ reason: "adopted" });
  });

  it("outputs and refreshed inputs keep the ownership tag the program sent", async () => {
    const created = await node.create({ name: "kept", ownershipTag: "tag-of-kept" });
    expect(created.outs).toMatchObject({ ownershipTag: "tag-of-kept" });
    const read = await node.read(created.id, created.outs);
    expect(read.props).toMatchObject({ ownershipTag: "tag-of-kept", tags: {} });
    expect(read.inputs).toMatchObject({ ownershipTag: "tag-of-kept" });
    const updated = await node.update(created.id, created.outs, { name: "kept", remark: "r", ownershipTag: "tag-of-kept" });
    expect(updated.outs).toMatchObject({ ownershipTag: "tag-of-kept", remark: "r" });
  });

  it("a seeded node is never taken for one the stack made", async () => {
    await expect(node.create({ name: "Engineering", parentNodeId: SEED_IDS.rootNodeId, ownershipTag: "t" })).rejects.toMatchObject({
      reason: "foreign",
      objectId: SEED_IDS.departmentNodeId,
    });
  });
});

describe("a create whose outcome is unknown", () => {
  const { emulator, api } = emulatedProvider();
  const identity = implementation("OrganizationIdentity");
  const document = JSON.stringify({ version: "2.0", statement: [{ effect: "allow", action: ["cvm:*"], resource: ["*"] }] });

  it("looks again while the API may still be completing it, and recovers the identity this attempt made", async () => {
    // The client gives up after 0.5 s; the API completes the create 2 s after it arrived.
    const emu = emulator();
    const settings: Record<string, string> = {
      "tencentcloud:secretId": emu.credentials.secretId,
      "tencentcloud:secretKey": emu.credentials.secretKey,
      "tencentcloud-organization:endpoint": emu.url,
      "tencentcloud-organization:requestTimeout": "0.5",
    };
    await configure({ config: { get: (key: string) => settings[key] } } as never);
    emu.control.injectFault({ kind: "latency", action: "CreateOrganizationIdentity", latencyMs: 2_000 });
    const created = await identity.create({ aliasName: "late", policies: [{ policyDocument: document }] });
    const found = (await api().call("ListOrganizationIdentity", { Offset: 0, Limit: 50 })).Items!.filter((i) => i.IdentityAliasName === "late");
    expect(found.map((i) => String(i.IdentityId))).toEqual([created.id]);
    expect(created.outs).toMatchObject({ createdByStack: true });
  });
});
