/**
 * The official Node SDK (tencentcloud-sdk-nodejs) as a real client: every action answers well-formed, errors arrive as
 * TencentCloudSDKHttpException with .code and .requestId. The SDK signs the host without the port and takes the
 * service from the endpoint's first label, so it talks to `organization.tencentcloudapi.com:PORT` over plain HTTP
 * through an agent whose lookup resolves every name to 127.0.0.1: nothing leaves loopback.
 */
import { Agent } from "node:http";
import type { LookupFunction } from "node:net";
import TencentCloudSDKHttpException from "tencentcloud-sdk-nodejs/tencentcloud/common/exception/tencent_cloud_sdk_exception";
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/organization/v20210331/organization_client";
import { DEFAULT_SEED, SEED_IDS } from "../../emulator";
import { type ActionName, type RequestOf, actions } from "../../provider/api";
import { startTarget } from "./helpers";

const looked: string[] = [];
const loopbackOnly: LookupFunction = (hostname, options, callback) => {
  looked.push(hostname);
  if (options.all) (callback as (e: null, addresses: Array<{ address: string; family: number }>) => void)(null, [{ address: "127.0.0.1", family: 4 }]);
  else callback(null, "127.0.0.1", 4);
};

let emulator: Awaited<ReturnType<typeof startTarget>>;
let agent: Agent;
let client: Client;
beforeAll(async () => {
  emulator = await startTarget();
  agent = new Agent({ keepAlive: false, lookup: loopbackOnly });
  client = sdkClient(emulator.credentials.secretKey);
});
afterAll(async () => {
  agent.destroy();
  await emulator.stop();
});

function sdkClient(secretKey: string): Client {
  return new Client({
    credential: { secretId: emulator.credentials.secretId, secretKey },
    profile: {
      httpProfile: { endpoint: `organization.tencentcloudapi.com:${emulator.port}`, protocol: "http://", agent, reqTimeout: 10 },
    },
  });
}

/** Calls an action through the SDK's own method of that name. */
async function sdk<A extends ActionName>(action: A, request: RequestOf<A>, on: Client = client): Promise<Record<string, unknown>> {
  const method = (on as unknown as Record<string, (req: unknown) => Promise<Record<string, unknown>>>)[action];
  if (typeof method !== "function") throw new Error(`the SDK has no method ${action}`);
  const answer = await method.call(on, request);
  expect(answer.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  const { RequestId: _id, ...fields } = answer;
  actions[action].response.parse(fields);
  return answer;
}

async function sdkError(promise: Promise<unknown>): Promise<TencentCloudSDKHttpException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TencentCloudSDKHttpException);
  return error as TencentCloudSDKHttpException;
}

