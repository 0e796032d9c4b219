/** The settings a client is built from: the rate limit a stack can lower pacing to, and how long listings are shared. */
import { ConfigurationError } from "../../../provider/client";
import { clientFromSettings, DEFAULT_SHARED_READ_MAX_AGE_MS, sharedReadMaxAgeMs } from "../../../provider/resources/settings";

const env = { TENCENTCLOUD_SECRET_ID: "AKIDsettings", TENCENTCLOUD_SECRET_KEY: "settings-secret", TENCENTCLOUD_ORGANIZATION_ENDPOINT: "http://127.0.0.1:1" };

describe("rateLimit", () => {
  it("accepts requests per second above 0, up to the highest documented rate", () => {
    for (const value of ["0.5", "1", "40"]) expect(() => clientFromSettings({ TENCENTCLOUD_ORGANIZATION_RATE_LIMIT: value }, env)).not.toThrow();
  });

  it.each(["0", "-1", "41", "fast"])("refuses %s, naming the setting and its stack config key", (value) => {
    let error: unknown;
    try {
      clientFromSettings({ TENCENTCLOUD_ORGANIZATION_RATE_LIMIT: value }, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain("TENCENTCLOUD_ORGANIZATION_RATE_LIMIT (tencentcloud-organization:rateLimit) must be a number of requests per second");
    expect((error as Error).message).toContain(JSON.stringify(value));
  });
});

describe("sharedReadMaxAge", () => {
  it("is 30 s unset, 0 turns sharing off, and stack config wins over the environment", () => {
    expect(sharedReadMaxAgeMs({}, {})).toBe(DEFAULT_SHARED_READ_MAX_AGE_MS);
    expect(DEFAULT_SHARED_READ_MAX_AGE_MS).toBe(30_000);
    expect(sharedReadMaxAgeMs({}, { TENCENTCLOUD_ORGANIZATION_SHARED_READ_MAX_AGE: "0" })).toBe(0);
    expect(sharedReadMaxAgeMs({ TENCENTCLOUD_ORGANIZATION_SHARED_READ_MAX_AGE: "2.5" }, { TENCENTCLOUD_ORGANIZATION_SHARED_READ_MAX_AGE: "9" })).toBe(2500);
  });

  it.each(["-1", "3601", "long"])("refuses %s, naming the setting and its stack config key", (value) => {
    expect(() => sharedReadMaxAgeMs({}, { TENCENTCLOUD_ORGANIZATION_SHARED_READ_MAX_AGE: value })).toThrow(
      /TENCENTCLOUD_ORGANIZATION_SHARED_READ_MAX_AGE \(tencentcloud-organization:sharedReadMaxAge\) must be a number of seconds from 0 up to 3600/,
    );
  });
});
