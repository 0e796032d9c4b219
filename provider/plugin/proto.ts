/**
 * The gRPC library and message classes, as @pulumi/pulumi ships them: loaded from its own installation, so that the
 * server speaks the protocol version of the SDK the package is installed with, and a program's node_modules never
 * needs @grpc/grpc-js or google-protobuf of its own.
 */
import { createRequire } from "node:module";
import * as path from "node:path";

const fromPulumi = createRequire(path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "package.json"));

export const grpc = fromPulumi("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
export const provider = fromPulumi("./proto/provider_pb") as typeof import("@pulumi/pulumi/proto/provider_pb");
export const providerGrpc = fromPulumi("./proto/provider_grpc_pb") as typeof import("@pulumi/pulumi/proto/provider_grpc_pb");
export const plugin = fromPulumi("./proto/plugin_pb") as typeof import("@pulumi/pulumi/proto/plugin_pb");
export const status = fromPulumi("./proto/status_pb") as typeof import("@pulumi/pulumi/proto/status_pb");
export const struct = fromPulumi("google-protobuf/google/protobuf/struct_pb") as typeof import("google-protobuf/google/protobuf/struct_pb");
export const any = fromPulumi("google-protobuf/google/protobuf/any_pb") as typeof import("google-protobuf/google/protobuf/any_pb");
export const empty = fromPulumi("google-protobuf/google/protobuf/empty_pb") as typeof import("google-protobuf/google/protobuf/empty_pb");
