/**
 * What the serialized stub loads at call time: the stack configuration and the implementation of each resource kind.
 * One client per provider process, so pacing and retries are shared by every resource the engine hands us.
 */
import type * as pulumi from "@pulumi/pulumi";
import { OrganizationClient } from "../client";
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
  switch (kind) {
    case "OrganizationMember":
      return (require("./organization-member") as typeof import("./organization-member")).memberImplementation;
    case "MemberAccessPolicy":
      return (require("./member-access-policy") as typeof import("./member-access-policy")).policyImplementation;
    case "MemberAuthIdentity":
      return (require("./member-auth-identity") as typeof import("./member-auth-identity")).authIdentityImplementation;
  }
}
