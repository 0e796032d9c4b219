/**
 * The full path, once: program → engine → dynamic provider plugin → client → emulator, through the real Pulumi CLI.
 */
import { SEED_IDS } from "../../emulator";
import { createEngineStack, type EngineStack } from "./harness";

jest.setTimeout(240_000);

describe("a dynamic resource that calls DescribeOrganization through the real engine", () => {
  let engine: EngineStack;
  let seeded: unknown;

  beforeAll(async () => {
    engine = await createEngineStack({ program: "probe" });
    seeded = engine.emulator.control.snapshot();
  });
  afterAll(() => engine?.close());

  it("creates the resource from the emulator's answer", async () => {
    expect(await engine.up()).toEqual({ create: 2 });
    const outputs = await engine.outputs();
    expect(outputs.orgId).toBe(SEED_IDS.orgId);
    expect(outputs.hostUin).toBe(SEED_IDS.hostUin);
    expect(engine.emulator.control.calls().map((call) => call.action)).toEqual(["DescribeOrganization"]);
  });

  it("keeps credentials out of the exported state", async () => {
    const state = await engine.exportedState();
    expect(state).not.toContain(engine.emulator.credentials.secretKey);
    expect(state).not.toContain(engine.emulator.credentials.secretId);
    expect(state).toContain("pulumi-nodejs:dynamic/tencentcloud-organization:OrganizationProbe");
  });

  it("converges: a second up changes nothing", async () => {
    expect(await engine.up()).toEqual({ same: 2 });
  });

  it("refreshes through the provider's read", async () => {
    engine.emulator.control.resetCalls();
    expect(await engine.refresh()).toEqual({ same: 2 });
    expect(engine.emulator.control.calls().map((call) => call.action)).toEqual(["DescribeOrganization"]);
  });

  it("destroys, leaving the emulator as it was seeded", async () => {
    expect(await engine.destroy()).toEqual({ delete: 2 });
    expect(engine.emulator.control.snapshot()).toEqual(seeded);
  });
});
