/** TC3 authentication and the common headers: every AuthFailure code, MissingParameter, InvalidAction, NoSuchVersion. */
import { TEST_CREDENTIALS, TEST_READ_ONLY_CREDENTIALS } from "../../emulator";
import { type ActionName, actions } from "../../provider/api";
import { type Target, callError, page, send, startTarget } from "./helpers";

const NOW = Date.UTC(2025, 0, 15, 23, 58, 0);
const NOW_SECONDS = NOW / 1000;
const TEMPORARY = { secretId: "AKIDEMULATORTEMPORARY000000000000000", secretKey: "emulator-temporary-secret", temporary: true };
const READ_ONLY = { ...TEST_READ_ONLY_CREDENTIALS, readOnly: true };

let emulator: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  emulator = await startTarget({ now: () => NOW, credentials: [{ ...TEST_CREDENTIALS }, TEMPORARY, READ_ONLY] });
});
afterAll(() => emulator.stop());

const describeOrg = (options?: Parameters<typeof send>[3], target: Target = emulator) =>
  send(target, "DescribeOrganization", {}, options);

async function expectAuthError(options: Parameters<typeof send>[3], code: string, mention: string): Promise<void> {
  const error = await callError(emulator, "DescribeOrganization", {}, options);
  expect(error.Code).toBe(code);
  expect(error.Message).toContain(mention);
}

describe("a correctly signed request", () => {
  it("is answered", async () => {
    const { response } = await describeOrg();
    expect(response.Error).toBeUndefined();
    expect(response.OrgId).toBe(45001);
  });

  it("may sign the host without its port, as the official SDK does", async () => {
    const { response } = await describeOrg({ signedHost: new URL(emulator.url).hostname });
    expect(response.Error).toBeUndefined();
  });

  it("may send Content-Type with a charset", async () => {
    const { response } = await describeOrg({ contentType: "application/json; charset=utf-8" });
    expect(response.Error).toBeUndefined();
  });

  it("is accepted up to 300 s away from the server clock", async () => {
    expect((await describeOrg({ timestamp: NOW_SECONDS - 300 })).response.Error).toBeUndefined();
    expect((await describeOrg({ timestamp: NOW_SECONDS + 300 })).response.Error).toBeUndefined();
  });
});

describe("common headers", () => {
  it.each(["X-TC-Action", "X-TC-Version", "X-TC-Timestamp", "Authorization"])("answers MissingParameter without %s", async (name) => {
    await expectAuthError({ headers: { [name]: undefined } }, "MissingParameter", name);
  });

  it("answers InvalidAction for an action the service does not have", async () => {
    const error = await callError(emulator, "DescribeInstances", {});
    expect(error.Code).toBe("InvalidAction");
    expect(error.Message).toContain("DescribeInstances");
  });

  it("answers NoSuchVersion for another API version", async () => {
    await expectAuthError({ headers: { "X-TC-Version": "2018-12-25" } }, "NoSuchVersion", "2018-12-25");
  });

  it("answers InvalidParameter for a timestamp that is not Unix seconds", async () => {
    await expectAuthError({ headers: { "X-TC-Timestamp": "yesterday" } }, "InvalidParameter", "X-TC-Timestamp");
  });
});

