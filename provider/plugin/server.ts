/**
 * The native provider's gRPC service (pulumirpc.ResourceProvider): a thin adapter that turns the engine's requests into
 * calls of the resource implementations (./resources) and their results into responses. What it adds over the
 * dynamic provider host: provider config (CheckConfig, Configure), detailed diffs (./diff), secrets kept as secrets
 * (./values), previews that keep known outputs known, an import-safe Read (./import), and Invoke for the lookups.
 *
 * Every RPC not implemented here (Construct, Call, Parameterize, mappings, Handshake) answers UNIMPLEMENTED, which the
 * engine takes as "not supported".
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type * as providerTypes from "@pulumi/pulumi/proto/provider_pb";
import type * as grpcServer from "@pulumi/pulumi/proto/provider_grpc_pb";
import { PartialFailure } from "../resources/lifecycle";
import { withoutUndefined } from "../resources/properties";
import type { ResourceKind } from "../resources/implementation";
import { configureFromArgs, SECRET_CONFIG } from "./config";
import { detailedDiff } from "./diff";
import { importedRead, ImportNotFoundError, importState } from "./import";
import { invoke } from "./invoke";
import { any, empty, grpc, plugin, provider, providerGrpc, status, struct } from "./proto";
import { HIDDEN_INPUTS, implementationOf, kindOf, parseUrn, RESOURCE_SCHEMAS, withComputedInputs } from "./resources";
import { packageVersion, schemaText } from "./schema";
import { UNKNOWN, unwrap, wrap } from "./values";

type Props = Record<string, unknown>;

const fromStruct = (value: Struct | undefined): Props => (value?.toJavaScript() as Props | undefined) ?? {};
const toStruct = (value: Props): Struct => struct.Struct.fromJavaScript(withoutUndefined(value) as never);

/** The resource type of a request: its `type` field where the engine sends one, else its URN's. */
const kindOfRequest = (request: { getUrn(): string; getType?(): string }): ResourceKind =>
  kindOf(request.getType?.() || parseUrn(request.getUrn()).type);

/** An error as the engine reads it: a partial failure carries the object's id and properties, so state keeps it. */
function grpcError(error: unknown, secretKeys: Iterable<string> = []): Partial<grpcTypes.StatusObject> {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof PartialFailure)) return { code: grpc.status.UNKNOWN, details: message };
  const detail = new provider.ErrorResourceInitFailed();
  detail.setId(error.id);
  detail.setProperties(toStruct(wrap(error.properties, secretKeys)));
  detail.setReasonsList(error.reasons);
  const packed = new any.Any();
  packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
  const rpcStatus = new status.Status();
  rpcStatus.setCode(grpc.status.UNKNOWN);
  rpcStatus.setMessage(message);
  rpcStatus.addDetails(packed);
  const metadata = new grpc.Metadata();
  metadata.add("grpc-status-details-bin", Buffer.from(rpcStatus.serializeBinary()));
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}

/** A unary handler from an async function; `secretsOf` names the secret properties of a partial failure's state. */
function unary<Req, Res>(run: (request: Req) => Promise<Res>, secretsOf: (request: Req) => Iterable<string> = () => []) {
  return (call: grpcTypes.ServerUnaryCall<Req, Res>, callback: grpcTypes.sendUnaryData<Res>): void => {
    run(call.request).then(
      (response) => callback(null, response),
      (error: unknown) => callback(grpcError(error, secretsOf(call.request))),
    );
  };
}

/** Every property of the resource: its arguments, what the provider adds, and what it reports. */
function allProperties(kind: ResourceKind): string[] {
  const schemas = RESOURCE_SCHEMAS[kind];
  return [...new Set([...Object.keys(schemas.inputs.shape), ...Object.keys(schemas.reported.shape)])];
}

/**
 * A create's outputs during preview: the inputs as they are (known ones known), every other property not known yet.
 * The engine calls Create with `preview` set because Configure says it supports preview.
 */
function previewCreateOutputs(kind: ResourceKind, inputs: Props): Props {
  return { ...Object.fromEntries(allProperties(kind).map((key) => [key, UNKNOWN])), ...inputs };
}

/**
 * An update's outputs during preview: what state records, with the new inputs over it. The id and what the update
 * cannot change stay known, so resources that take them (a member's nodeId from a renamed node) preview unchanged.
 */
function previewUpdateOutputs(olds: Props, news: Props): Props {
  const merged = { ...olds };
  for (const [key, value] of Object.entries(news)) if (value !== undefined) merged[key] = value;
  return merged;
}

const secretsOfInputs = (request: { getProperties?(): Struct | undefined; getNews?(): Struct | undefined }) =>
  unwrap(fromStruct(request.getProperties?.() ?? request.getNews?.())).secretKeys;

