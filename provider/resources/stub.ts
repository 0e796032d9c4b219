/**
 * The provider object that Pulumi serializes into every resource's state (`__provider`).
 *
 * Pulumi stores the provider as JavaScript source and runs that stored copy for read and delete, so anything captured
 * by value goes stale after an upgrade and any captured secret lands in state. This stub therefore captures nothing but
 * the resource kind: each method requires the implementation from the installed package at call time, so every
 * operation runs the installed version and credentials are read when the call happens.
 */
import type * as pulumi from "@pulumi/pulumi";

export type ResourceKind =
  | "OrganizationMember"
  | "MemberAccessPolicy"
  | "MemberAuthIdentity"
  | "OrganizationNode"
  | "OrganizationIdentity";

/**
 * The package path of the implementation registry. It is written literally inside each method so that the serialized
 * text says `require("pulumi-tencentcloud-organization/...")`, resolved from the Pulumi program's node_modules.
 */
export function providerStub(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  return {
    configure: (req) =>
      require("pulumi-tencentcloud-organization/dist/provider/resources/registry").configure(req),
    check: (olds, news) =>
      require("pulumi-tencentcloud-organization/dist/provider/resources/registry").implementation(kind).check(olds, news),
    diff: (id, olds, news) =>
      require("pulumi-tencentcloud-organization/dist/provider/resources/registry").implementation(kind).diff(id, olds, news),
    create: (inputs) =>
      require("pulumi-tencentcloud-organization/dist/provider/resources/registry").implementation(kind).create(inputs),
    read: (id, props) =>
      require("pulumi-tencentcloud-organization/dist/provider/resources/registry").implementation(kind).read(id, props),
    update: (id, olds, news) =>
      require("pulumi-tencentcloud-organization/dist/provider/resources/registry").implementation(kind).update(id, olds, news),
    delete: (id, props) =>
      require("pulumi-tencentcloud-organization/dist/provider/resources/registry").implementation(kind).delete(id, props),
  };
}