describe("AuthFailure", () => {
  it("InvalidAuthorization for a header that is not TC3", async () => {
    await expectAuthError({ headers: { Authorization: "Bearer abc" } }, "AuthFailure.InvalidAuthorization", "Authorization");
  });

  it("InvalidAuthorization for another algorithm", async () => {
    const header = `TC3-HMAC-SHA1 Credential=${TEST_CREDENTIALS.secretId}/2025-01-15/organization/tc3_request, SignedHeaders=content-type;host, Signature=${"0".repeat(64)}`;
    await expectAuthError({ headers: { Authorization: header } }, "AuthFailure.InvalidAuthorization", "TC3-HMAC-SHA256");
  });

  it("SecretIdNotFound for an unknown SecretId", async () => {
    await expectAuthError({ secretId: "AKIDUNKNOWN" }, "AuthFailure.SecretIdNotFound", "AKIDUNKNOWN");
  });

  it("SignatureExpire more than 300 s before or after the server clock", async () => {
    await expectAuthError({ timestamp: NOW_SECONDS - 301 }, "AuthFailure.SignatureExpire", String(NOW_SECONDS - 301));
    await expectAuthError({ timestamp: NOW_SECONDS + 301 }, "AuthFailure.SignatureExpire", String(NOW_SECONDS + 301));
  });

  it("SignatureFailure for a wrong SecretKey", async () => {
    await expectAuthError({ secretKey: "not-the-key" }, "AuthFailure.SignatureFailure", "signature");
  });

  it("SignatureFailure when the body sent is not the body signed", async () => {
    const error = await callError(emulator, "DescribeOrganization", {}, { sendBody: '{"Lang":"en"}' });
    expect(error.Code).toBe("AuthFailure.SignatureFailure");
  });

  it("SignatureFailure when the signed host is another host", async () => {
    await expectAuthError({ signedHost: "organization.tencentcloudapi.com" }, "AuthFailure.SignatureFailure", "Host");
  });

  it("SignatureFailure when the credential scope names another service", async () => {
    await expectAuthError({ service: "cvm" }, "AuthFailure.SignatureFailure", "cvm");
  });

  it("SignatureFailure when the credential scope date is not the timestamp's UTC date", async () => {
    // Signed at 00:01 UTC the next day (scope 2025-01-16), sent with a 23:58 timestamp (date 2025-01-15).
    const error = await callError(emulator, "DescribeOrganization", {}, {
      timestamp: NOW_SECONDS + 180,
      headers: { "X-TC-Timestamp": String(NOW_SECONDS) },
    });
    expect(error.Code).toBe("AuthFailure.SignatureFailure");
    expect(error.Message).toContain("2025-01-16");
  });

  it("TokenFailure when temporary credentials come without X-TC-Token", async () => {
    await expectAuthError(TEMPORARY, "AuthFailure.TokenFailure", "X-TC-Token");
  });

  it("accepts temporary credentials with a token, and refuses a token with permanent credentials", async () => {
    const temporary = await describeOrg({ ...TEMPORARY, headers: { "X-TC-Token": "session-token" } });
    expect(temporary.response.Error).toBeUndefined();
    await expectAuthError({ headers: { "X-TC-Token": "session-token" } }, "AuthFailure.TokenFailure", "X-TC-Token");
  });
});

describe("the call log", () => {
  it("records only requests that passed authentication", async () => {
    emulator.control.resetCalls();
    await describeOrg({ secretKey: "wrong" });
    await describeOrg({ headers: { "X-TC-Action": "Nope" } });
    const ok = await describeOrg();
    expect(emulator.control.calls()).toEqual([{ action: "DescribeOrganization", requestId: ok.response.RequestId }]);
  });
});

describe("a read-only key (a CAM policy of reads only)", () => {
  const writes = (Object.keys(actions) as ActionName[]).filter((action) => actions[action].writes);
  const reads = (Object.keys(actions) as ActionName[]).filter((action) => !actions[action].writes);

  it("is accepted by default, beside the writing key", async () => {
    const defaults = await startTarget();
    try {
      expect(defaults.readOnlyCredentials).toEqual(TEST_READ_ONLY_CREDENTIALS);
      const error = await callError(defaults, "AddOrganizationNode", { ParentNodeId: 1, Name: "x" }, TEST_READ_ONLY_CREDENTIALS);
      expect(error.Code).toBe("AuthFailure.UnauthorizedOperation");
    } finally {
      await defaults.stop();
    }
  });

  it("reads", async () => {
    expect((await describeOrg(READ_ONLY)).response.Error).toBeUndefined();
    expect((await send(emulator, "DescribeOrganizationMembers", { ...page, Lang: "en" }, READ_ONLY)).response.Error).toBeUndefined();
    expect((await send(emulator, "ListOrganizationIdentity", page, READ_ONLY)).response.Error).toBeUndefined();
  });

  it.each(writes)("is refused %s with AuthFailure.UnauthorizedOperation naming it, before the request is even validated, changing nothing", async (action) => {
    const before = JSON.stringify(emulator.control.snapshot());
    emulator.control.resetCalls();
    const error = await callError(emulator, action, {}, READ_ONLY);
    expect(error.Code).toBe("AuthFailure.UnauthorizedOperation");
    expect(error.Message).toContain(`organization:${action}`);
    expect(JSON.stringify(emulator.control.snapshot())).toBe(before);
    // The refusal is in the call log, with its code: a test can tell an attempted write from none.
    expect(emulator.control.calls()).toEqual([{ action, code: "AuthFailure.UnauthorizedOperation", requestId: error.RequestId }]);
  });

  it("leaves the writing key's writes alone (the same empty request fails validation instead)", async () => {
    const error = await callError(emulator, "AddOrganizationNode", {});
    expect(error.Code).not.toBe("AuthFailure.UnauthorizedOperation");
  });

  it("divides the actions: every action is a read or a write, and both kinds exist", () => {
    expect(writes.length).toBeGreaterThan(0);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((action) => /^(Describe|List)/.test(action))).toBe(true);
    expect(writes.some((action) => /^(Describe|List)/.test(action))).toBe(false);
  });
});
