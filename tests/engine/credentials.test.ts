/**
 * Credentials from secret stack config instead of the environment, read by the provider at call time.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SEED_IDS, start, type Emulator } from "../../emulator";
import { LOCAL_DIR } from "../../scripts/engine";
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

/**
 * Rotating keys. The emulator then accepts only the new pair, as the cloud does once the old key is disabled. The
 * engine hands `refresh` and `destroy` the provider config recorded in state at the last `up`, so credentials kept in
 * stack config reach them after a rotation only through `--run-program` (or after an `up`). Credentials in the
 * environment are read at each call and always current. README "Credentials and endpoints" states this rule.
 */
const ROTATED = { secretId: "AKIDROTATEDKEYFORENGINETEST000000000", secretKey: "rotated-engine-test-secret-key" };
const ROTATED_AGAIN = { secretId: "AKIDROTATEDAGAINFORENGINETEST0000000", secretKey: "rotated-again-engine-test-secret-key" };
// An adopted member (refresh reads it) and a created one (destroy deletes it): each operation makes API calls.
const bob = [
  { kind: "OrganizationMember" as const, name: "bob", args: { memberUin: SEED_IDS.createdUin, remark: "rotation" } },
  {
    kind: "OrganizationMember" as const,
    name: "rotation",
    args: { name: "rotation", accountName: "rotation", nodeId: SEED_IDS.departmentNodeId, permissionIds: [1, 2] },
  },
];

describe("a key rotated in stack config", () => {
  let engine: EngineStack;

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", credentialsIn: "stack-config", resources: bob });
    await engine.up();
    engine.emulator.control.setCredentials([ROTATED]);
    await engine.setConfig({
      "tencentcloud:secretId": { value: ROTATED.secretId, secret: true },
      "tencentcloud:secretKey": { value: ROTATED.secretKey, secret: true },
    });
  });
  afterAll(() => engine?.close());

  it("a plain refresh still signs with the key recorded at the last up, and is refused without leaking either key", async () => {
    const refused = await engine.attempt("refresh");
    expect(refused.ok).toBe(false);
    expect(refused.message + refused.output).toContain("AuthFailure.SecretIdNotFound");
    for (const key of [ROTATED.secretKey, engine.emulator.credentials.secretKey]) expect(refused.message + refused.output).not.toContain(key);
  });

  it("refresh --run-program uses the current config; so does up, after which a plain refresh does too", async () => {
    expect(await engine.refreshWith({ runProgram: true })).toEqual({ same: 3 });
    expect(await engine.up()).toMatchObject({ same: 3 });
    expect(await engine.refresh()).toEqual({ same: 3 });
  });

  it("destroy --run-program uses the current config after another rotation", async () => {
    engine.emulator.control.setCredentials([ROTATED_AGAIN]);
    await engine.setConfig({
      "tencentcloud:secretId": { value: ROTATED_AGAIN.secretId, secret: true },
      "tencentcloud:secretKey": { value: ROTATED_AGAIN.secretKey, secret: true },
    });
    const refused = await engine.attempt("destroy");
    expect(refused.ok).toBe(false);
    expect(refused.message + refused.output).toContain("AuthFailure.SecretIdNotFound");
    // The refused destroy already released the adopted member (no call needed); the created one is left.
    await engine.destroyWith({ runProgram: true });
    expect(await engine.resources()).toEqual({});
    expect(engine.emulator.control.snapshot().members.some((m) => m.Name === "rotation")).toBe(false);
  });
});

describe("a key rotated in the environment", () => {
  let engine: EngineStack;

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", resources: bob });
    await engine.up();
    engine.emulator.control.setCredentials([ROTATED]);
    engine.setEnv({ TENCENTCLOUD_SECRET_ID: ROTATED.secretId, TENCENTCLOUD_SECRET_KEY: ROTATED.secretKey });
  });
  afterAll(() => engine?.close());

  it("reaches refresh, up and destroy with no flag", async () => {
    expect(await engine.refresh()).toEqual({ same: 3 });
    expect(await engine.up()).toEqual({ same: 3 });
    expect(await engine.destroy()).toMatchObject({ delete: 3 });
    expect(engine.emulator.control.snapshot().members.some((m) => m.Name === "rotation")).toBe(false);
  });
});

/**
 * The endpoint follows the same rule as the keys: the organization moves to another address (here, the same emulator
 * state served by a new emulator on another port).
 */
describe("an endpoint moved", () => {
  let engine: EngineStack;
  let moved: Emulator | undefined;

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", resources: bob, emulatorOptions: { stateFile: `${LOCAL_DIR}/moved-${process.pid}.json` } });
    await engine.up();
  });
  afterAll(async () => {
    await moved?.stop();
    await engine?.close();
    fs.rmSync(`${LOCAL_DIR}/moved-${process.pid}.json`, { force: true });
  });

  it("in the environment: refresh, up and destroy follow it with no flag", async () => {
    await engine.emulator.stop();
    moved = await start({ port: 0, stateFile: `${LOCAL_DIR}/moved-${process.pid}.json` });
    engine.setEnv({ TENCENTCLOUD_ORGANIZATION_ENDPOINT: moved.url });
    expect(await engine.refresh()).toEqual({ same: 3 });
    expect(await engine.up()).toEqual({ same: 3 });
    expect(await engine.destroy()).toMatchObject({ delete: 3 });
    expect(moved.control.snapshot().members.some((m) => m.Name === "rotation")).toBe(false);
  });
});
