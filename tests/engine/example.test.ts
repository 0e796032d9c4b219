/**
 * The example project (examples/organization) through the real engine on the path users take: the `pulumi` binary
 * runs the project with the Node.js language host, as `npm start` and `pulumi up` in that folder do.
 */
import { createEngineStack, type EngineStack } from "./harness";

jest.setTimeout(300_000);

describe("the example stack", () => {
  let engine: EngineStack;
  let seeded: unknown;

  beforeAll(async () => {
    engine = await createEngineStack({ program: "example", path: "cli" });
    const { members, policies, authorizations, nodes, identities } = engine.emulator.control.snapshot();
    seeded = { members, policies, authorizations, nodes, identities };
  });
  afterAll(() => engine?.close());

  it("previews before anything exists, with members' UINs still unknown", async () => {
    expect(await engine.preview()).toEqual({ create: 7 });
    expect(engine.writeCalls()).toEqual([]);
  });

  it("up creates it with all five resource kinds: department and identity first, policy after its authorizations", async () => {
    expect(await engine.up()).toEqual({ create: 7 });
    const writes = engine.writeCalls();
    // The department and the identity do not depend on each other, so either may go first.
    expect(writes.slice(0, 2).sort()).toEqual(["AddOrganizationNode", "CreateOrganizationIdentity"]);
    expect(writes.slice(2)).toEqual(["CreateOrganizationMember", "CreateOrganizationMemberAuthIdentity", "CreateOrganizationMembersPolicy"]);
    const outputs = await engine.outputs();
    expect(outputs.ownerName).toBe("alice");
    expect(outputs.platformDepartment).toBe("platform-team");
    expect(outputs.authorizedPairs).toHaveLength(4);
    const { nodes, identities, policies } = engine.emulator.control.snapshot();
    const team = nodes.find((node) => node.Name === "platform-team");
    expect(team).toMatchObject({ NodeId: outputs.platformTeamNodeId, ParentNodeId: 100002 });
    const deploy = identities.find((identity) => identity.IdentityAliasName === "platform-deploy");
    expect(deploy).toMatchObject({ IdentityId: outputs.deployIdentityId, IdentityType: 2 });
    expect(policies.find((policy) => policy.PolicyName === "platform-devops")).toMatchObject({ IdentityId: outputs.deployIdentityId });
  });

  it("stores only a small stub as each resource's provider, and no credentials anywhere in state", async () => {
    const state = await engine.exportedState();
    expect(state).not.toContain(engine.emulator.credentials.secretKey);
    expect(state).not.toContain(engine.emulator.credentials.secretId);
    const resources = Object.values(await engine.resources());
    expect(resources).toHaveLength(6);
    for (const resource of resources) {
      const provider = resource.outputs!.__provider as string;
      expect(provider).toContain('require("pulumi-tencentcloud-organization/dist/provider/resources/registry")');
      // Logic captured by value would run stale after an upgrade: the stub must not carry any.
      expect(provider).not.toMatch(/CreateOrganization|DescribeOrganization|paginate/);
      expect(Buffer.byteLength(provider)).toBeLessThan(4096);
    }
  });

  it("converges: preview and refresh then show no changes", async () => {
    expect(await engine.preview()).toEqual({ same: 7 });
    expect(await engine.refresh()).toEqual({ same: 7 });
    expect(await engine.preview()).toEqual({ same: 7 });
  });

  it("destroy leaves the emulator as seeded: created objects removed, the adopted member untouched", async () => {
    await engine.destroy();
    const { members, policies, authorizations, nodes, identities } = engine.emulator.control.snapshot();
    expect({ members, policies, authorizations, nodes, identities }).toEqual(seeded);
  });
});
