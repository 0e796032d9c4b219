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
  TENCENTCLOUD_ORGANIZATION_MAX_RETRY_TIME: "tencentcloud-organization:maxRetryTime",
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
 * A setting in seconds, as milliseconds: a number above 0 (at least 0 where `zeroAllowed`) and at most `max`; unset:
 * undefined, for the client's default.
 */
function seconds(settings: Partial<Record<Setting, string | undefined>>, setting: Setting, max: number, zeroAllowed = false): number | undefined {
  const value = settings[setting];
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || (number === 0 && !zeroAllowed) || number > max) {
    throw new ConfigurationError(
      `${setting} (${CONFIG_KEYS[setting]}) must be a number of seconds ${zeroAllowed ? "from 0" : "above 0"} up to ${max}, ` +
        `not ${JSON.stringify(value)}`,
      [setting],
    );
  }
  return Math.round(number * 1000);
}

/** Stack config wins over the environment, so a stack can pin its own endpoint or credentials. */
export function sharedClient(): OrganizationClient {
  if (client === undefined) {
    const settings = { ...process.env, ...stackConfig };
    // One attempt's time; how long a throttled call keeps trying (0: throttling fails at once).
    const timeoutMs = seconds(settings, "TENCENTCLOUD_ORGANIZATION_REQUEST_TIMEOUT", 300);
    const maxThrottleElapsedMs = seconds(settings, "TENCENTCLOUD_ORGANIZATION_MAX_RETRY_TIME", 3600, true);
    client = OrganizationClient.fromEnvironment(settings, {
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(maxThrottleElapsedMs === undefined ? {} : { retry: { maxThrottleElapsedMs } }),
    });
  }
  return client;
}
