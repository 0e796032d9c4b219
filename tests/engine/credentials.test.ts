/**
 * Credentials from secret stack config instead of the environment, read by the provider at call time.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SEED_IDS } from "../../emulator";
import { createEngineStack, type EngineStack } from "./harness";

jest.setTimeout(240_000);

describe("credentials in secret stack config", () => {
  let engine: EngineStack;

  beforeAll(async () => {
    const previous = { id: process.env.TENCENTCLOUD_SECRET_ID, key: process.env.TENCENTCLOUD_SECRET_KEY };
    expect(previous).toEqual({ id: undefined, key: undefined });
    engine = await createEngineStack({
      program: "declared",
      credentialsIn: "stack-config",
      resources: [{ kind: "OrganizationMember", name: "bob", args: { memberUin: SEED_IDS.createdUin, remark: "set with config credentials" } }],
    });
  });
  afterAll(() => engine?.close());

  it("reach the provider through configure, and the API call is signed with them", async () => {
    expect(await engine.up()).toEqual({ create: 2 });
    expect(engine.writeCalls()).toEqual(["UpdateOrganizationMember"]);
  });

  it("are only ciphertext in the state file and the stack's config file", async () => {
    const { secretId, secretKey } = engine.emulator.credentials;
    // The engine records the stack's config as the default provider's inputs, secrets encrypted. (The Automation
    // API's exportStack decrypts them, so the file on disk is what is checked here.)
    const stateFile = path.join(engine.workDir, "state", ".pulumi", "stacks", "engine-test", "test.json");
    const state = fs.readFileSync(stateFile, "utf8");
    expect(state).toContain("ciphertext");
    expect(state).not.toContain(secretKey);
    expect(state).not.toContain(secretId);
    const stackFile = fs.readFileSync(path.join(engine.workDir, "Pulumi.test.yaml"), "utf8");
    expect(stackFile).toContain("secure:");
    expect(stackFile).not.toContain(secretKey);
  });

  it("serve refresh and destroy too", async () => {
    expect(await engine.refresh()).toEqual({ same: 2 });
    await engine.destroy();
  });
});
