/** Preview of an in-place update names exactly what the up then changes (shared setup: ./shared.ts). */
import { SEED_IDS, createEngineStack, type EngineStack, type ResourceSpec, created, memberNamed, memberUins } from "./shared";

jest.setTimeout(300_000);

describe("Preview of an in-place update names exactly what the up then changes", () => {
  let engine: EngineStack;
  type Edits = Partial<Record<"member" | "node" | "identity", Record<string, unknown>>>;
  /** The edits so far: each test adds one to what the stack already holds. */
  let edits: Edits = {};
  const stack = (): ResourceSpec[] => [
    { kind: "OrganizationNode", name: "team", args: { name: "preview-team", remark: "team", ...edits.node } },
    {
      kind: "OrganizationIdentity",
      name: "deploy",
      args: { aliasName: "preview-deploy", description: "deploy", policies: [{ policyId: 2, policyName: "ReadOnlyAccess" }], ...edits.identity },
    },
    ...created({ nodeId: { $ref: "team.nodeId" }, ...edits.member }),
    {
      kind: "MemberAuthIdentity",
      name: "access",
      args: { memberUins: [{ $ref: "platform.memberUin" }, SEED_IDS.invitedUin], identityIds: [SEED_IDS.readonlyIdentityId, { $ref: "deploy.identityId" }] },
    },
    {
      kind: "MemberAccessPolicy",
      name: "devops",
      args: { memberUins: [{ $ref: "platform.memberUin" }], policyName: "preview-devops", identityId: { $ref: "deploy.identityId" } },
      dependsOn: ["access"],
    },
  ];

  beforeAll(async () => {
    engine = await createEngineStack({ program: "declared", resources: stack() });
    expect(await engine.up()).toEqual({ create: 6 });
  });
  afterAll(() => engine?.close());

  it.each<[string, keyof Edits, Record<string, unknown>, string, string[]]>([
    ["a member's remark", "member", { remark: "edited" }, "platform", ["remark"]],
    ["a member's permissionIds", "member", { permissionIds: [1, 2, 8, 9] }, "platform", ["permissionIds"]],
    ["a member's nodeId", "member", { nodeId: SEED_IDS.departmentNodeId }, "platform", ["nodeId"]],
    ["a node's name and remark", "node", { name: "preview-team-2", remark: "renamed" }, "team", ["name", "remark"]],
    ["an identity's description", "identity", { description: "deploy v2" }, "deploy", ["description"]],
  ])("%s: the preview shows that resource alone, as the up changes it", async (_what, kind, edit, name, changedInputs) => {
    edits = { ...edits, [kind]: { ...edits[kind], ...edit } };
    await engine.declare(stack());
    // Both run before either is judged, so one edit's failure never leaves its change to the next one.
    const [planned, performed] = [await engine.previewSteps(), await engine.up()];
    expect(performed).toEqual({ same: 5, update: 1 });
    expect(planned).toEqual([{ name, op: "update", changedInputs, replaces: [] }]);
  });

  it("destroy removes everything the stack made", async () => {
    await engine.destroy();
    expect(await memberNamed(engine, "platform-ops")).toBeUndefined();
  });
});
