/**
 * The provider object that Pulumi serializes into every resource's state (`__provider`).
 *
 * Pulumi stores the provider as JavaScript source and runs that stored copy for read and delete, so anything captured
 * by value goes stale after an upgrade and any captured secret lands in state. This stub therefore captures nothing but
 * the resource kind: it requires the implementation from the installed package at call time, so every operation runs
 * the installed version and credentials are read when the call happens.
 *
 * The text is stored once per resource, so it is kept short: Pulumi serializes a function once however many methods
 * name it, and wraps each in ~190 bytes, so seven methods of their own cost 2.7 KB per resource. Two functions serve
 * all seven instead; the registry tells the methods apart by their arguments (see `dispatch`), which differ between
 * the methods of each function. States written before keep their own stub, which calls `registry.configure` and
 * `registry.implementation(kind)`; both stay.
 */
import type * as pulumi from "@pulumi/pulumi";

export type ResourceKind = "OrganizationMember" | "MemberAccessPolicy" | "MemberAuthIdentity";

/** Which function of the stub a call came through: 0 for configure, check, diff, create, read; 1 for update, delete. */
export type StubEntry = 0 | 1;

/**
 * The package path of the registry is written literally in each function, so that the serialized text says
 * `require("pulumi-tencentcloud-organization/...")`, resolved from the Pulumi program's node_modules.
 */
export function providerStub(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  const first = (...a: unknown[]) => require("pulumi-tencentcloud-organization/dist/provider/resources/registry").dispatch(kind, 0, a);
  const second = (...a: unknown[]) => require("pulumi-tencentcloud-organization/dist/provider/resources/registry").dispatch(kind, 1, a);
  return { configure: first, check: first, diff: first, create: first, read: first, update: second, delete: second };
}
