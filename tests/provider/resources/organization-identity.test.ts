/**
 * Unit tests of OrganizationIdentity: check and diff (no API), and create, read, update and delete against an emulator
 * in this process (no engine).
 */
import { SEED_IDS } from "../../../emulator";
import { emulatedProvider } from "./emulated-provider";
import type { MemberAccessPolicyArgs } from "../../../provider/resources/member-access-policy";
import type { MemberAuthIdentityArgs } from "../../../provider/resources/member-auth-identity";
import { identityImplementation as identity, type OrganizationIdentity } from "../../../provider/resources/organization-identity";
import { UNKNOWN } from "../../../provider/resources/properties";

const { adminIdentityId, createdUin: bob } = SEED_IDS;
const document = '{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*"],"resource":["*"]}]}';
/** The same document, spelled differently. */
const respelled = JSON.stringify({ statement: [{ resource: ["*"], action: ["cvm:*"], effect: "allow" }], version: "2.0" }, null, 2);
const preset = { policyId: 2, policyName: "ReadOnlyAccess" };

describe("OrganizationIdentity check", () => {
  it("accepts preset and custom policies", async () => {
    const result = await identity.check({}, { aliasName: "ops", description: "d", policies: [preset, { policyDocument: document }] });
    expect(result.failures).toBeUndefined();
  });

  it("names the offending policy entry", async () => {
    const result = await identity.check({}, {
      aliasName: "ops",
      policies: [preset, { policyDocument: "not json" }, { policyId: 3 }, { policyId: 1, policyName: "x", policyDocument: document }],
    });
    expect(Object.fromEntries((result.failures ?? []).map((f) => [f.property, f.reason]))).toEqual({
      "policies[1].policyDocument": expect.stringMatching(/^policies\[1\]\.policyDocument must be a JSON object in CAM policy syntax/),
      "policies[2].policyName": expect.stringMatching(/^policies\[2\]\.policyName is required for a preset policy/),
      "policies[3].policyId": expect.stringMatching(/cannot be set together with policyDocument/),
    });
  });

  it("requires aliasName, and policies to create", async () => {
    const result = await identity.check({}, { description: "d" });
    expect((result.failures ?? []).map((f) => f.property).sort()).toEqual(["aliasName", "policies"]);
    expect((await identity.check({}, { identityId: adminIdentityId, aliasName: "admin" })).failures).toBeUndefined();
  });

  it("leaves entries holding unknown values to the up", async () => {
    expect((await identity.check({}, { aliasName: "ops", policies: [{ policyDocument: UNKNOWN }] })).failures).toBeUndefined();
  });
});

