/**
 * The plugin's gRPC service as the engine calls it, against an emulator in this process: provider config from a
 * Configure's arguments, the ownership tag computed from the URN, a preview create that keeps known inputs known, an
 * import-safe read, the lookups through Invoke, and clear errors for what the plugin does not know.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerGrpcTypes from "@pulumi/pulumi/proto/provider_grpc_pb";
import { start, type Emulator, SEED_IDS } from "../../../emulator";
import { serve, type Serving } from "../../../provider/plugin/main";
import { grpc, provider, providerGrpc, struct } from "../../../provider/plugin/proto";
import { ownershipTagValue } from "../../../provider/resources/ownership";
import { secret, UNKNOWN } from "../../../provider/plugin/values";

const URN = "urn:pulumi:dev::proj::tencentcloud-organization:index:OrganizationNode::dept";
const TYPE = "tencentcloud-organization:index:OrganizationNode";
type Props = Record<string, unknown>;

let emulator: Emulator;
let client: providerGrpcTypes.ResourceProviderClient;
let server: Serving;

function call<Res>(method: string, request: unknown): Promise<Res> {
  return new Promise((resolve, reject) => {
    (client as unknown as Record<string, (req: unknown, cb: (error: grpcTypes.ServiceError | null, res: Res) => void) => void>)[method]!.call(
      client,
      request,
      (error, response) => (error ? reject(error) : resolve(response)),
    );
  });
}

const toStruct = (value: Props) => struct.Struct.fromJavaScript(value as never);

beforeAll(async () => {
  emulator = await start({ port: 0 });
  server = await serve();
  client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure());
  const configure = new provider.ConfigureRequest();
  configure.setArgs(
    toStruct({ endpoint: emulator.url, secretId: emulator.credentials.secretId, secretKey: secret(emulator.credentials.secretKey), readBackTimeout: "0" }),
  );
  const configured = await call<InstanceType<typeof provider.ConfigureResponse>>("configure", configure);
  expect([configured.getAcceptsecrets(), configured.getSupportspreview()]).toEqual([true, true]);
});

afterAll(async () => {
  client?.close();
  server?.stop();
  await emulator?.stop();
});

describe("the plugin's gRPC service", () => {
  it("keeps the credentials secret in the provider's checked config", async () => {
    const request = new provider.CheckRequest().setNews(toStruct({ secretKey: "plain", endpoint: "http://x" }));
    const response = await call<InstanceType<typeof provider.CheckResponse>>("checkConfig", request);
    expect(response.getInputs()?.toJavaScript()).toEqual({ secretKey: secret("plain"), endpoint: "http://x" });
  });

  it("adds the ownership tag from the URN in Check, and names each failure", async () => {
    const request = new provider.CheckRequest().setUrn(URN).setType(TYPE).setNews(toStruct({ name: "dept", remark: secret("r") }));
    const response = await call<InstanceType<typeof provider.CheckResponse>>("check", request);
    expect(response.getInputs()?.toJavaScript()).toEqual({ name: "dept", remark: secret("r"), ownershipTag: ownershipTagValue("OrganizationNode", "proj", "dev", "dept") });
    const invalid = await call<InstanceType<typeof provider.CheckResponse>>("check", new provider.CheckRequest().setUrn(URN).setNews(toStruct({ remark: "x" })));
    expect(invalid.getFailuresList().map((failure) => failure.getProperty())).toEqual(["name"]);
  });

  it("previews a create with the known inputs known and every other property unknown", async () => {
    const request = new provider.CreateRequest().setUrn(URN).setPreview(true).setProperties(toStruct({ name: "dept", parentNodeId: UNKNOWN }));
    const response = await call<InstanceType<typeof provider.CreateResponse>>("create", request);
    const outputs = response.getProperties()?.toJavaScript() as Props;
    expect(outputs).toMatchObject({ name: "dept", parentNodeId: UNKNOWN, nodeId: UNKNOWN, createdByStack: UNKNOWN });
    expect(emulator.control.calls().filter((record) => record.action === "AddOrganizationNode")).toEqual([]);
  });

  it("reads by id alone (import) with full outputs and inputs, managed as created", async () => {
    const request = new provider.ReadRequest().setUrn(URN).setId(String(SEED_IDS.financeNodeId));
    const response = await call<InstanceType<typeof provider.ReadResponse>>("read", request);
    expect(response.getId()).toBe(String(SEED_IDS.financeNodeId));
    const inputs = response.getInputs()?.toJavaScript() as Props;
    expect(inputs).toMatchObject({ name: expect.any(String), parentNodeId: SEED_IDS.rootNodeId });
    expect(response.getProperties()?.toJavaScript()).toMatchObject({
      nodeId: SEED_IDS.financeNodeId,
      createdByStack: true,
      managedProperties: Object.keys(inputs).sort(),
    });
  });

  it("fails an import of an id that names nothing with a clear not-found", async () => {
    const request = new provider.ReadRequest().setUrn(URN).setId("999999");
    await expect(call("read", request)).rejects.toThrow(/cannot import tencentcloud-organization:index:OrganizationNode "999999": the organization has no such object/);
  });

  it("answers a lookup through Invoke", async () => {
    const request = new provider.InvokeRequest().setTok("tencentcloud-organization:index:getNodes").setArgs(toStruct({}));
    const response = await call<InstanceType<typeof provider.InvokeResponse>>("invoke", request);
    expect(response.getReturn()?.toJavaScript()).toMatchObject({ rootNodeId: SEED_IDS.rootNodeId });
  });

  it("names what it serves when asked for a type or function it does not know", async () => {
    await expect(call("check", new provider.CheckRequest().setUrn("urn:pulumi:dev::proj::tencentcloud-organization:index:Nope::x"))).rejects.toThrow(
      /has no resource type "tencentcloud-organization:index:Nope"; its types are .*OrganizationNode/,
    );
    await expect(call("invoke", new provider.InvokeRequest().setTok("tencentcloud-organization:index:getNope"))).rejects.toThrow(/its functions are .*getNodes/);
  });
});
