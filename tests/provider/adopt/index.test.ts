/**
 * The adoption command's work against the in-process emulator: what it reads, what it declares, that it writes nothing,
 * and that the program it writes compiles under strict TypeScript.
 */
import { DEFAULT_SEED, SEED_IDS, start, type Emulator } from "../../../emulator";
import { adopt, AdoptionScopeError } from "../../../provider/adopt";
import { closeSharedAgent, resetPacing } from "../../../provider/client";
import { typeErrors } from "./compile";

jest.setTimeout(120_000);

let emulator: Emulator;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  emulator = await start({ port: 0 });
  env = {
    TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
    TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
    TENCENTCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
  };
});
afterAll(async () => {
  await emulator.stop();
  await closeSharedAgent();
  resetPacing();
});

const READ = /^(Describe|List)/;

describe("adopt, the whole organization", () => {
  let result: Awaited<ReturnType<typeof adopt>>;

  beforeAll(async () => {
    emulator.control.resetCalls();
    result = await adopt({ env, projectName: "My Org" });
  });

  it("declares every entity once, and only reads", () => {
    const state = emulator.control.snapshot();
    expect(result.counts).toEqual({
      OrganizationNode: state.nodes.length,
      OrganizationIdentity: state.identities.length,
      OrganizationMember: state.members.length,
      // One per identity that some member holds.
      MemberAuthIdentity: new Set(state.authorizations.map((a) => a.IdentityId)).size,
      MemberAccessPolicy: state.policies.length,
    });
    const calls = emulator.control.calls();
    expect(calls.length).toBe(result.apiCalls);
    expect(calls.filter((call) => !READ.test(call.action))).toEqual([]);
  });

  it("sets every property to its current value, referencing other resources through outputs", () => {
    const program = result.files["index.ts"];
    expect(program).toContain(`const carolMember = new OrganizationMember("carol", {
  memberUin: ${SEED_IDS.paidUin},
  name: "carol",
  nodeId: engineeringNode.nodeId,
  policyType: "Financial",
  permissionIds: [1, 2, 7],
  remark: "paid for by alice",
  isAllowQuit: "Denied",
  payUin: pulumi.interpolate\`\${aliceMember.memberUin}\`,
});`);
    expect(program).toContain(`parentNodeId: rootNode.nodeId,`);
    expect(program).toContain(`memberUins: [aliceMember.memberUin, bobMember.memberUin],\n  identityIds: [adminIdentity.identityId],`);
    expect(program).toMatch(/identityId: adminIdentity\.identityId,\n  description: "[^"]*",\n\}, \{ dependsOn: \[adminMembers\] \}\);/);
    expect(program).toContain(`policyName: "devops-operations",`);
  });

  it("writes a project whose program compiles under tsc --strict", () => {
    expect(Object.keys(result.files).sort()).toEqual(["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
    expect(result.files["Pulumi.yaml"]).toContain("name: my-org\n");
    expect(JSON.parse(result.files["tsconfig.json"]!).compilerOptions.strict).toBe(true);
    expect(typeErrors({ ...result.files })).toEqual([]);
  });
});

describe("adopt, restricted", () => {
  it("to a department: its subtree, its members, their pairs and policies, the identities they use", async () => {
    const { files, counts } = await adopt({ env, scope: { nodeId: SEED_IDS.departmentNodeId } });
    const program = files["index.ts"];
    const inDepartment = (DEFAULT_SEED.members ?? []).filter((m) => m.NodeId === SEED_IDS.departmentNodeId);
    // Engineering and Platform under it; the root and Finance stay out.
    expect(counts.OrganizationNode).toBe(2);
    expect(program).toMatch(/new OrganizationNode\("platform", \{\n  nodeId: \d+,\n  name: "Platform",\n  parentNodeId: engineeringNode\.nodeId,/);
    expect(counts.OrganizationMember).toBe(inDepartment.length);
    // The parent and a payer outside the scope are referenced by value.
    expect(program).toContain(`parentNodeId: ${SEED_IDS.rootNodeId},`);
    expect(program).toContain(`payUin: "${SEED_IDS.invitedUin}",`);
    expect(program).not.toContain(`new OrganizationMember("alice"`);
    expect(program).not.toContain(`new MemberAccessPolicy(`);
    // bob holds admin and readonly; nobody in the department uses finance or devops.
    expect(program).toContain(`new OrganizationIdentity("readonly"`);
    expect(program).not.toContain(`new OrganizationIdentity("finance"`);
    expect(typeErrors({ "index.ts": program, "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, module: "commonjs", target: "ES2022", moduleResolution: "node10", esModuleInterop: true, skipLibCheck: true }, files: ["index.ts"] }) })).toEqual([]);
  });

  it("to listed members: their departments by id, their policies with every member of each", async () => {
    const { files, counts } = await adopt({ env, scope: { memberUins: [SEED_IDS.invitedUin] } });
    expect(counts).toMatchObject({ OrganizationNode: 0, OrganizationMember: 1, MemberAccessPolicy: 1 });
    expect(files["index.ts"]).toContain(`nodeId: ${SEED_IDS.rootNodeId},`);
    expect(files["index.ts"]).toContain(`policyId: ${SEED_IDS.policyId},`);
  });

  it("leaves out a pair that needs reconfiguring, since declaring it would re-authorize it, and says so", async () => {
    emulator.control.setAuthIdentityStatus(SEED_IDS.createdUin, SEED_IDS.readonlyIdentityId, 2);
    try {
      const { files, counts } = await adopt({ env, scope: { memberUins: [SEED_IDS.createdUin] } });
      // bob keeps only admin, in one resource; readonly is no longer used by an adopted pair.
      expect(counts.MemberAuthIdentity).toBe(1);
      expect(files["index.ts"]).not.toContain(`new MemberAuthIdentity("readonly-members"`);
      expect(files["index.ts"]).toContain(`//   member ${SEED_IDS.createdUin}, identity ${SEED_IDS.readonlyIdentityId}`);
    } finally {
      emulator.control.setAuthIdentityStatus(SEED_IDS.createdUin, SEED_IDS.readonlyIdentityId, 1);
    }
  });

  it("refuses a department or member the organization does not have", async () => {
    await expect(adopt({ env, scope: { nodeId: 999 } })).rejects.toThrow(AdoptionScopeError);
    await expect(adopt({ env, scope: { memberUins: [SEED_IDS.invitedUin, 42] } })).rejects.toThrow("--member 42: not a member of the organization");
  });
});

describe("adopt, an organization whose order and names the program must not copy", () => {
  // alice (the lowest UIN) is paid for by carol; devops's custom policy was created without a name (the API says "").
  const seed = {
    ...DEFAULT_SEED,
    members: (DEFAULT_SEED.members ?? []).map((member) =>
      member.MemberUin === SEED_IDS.invitedUin
        ? { ...member, PermissionIds: [1, 2, 7], PayUin: String(SEED_IDS.paidUin), IsAllowQuit: "Denied" as const }
        : member.MemberUin === SEED_IDS.paidUin
          ? { ...member, PermissionIds: [1, 2], PayUin: undefined, Remark: "pays for alice" }
          : member,
    ),
    identities: (DEFAULT_SEED.identities ?? []).map((identity) =>
      identity.IdentityId === SEED_IDS.customIdentityId
        ? { ...identity, IdentityPolicy: (identity.IdentityPolicy ?? []).map((policy) => ({ ...policy, PolicyName: "" })) }
        : identity,
    ),
  };
  let other: Emulator;
  let program: string;

  beforeAll(async () => {
    other = await start({ port: 0, seed });
    const { files } = await adopt({ env: { ...env, TENCENTCLOUD_ORGANIZATION_ENDPOINT: other.url } });
    program = files["index.ts"];
  });
  afterAll(() => other.stop());

  it("declares a payer before the member it pays for, whatever their UINs", () => {
    expect(program.indexOf("const carolMember =")).toBeLessThan(program.indexOf("const aliceMember ="));
    expect(program).toContain("payUin: pulumi.interpolate`${carolMember.memberUin}`,");
  });

  it("writes policy documents as objects, and no name for a policy that has none", () => {
    expect(program).toContain(`    {
      policyDocument: JSON.stringify({
        version: "2.0",
        statement: [{ effect: "allow", action: ["cvm:*", "cls:*"], resource: ["*"] }],
      }),
    },`);
    expect(program).not.toContain(`policyName: ""`);
    // A named custom policy keeps its name.
    expect(program).toContain(`policyName: "network-operations",`);
  });

  it("compiles under tsc --strict", () => {
    const tsconfig = { compilerOptions: { strict: true, module: "commonjs", target: "ES2022", moduleResolution: "node10", esModuleInterop: true, skipLibCheck: true }, files: ["index.ts"] };
    expect(typeErrors({ "index.ts": program, "tsconfig.json": JSON.stringify(tsconfig) })).toEqual([]);
  });
});