it("runs every action of the registry through the SDK", async () => {
  const page = { Offset: 0, Limit: 10 };
  const called = new Set<ActionName>();
  const run = async <A extends ActionName>(action: A, request: RequestOf<A>) => {
    called.add(action);
    return sdk(action, request);
  };

  expect((await run("DescribeOrganization", {})).OrgId).toBe(SEED_IDS.orgId);
  expect((await run("DescribeOrganizationNodes", page)).Total).toBe(DEFAULT_SEED.nodes.length);
  expect((await run("DescribeOrganizationMembers", page)).Total).toBe(3);
  const { Uin } = (await run("CreateOrganizationMember", {
    Name: "sdk-member",
    PolicyType: "Financial",
    PermissionIds: [1, 2],
    NodeId: SEED_IDS.departmentNodeId,
    AccountName: "sdk-member",
  })) as { Uin: number };
  await run("UpdateOrganizationMember", { MemberUin: Uin, Remark: "via the SDK" });
  await run("MoveOrganizationNodeMembers", { NodeId: SEED_IDS.rootNodeId, MemberUin: [Uin] });
  expect((await run("ListOrganizationIdentity", page)).Total).toBe(DEFAULT_SEED.identities!.length);
  await run("CreateOrganizationMemberAuthIdentity", { MemberUins: [Uin], IdentityIds: [2, 3] });
  expect((await run("DescribeOrganizationMemberAuthIdentities", { ...page, MemberUin: Uin })).Total).toBe(2);
  const { PolicyId } = (await run("CreateOrganizationMembersPolicy", { MemberUins: [Uin], PolicyName: "sdk-policy", IdentityId: 2 })) as { PolicyId: number };
  await run("UpdateOrganizationMembersPolicy", { PolicyId, MemberUins: [Uin], IdentityId: 3, Description: "finance" });
  expect((await run("DescribeOrganizationMemberPolicies", { ...page, MemberUin: Uin })).Items).toEqual([
    expect.objectContaining({ PolicyId, IdentityId: 3, Description: "finance" }),
  ]);
  expect((await run("DescribeOrganizationMembersAuthPolicy", { ...page, PolicyId })).Total).toBe(1);
  await run("DeleteOrganizationMembersPolicy", { PolicyId });
  await run("DeleteOrganizationMemberAuthIdentity", { MemberUin: Uin, IdentityId: 3 });
  await run("DeleteOrganizationMembers", { MemberUin: [Uin] });

  const { NodeId } = (await run("AddOrganizationNode", {
    ParentNodeId: SEED_IDS.rootNodeId,
    Name: "sdk-node",
    Remark: "via the SDK",
    Tags: [{ TagKey: "team", TagValue: "sdk" }],
  })) as { NodeId: number };
  await run("UpdateOrganizationNode", { NodeId, Name: "sdk-node-renamed" });
  expect((await run("DescribeOrganizationNodes", page)).Items).toContainEqual(
    expect.objectContaining({ NodeId, Name: "sdk-node-renamed", ParentNodeId: SEED_IDS.rootNodeId, Remark: "via the SDK" }),
  );
  await run("DeleteOrganizationNodes", { NodeId: [NodeId] });
  const { IdentityId } = (await run("CreateOrganizationIdentity", {
    IdentityAliasName: "sdk-identity",
    Description: "via the SDK",
    IdentityPolicy: [{ PolicyType: 2, PolicyId: 2, PolicyName: "ReadOnlyAccess" }],
  })) as { IdentityId: number };
  await run("UpdateOrganizationIdentity", {
    IdentityId,
    Description: "custom now",
    IdentityPolicy: [{ PolicyType: 1, PolicyName: "sdk-custom", PolicyDocument: '{"version":"2.0","statement":[]}' }],
  });
  expect((await run("ListOrganizationIdentity", { ...page, IdentityId })).Items).toEqual([
    expect.objectContaining({ IdentityId, IdentityType: 2, Description: "custom now", IdentityPolicy: [expect.objectContaining({ PolicyType: 1, PolicyName: "sdk-custom" })] }),
  ]);
  await run("DeleteOrganizationIdentity", { IdentityId });

  expect([...called].sort()).toEqual(Object.keys(actions).sort());
  expect(emulator.control.calls().filter((c) => c.code !== undefined)).toEqual([]);
  expect(new Set(looked)).toEqual(new Set(["organization.tencentcloudapi.com"]));
});

it("delivers business errors as TencentCloudSDKHttpException with the code and the emulator's RequestId", async () => {
  emulator.control.resetCalls();
  const error = await sdkError(sdk("DeleteOrganizationMembersPolicy", { PolicyId: 424242 }));
  expect(error.code).toBe("ResourceNotFound.MemberPolicyNotExist");
  expect(error.message).toContain("424242");
  expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(emulator.control.calls()).toEqual([
    { action: "DeleteOrganizationMembersPolicy", code: "ResourceNotFound.MemberPolicyNotExist", requestId: error.requestId },
  ]);
});

it("delivers the new actions' business errors the same way", async () => {
  expect((await sdkError(sdk("DeleteOrganizationNodes", { NodeId: [SEED_IDS.departmentNodeId] }))).code).toBe("FailedOperation.NodeNotEmpty");
  expect((await sdkError(sdk("UpdateOrganizationNode", { NodeId: 424242, Name: "x" }))).code).toBe("FailedOperation.OrganizationNodeNotExist");
  expect((await sdkError(sdk("DeleteOrganizationIdentity", { IdentityId: 1 }))).code).toBe("InvalidParameter");
  const taken = await sdkError(sdk("CreateOrganizationIdentity", { IdentityAliasName: "admin", IdentityPolicy: [{ PolicyId: 1, PolicyName: "AdministratorAccess" }] }));
  expect(taken.code).toBe("FailedOperation.OrganizationIdentityNameUsed");
});

it("delivers validation errors the same way", async () => {
  const error = await sdkError(sdk("DescribeOrganizationMembers", { Offset: 3, Limit: 2 }));
  expect(error.code).toBe("InvalidParameterValue");
  expect(error.message).toContain("Offset");
});

it("delivers authentication failures the same way", async () => {
  const error = await sdkError(sdk("DescribeOrganization", {}, sdkClient("not-the-secret-key")));
  expect(error.code).toBe("AuthFailure.SignatureFailure");
});

it("surfaces an injected HTTP 502 as an exception carrying only the status", async () => {
  emulator.control.injectFault({ kind: "http-502", action: "DescribeOrganization" });
  const error = await sdkError(sdk("DescribeOrganization", {}));
  expect(error.httpCode).toBe(502);
  expect(error.code).toBeUndefined();
});
