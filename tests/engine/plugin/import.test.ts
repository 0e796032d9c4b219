/**
 * `pulumi import` through the real CLI with the native plugin (`--generate-code=false`: the Node.js language host
 * cannot generate code): a node, an identity, a member, a policy and authorizations that exist become managed
 * resources, as if the stack had created them: declared with the inputs the import recorded, they preview no changes;
 * the engine protects them, as it does every import; unprotected, destroy deletes them. An id of nothing is a clear
 * not-found. The lookups, as the plugin's functions, run first.
 */
import { SEED_IDS } from "../../../emulator";
import { pluginStack, type PluginStack } from "./cli";
import { declaredAsRecorded, IMPORTS, importArgs, stillThere } from "./imports";

jest.setTimeout(240_000);


describe("pulumi import with the native plugin", () => {
  let stack: PluginStack;
  beforeAll(async () => {
    stack = await pluginStack("import");
    // The explicit provider the imports name, and the lookups the organization answers before anything is imported.
    stack.declare([
      { invoke: "getNodes", name: "nodes", args: {} },
      { invoke: "getMember", name: "bob", args: { memberUin: SEED_IDS.createdUin } },
      { invoke: "getMemberPolicies", name: "policies", args: { memberUin: SEED_IDS.invitedUin } },
    ]);
    await stack.pulumi(["up", "--yes", "--skip-preview"]);
  });

  it("answers the lookups as functions (Invoke), with the provider's config", async () => {
    const outputs = (await stack.outputs()) as {
      nodes: { rootNodeId: number; nodes: Array<{ nodeId: number }> };
      bob: { memberUin: number; memberType: string };
      policies: { policies: Array<{ policyId: number }> };
    };
    expect(outputs.nodes.rootNodeId).toBe(SEED_IDS.rootNodeId);
    expect(outputs.nodes.nodes.map((node) => node.nodeId)).toContain(SEED_IDS.financeNodeId);
    expect(outputs.bob).toMatchObject({ memberUin: SEED_IDS.createdUin, memberType: "Create" });
    expect(outputs.policies.policies.map((policy) => policy.policyId)).toEqual([SEED_IDS.policyId]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("imports a node, an identity, a member, a policy and authorizations as managed resources", async () => {
    for (const imported of IMPORTS) await stack.pulumi([...importArgs(imported, stack.providerUrn), "--generate-code=false"]);
    const resources = await stack.resources();
    expect(resources.map((resource) => [resource.urn.split("::").pop(), resource.id])).toEqual(IMPORTS.map(({ name, id }) => [name, id]));
    for (const resource of resources.filter((r) => !r.type.endsWith("MemberAuthIdentity"))) expect(resource.outputs?.createdByStack).toBe(true);
    const access = resources.find((resource) => resource.urn.endsWith("::bob-access"))!;
    expect(access.inputs).toMatchObject({ memberUins: [SEED_IDS.createdUin], identityIds: [SEED_IDS.adminIdentityId, SEED_IDS.readonlyIdentityId] });
    const finance = resources.find((resource) => resource.id === String(SEED_IDS.financeNodeId))!;
    expect(finance.inputs).toMatchObject({ name: expect.any(String), parentNodeId: SEED_IDS.rootNodeId });
    expect(finance.outputs).toMatchObject({ nodeId: SEED_IDS.financeNodeId, managedProperties: Object.keys(finance.inputs!).filter((key) => key !== "ownershipTag").sort() });
  });

  it("previews no changes once the program declares what the import recorded", async () => {
    const declared = declaredAsRecorded(await stack.resources());
    stack.declare(declared);
    await stack.pulumi(["preview", "--expect-no-changes"]);
  });

  it("says clearly when the id names nothing", async () => {
    const run = await stack.pulumi(
      ["import", "tencentcloud-organization:index:OrganizationNode", "ghost", "999999", "--provider", `org=${stack.providerUrn}`, "--generate-code=false", "--yes"],
      { allowFailure: true },
    );
    expect(run.code).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/cannot import tencentcloud-organization:index:OrganizationNode "999999": the organization has no such object/);
  });

  it("destroy deletes what was imported, once unprotected (the engine protects imports)", async () => {
    const refused = await stack.pulumi(["destroy", "--yes", "--skip-preview"], { allowFailure: true });
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toMatch(/OrganizationNode::finance" cannot be deleted\s+because it is protected/);
    await stack.pulumi(["state", "unprotect", "--all", "--yes"]);
    await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
    expect(await stillThere(stack)).toEqual([]);
  });
});
