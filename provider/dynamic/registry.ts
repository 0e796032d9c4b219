/**
 * The dynamic provider adapter: what the serialized stub (./stub) loads at call time, through the path it requires
 * (../resources/registry re-exports this module): the configuration hook, and the implementation of each resource
 * kind (../resources/implementation) made safe for the dynamic provider host. Nothing depends back on it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { configure } from "../resources/config";
import { timed } from "../resources/call-times";
import { engineAddress, watchEngine } from "../resources/engine-watchdog";
import { boundHeap } from "../resources/heap-bound";
import { type ResourceImplementation, type ResourceKind, resourceImplementation } from "../resources/implementation";
import { PartialFailure } from "../resources/lifecycle";
import { PROVIDER_KEY, withoutUndefined } from "../resources/properties";
import type { StubEntry } from "./stub";

// The stub calls `registry.configure`; states written by earlier versions do too.
export { CONFIG_KEYS, configure } from "../resources/config";
export type { ResourceImplementation, ResourceKind } from "../resources/implementation";

// Loaded at call time by the stub, so inside the dynamic provider host: do not outlive a killed engine, and do not let
// garbage grow the process to several times what it holds (../resources/heap-bound).
watchEngine();
if (engineAddress() !== undefined) boundHeap();

export function implementation(kind: ResourceKind): ResourceImplementation {
  return engineSafe(resourceImplementation(kind));
}

/**
 * The current stub's way in (./stub). Update and delete arrive through functions of their own. The other five arrive
 * through one, told apart by the arguments the dynamic provider host passes: `configure(req)`, `check(olds, news)`,
 * `diff(id, olds, news)`, `create(inputs)`, `read(id, props)`; inputs always carry the serialized provider, which tells
 * create from configure's `{ config }`. A call of any other shape is refused rather than guessed at.
 */
export function dispatch(kind: ResourceKind, entry: StubEntry, args: unknown[]): Promise<unknown> {
  return route(() => timedCalls(kind, implementation(kind)), entry, args);
}

/** Each call timed for the bench (../resources/call-times; nothing happens unless it asks). */
function timedCalls(kind: ResourceKind, impl: ResourceImplementation): ResourceImplementation {
  return {
    check: (olds, news) => timed(`${kind} check`, () => impl.check(olds, news)),
    diff: (id, olds, news) => timed(`${kind} diff`, () => impl.diff(id, olds, news)),
    create: (inputs) => timed(`${kind} create`, () => impl.create(inputs)),
    read: (id, props) => timed(`${kind} read`, () => impl.read(id, props)),
    update: (id, olds, news) => timed(`${kind} update`, () => impl.update(id, olds, news)),
    delete: (id, props) => timed(`${kind} delete`, () => impl.delete(id, props)),
  };
}

type Props = Record<string, unknown>;

export async function route(impl: () => ResourceImplementation, entry: StubEntry, args: unknown[]): Promise<unknown> {
  const [a, b, c] = args;
  const byId = typeof a === "string";
  if (entry === "update" && byId && args.length === 3) return impl().update(a, b as Props, c as Props);
  if (entry === "delete" && byId && args.length === 2) return impl().delete(a, b as Props);
  if (entry === "other") {
    if (byId && args.length === 3) return impl().diff(a, b as Props, c as Props);
    if (byId && args.length === 2) return impl().read(a, b as Props);
    if (!byId && args.length === 2) return impl().check(a as Props, b as Props);
    if (args.length === 1 && typeof a === "object" && a !== null) {
      return PROVIDER_KEY in a ? impl().create(a as Props) : configure(a as pulumi.dynamic.ConfigureRequest);
    }
  }
  throw new Error(
    `the dynamic provider host made a call this provider does not know (${entry}, ${args.length} arguments): ` +
      "upgrade pulumi-tencentcloud-organization to a version that supports your @pulumi/pulumi",
  );
}

/**
 * Every result leaves without undefined values, which the engine cannot carry. A partial failure's properties become
 * the resource's outputs as they are, and the dynamic provider host loads the provider for every later read and delete
 * from the outputs' `__provider`: without it, refresh and destroy fail ("code must be a string, not undefined"). So the
 * serialized provider the engine sent with the inputs is added here, once for every resource.
 */
function engineSafe(impl: ResourceImplementation): ResourceImplementation {
  const clean = async <T>(inputs: Record<string, unknown>, run: () => Promise<T>): Promise<T> => {
    try {
      return withoutUndefined(await run());
    } catch (error) {
      if (error instanceof PartialFailure) throw error.withProperties({ [PROVIDER_KEY]: inputs[PROVIDER_KEY] });
      throw error;
    }
  };
  return {
    check: (olds, news) => clean(news, () => impl.check(olds, news)),
    diff: (id, olds, news) => clean(news, () => impl.diff(id, olds, news)),
    create: (inputs) => clean(inputs, () => impl.create(inputs)),
    read: (id, props) => clean(props ?? {}, () => impl.read(id, props)),
    update: (id, olds, news) => clean(news, () => impl.update(id, olds, news)),
    delete: (id, props) => impl.delete(id, props),
  };
}
