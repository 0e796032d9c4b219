/**
 * One lifecycle of the native plugin through the real CLI, run for a project language (./yaml.test.ts, ./typescript.test.ts,
 * ./python.test.ts): create, an empty preview, drift found by refresh and restored by up, an in-place update shown as
 * a detailed diff, a replacement, `pulumi import` of a node, an identity, a member, a policy and authorizations that
 * exist in the organization (managed, protected by the engine, no changes once declared), then destroy; and the provider's secret key nowhere in plain text.
 */
import { SEED_IDS } from "../../../../emulator";
import { type Declared, pluginStack, type PluginStack, previewSteps, type ProjectLanguage } from "../cli";
import { declaredAsRecorded, IMPORTS, importArgs, stillThere } from "../imports";

const node = (remark: string): Declared => ({ type: "OrganizationNode", name: "dept", args: { name: "lang-dept", remark } });
const identity = (aliasName: string): Declared => ({
  type: "OrganizationIdentity",
  name: "deploy",
  args: { aliasName, policies: [{ policyId: 1, policyName: "AdministratorAccess" }] },
});
const byName = (stack: PluginStack, name: string) =>
  stack.resources().then((resources) => resources.find((resource) => resource.urn.endsWith(`::${name}`)));
const nodeRemark = async (stack: PluginStack, nodeId: number) =>
  ((await stack.api.call("DescribeOrganizationNodes", { Limit: 50, Offset: 0 })).Items ?? []).find(
    (item) => item.NodeId === nodeId,
  )?.Remark;

export interface LanguageCase {
  /** The stack's name prefix. */
  name: string;
  language: () => ProjectLanguage;
  /** Whether the language host generates the imported resource's code (GenerateProgram). */
  generatesCode: boolean;
}

export function describeLanguage({ name, language, generatesCode }: LanguageCase): void {
  describe(`the native plugin in a ${name} project, through the CLI`, () => {
    let stack: PluginStack;
    beforeAll(async () => {
      stack = await pluginStack(name, language());
    });
    afterAll(async () => {
      await stack?.close();
    });

    it("creates, then previews no changes", async () => {
      stack.declare([node("first"), identity(`${name}-deploy`)]);
      await stack.pulumi(["up", "--yes", "--skip-preview"]);
      const dept = await byName(stack, "dept");
      expect(dept?.outputs).toMatchObject({ name: "lang-dept", remark: "first", createdByStack: true, nodeId: Number(dept?.id) });
      expect((await byName(stack, "deploy"))?.outputs).toMatchObject({ aliasName: `${name}-deploy`, createdByStack: true });
      await stack.pulumi(["preview", "--expect-no-changes"]);
    });

    it("finds drift on refresh, and up restores it", async () => {
      const nodeId = Number((await byName(stack, "dept"))?.id);
      await stack.api.call("UpdateOrganizationNode", { NodeId: nodeId, Remark: "changed outside" });
      const refresh = await stack.pulumi(["refresh", "--yes", "--diff"]);
      expect(refresh.stdout).toMatch(/remark.*changed outside/);
      await stack.pulumi(["up", "--yes", "--skip-preview"]);
      expect(await nodeRemark(stack, nodeId)).toBe("first");
    });

    it("shows an in-place update as a detailed diff, then applies it", async () => {
      stack.declare([node("second"), identity(`${name}-deploy`)]);
      const steps = await previewSteps(stack);
      expect(steps.map((step) => [step.op, step.urn.split("::").pop(), step.detailedDiff])).toEqual([
        ["update", "dept", { remark: { kind: "update", inputDiff: true } }],
      ]);
      await stack.pulumi(["up", "--yes", "--skip-preview"]);
      expect(await nodeRemark(stack, Number((await byName(stack, "dept"))?.id))).toBe("second");
      await stack.pulumi(["preview", "--expect-no-changes"]);
    });

    it("replaces what the API cannot change", async () => {
      const before = await byName(stack, "deploy");
      stack.declare([node("second"), identity(`${name}-deploy-2`)]);
      const replace = (await previewSteps(stack)).find((step) => step.urn.endsWith("::deploy"));
      expect(replace).toMatchObject({ op: "replace", detailedDiff: { aliasName: { kind: "update-replace", inputDiff: true } } });
      await stack.pulumi(["up", "--yes", "--skip-preview"]);
      const after = await byName(stack, "deploy");
      expect(after?.id).not.toBe(before?.id);
      const identities = (await stack.api.call("ListOrganizationIdentity", { Limit: 50, Offset: 0 })).Items ?? [];
      expect(identities.map((item) => item.IdentityAliasName)).toEqual(expect.arrayContaining([`${name}-deploy-2`]));
      expect(identities.map((item) => item.IdentityAliasName)).not.toContain(`${name}-deploy`);
    });

    it("imports an existing node, identity, member, policy and authorizations as managed, protected resources that then preview no changes", async () => {
      for (const imported of IMPORTS) {
        const args = importArgs(imported, stack.providerUrn);
        const run = await stack.pulumi(generatesCode ? args : [...args, "--generate-code=false"]);
        // The YAML host writes the program's new resource (by its short token), protected, with the explicit provider.
        if (generatesCode) {
          expect(run.stdout).toMatch(new RegExp(`${imported.name}:\\s+type: tencentcloud-organization:(index:)?${imported.type}\\s+properties:`));
          expect(run.stdout).toMatch(/provider: \$\{org\}\s+protect: true/);
        }
      }
      const resources = await stack.resources();
      for (const { name, id } of IMPORTS) expect((await byName(stack, name))?.id).toBe(id);
      expect(await byName(stack, "finance")).toMatchObject({ outputs: { nodeId: SEED_IDS.financeNodeId, createdByStack: true } });
      stack.declare([node("second"), identity(`${name}-deploy-2`), ...declaredAsRecorded(resources)]);
      await stack.pulumi(["preview", "--expect-no-changes"]);
      const refused = await stack.pulumi(["destroy", "--yes", "--skip-preview"], { allowFailure: true });
      expect(`${refused.stdout}${refused.stderr}`).toMatch(/protected/);
    });

    it("destroys everything once the imports are unprotected", async () => {
      const created = Number((await byName(stack, "dept"))?.id);
      await stack.pulumi(["state", "unprotect", "--all", "--yes"]);
      await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
      expect(await stack.resources()).toEqual([]);
      const nodes = (await stack.api.call("DescribeOrganizationNodes", { Limit: 50, Offset: 0 })).Items ?? [];
      expect(nodes.map((item) => item.NodeId)).not.toContain(created);
      expect(await stillThere(stack)).toEqual([]);
    });

    it("never writes the provider's secret key in plain text, in output or state", () => {
      const written = stack.everythingWritten();
      expect(written).toContain("lang-dept");
      expect(written).not.toContain(stack.secretKey);
    });
  });
}
