/** The settings a client is built from: the rate limit a stack can lower pacing to. */
import { ConfigurationError } from "../../../provider/client";
import { clientFromSettings } from "../../../provider/resources/settings";

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