export function resourceProviderService(): grpcTypes.UntypedServiceImplementation {
  const service: Partial<grpcServer.IResourceProviderServer> = {
    getPluginInfo: unary(async () => new plugin.PluginInfo().setVersion(packageVersion())),

    getSchema: unary(async () => new provider.GetSchemaResponse().setSchema(schemaText())),

    cancel: unary(async () => new empty.Empty()),

    checkConfig: unary(async (request: providerTypes.CheckRequest) => {
      const news = fromStruct(request.getNews());
      const { values } = unwrap(news);
      // Credentials are secrets in the provider's state whether or not the program marked them.
      const secretKeys = [...unwrap(news).secretKeys, ...SECRET_CONFIG];
      return new provider.CheckResponse().setInputs(toStruct(wrap(values, secretKeys)));
    }),

    diffConfig: unary(async (request: providerTypes.DiffRequest) => {
      const olds = unwrap(fromStruct(request.getOldInputs() ?? request.getOlds())).values;
      const news = unwrap(fromStruct(request.getNews())).values;
      const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
        (key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]),
      );
      const response = new provider.DiffResponse();
      // A provider whose settings change keeps its resources: the next operation uses the new settings.
      response.setChanges(keys.length > 0 ? provider.DiffResponse.DiffChanges.DIFF_SOME : provider.DiffResponse.DiffChanges.DIFF_NONE);
      response.setDiffsList(keys);
      return response;
    }),

    configure: unary(async (request: providerTypes.ConfigureRequest) => {
      const variables = new Map<string, string>();
      request.getVariablesMap().forEach((value, key) => variables.set(key, value));
      await configureFromArgs(unwrap(fromStruct(request.getArgs())).values, variables);
      return new provider.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(true).setAcceptresources(false);
    }),

    check: unary(async (request: providerTypes.CheckRequest) => {
      const kind = kindOfRequest(request);
      const olds = unwrap(fromStruct(request.getOlds()));
      const news = unwrap(fromStruct(request.getNews()));
      const inputs = withComputedInputs(kind, request.getUrn(), news.values);
      const result = await implementationOf(kind).check(olds.values, inputs);
      const response = new provider.CheckResponse().setInputs(toStruct(wrap(result.inputs ?? inputs, news.secretKeys)));
      for (const failure of result.failures ?? []) {
        response.addFailures(new provider.CheckFailure().setProperty(failure.property).setReason(failure.reason));
      }
      return response;
    }),

    diff: unary(async (request: providerTypes.DiffRequest) => {
      const kind = kindOfRequest(request);
      const olds = unwrap(fromStruct(request.getOlds())).values;
      const news = unwrap(fromStruct(request.getNews())).values;
      const oldInputs = unwrap(fromStruct(request.getOldInputs())).values;
      const result = await implementationOf(kind).diff(request.getId(), olds, news);
      const diff = detailedDiff(result, oldInputs, olds, news, HIDDEN_INPUTS);
      const response = new provider.DiffResponse();
      response.setChanges(diff.changes ? provider.DiffResponse.DiffChanges.DIFF_SOME : provider.DiffResponse.DiffChanges.DIFF_NONE);
      response.setReplacesList(diff.replaces);
      response.setDeletebeforereplace(diff.deleteBeforeReplace);
      response.setDiffsList(Object.keys(diff.detailedDiff));
      const map = response.getDetaileddiffMap();
      for (const [path, kindName] of Object.entries(diff.detailedDiff)) {
        map.set(path, new provider.PropertyDiff().setKind(provider.PropertyDiff.Kind[kindName]).setInputdiff(true));
      }
      response.setHasdetaileddiff(diff.changes);
      return response;
    }),

    create: unary(async (request: providerTypes.CreateRequest) => {
      const kind = kindOfRequest(request);
      const inputs = unwrap(fromStruct(request.getProperties()));
      if (request.getPreview()) {
        return new provider.CreateResponse().setId("").setProperties(toStruct(wrap(previewCreateOutputs(kind, inputs.values), inputs.secretKeys)));
      }
      const result = await implementationOf(kind).create(inputs.values);
      return new provider.CreateResponse().setId(result.id).setProperties(toStruct(wrap(result.outs ?? {}, inputs.secretKeys)));
    }, secretsOfInputs),

    read: unary(async (request: providerTypes.ReadRequest) => {
      const kind = kindOfRequest(request);
      const id = request.getId();
      const state = unwrap(fromStruct(request.getProperties()));
      const recordedInputs = unwrap(fromStruct(request.getInputs()));
      const secretKeys = [...state.secretKeys, ...recordedInputs.secretKeys];
      // `pulumi import` (and a `get`) read by id alone: nothing is recorded yet.
      const importing = Object.keys(state.values).length === 0;
      const result = await implementationOf(kind).read(id, importing ? importState(kind) : state.values);
      const response = new provider.ReadResponse();
      if (!result.id) {
        if (importing) throw new ImportNotFoundError(kind, id);
        return response.setId("");
      }
      const { props, inputs } = importing ? importedRead(kind, result) : { props: result.props ?? {}, inputs: result.inputs ?? {} };
      return response.setId(result.id).setProperties(toStruct(wrap(props, secretKeys))).setInputs(toStruct(wrap(inputs, secretKeys)));
    }),

    update: unary(async (request: providerTypes.UpdateRequest) => {
      const kind = kindOfRequest(request);
      const olds = unwrap(fromStruct(request.getOlds()));
      const news = unwrap(fromStruct(request.getNews()));
      const secretKeys = [...olds.secretKeys, ...news.secretKeys];
      if (request.getPreview()) {
        return new provider.UpdateResponse().setProperties(toStruct(wrap(previewUpdateOutputs(olds.values, news.values), secretKeys)));
      }
      const result = await implementationOf(kind).update(request.getId(), olds.values, news.values);
      return new provider.UpdateResponse().setProperties(toStruct(wrap(result.outs ?? {}, secretKeys)));
    }, secretsOfInputs),

    delete: unary(async (request: providerTypes.DeleteRequest) => {
      const kind = kindOfRequest(request);
      await implementationOf(kind).delete(request.getId(), unwrap(fromStruct(request.getProperties())).values);
      return new empty.Empty();
    }),

    invoke: unary(async (request: providerTypes.InvokeRequest) => {
      const result = await invoke(request.getTok(), unwrap(fromStruct(request.getArgs())).values);
      return new provider.InvokeResponse().setReturn(toStruct(result));
    }),
  };
  return service as unknown as grpcTypes.UntypedServiceImplementation;
}

export const ResourceProviderService = (): grpcTypes.ServiceDefinition => providerGrpc.ResourceProviderService as unknown as grpcTypes.ServiceDefinition;
