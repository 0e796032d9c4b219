/**
 * The native plugin through the real CLI: create, an empty preview, drift found by refresh, an in-place update shown
 * as a detailed diff, a replacement, destroy; and the provider's secret key and a secret property nowhere in what
 * the CLI printed or the backend stored.
 */
import { SEED_IDS } from "../../../emulator";
import { type Declared, pluginStack, type PluginStack, previewSteps } from "./cli";

jest.setTimeout(240_000);

const node = (remark: string): Declared => ({ type: "OrganizationNode", name: "dept", args: { name: "plugin-dept", remark } });
/** A secret input: its output stays a secret, encrypted in state. */
const SECRET_DESCRIPTION = "deploy-description-kept-secret";
const identity = (aliasName: string): Declared => ({
  type: "OrganizationIdentity",
  name: "deploy",
  args: { aliasName, description: { $secret: SECRET_DESCRIPTION }, policies: [{ policyId: 1, policyName: "AdministratorAccess" }] },
});
const member: Declared = {
  type: "OrganizationMember",
  name: "ops",
  args: { name: "plugin-ops", accountName: "plugin-ops", nodeId: { $ref: "dept.nodeId" }, permissionIds: [1, 2] },
};
const adopted: Declared = { type: "OrganizationNode", name: "platform", args: { nodeId: SEED_IDS.platformNodeId } };

describe("the native plugin through the CLI", () => {
  let stack: PluginStack;
  beforeAll(async () => {
    stack = await pluginStack("lifecycle");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("creates, then previews no changes", async () => {
    stack.declare([node("first"), identity("plugin-deploy"), member, adopted]);
    // The member's nodeId is the new node's, not known in preview: the plugin's Check and preview Create take it.
    const planned = (await previewSteps(stack)).filter((step) => step.urn.includes("::tencentcloud-organization:index:"));
    expect(planned.map((step) => [step.op, step.urn.split("::").pop()]).sort()).toEqual([
      ["create", "deploy"],
      ["create", "dept"],
      ["create", "ops"],
      ["create", "platform"],
    ]);
    await stack.pulumi(["up", "--yes", "--skip-preview"]);
    const resources = await stack.resources();
    const dept = resources.find((resource) => resource.urn.endsWith("::dept"))!;
    expect(dept.outputs).toMatchObject({ name: "plugin-dept", remark: "first", createdByStack: true, nodeId: Number(dept.id) });
    const deploy = resources.find((resource) => resource.urn.endsWith("::deploy"))!;
    expect(deploy.outputs?.description).toEqual({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: expect.any(String) });
    const ops = resources.find((resource) => resource.urn.endsWith("::ops"))!;
    expect(ops.outputs).toMatchObject({ name: "plugin-ops", nodeId: Number(dept.id), createdByStack: true });
    // The program passes the key as plain text: the plugin's CheckConfig makes it a secret, encrypted in state.
    const provider = await stack.providerState();
    expect(provider?.inputs?.secretKey).toEqual({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: expect.any(String) });
    expect(await previewSteps(stack)).toEqual([]);
    await stack.pulumi(["preview", "--expect-no-changes"]);
  });

  it("finds drift on refresh, and up restores it", async () => {
    const dept = (await stack.resources()).find((resource) => resource.urn.endsWith("::dept"))!;
    await stack.api.call("UpdateOrganizationNode", { NodeId: Number(dept.id), Remark: "changed outside" });
    const refresh = await stack.pulumi(["refresh", "--yes", "--diff"]);
    expect(refresh.stdout).toMatch(/remark.*changed outside/);
    const steps = await previewSteps(stack);
    expect(steps.map((step) => [step.op, step.urn.split("::").pop(), step.detailedDiff])).toEqual([
      ["update", "dept", { remark: { kind: "update", inputDiff: true } }],
    ]);
    await stack.pulumi(["up", "--yes", "--skip-preview"]);
    const nodes = (await stack.api.call("DescribeOrganizationNodes", { Limit: 50, Offset: 0 })).Items ?? [];
    expect(nodes.find((item) => item.NodeId === Number(dept.id))?.Remark).toBe("first");
  });

  it("shows an in-place update as a detailed diff, and the member that takes the node's id as unchanged", async () => {
    stack.declare([node("second"), identity("plugin-deploy"), member, adopted]);
    const steps = await previewSteps(stack);
    expect(steps.map((step) => [step.op, step.urn.split("::").pop(), step.detailedDiff])).toEqual([
      ["update", "dept", { remark: { kind: "update", inputDiff: true } }],
    ]);
    const diff = await stack.pulumi(["preview", "--diff"]);
    expect(diff.stdout).toMatch(/~ remark\s*: "first" => "second"/);
    await stack.pulumi(["up", "--yes", "--skip-preview"]);
    await stack.pulumi(["preview", "--expect-no-changes"]);
  });

  it("replaces what the API cannot change, creating the new object first", async () => {
    const before = (await stack.resources()).find((resource) => resource.urn.endsWith("::deploy"))!;
    stack.declare([node("second"), identity("plugin-deploy-2"), member, adopted]);
    const steps = await previewSteps(stack);
    const replace = steps.find((step) => step.urn.endsWith("::deploy"))!;
    expect(replace.op).toBe("replace");
    expect(replace.detailedDiff).toEqual({ aliasName: { kind: "update-replace", inputDiff: true } });
    await stack.pulumi(["up", "--yes", "--skip-preview"]);
    const after = (await stack.resources()).find((resource) => resource.urn.endsWith("::deploy"))!;
    expect(after.id).not.toBe(before.id);
    const identities = (await stack.api.call("ListOrganizationIdentity", { Limit: 50, Offset: 0 })).Items ?? [];
    expect(identities.map((item) => item.IdentityAliasName)).toContain("plugin-deploy-2");
    expect(identities.map((item) => item.IdentityAliasName)).not.toContain("plugin-deploy");
  });

  it("destroys what it created and releases what it adopted", async () => {
    const resources = await stack.resources();
    const created = Number(resources.find((resource) => resource.urn.endsWith("::dept"))!.id);
    await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
    expect(await stack.resources()).toEqual([]);
    const nodes = (await stack.api.call("DescribeOrganizationNodes", { Limit: 50, Offset: 0 })).Items ?? [];
    expect(nodes.map((item) => item.NodeId)).not.toContain(created);
    expect(nodes.map((item) => item.NodeId)).toContain(SEED_IDS.platformNodeId);
  });

  it("never writes the provider's secret key, nor a secret property, in plain text, in output or state", () => {
    const written = stack.everythingWritten();
    expect(written).toContain("plugin-test");
    expect(written).not.toContain(stack.secretKey);
    expect(written).not.toContain(SECRET_DESCRIPTION);
  });
});
