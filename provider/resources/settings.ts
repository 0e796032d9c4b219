/**
 * The settings a client is built from, wherever they are read: the dynamic provider receives stack config through
 * `configure` (config.ts), a program's lookups read it through `pulumi.Config` (provider/lookups/client.ts). Both merge
 * it over the environment and build the client here, so the two processes talk to the API the same way.
 */
import { type ClientBehaviour, ConfigurationError, OrganizationClient } from "../client";

/** Stack config keys read at call time. Secrets set with `pulumi config set --secret` arrive decrypted. */
export const CONFIG_KEYS = {
  TENCENTCLOUD_SECRET_ID: "tencentcloud:secretId",
  TENCENTCLOUD_SECRET_KEY: "tencentcloud:secretKey",
  TENCENTCLOUD_SECURITY_TOKEN: "tencentcloud:securityToken",
  TENCENTCLOUD_REGION: "tencentcloud:region",
  TENCENTCLOUD_ORGANIZATION_SITE: "tencentcloud-organization:site",
  TENCENTCLOUD_ORGANIZATION_ENDPOINT: "tencentcloud-organization:endpoint",
  TENCENTCLOUD_ORGANIZATION_REQUEST_TIMEOUT: "tencentcloud-organization:requestTimeout",
  TENCENTCLOUD_ORGANIZATION_MAX_RETRY_TIME: "tencentcloud-organization:maxRetryTime",
  TENCENTCLOUD_ORGANIZATION_RATE_LIMIT: "tencentcloud-organization:rateLimit",
  TENCENTCLOUD_ORGANIZATION_READ_BACK_TIMEOUT: "tencentcloud-organization:readBackTimeout",
  TENCENTCLOUD_ORGANIZATION_SHARED_READ_MAX_AGE: "tencentcloud-organization:sharedReadMaxAge",
} as const;

/** A setting by its environment variable's name. */
export type Setting = keyof typeof CONFIG_KEYS;
export type StackSettings = Partial<Record<Setting, string>>;

/** The keys whose values are secrets: read through `getSecret` where a reader distinguishes them. */
export const SECRET_SETTINGS: ReadonlySet<Setting> = new Set<Setting>([
  "TENCENTCLOUD_SECRET_ID",
  "TENCENTCLOUD_SECRET_KEY",
  "TENCENTCLOUD_SECURITY_TOKEN",
]);

/** The non-empty settings that `read` finds, by their config keys. */
export async function readSettings(read: (key: string, setting: Setting) => string | undefined | Promise<string | undefined>): Promise<StackSettings> {
  const values: StackSettings = {};
  for (const [setting, key] of Object.entries(CONFIG_KEYS) as Array<[Setting, string]>) {
    const value = await read(key, setting);
    if (value !== undefined && value !== "") values[setting] = value;
  }
  return values;
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

/** The highest documented rate of any action (DescribeOrganization): a rate limit above it would change nothing. */
const MAX_RATE_LIMIT = 40;

/** Requests per second per action to pace at, above 0 up to MAX_RATE_LIMIT; unset: undefined (the documented rates). */
function rateLimit(settings: Partial<Record<Setting, string | undefined>>): number | undefined {
  const setting = "TENCENTCLOUD_ORGANIZATION_RATE_LIMIT";
  const value = settings[setting];
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > MAX_RATE_LIMIT) {
    throw new ConfigurationError(
      `${setting} (${CONFIG_KEYS[setting]}) must be a number of requests per second above 0 up to ${MAX_RATE_LIMIT}, not ${JSON.stringify(value)}`,
      [setting],
    );
  }
  return number;
}

/** Listings commonly catch up within seconds; 30 s covers a slow one without making a real absence slow. */
export const DEFAULT_READ_BACK_TIMEOUT_MS = 30_000;

/**
 * How long a read waits for an object the stack wrote to be listed (./read.ts), in milliseconds: the
 * TENCENTCLOUD_ORGANIZATION_READ_BACK_TIMEOUT setting (seconds, 0 to not wait, at most 3600), stack config first.
 */
export function readBackTimeoutMs(stackConfig: StackSettings, env: NodeJS.ProcessEnv = process.env): number {
  return seconds({ ...env, ...stackConfig }, "TENCENTCLOUD_ORGANIZATION_READ_BACK_TIMEOUT", 3600, true) ?? DEFAULT_READ_BACK_TIMEOUT_MS;
}

/** A listing this old still answers reads of the same operation (./shared-reads): refresh at 1,000 members takes ~15 s. */
export const DEFAULT_SHARED_READ_MAX_AGE_MS = 30_000;

/**
 * How old a listing of this operation may be and still answer a read (./shared-reads), in milliseconds: the
 * TENCENTCLOUD_ORGANIZATION_SHARED_READ_MAX_AGE setting (seconds, 0 turns sharing off, at most 3600), stack config first.
 */
export function sharedReadMaxAgeMs(stackConfig: StackSettings, env: NodeJS.ProcessEnv = process.env): number {
  return seconds({ ...env, ...stackConfig }, "TENCENTCLOUD_ORGANIZATION_SHARED_READ_MAX_AGE", 3600, true) ?? DEFAULT_SHARED_READ_MAX_AGE_MS;
}

/**
 * Stack config wins over the environment, so a stack can pin its own endpoint or credentials. `behaviour` adds what a
 * caller observes (the adoption command counts calls); the settings' timeout and retry time win over it.
 */
export function clientFromSettings(stackConfig: StackSettings, env: NodeJS.ProcessEnv = process.env, behaviour: ClientBehaviour = {}): OrganizationClient {
  const settings = { ...env, ...stackConfig };
  // One attempt's time; how long a throttled call keeps trying (0: throttling fails at once).
  const timeoutMs = seconds(settings, "TENCENTCLOUD_ORGANIZATION_REQUEST_TIMEOUT", 300);
  const maxThrottleElapsedMs = seconds(settings, "TENCENTCLOUD_ORGANIZATION_MAX_RETRY_TIME", 3600, true);
  // A lower pace per action, for several pipelines sharing the account's documented rate.
  const ratePerSecond = rateLimit(settings);
  return OrganizationClient.fromEnvironment(settings, {
    ...behaviour,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(maxThrottleElapsedMs === undefined ? {} : { retry: { maxThrottleElapsedMs } }),
    ...(ratePerSecond === undefined || behaviour.pacing === false
      ? {}
      : { pacing: { ...(typeof behaviour.pacing === "object" ? behaviour.pacing : {}), ratePerSecond } }),
  });
}
