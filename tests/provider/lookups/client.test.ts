/**
 * The lookups' client: stack config (secrets through getSecret) over the environment, as the provider reads them, and
 * the client's retries and paging.
 */
import * as pulumi from "@pulumi/pulumi";
import { getNodes } from "../../../provider/lookups";
import { emulatedOrganization } from "./emulated";

const { emulator } = emulatedOrganization();

afterEach(() => {
  for (const key of ["tencentcloud:secretKey", "tencentcloud-organization:endpoint", "tencentcloud-organization:maxRetryTime"]) {
    pulumi.runtime.setConfig(key, "");
  }
});

describe("lookupClient", () => {
  it("takes endpoint and secret key from stack config over the environment", async () => {
    const { url, credentials } = emulator();
    const saved = { endpoint: process.env.TENCENTCLOUD_ORGANIZATION_ENDPOINT, key: process.env.TENCENTCLOUD_SECRET_KEY };
    process.env.TENCENTCLOUD_ORGANIZATION_ENDPOINT = "http://127.0.0.1:9";
    process.env.TENCENTCLOUD_SECRET_KEY = "wrong-key";
    try {
      pulumi.runtime.setConfig("tencentcloud-organization:endpoint", url);
      pulumi.runtime.setConfig("tencentcloud:secretKey", credentials.secretKey);
      expect((await getNodes()).nodes.length).toBeGreaterThan(0);
    } finally {
      process.env.TENCENTCLOUD_ORGANIZATION_ENDPOINT = saved.endpoint;
      process.env.TENCENTCLOUD_SECRET_KEY = saved.key;
    }
  });

  it("retries a throttled listing, as the provider's client does", async () => {
    emulator().control.resetCalls();
    emulator().control.injectFault({ kind: "throttle", action: "DescribeOrganizationNodes", count: 1 });
    expect((await getNodes()).nodes.length).toBeGreaterThan(0);
    expect(emulator().control.calls().map((call) => call.code ?? "ok")).toEqual(["RequestLimitExceeded", "ok"]);
  });

  it("applies the same settings: maxRetryTime 0 makes throttling fail at once", async () => {
    pulumi.runtime.setConfig("tencentcloud-organization:maxRetryTime", "0");
    emulator().control.injectFault({ kind: "throttle", action: "DescribeOrganizationNodes", count: 1 });
    await expect(getNodes()).rejects.toMatchObject({ code: "RequestLimitExceeded" });
  });

  it("rejects a bad setting with the config key, never echoing a secret", async () => {
    pulumi.runtime.setConfig("tencentcloud-organization:maxRetryTime", "soon");
    const error = (await getNodes().catch((e: unknown) => e)) as Error;
    expect(error.message).toContain("tencentcloud-organization:maxRetryTime");
    expect(error.message).not.toContain(emulator().credentials.secretKey);
  });
});
