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
    const { members, policies, authorizations } = engine.emulator.control.snapshot();
    seeded = { members, policies, authorizations };
  });
  afterAll(() => engine?.close());

  it("previews before anything exists, with members' UINs still unknown", async () => {
    expect(await engine.preview()).toEqual({ create: 5 });
    expect(engine.writeCalls()).toEqual([]);
  });

  it("up creates it with all three resources, policy after its authorizations", async () => {
    expect(await engine.up()).toEqual({ create: 5 });
    const writes = engine.writeCalls();
    expect(writes).toEqual(["CreateOrganizationMember", "CreateOrganizationMemberAuthIdentity", "CreateOrganizationMembersPolicy"]);
    const outputs = await engine.outputs();
    expect(outputs.ownerName).toBe("alice");
    expect(outputs.authorizedPairs).toHaveLength(4);
  });

  it("stores only a small stub as each resource's provider, and no credentials anywhere in state", async () => {
    const state = await engine.exportedState();
    expect(state).not.toContain(engine.emulator.credentials.secretKey);
    expect(state).not.toContain(engine.emulator.credentials.secretId);
    const resources = Object.values(await engine.resources());
    expect(resources).toHaveLength(4);
    for (const resource of resources) {
      const provider = resource.outputs!.__provider as string;
      expect(provider).toContain('require("pulumi-tencentcloud-organization/dist/provider/resources/registry")');
      // Logic captured by value would run stale after an upgrade: the stub must not carry any.
      expect(provider).not.toMatch(/CreateOrganization|DescribeOrganization|paginate/);
      expect(Buffer.byteLength(provider)).toBeLessThan(4096);
    }
  });

  it("converges: preview and refresh then show no changes", async () => {
    expect(await engine.preview()).toEqual({ same: 5 });
    expect(await engine.refresh()).toEqual({ same: 5 });
    expect(await engine.preview()).toEqual({ same: 5 });
  });

  it("destroy leaves the emulator as seeded: created objects removed, the adopted member untouched", async () => {
    await engine.destroy();
    const { members, policies, authorizations } = engine.emulator.control.snapshot();
    expect({ members, policies, authorizations }).toEqual(seeded);
  });
});
