/**
 * Client configuration from the environment (as the Tencent Cloud Terraform provider and CLI read it) plus explicit
 * overrides. Resolution fails with one ConfigurationError that says what to set; it never echoes a secret.
 */
import { ENDPOINTS, SERVICE, type Site } from "../api/constants";
import { Credentials, SECRET_ID_VARIABLE, SECRET_KEY_VARIABLE, SECURITY_TOKEN_VARIABLE } from "./credentials";
import { ConfigurationError } from "./errors";

export const REGION_VARIABLE = "TENCENTCLOUD_REGION";
export const SITE_VARIABLE = "TENCENTCLOUD_ORGANIZATION_SITE";
export const ENDPOINT_VARIABLE = "TENCENTCLOUD_ORGANIZATION_ENDPOINT";

export type Language = "zh-CN" | "en-US";

/** Everything a client needs, resolved. */
export interface ResolvedClientConfig {
  readonly credentials: Credentials;
  /** Where requests go, e.g. `https://organization.tencentcloudapi.com/` or `http://127.0.0.1:4566/`. */
  readonly url: string;
  /** The Host header value, which is also the signed host (`127.0.0.1:4566` for an endpoint override with a port). */
  readonly host: string;
  /** The credential scope's service: always `organization`, also against an endpoint override. */
  readonly service: string;
  readonly site: Site;
  /** Sent as X-TC-Region when set; Organization does not need one. */
  readonly region?: string;
  /** Sent as X-TC-Language when set. */
  readonly language?: Language;
}

/** What a caller may set explicitly; each wins over its environment variable. */
export interface ClientConfigOverrides {
  readonly secretId?: string;
  readonly secretKey?: string;
  readonly securityToken?: string;
  readonly region?: string;
  readonly site?: Site;
  /** A full URL (`http://127.0.0.1:PORT`); the path must be `/`. */
  readonly endpoint?: string;
  readonly language?: Language;
}

type Environment = Readonly<Record<string, string | undefined>>;

const nonEmpty = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

function resolveSite(value: string | undefined): Site {
  const site = nonEmpty(value) ?? "china";
  if (site === "china" || site === "international") return site;
  throw new ConfigurationError(
    `${SITE_VARIABLE} must be "china" or "international", not ${JSON.stringify(site)}.`,
    [SITE_VARIABLE],
  );
}

function resolveEndpoint(override: string | undefined, site: Site): { url: string; host: string } {
  if (override === undefined) return { url: `https://${ENDPOINTS[site]}/`, host: ENDPOINTS[site] };
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw new ConfigurationError(
      // The value is not repeated: a URL may carry user:password@.
      `${ENDPOINT_VARIABLE} must be a URL such as http://127.0.0.1:8080 (the value set is not one).`,
      [ENDPOINT_VARIABLE],
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigurationError(`${ENDPOINT_VARIABLE} must use http or https, not ${url.protocol}`, [
      ENDPOINT_VARIABLE,
    ]);
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.username || url.password) {
    throw new ConfigurationError(
      `${ENDPOINT_VARIABLE} must be a bare origin (scheme, host and optional port) such as http://127.0.0.1:8080.`,
      [ENDPOINT_VARIABLE],
    );
  }
  return { url: `${url.origin}/`, host: url.host };
}

/** Resolves the configuration from `env` (default `process.env`), with `overrides` taking precedence. */
export function resolveClientConfig(
  env: Environment = process.env,
  overrides: ClientConfigOverrides = {},
): ResolvedClientConfig {
  const credentials = new Credentials({
    secretId: overrides.secretId ?? env[SECRET_ID_VARIABLE] ?? "",
    secretKey: overrides.secretKey ?? env[SECRET_KEY_VARIABLE] ?? "",
    securityToken: overrides.securityToken ?? env[SECURITY_TOKEN_VARIABLE],
  });
  const site = overrides.site ?? resolveSite(env[SITE_VARIABLE]);
  if (overrides.site !== undefined) resolveSite(overrides.site);
  const endpoint = resolveEndpoint(nonEmpty(overrides.endpoint ?? env[ENDPOINT_VARIABLE]), site);
  const region = nonEmpty(overrides.region ?? env[REGION_VARIABLE]);
  return {
    credentials,
    ...endpoint,
    service: SERVICE,
    site,
    ...(region === undefined ? {} : { region }),
    ...(overrides.language === undefined ? {} : { language: overrides.language }),
  };
}

export { SECRET_ID_VARIABLE, SECRET_KEY_VARIABLE, SECURITY_TOKEN_VARIABLE };
