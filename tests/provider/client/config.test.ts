/** Configuration from TENCENTCLOUD_* variables, and the promise that secrets never leak into dumps or errors. */
import { inspect } from "node:util";
import {
  ConfigurationError,
  Credentials,
  OrganizationClient,
  resolveClientConfig,
} from "../../../provider/client";

const SECRET_KEY = "sk-VERY-SECRET-0123456789abcdef";
const TOKEN = "tok-ALSO-SECRET-fedcba9876543210";
const env = {
  TENCENTCLOUD_SECRET_ID: "AKIDexample",
  TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
};

function captureError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("resolveClientConfig", () => {
  it("defaults to the China site over https, service organization, no region", () => {
    const config = resolveClientConfig(env);
    expect(config).toMatchObject({
      url: "https://organization.tencentcloudapi.com/",
      host: "organization.tencentcloudapi.com",
      service: "organization",
      site: "china",
    });
    expect(config.region).toBeUndefined();
    expect(config.credentials.secretId).toBe("AKIDexample");
    expect(config.credentials.secretKey()).toBe(SECRET_KEY);
    expect(config.credentials.securityToken()).toBeUndefined();
  });

  it("selects the international site", () => {
    const config = resolveClientConfig({ ...env, TENCENTCLOUD_ORGANIZATION_SITE: "international" });
    expect(config.host).toBe("organization.intl.tencentcloudapi.com");
    expect(config.site).toBe("international");
  });

  it("rejects an unknown site, naming the variable", () => {
    const error = captureError(() => resolveClientConfig({ ...env, TENCENTCLOUD_ORGANIZATION_SITE: "mars" }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain("TENCENTCLOUD_ORGANIZATION_SITE");
  });

  it("takes an endpoint override: the signed host is the URL's host with its port, the service stays organization", () => {
    const config = resolveClientConfig({ ...env, TENCENTCLOUD_ORGANIZATION_ENDPOINT: "http://127.0.0.1:4567" });
    expect(config).toMatchObject({ url: "http://127.0.0.1:4567/", host: "127.0.0.1:4567", service: "organization" });
  });

  it.each(["not a url", "ftp://127.0.0.1:21", "http://127.0.0.1:1/some/path", "http://user:pw@127.0.0.1:1"])(
    "rejects the endpoint %j",
    (endpoint) => {
      const error = captureError(() => resolveClientConfig({ ...env, TENCENTCLOUD_ORGANIZATION_ENDPOINT: endpoint }));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toContain("TENCENTCLOUD_ORGANIZATION_ENDPOINT");
    },
  );

  it("reads the region and the security token", () => {
    const config = resolveClientConfig({ ...env, TENCENTCLOUD_REGION: "ap-guangzhou", TENCENTCLOUD_SECURITY_TOKEN: TOKEN });
    expect(config.region).toBe("ap-guangzhou");
    expect(config.credentials.securityToken()).toBe(TOKEN);
  });

  it("lets overrides win over the environment", () => {
    const config = resolveClientConfig(env, { secretId: "AKIDother", region: "ap-shanghai", site: "international" });
    expect(config.credentials.secretId).toBe("AKIDother");
    expect(config.region).toBe("ap-shanghai");
    expect(config.host).toBe("organization.intl.tencentcloudapi.com");
  });

  it.each([
    ["nothing set", {}],
    ["only the id", { TENCENTCLOUD_SECRET_ID: "AKIDexample" }],
    ["only the key", { TENCENTCLOUD_SECRET_KEY: SECRET_KEY }],
    ["blank values", { TENCENTCLOUD_SECRET_ID: " ", TENCENTCLOUD_SECRET_KEY: "" }],
  ])("with %s, throws one ConfigurationError naming both variables", (_name, partial) => {
    const error = captureError(() => resolveClientConfig(partial));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain("TENCENTCLOUD_SECRET_ID");
    expect(error.message).toContain("TENCENTCLOUD_SECRET_KEY");
    expect((error as ConfigurationError).variables).toEqual(["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"]);
    expect(error.message).not.toContain(SECRET_KEY);
  });

  it("OrganizationClient.fromEnvironment fails the same way", () => {
    const error = captureError(() => OrganizationClient.fromEnvironment({}));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/TENCENTCLOUD_SECRET_ID.*TENCENTCLOUD_SECRET_KEY/);
  });
});

describe("secrets never appear in dumps", () => {
  const dumps = (value: unknown): string[] => [
    JSON.stringify(value),
    inspect(value, { depth: 10, showHidden: true, getters: true }),
    String(value),
    JSON.stringify({ ...(value as object) }),
    Object.values(value as object).join(" "),
  ];

  it("Credentials", () => {
    const credentials = new Credentials({ secretId: "AKIDexample", secretKey: SECRET_KEY, securityToken: TOKEN });
    for (const dump of dumps(credentials)) {
      expect(dump).not.toContain(SECRET_KEY);
      expect(dump).not.toContain(TOKEN);
    }
    expect(JSON.stringify(credentials)).toContain("[redacted]");
    expect(inspect(credentials)).toContain("AKIDexample");
  });

  it("a resolved configuration", () => {
    const config = resolveClientConfig({ ...env, TENCENTCLOUD_SECURITY_TOKEN: TOKEN });
    for (const dump of dumps(config)) {
      expect(dump).not.toContain(SECRET_KEY);
      expect(dump).not.toContain(TOKEN);
    }
  });

  it("a client", () => {
    const client = OrganizationClient.fromEnvironment({ ...env, TENCENTCLOUD_SECURITY_TOKEN: TOKEN });
    for (const dump of dumps(client)) {
      expect(dump).not.toContain(SECRET_KEY);
      expect(dump).not.toContain(TOKEN);
    }
    expect(inspect(client)).toContain("organization.tencentcloudapi.com");
  });
});
