/**
 * A pull-request preview or a drift check runs with a key that may only read (README, "Pull-request previews and CD").
 * Through the real engine: after a base `up` with the writing key, `preview` with the emulator's read-only key succeeds
 * for a change of each kind (create, update, replace, delete) of every resource kind, attempts no write (a refused
 * write would be in the call log with AuthFailure.UnauthorizedOperation), and shows exactly the steps the writing key's
 * preview shows.
 */
import { SEED_IDS, TEST_READ_ONLY_CREDENTIALS, type State } from "../../emulator";
import { createEngineStack, type EngineStack, type ResourceSpec } from "./harness";

jest.setTimeout(600_000);

const document = (action: string) => JSON.stringify({ version: "2.0", statement: [{ effect: "allow", action: [action], resource: ["*"] }] });
const ref = (name: string, output: string) => ({ $ref: `${name}.${output}` });

interface Variant {
  suffix: string;
  /** The in-place change of every property that updates in place. */
  changed?: boolean;
  /** A new name for every object whose name replaces it (and a new parent for the department). */
  renamed?: boolean;
}

/** One resource of each kind, named `<kind>-<suffix>`, each using the ones before it. */
function set({ suffix, changed = false, renamed = false }: Variant): ResourceSpec[] {
  const name = (base: string) => `ro-${base}-${suffix}${renamed ? "2" : ""}`;
  return [
    {
      kind: "OrganizationNode",
      name: `node-${suffix}`,
      args: { name: name("dept"), parentNodeId: renamed ? SEED_IDS.rootNodeId : SEED_IDS.departmentNodeId, remark: changed ? "changed" : "base" },
    },
    {
      kind: "OrganizationIdentity",
      name: `identity-${suffix}`,
      args: { aliasName: name("identity"), description: changed ? "changed" : "base", policies: [{ policyDocument: document("cvm:Describe*") }] },
    },
    {
      kind: "OrganizationMember",
      name: `member-${suffix}`,
      args: {
        name: name("member"),
        accountName: name("member"),
        nodeId: ref(`node-${suffix}`, "nodeId"),
        permissionIds: [1, 2],
        remark: changed ? "changed" : "base",
      },
    },
    {
      kind: "MemberAuthIdentity",
      name: `access-${suffix}`,
      args: {
        memberUins: [ref(`member-${suffix}`, "memberUin")],
        identityIds: changed ? [ref(`identity-${suffix}`, "identityId"), SEED_IDS.readonlyIdentityId] : [ref(`identity-${suffix}`, "identityId")],
      },
    },
    {
      kind: "MemberAccessPolicy",
      name: `policy-${suffix}`,
      args: {
        policyName: name("policy"),
        identityId: ref(`identity-${suffix}`, "identityId"),
        memberUins: [ref(`member-${suffix}`, "memberUin")],
        description: changed ? "changed" : "base",
      },
      dependsOn: [`access-${suffix}`],
    },
  ];
}

const KINDS = ["node", "identity", "member", "access", "policy"];
/** The engine's steps for one resource of each kind of the set: `ops(kind)` lists them for one resource. */
const steps = (suffix: string, ops: (kind: string) => string[]) => KINDS.flatMap((kind) => ops(kind).map((op) => ({ name: `${kind}-${suffix}`, op })));
/** A replacement, as the engine previews it (create first: no resource here deletes before replacing). */
const REPLACE = ["create-replacement", "replace", "delete-replaced"];
const byName = (a: { name: string; op: string }, b: { name: string; op: string }) => a.name.localeCompare(b.name) || a.op.localeCompare(b.op);

describe("preview with a read-only key", () => {
  let engine: EngineStack;
  let seed: State;
  let applied: State;
  const writingKey = () => engine.setEnv({ TENCENTCLOUD_SECRET_ID: engine.emulator.credentials.secretId, TENCENTCLOUD_SECRET_KEY: engine.emulator.credentials.secretKey });
  const readOnlyKey = () => engine.setEnv({ TENCENTCLOUD_SECRET_ID: TEST_READ_ONLY_CREDENTIALS.secretId, TENCENTCLOUD_SECRET_KEY: TEST_READ_ONLY_CREDENTIALS.secretKey });

  /** The steps the read-only preview shows, after checking it wrote nothing and agrees with the writing key's. */
  async function readOnlyPreview(resources: ResourceSpec[]): Promise<Array<{ name: string; op: string }>> {
    await engine.declare(resources);
    writingKey();
    const withWritingKey = await engine.previewSteps();
    readOnlyKey();
    engine.emulator.control.resetCalls();
    const withReadOnlyKey = await engine.previewSteps();
    expect(engine.writeCalls()).toEqual([]);
    expect(engine.emulator.control.calls().filter((call) => call.code !== undefined)).toEqual([]);
    expect(engine.emulator.control.snapshot()).toEqual(applied);
    // The engine runs independent steps side by side, so their order may differ between two previews.
    expect([...withReadOnlyKey].sort(byName)).toEqual([...withWritingKey].sort(byName));
    return withReadOnlyKey.map(({ name, op }) => ({ name, op })).sort(byName);
  }

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", resources: set({ suffix: "a" }) });
    seed = engine.emulator.control.snapshot();
    await engine.up();
    applied = engine.emulator.control.snapshot();
  });
  afterAll(() => engine?.close());

  it("the read-only key cannot write: an up with it fails naming AuthFailure.UnauthorizedOperation, and changes nothing", async () => {
    await engine.declare([...set({ suffix: "a" }), ...set({ suffix: "b" }).slice(0, 1)]);
    readOnlyKey();
    const up = await engine.attempt("up");
    expect(up.ok).toBe(false);
    expect(up.message + up.output).toMatch(/AddOrganizationNode failed: AuthFailure\.UnauthorizedOperation/);
    expect(engine.emulator.control.snapshot()).toEqual(applied);
  });

  it("shows creates of every kind and in-place updates of every kind, writing nothing", async () => {
    expect(await readOnlyPreview([...set({ suffix: "a", changed: true }), ...set({ suffix: "b" })])).toEqual(
      [...steps("a", () => ["update"]), ...steps("b", () => ["create"])].sort(byName),
    );
  });

  it("shows replacements of every kind that replaces (a MemberAuthIdentity never does: it updates), writing nothing", async () => {
    expect(await readOnlyPreview(set({ suffix: "a", renamed: true }))).toEqual(
      steps("a", (kind) => (kind === "access" ? ["update"] : REPLACE)).sort(byName),
    );
  });

  it("shows deletes of every kind, writing nothing", async () => {
    expect(await readOnlyPreview([])).toEqual(steps("a", () => ["delete"]).sort(byName));
  });

  it("the writing key's destroy then removes the five objects the stack made (and the stack)", async () => {
    writingKey();
    expect(await engine.destroy()).toEqual({ delete: 6 });
    const counts = (state: State) => [state.nodes, state.identities, state.members, state.policies, state.authorizations].map((list) => list.length);
    expect(counts(engine.emulator.control.snapshot())).toEqual(counts(seed));
  });
});
