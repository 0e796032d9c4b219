/**
 * The emulator answers each action only with codes the official SDK documents for that action, or with common codes.
 * The official lists are tests/emulator/fixtures/official-error-codes.json, extracted from the Go SDK's client.go by
 * scripts/official-error-codes.ts. "Every code the emulator can produce" is found twice:
 *
 * - statically (tests/emulator/code-reach.ts): every error-code literal reachable from the action's handler and its
 *   request schema, so a new constructor, a new `throw` on the action's path or a new schema rule is seen without a
 *   test having to exercise it;
 * - dynamically: a table of requests per action, each answered with the code it names.
 *
 * The two must agree: every business (non-common) code the static reach finds is produced by some request of the table
 * (so the table shows when each is answered), and every code the table produces is in the static reach (so the walk
 * misses nothing). Responses are checked too: a field answered as null must be one the SDK's model says may be null.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type Emulator, SEED_IDS } from "../../emulator";
import { MAX_CUSTOM_IDENTITIES } from "../../emulator/backend/identities";
import { MAX_NODES, MAX_NODES_PER_DELETE } from "../../emulator/backend/nodes";
import { type ActionName, type RequestOf, actions } from "../../provider/api";
import { GONE_CODES, IN_USE_CODES, NAME_TAKEN_CODES } from "../../provider/api/codes";
import { actionCodes } from "../../scripts/official-error-codes";
import { CodeReach } from "./code-reach";
import { type Target, call, send, startTarget } from "./helpers";

interface FieldShape {
  type: string;
  array: boolean;
  nullable: boolean;
}
interface Fixture {
  source: { module: string; version: string; commit: string | null };
  common: { codes: string[] };
  actions: Record<string, string[]>;
  descriptions: Record<string, string>;
  responses: Record<string, Record<string, FieldShape>>;
  models: Record<string, Record<string, FieldShape>>;
}

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "official-error-codes.json"), "utf8")) as Fixture;
const COMMON = new Set(fixture.common.codes);
const ACTIONS = Object.keys(actions).sort() as ActionName[];
const allowed = (action: ActionName) => new Set([...fixture.actions[action]!, ...COMMON]);
const notAllowed = (action: ActionName, codes: Iterable<string>) => [...codes].filter((code) => !allowed(action).has(code)).sort();

const { invitedUin: ALICE, createdUin: BOB, paidUin: CAROL, hostUin: HOST, rootNodeId: ROOT_NODE, departmentNodeId: DEPT, policyId: POLICY } =
  SEED_IDS;
const page = { Offset: 0, Limit: 10 };
const CUSTOM = SEED_IDS.customIdentityId;
const presetPolicy = { PolicyType: 2 as const, PolicyId: 2, PolicyName: "ReadOnlyAccess" };
const customPolicy = { PolicyType: 1 as const, PolicyName: "ops", PolicyDocument: '{"version":"2.0","statement":[]}' };
/** Adds nodes one under the other below `parent`; resolves to their ids, top first. */
async function addChain(target: Target, parent: number, names: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const Name of names) ids.push((await call(target, "AddOrganizationNode", { ParentNodeId: ids.at(-1) ?? parent, Name })).NodeId);
  return ids;
}
const newMember = { Name: "dave", PolicyType: "Financial", PermissionIds: [1, 2], NodeId: DEPT, AccountName: "dave-account" };

