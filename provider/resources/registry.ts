/**
 * What the serialized stub loads at call time: the stack configuration and the implementation of each resource kind.
 * One client per provider process, so pacing and retries are shared by every resource the engine hands us.
 */
import type * as pulumi from "@pulumi/pulumi";
import { OrganizationClient } from "../client";
import { PartialFailure, withoutUndefined } from "./properties";
import type { ResourceKind } from "./stub";

/** Stack config keys read at call time. Secrets set with `pulumi config set --secret` arrive here decrypted. */
export const CONFIG_KEYS = {
  TENCENTCLOUD_SECRET_ID: "tencentcloud:secretId",
  TENCENTCLOUD_SECRET_KEY: "tencentcloud:secretKey",
  TENCENTCLOUD_SECURITY_TOKEN: "tencentcloud:securityToken",
  TENCENTCLOUD_REGION: "tencentcloud:region",
  TENCENTCLOUD_ORGANIZATION_SITE: "tencentcloud-organization:site",
  TENCENTCLOUD_ORGANIZATION_ENDPOINT: "tencentcloud-organization:endpoint",
} as const;

let stackConfig: Partial<Record<keyof typeof CONFIG_KEYS, string>> = {};
let client: OrganizationClient | undefined;

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const values: Partial<Record<keyof typeof CONFIG_KEYS, string>> = {};
  for (const [variable, key] of Object.entries(CONFIG_KEYS) as Array<[keyof typeof CONFIG_KEYS, string]>) {
    const value = req.config.get(key);
    if (value !== undefined && value !== "") values[variable] = value;
  }
  stackConfig = values;
  client = undefined;
}

/** Stack config wins over the environment, so a stack can pin its own endpoint or credentials. */
export function sharedClient(): OrganizationClient {
  client ??= OrganizationClient.fromEnvironment({ ...process.env, ...stackConfig });
  return client;
}

export interface ResourceImplementation {
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult>;
  diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult>;
  read(id: string, props?: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult>;
  update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult>;
  delete(id: string, props: Record<string, unknown>): Promise<void>;
}

export function implementation(kind: ResourceKind): ResourceImplementation {
  return engineSafe(loadImplementation(kind));
}

/** Every result and partial-failure record leaves without undefined values, which the engine cannot carry. */
function engineSafe(impl: ResourceImplementation): ResourceImplementation {
  const clean = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return withoutUndefined(await run());
    } catch (error) {
      if (error instanceof PartialFailure) throw new PartialFailure(error.id, withoutUndefined(error.properties), error);
      throw error;
    }
  };
  return {
    check: (olds, news) => clean(() => impl.check(olds, news)),
    diff: (id, olds, news) => clean(() => impl.diff(id, olds, news)),
    create: (inputs) => clean(() => impl.create(inputs)),
    read: (id, props) => clean(() => impl.read(id, props)),
    update: (id, olds, news) => clean(() => impl.update(id, olds, news)),
    delete: (id, props) => impl.delete(id, props),
  };
}

function loadImplementation(kind: ResourceKind): ResourceImplementation {
  switch (kind) {
    case "OrganizationMember":
      return (require("./organization-member") as typeof import("./organization-member")).memberImplementation;
    case "MemberAccessPolicy":
      return (require("./member-access-policy") as typeof import("./member-access-policy")).policyImplementation;
    case "MemberAuthIdentity":
      return (require("./member-auth-identity") as typeof import("./member-auth-identity")).authIdentityImplementation;
  }
}
