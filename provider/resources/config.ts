/**
 * The provider's configuration and its one API client: stack config received through `configure`, the environment,
 * and the client built from them. Every resource implementation takes its client from here; nothing here knows about
 * resources, so the registry (which loads the resources) and the resources can both depend on it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ConfigurationError, OrganizationClient } from "../client";

/** Stack config keys read at call time. Secrets set with `pulumi config set --secret` arrive here decrypted. */
export const CONFIG_KEYS = {
  TENCENTCLOUD_SECRET_ID: "tencentcloud:secretId",
  TENCENTCLOUD_SECRET_KEY: "tencentcloud:secretKey",
  TENCENTCLOUD_SECURITY_TOKEN: "tencentcloud:securityToken",
  TENCENTCLOUD_REGION: "tencentcloud:region",
  TENCENTCLOUD_ORGANIZATION_SITE: "tencentcloud-organization:site",
  TENCENTCLOUD_ORGANIZATION_ENDPOINT: "tencentcloud-organization:endpoint",
  TENCENTCLOUD_ORGANIZATION_REQUEST_TIMEOUT: "tencentcloud-organization:requestTimeout",
} as const;

type Setting = keyof typeof CONFIG_KEYS;

let stackConfig: Partial<Record<Setting, string>> = {};
let client: OrganizationClient | undefined;

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const values: Partial<Record<Setting, string>> = {};
  for (const [variable, key] of Object.entries(CONFIG_KEYS) as Array<[Setting, string]>) {
    const value = req.config.get(key);
    if (value !== undefined && value !== "") values[variable] = value;
  }
  stackConfig = values;
  client = undefined;
}

/**
 * Seconds one API attempt may take before it counts as a timeout (an unknown outcome): a positive number, at most 300.
 * Unset: the client's default.
 */
function requestTimeoutMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 300) {
    throw new ConfigurationError(
      `TENCENTCLOUD_ORGANIZATION_REQUEST_TIMEOUT (${CONFIG_KEYS.TENCENTCLOUD_ORGANIZATION_REQUEST_TIMEOUT}) must be a ` +
        `number of seconds above 0 and at most 300, not ${JSON.stringify(value)}`,
      ["TENCENTCLOUD_ORGANIZATION_REQUEST_TIMEOUT"],
    );
  }
  return Math.round(seconds * 1000);
}

/** Stack config wins over the environment, so a stack can pin its own endpoint or credentials. */
export function sharedClient(): OrganizationClient {
  if (client === undefined) {
    const settings = { ...process.env, ...stackConfig };
    const timeoutMs = requestTimeoutMs(settings.TENCENTCLOUD_ORGANIZATION_REQUEST_TIMEOUT);
    client = OrganizationClient.fromEnvironment(settings, timeoutMs === undefined ? {} : { timeoutMs });
  }
  return client;
}