describe("OrganizationIdentity diff", () => {
  const olds = {
    identityId: 20,
    aliasName: "ops",
    description: "d",
    policies: [{ policyDocument: document }, preset],
    identityType: 2,
    createdByStack: true,
    managedProperties: ["aliasName", "description", "policies"],
  };

  it("compares documents as JSON and policies in any order", async () => {
    expect(await identity.diff("20", olds, { aliasName: "ops", description: "d", policies: [preset, { policyDocument: respelled }] })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("description and policies update in place; a new aliasName replaces", async () => {
    expect((await identity.diff("20", olds, { aliasName: "ops", description: "e", policies: [preset] })).replaces).toEqual([]);
    expect((await identity.diff("20", olds, { aliasName: "ops", description: "e", policies: [preset] })).changes).toBe(true);
    expect((await identity.diff("20", olds, { aliasName: "ops2", description: "d", policies: olds.policies })).replaces).toEqual(["aliasName"]);
  });

  it("a change to a preset identity fails at preview, naming what the API cannot change", async () => {
    const presetOlds = { ...olds, identityType: 1, createdByStack: false, identityId: 1, managedProperties: ["aliasName", "identityId"] };
    await expect(identity.diff("1", presetOlds, { identityId: 1, aliasName: "ops", policies: [preset] })).rejects.toThrow(
      "identity 1 is a preset identity (identityType 1): the API cannot change its policies",
    );
  });
});

/** Compile-time: an identity's identityId output is what MemberAuthIdentity and MemberAccessPolicy take. */
export const usesOf = (created: OrganizationIdentity): [Partial<MemberAuthIdentityArgs>, Partial<MemberAccessPolicyArgs>] => [
  { identityIds: [created.identityId] },
  { identityId: created.identityId },
];

describe("OrganizationIdentity against the emulator", () => {
  const { emulator, api } = emulatedProvider();
  const identities = async () => (await api().call("ListOrganizationIdentity", { Offset: 0, Limit: 50 })).Items;

  it("creates, keeps the program's spelling of a document, updates in place, sees drift and deletes", async () => {
    const inputs = (await identity.check({}, { aliasName: "ops", description: "ops access", policies: [{ policyDocument: respelled }, preset] })).inputs!;
    const created = await identity.create(inputs);
    const id = Number(created.id);
    expect(created.outs).toMatchObject({ identityId: id, aliasName: "ops", identityType: 2, createdByStack: true, policies: [{ policyDocument: respelled }, preset] });
    expect(await identity.diff(created.id, created.outs, inputs)).toMatchObject({ changes: false });

    const updated = await identity.update(created.id, created.outs, { ...inputs, description: "changed", policies: [preset] });
    expect(updated.outs).toMatchObject({ description: "changed", policies: [preset] });

    await api().call("UpdateOrganizationIdentity", { IdentityId: id, Description: "outside", IdentityPolicy: [{ PolicyType: 2, PolicyId: 1, PolicyName: "AdministratorAccess" }] });
    expect((await identity.read(created.id, updated.outs)).inputs).toEqual({
      aliasName: "ops",
      description: "outside",
      policies: [{ policyId: 1, policyName: "AdministratorAccess" }],
    });

    await identity.delete(created.id, updated.outs);
    expect((await identities()).map((i) => i.IdentityId)).not.toContain(id);
    expect(await identity.read(created.id, updated.outs)).toEqual({ id: "" });
    await identity.delete(created.id, updated.outs);
  });

  it("adopts a preset identity without writing, and destroy only releases it", async () => {
    emulator().control.resetCalls();
    const adopted = await identity.create({ identityId: adminIdentityId, aliasName: "admin" });
    expect(adopted.outs).toMatchObject({ identityId: adminIdentityId, identityType: 1, createdByStack: false, policies: [{ policyId: 1, policyName: "AdministratorAccess" }] });
    await identity.delete(String(adminIdentityId), adopted.outs);
    expect(emulator().control.calls().map((c) => c.action).filter((a) => !/^(Describe|List)/.test(a))).toEqual([]);
    await expect(identity.create({ identityId: adminIdentityId, aliasName: "root" })).rejects.toThrow(`identityId ${adminIdentityId} is named "admin", not "root"`);
  });

  it("a delete the API refuses names the members and policies using the identity", async () => {
    const created = await identity.create({ aliasName: "used", policies: [preset] });
    const id = Number(created.id);
    await api().call("CreateOrganizationMemberAuthIdentity", { MemberUins: [bob], IdentityIds: [id] });
    const { PolicyId } = await api().call("CreateOrganizationMembersPolicy", { PolicyName: "uses-it", MemberUins: [bob], IdentityId: id });
    await expect(identity.delete(created.id, created.outs)).rejects.toThrow(
      `identity ${id} is still authorized for 1 member(s): bob (${bob}); used by 1 member access policy(ies): uses-it (${PolicyId})`,
    );
    expect((await identities()).map((i) => i.IdentityId)).toContain(id);
  });

  it("a create whose answer is lost recovers the identity it made, never creating a second", async () => {
    emulator().control.injectFault({ kind: "lost-answer", action: "CreateOrganizationIdentity" });
    const created = await identity.create({ aliasName: "lost", policies: [{ policyDocument: respelled }] });
    expect((await identities()).filter((i) => i.IdentityAliasName === "lost").map((i) => String(i.IdentityId))).toEqual([created.id]);
    expect(created.outs).toMatchObject({ aliasName: "lost", policies: [{ policyDocument: respelled }], createdByStack: true });
  });

  it("an alias held by an identity with other fields is a clear error that says how to adopt it", async () => {
    await expect(identity.create({ aliasName: "devops", policies: [{ policyDocument: respelled }] })).rejects.toThrow(
      `the name is already used by ${SEED_IDS.customIdentityId}, which this stack did not create (to manage that identity, adopt it: set identityId: ${SEED_IDS.customIdentityId}`,
    );
  });

  it("an alias held by an identity with every field the create sends is never claimed across runs: the error says how to delete or adopt it", async () => {
    // Identities carry no tag: only the process that sent a create can recognize what it made.
    const devops = (await identities()).find((i) => i.IdentityId === SEED_IDS.customIdentityId)!;
    const attempt = identity.create({
      aliasName: "devops",
      description: devops.Description,
      policies: [{ policyName: "devops-operations", policyDocument: devops.IdentityPolicy![0]!.PolicyDocument! }],
    });
    await expect(attempt).rejects.toMatchObject({ name: "NameCollisionError", reason: "unproven", objectId: SEED_IDS.customIdentityId });
    await expect(attempt).rejects.toThrow(
      `If a run of this stack was interrupted while creating it (a killed or failed up), delete ${SEED_IDS.customIdentityId} ` +
        `(DeleteOrganizationIdentity, or in the console) and run up again, which creates it anew; otherwise, to manage that ` +
        `identity, adopt it: set identityId: ${SEED_IDS.customIdentityId}`,
    );
  });
});