describe("the fixture", () => {
  it("names its source, a pinned Go SDK version with its commit", () => {
    expect(fixture.source.module).toBe("github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/organization");
    expect(fixture.source.version).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(fixture.source.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it("lists every action of provider/api/actions.ts, each with its documented codes, and the common codes", () => {
    expect(Object.keys(fixture.actions).sort()).toEqual(ACTIONS);
    expect(Object.keys(fixture.responses).sort()).toEqual(ACTIONS);
    for (const action of ACTIONS) expect(fixture.actions[action]!.length).toBeGreaterThan(0);
    expect([...COMMON]).toEqual(expect.arrayContaining(["AuthFailure.SignatureFailure", "RequestLimitExceeded", "InternalError", "MissingParameter", "UnknownParameter", "InvalidAction", "NoSuchVersion", "UnsupportedProtocol"]));
  });

  it("is parsed from both doc comments of an action, which must agree", () => {
    const comment = (name: string, codes: string[]) =>
      `// ${name}\n// does things\n//\n// 可能返回的错误码:\n${codes.map((c) => `//  ${c.toUpperCase().replace(/\./g, "_")} = "${c}"`).join("\n")}\nfunc (c *Client) ${name}(request *X) {\n`;
    const both = comment("DoThing", ["InvalidParameter", "FailedOperation.A"]) + comment("DoThingWithContext", ["InvalidParameter", "FailedOperation.A"]).replace("// DoThingWithContext", "// DoThing");
    expect(actionCodes(both, "DoThing")).toEqual(["FailedOperation.A", "InvalidParameter"]);
    const differ = comment("DoThing", ["InvalidParameter"]) + comment("DoThingWithContext", ["InternalError"]).replace("// DoThingWithContext", "// DoThing");
    expect(() => actionCodes(differ, "DoThing")).toThrow(/different error codes/);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Static reach.

const reach = new CodeReach([
  "emulator/handlers/index.ts",
  "emulator/dispatch.ts",
  "emulator/server.ts",
  "emulator/auth.ts",
  "emulator/errors.ts",
  "provider/api/index.ts",
]);
const validation = reach.declarations("provider/api/validate.ts", "validateRequest");
const HANDLER_FILES = ["organization", "members", "policies", "identities"].map((name) => `emulator/handlers/${name}.ts`);
const HANDLER_VARIABLES: Record<string, string> = {
  "emulator/handlers/organization.ts": "organizationHandlers",
  "emulator/handlers/members.ts": "memberHandlers",
  "emulator/handlers/policies.ts": "policyHandlers",
  "emulator/handlers/identities.ts": "identityHandlers",
};

/** The HTTP layer, common headers, authentication and dispatch. */
const PROTOCOL_LAYER = () =>
  ["emulator/server.ts", "emulator/dispatch.ts", "emulator/auth.ts"].flatMap((file) => [...reach.sourceFile(file).statements]);

/**
 * Codes the static reach finds for an action that no request can produce, each with the reason. The reach cannot see
 * these; the test checks that they are still found (so this list does not outlive its reason) and never produced.
 */
const UNREACHABLE: Partial<Record<ActionName, Record<string, string>>> = {
  CreateOrganizationMember: {
    "FailedOperation.OrganizationPolicyIllegal":
      "rules.ts's PolicyType-with-PermissionIds pairing: both are required and non-empty on create, so a field error always comes first",
  },
};

/** Where an action's code paths start: its handler, its registry entry (request schema) and request validation. */
function starts(action: ActionName) {
  const handler = HANDLER_FILES.map((file) => reach.objectProperty(file, HANDLER_VARIABLES[file]!, action)).find((h) => h !== undefined);
  if (!handler) throw new Error(`no handler found for ${action}`);
  const spec = reach.objectProperty("provider/api/actions.ts", "actions", action);
  if (!spec) throw new Error(`no actions.${action}`);
  return [handler, spec, ...validation];
}
/** Code → the chain of declarations that reaches it, per action. */
const STATIC = new Map(ACTIONS.map((action) => [action, reach.trace(starts(action))]));

describe("static reach", () => {
  it.each(ACTIONS)("%s can only answer codes on its official list or common codes", (action) => {
    const found = STATIC.get(action)!;
    expect(notAllowed(action, found.keys()).map((code) => `${code} (${found.get(code)})`)).toEqual([]);
  });

  it("the protocol layer (HTTP, headers, authentication, dispatch) answers only common codes", () => {
    // The handlers and the request schemas are the actions' own (checked above); the layer reaches them through
    // handlerOf, validateRequest and actions[action].request.
    const stop = new Set([
      ...reach.declarations("emulator/handlers/index.ts", "handlerOf"),
      ...validation,
      ...reach.declarations("provider/api/actions.ts", "actions"),
      ...reach.propertyAssignments("provider/api/actions.ts", "request"),
    ]);
    const found = reach.trace(PROTOCOL_LAYER(), stop);
    expect([...found].filter(([code]) => !COMMON.has(code)).map(([code, via]) => `${code} (${via})`)).toEqual([]);
    expect([...found.keys()]).toEqual(expect.arrayContaining(["MissingParameter", "InvalidAction", "NoSuchVersion", "UnsupportedProtocol", "AuthFailure.SignatureFailure", "RequestLimitExceeded"]));
  });

  it("finds every code emulator/errors.ts defines on some path: no constructor is left unused", () => {
    const defined = reach.codes([...reach.sourceFile("emulator/errors.ts").statements]);
    const everywhere = new Set([...STATIC.values()].flatMap((codes) => [...codes.keys()]));
    for (const code of reach.codes(PROTOCOL_LAYER())) everywhere.add(code);
    expect([...defined].filter((code) => !everywhere.has(code)).sort()).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Dynamic: a table of requests per action, each with the code it is answered with.

interface Case {
  /** What the request is about. */
  name: string;
  /** The request, or a function of what `setup` resolved to (e.g. the ids it created). */
  request: Record<string, unknown> | ((made: never) => Record<string, unknown>);
  code: string;
  /** Calls made first (after a reset to the seed). */
  setup?: (target: Target & Pick<Emulator, "control">) => Promise<unknown>;
}

const TABLE: Record<ActionName, Case[]> = {
  DescribeOrganization: [{ name: "an unknown parameter", request: { Colour: "blue" }, code: "UnknownParameter" }],
  DescribeOrganizationNodes: [
    { name: "Offset not a multiple of Limit", request: { Offset: 3, Limit: 2 }, code: "InvalidParameterValue" },
    { name: "no Limit", request: { Offset: 0 }, code: "MissingParameter" },
  ],
  AddOrganizationNode: [
    { name: "an unknown ParentNodeId", request: { ParentNodeId: 424242, Name: "x" }, code: "ResourceNotFound.OrganizationNodeNotExist" },
    { name: "a Name another node has", request: { ParentNodeId: ROOT_NODE, Name: "Engineering" }, code: "FailedOperation.OrganizationNodeNameUsed" },
    {
      name: "a parent at the fifth level",
      setup: (t) => addChain(t, ROOT_NODE, ["l2", "l3", "l4", "l5"]),
      request: (chain: number[]) => ({ ParentNodeId: chain.at(-1), Name: "l6" }),
      code: "LimitExceeded.NodeDepthExceedLimit",
    },
    {
      name: "a node beyond the organization's limit",
      setup: async (t) => {
        const besidesRoot = (await call(t, "DescribeOrganizationNodes", page)).Total - 1;
        // Filled in process (the same validation, no HTTP): only the refused call below has to go over the wire.
        for (let i = besidesRoot; i < MAX_NODES; i++) t.control.apply("AddOrganizationNode", { ParentNodeId: ROOT_NODE, Name: `n${i}` });
      },
      request: { ParentNodeId: ROOT_NODE, Name: "one-too-many" },
      code: "LimitExceeded.NodeExceedLimit",
    },
    { name: "a Name with spaces", request: { ParentNodeId: ROOT_NODE, Name: "has spaces" }, code: "InvalidParameterValue" },
    { name: "eleven Tags", request: { ParentNodeId: ROOT_NODE, Name: "t", Tags: Array.from({ length: 11 }, (_, i) => ({ TagKey: `k${i}`, TagValue: "v" })) }, code: "InvalidParameterValue" },
  ],
  UpdateOrganizationNode: [
    { name: "an unknown node", request: { NodeId: 424242, Name: "x" }, code: "FailedOperation.OrganizationNodeNotExist" },
    { name: "another node's Name", request: { NodeId: DEPT, Name: "Root" }, code: "FailedOperation.OrganizationNodeNameUsed" },
    { name: "a Name of 41 characters", request: { NodeId: DEPT, Name: "x".repeat(41) }, code: "InvalidParameterValue" },
  ],
  DeleteOrganizationNodes: [
    { name: "an unknown node", request: { NodeId: [424242] }, code: "InvalidParameter" },
    { name: "the root node", request: { NodeId: [ROOT_NODE] }, code: "InvalidParameter" },
    { name: "a node with members", request: { NodeId: [DEPT] }, code: "FailedOperation.NodeNotEmpty" },
    {
      name: "a node with a child node",
      setup: (t) => addChain(t, ROOT_NODE, ["parent", "child"]),
      request: ([parent]: number[]) => ({ NodeId: [parent] }),
      code: "FailedOperation.OrganizationNodeNotEmpty",
    },
    { name: "more nodes than one request may delete", request: { NodeId: Array.from({ length: MAX_NODES_PER_DELETE + 1 }, (_, i) => i + 1) }, code: "FailedOperation.OrganizationNodeDeleteOverLimit" },
    { name: "an empty list", request: { NodeId: [] }, code: "InvalidParameterValue" },
  ],
  DescribeOrganizationMembers: [
    { name: "an unknown NodeId filter", request: { ...page, NodeId: 424242 }, code: "ResourceNotFound.OrganizationNodeNotExist" },
    { name: "Limit above 50", request: { Offset: 0, Limit: 51 }, code: "InvalidParameterValue" },
    { name: "a Lang other than en or zh", request: { ...page, Lang: "fr" }, code: "InvalidParameterValue" },
  ],
  CreateOrganizationMember: [
    { name: "an unknown NodeId", request: { ...newMember, NodeId: 424242 }, code: "ResourceNotFound.OrganizationNodeNotExist" },
    { name: "a Name in use", request: { ...newMember, Name: "bob" }, code: "FailedOperation.OrganizationMemberNameUsed" },
    { name: "an unknown IdentityRoleID", request: { ...newMember, IdentityRoleID: [77] }, code: "InvalidParameter" },
    { name: "PermissionIds without 1 and 2", request: { ...newMember, PermissionIds: [1, 8] }, code: "FailedOperation.OrganizationPermissionIllegal" },
    { name: "PolicyType empty with PermissionIds", request: { ...newMember, PolicyType: "" }, code: "InvalidParameterValue" },
    { name: "permission 7 without PayUin", request: { ...newMember, PermissionIds: [1, 2, 7] }, code: "FailedOperation.PayUinIllegal" },
    { name: "a PayUin outside the organization", request: { ...newMember, PermissionIds: [1, 2, 7], PayUin: "555555555555" }, code: "FailedOperation.PayUinIllegal" },
    { name: "no AccountName", request: { ...newMember, AccountName: undefined }, code: "MissingParameter" },
  ],
  UpdateOrganizationMember: [
    { name: "an unknown member", request: { MemberUin: 999999 }, code: "ResourceNotFound.MemberNotExist" },
    { name: "another member's Name", request: { MemberUin: BOB, Name: "alice" }, code: "FailedOperation.OrganizationMemberNameUsed" },
    { name: "PolicyType without PermissionIds", request: { MemberUin: BOB, PolicyType: "Financial" }, code: "FailedOperation.OrganizationPolicyIllegal" },
    { name: "PermissionIds without 1 and 2", request: { MemberUin: BOB, PolicyType: "Financial", PermissionIds: [1, 8] }, code: "FailedOperation.OrganizationPermissionIllegal" },
    { name: "a PayUin without permission 7", request: { MemberUin: BOB, PayUin: String(ALICE) }, code: "FailedOperation.PayUinIllegal" },
    { name: "IsAllowQuit=Allow for a paid-for member", request: { MemberUin: CAROL, IsAllowQuit: "Allow" }, code: "InvalidParameter.AllowQuitIllegal" },
    {
      name: "the same permission change again within the window",
      setup: (t) => call(t, "UpdateOrganizationMember", { MemberUin: BOB, PolicyType: "Financial", PermissionIds: [1, 2, 5] }),
      request: { MemberUin: BOB, PolicyType: "Financial", PermissionIds: [5, 2, 1] },
      code: "FailedOperation.ChangePermissionRecordExist",
    },
    { name: "a MemberUin of the wrong type", request: { MemberUin: "100000000012" }, code: "InvalidParameter" },
  ],
  DeleteOrganizationMembers: [
    { name: "a UIN that is not a member", request: { MemberUin: [BOB, 31337] }, code: "InvalidParameter" },
    { name: "the management account", request: { MemberUin: [HOST] }, code: "FailedOperation.DisableQuitSelfCreatedOrganization" },
    { name: "a member that pays for another", request: { MemberUin: [ALICE] }, code: "FailedOperation.MemberIsDelegatePayerNotAllowDelete" },
    { name: "a member paid for by a payer", request: { MemberUin: [CAROL] }, code: "FailedOperation.MemberExistDelegatePayerNotAllowDelete" },
    { name: "an empty list", request: { MemberUin: [] }, code: "InvalidParameterValue" },
  ],
  MoveOrganizationNodeMembers: [
    { name: "an unknown NodeId", request: { NodeId: 5, MemberUin: [BOB] }, code: "ResourceNotFound.OrganizationNodeNotExist" },
    { name: "a UIN outside the organization", request: { NodeId: ROOT_NODE, MemberUin: [BOB, 8] }, code: "FailedOperation.SomeUinsNotInOrganization" },
  ],
  ListOrganizationIdentity: [
    { name: "an IdentityType other than 1 or 2", request: { ...page, IdentityType: 3 }, code: "InvalidParameterValue" },
    { name: "Offset not a multiple of Limit", request: { Offset: 5, Limit: 10 }, code: "InvalidParameterValue" },
  ],
  CreateOrganizationIdentity: [
    { name: "an alias name another identity has", request: { IdentityAliasName: "admin", IdentityPolicy: [presetPolicy] }, code: "FailedOperation.OrganizationIdentityNameUsed" },
    { name: "an unknown preset policy", request: { IdentityAliasName: "x", IdentityPolicy: [{ PolicyId: 2, PolicyName: "NoSuchAccess" }] }, code: "ResourceNotFound.PolicyNotExist" },
    {
      name: "a custom identity beyond the organization's limit",
      setup: async (t) => {
        const custom = (await call(t, "ListOrganizationIdentity", { ...page, IdentityType: 2 })).Total;
        for (let i = custom; i < MAX_CUSTOM_IDENTITIES; i++) t.control.apply("CreateOrganizationIdentity", { IdentityAliasName: `id${i}`, IdentityPolicy: [customPolicy] });
      },
      request: { IdentityAliasName: "one-too-many", IdentityPolicy: [customPolicy] },
      code: "LimitExceeded.IdentityExceedLimit",
    },
    { name: "a custom policy without PolicyDocument", request: { IdentityAliasName: "x", IdentityPolicy: [{ PolicyType: 1 }] }, code: "InvalidParameterValue" },
    { name: "no IdentityPolicy", request: { IdentityAliasName: "x" }, code: "MissingParameter" },
  ],
  UpdateOrganizationIdentity: [
    { name: "an unknown identity", request: { IdentityId: 404, Description: "", IdentityPolicy: [presetPolicy] }, code: "ResourceNotFound.OrganizationIdentityNotExist" },
    { name: "a preset identity", request: { IdentityId: 1, Description: "", IdentityPolicy: [presetPolicy] }, code: "InvalidParameter" },
    { name: "an unknown preset policy", request: { IdentityId: CUSTOM, Description: "", IdentityPolicy: [{ PolicyId: 999, PolicyName: "ReadOnlyAccess" }] }, code: "ResourceNotFound.PolicyNotExist" },
    { name: "no Description", request: { IdentityId: CUSTOM, IdentityPolicy: [presetPolicy] }, code: "MissingParameter" },
  ],
  DeleteOrganizationIdentity: [
    { name: "an unknown identity", request: { IdentityId: 404 }, code: "ResourceNotFound.OrganizationIdentityNotExist" },
    { name: "a preset identity", request: { IdentityId: 3 }, code: "InvalidParameter" },
    {
      name: "an identity authorized for a member",
      setup: (t) => call(t, "CreateOrganizationMemberAuthIdentity", { MemberUins: [CAROL], IdentityIds: [CUSTOM] }),
      request: { IdentityId: CUSTOM },
      code: "FailedOperation.OrganizationIdentityInUsed",
    },
  ],
  CreateOrganizationMembersPolicy: [
    { name: "an unknown member", request: { MemberUins: [42], PolicyName: "p", IdentityId: 1 }, code: "ResourceNotFound.OrganizationMemberNotExist" },
    { name: "a member lacking the identity", request: { MemberUins: [CAROL], PolicyName: "p", IdentityId: 1 }, code: "ResourceNotFound.MemberIdentityNotExist" },
    { name: "a name the member already holds", request: { MemberUins: [ALICE], PolicyName: "alice-admin", IdentityId: 1 }, code: "FailedOperation.MemberPolicyNameExist" },
    { name: "a PolicyName with spaces", request: { MemberUins: [ALICE], PolicyName: "has spaces", IdentityId: 1 }, code: "InvalidParameterValue" },
  ],
  UpdateOrganizationMembersPolicy: [
    { name: "an unknown policy", request: { PolicyId: 9999, MemberUins: [ALICE], IdentityId: 1 }, code: "ResourceNotFound.MemberPolicyNotExist" },
    { name: "an unknown member", request: { PolicyId: POLICY, MemberUins: [42], IdentityId: 1 }, code: "ResourceNotFound.OrganizationMemberNotExist" },
    { name: "a member lacking the identity", request: { PolicyId: POLICY, MemberUins: [ALICE], IdentityId: 2 }, code: "ResourceNotFound.MemberIdentityNotExist" },
    {
      name: "a member already holding another policy of that name",
      setup: (t) => call(t, "CreateOrganizationMembersPolicy", { MemberUins: [BOB], PolicyName: "alice-admin", IdentityId: 1 }),
      request: { PolicyId: POLICY, MemberUins: [ALICE, BOB], IdentityId: 1 },
      code: "FailedOperation.OperatePolicy",
    },
  ],
  DescribeOrganizationMemberPolicies: [
    { name: "an unknown member", request: { ...page, MemberUin: 42 }, code: "ResourceNotFound.OrganizationMemberNotExist" },
    { name: "no MemberUin", request: page, code: "MissingParameter" },
  ],
  DescribeOrganizationMembersAuthPolicy: [{ name: "Limit 0", request: { Offset: 0, Limit: 0 }, code: "InvalidParameterValue" }],
  DeleteOrganizationMembersPolicy: [{ name: "an unknown policy", request: { PolicyId: 424242 }, code: "ResourceNotFound.MemberPolicyNotExist" }],
  CreateOrganizationMemberAuthIdentity: [
    { name: "an unknown member", request: { MemberUins: [CAROL, 606], IdentityIds: [3] }, code: "ResourceNotFound.OrganizationMemberNotExist" },
    { name: "an unknown identity", request: { MemberUins: [CAROL], IdentityIds: [404] }, code: "ResourceNotFound.OrganizationIdentityNotExist" },
    { name: "six identities", request: { MemberUins: [CAROL], IdentityIds: [1, 2, 3, 4, 5, 6] }, code: "InvalidParameterValue" },
  ],
  DescribeOrganizationMemberAuthIdentities: [
    { name: "neither MemberUin nor IdentityId", request: page, code: "InvalidParameter" },
    { name: "Offset not a multiple of Limit", request: { Offset: 3, Limit: 2, MemberUin: BOB }, code: "InvalidParameter" },
    { name: "Limit above 50", request: { Offset: 0, Limit: 51, MemberUin: BOB }, code: "InvalidParameter" },
    { name: "a negative Offset", request: { Offset: -10, Limit: 10, MemberUin: BOB }, code: "InvalidParameter" },
  ],
  DeleteOrganizationMemberAuthIdentity: [
    { name: "a pair that is not authorized", request: { MemberUin: CAROL, IdentityId: 1 }, code: "ResourceNotFound.MemberIdentityNotExist" },
    { name: "an unknown member", request: { MemberUin: 42, IdentityId: 1 }, code: "ResourceNotFound.MemberIdentityNotExist" },
    { name: "an unknown identity", request: { MemberUin: BOB, IdentityId: 404 }, code: "ResourceNotFound.OrganizationIdentityNotExist" },
    { name: "a pair a policy uses", request: { MemberUin: ALICE, IdentityId: 1 }, code: "FailedOperation.MemberIdentityAuthUsed" },
  ],
};

let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget();
});
afterAll(() => emulator.stop());

/** Code per action, as answered by the table's requests. */
const produced = new Map<ActionName, Set<string>>(ACTIONS.map((action) => [action, new Set()]));

describe("dynamic: the table of error requests", () => {
  const rows = ACTIONS.flatMap((action) => TABLE[action].map((c) => [action, c.name, c] as const));

  it.each(rows)("%s, %s", async (action, _name, { request, code, setup }) => {
    emulator.control.reset();
    const made = setup ? await setup(emulator) : undefined;
    emulator.control.resetCalls();
    const { response } = await send(emulator, action, typeof request === "function" ? request(made as never) : request);
    expect(response.Error?.Code).toBe(code);
    expect(emulator.control.calls()).toEqual([expect.objectContaining({ action, code })]);
    produced.get(action)!.add(code);
    expect(notAllowed(action, [code])).toEqual([]);
    // A row that fills the organization to a limit writes a thousand objects: minutes on a loaded CI machine.
  }, 120_000);

  it.each(ACTIONS)("%s: the table shows every business code the static reach finds, and the reach finds every code the table produced", (action) => {
    const found = STATIC.get(action)!;
    const seen = produced.get(action)!;
    const unreachable = Object.keys(UNREACHABLE[action] ?? {});
    expect([...found.keys()].filter((code) => !COMMON.has(code) && !seen.has(code) && !unreachable.includes(code)).sort()).toEqual([]);
    expect([...seen].filter((code) => !found.has(code)).sort()).toEqual([]);
    for (const code of unreachable) {
      expect(found.has(code)).toBe(true);
      expect(seen.has(code)).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// The codes the provider keys on.

describe("provider/api/codes.ts", () => {
  it.each(Object.entries(GONE_CODES))("GONE_CODES.%s are on the action's official list and answered by the emulator", (action, codes) => {
    expect(notAllowed(action as ActionName, codes!)).toEqual([]);
    const table = TABLE[action as ActionName].map((c) => c.code);
    for (const code of codes!) expect(table).toContain(code);
  });

  it.each(Object.entries(IN_USE_CODES))("IN_USE_CODES.%s are on the action's official list and answered by the emulator", (action, codes) => {
    expect(codes!.filter((code) => !fixture.actions[action]!.includes(code))).toEqual([]);
    const table = TABLE[action as ActionName].map((c) => c.code);
    for (const code of codes!) expect(table).toContain(code);
  });

  it.each(Object.entries(NAME_TAKEN_CODES))("NAME_TAKEN_CODES.%s are on the action's official list, the emulator answering one", (action, codes) => {
    expect(codes!.filter((code) => !fixture.actions[action]!.includes(code))).toEqual([]);
    expect(TABLE[action as ActionName].some((c) => codes!.includes(c.code))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Responses: null only where the SDK's model says a field may be null.

function nullsOutsideModel(value: unknown, shape: Record<string, FieldShape>, at: string): string[] {
  if (value === null || typeof value !== "object") return [];
  const problems: string[] = [];
  for (const [field, fieldValue] of Object.entries(value as Record<string, unknown>)) {
    const spec = shape[field];
    if (!spec) continue;
    const where = `${at}.${field}`;
    if (fieldValue === null) {
      if (!spec.nullable) problems.push(where);
      continue;
    }
    const nested = fixture.models[spec.type];
    if (!nested) continue;
    const items = spec.array && Array.isArray(fieldValue) ? fieldValue : [fieldValue];
    items.forEach((item, i) => problems.push(...nullsOutsideModel(item, nested, spec.array ? `${where}[${i}]` : where)));
  }
  return problems;
}

describe("responses", () => {
  it("answer null only for fields the SDK's model marks as possibly null, for every action", async () => {
    emulator.control.reset();
    const answers: Array<[ActionName, unknown]> = [];
    const run = async <A extends ActionName>(action: A, request: RequestOf<A>) => {
      const answer = await call(emulator, action, request);
      answers.push([action, answer]);
      return answer;
    };
    await run("DescribeOrganization", {});
    await run("DescribeOrganizationNodes", page);
    const { Uin } = await run("CreateOrganizationMember", { ...newMember, IdentityRoleID: [10] } as never);
    await run("UpdateOrganizationMember", { MemberUin: Uin, Remark: "r" });
    await run("MoveOrganizationNodeMembers", { NodeId: ROOT_NODE, MemberUin: [Uin] });
    await run("DescribeOrganizationMembers", page);
    await run("ListOrganizationIdentity", page);
    await run("CreateOrganizationMemberAuthIdentity", { MemberUins: [Uin], IdentityIds: [2] });
    await run("DescribeOrganizationMemberAuthIdentities", { ...page, MemberUin: Uin });
    const { PolicyId } = await run("CreateOrganizationMembersPolicy", { MemberUins: [Uin], PolicyName: "p", IdentityId: 2 });
    await run("UpdateOrganizationMembersPolicy", { PolicyId, MemberUins: [Uin], IdentityId: 10 });
    await run("DescribeOrganizationMemberPolicies", { ...page, MemberUin: Uin });
    await run("DescribeOrganizationMembersAuthPolicy", page);
    await run("DeleteOrganizationMembersPolicy", { PolicyId });
    await run("DeleteOrganizationMemberAuthIdentity", { MemberUin: Uin, IdentityId: 2 });
    await run("DeleteOrganizationMembers", { MemberUin: [Uin] });
    const { NodeId } = await run("AddOrganizationNode", { ParentNodeId: ROOT_NODE, Name: "Sales", Tags: [{ TagKey: "team", TagValue: "sales" }] });
    await run("UpdateOrganizationNode", { NodeId, Remark: "r" });
    await run("DeleteOrganizationNodes", { NodeId: [NodeId] });
    const { IdentityId } = await run("CreateOrganizationIdentity", { IdentityAliasName: "reviewer", IdentityPolicy: [presetPolicy, customPolicy] });
    await run("UpdateOrganizationIdentity", { IdentityId, Description: "d", IdentityPolicy: [customPolicy] });
    await run("DeleteOrganizationIdentity", { IdentityId });

    expect(answers.map(([action]) => action).sort()).toEqual(ACTIONS);
    expect(answers.flatMap(([action, answer]) => nullsOutsideModel(answer, fixture.responses[action]!, action))).toEqual([]);
  });
});
