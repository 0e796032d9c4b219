/**
 * The provider object that Pulumi serializes into every resource's state (`__provider`): the dynamic adapter's half
 * that travels with the program (./registry is the half that runs in the dynamic provider host).
 *
 * Pulumi stores the provider as JavaScript source and runs that stored copy for read and delete, so anything captured
 * by value goes stale after an upgrade and any captured secret lands in state. This stub therefore captures nothing but
 * the resource kind: it requires the implementation from the installed package at call time, so every operation runs
 * the installed version and credentials are read when the call happens.
 *
 * The text is stored once per resource, so it is kept short: Pulumi serializes a function once however many methods
 * name it, and wraps each in ~190 bytes, so seven methods of their own cost 2.7 KB per resource. Three functions serve
 * all seven instead: update and delete have one each, and the registry tells the other five apart by the arguments the
 * dynamic provider host passes (see `route`), which differ between them and never reach update or delete. States written before keep their own stub, which calls `registry.configure` and
 * `registry.implementation(kind)`; both stay.
 */
import type * as pulumi from "@pulumi/pulumi";

import type { ResourceKind } from "../resources/implementation";

export type { ResourceKind };

/**
 * Which function of the stub a call came through. Update and delete, the calls that change or remove what exists, each
 * have their own, so no reading of arguments can ever route to them; the other five share one.
 */
export type StubEntry = "update" | "delete" | "other";

/**
 * The package path of the registry is written literally in each function, so that the serialized text says
 * `require("pulumi-tencentcloud-organization/...")`, resolved from the Pulumi program's node_modules.
 */
export function providerStub(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  const other = (...a: unknown[]) => require("pulumi-tencentcloud-organization/dist/provider/resources/registry").dispatch(kind, "other", a);
  const update = (...a: unknown[]) => require("pulumi-tencentcloud-organization/dist/provider/resources/registry").dispatch(kind, "update", a);
  const remove = (...a: unknown[]) => require("pulumi-tencentcloud-organization/dist/provider/resources/registry").dispatch(kind, "delete", a);
  return { configure: other, check: other, diff: other, create: other, read: other, update, delete: remove };
}
