/**
 * OrganizationClient against the emulator: the real wire protocol (the emulator verifies every signature), real API
 * errors, the emulator's fault injection for retries (undici style: real failures on a real server), its per-action
 * rate limits for pacing, and paging over a seed larger than one page.
 */
import { DEFAULT_SEED, SEED_IDS, start, type Emulator, type Seed } from "../../../emulator";
import {
  closeSharedAgent,
  isNotFound,
  isUnknownOutcome,
  OrganizationClient,
  paginate,
  paginateItems,
  type ActionCaller,
  RequestValidationError,
  resetPacing,
  TencentCloudApiError,
  TransportError,
  type CallEvent,
  type OrganizationClientConfig,
} from "../../../provider/client";
import { failure } from "./helpers/failure";

/** The default seed plus 120 custom identities, so identity listings span three pages of 50. */
const EXTRA_IDENTITIES = 120;
const SEED_IDENTITIES = DEFAULT_SEED.identities ?? [];
const BIG_SEED: Seed = {
  ...DEFAULT_SEED,
  identities: [
    ...SEED_IDENTITIES,
    ...Array.from({ length: EXTRA_IDENTITIES }, (_, i) => ({
      IdentityId: 1000 + i,
      IdentityAliasName: `custom-${1000 + i}`,
      IdentityRoleName: `OrganizationCustomRole${1000 + i}`,
      Description: "generated for paging tests",
      IdentityType: 2 as const,
      IdentityPolicy: [],
    })),
  ],
} as Seed;
const IDENTITY_TOTAL = SEED_IDENTITIES.length + EXTRA_IDENTITIES;

let emu: Emulator;
beforeAll(async () => {
  emu = await start({ port: 0, seed: BIG_SEED });
});
afterAll(async () => {
  await emu.stop();
  await closeSharedAgent();
});
beforeEach(() => {
  emu.control.reset();
  emu.control.setRateLimits(false);
  resetPacing();
});

/** Fast retries and no pacing unless a test says otherwise; a recording observer. */
function makeClient(overrides: OrganizationClientConfig = {}) {
  const events: CallEvent[] = [];
  const client = new OrganizationClient({
    ...emu.credentials,
    endpoint: emu.url,
    pacing: false,
    retry: { baseDelayMs: 2, maxDelayMs: 20 },
    onCall: (event) => events.push(event),
    ...overrides,
  });
  return { client, events };
}

const newPolicy = { MemberUins: [SEED_IDS.invitedUin], PolicyName: "emulated-policy", IdentityId: SEED_IDS.adminIdentityId };

describe("calls the emulator accepts", () => {
  it("reads the organization, with the RequestId the emulator logged", async () => {
    const { client } = makeClient();
    const org = await client.call("DescribeOrganization", {});
    expect(org.OrgId).toBe(SEED_IDS.orgId);
    expect(emu.control.calls()).toEqual([{ action: "DescribeOrganization", requestId: org.RequestId }]);
  });

  it("works from the environment with TENCENTCLOUD_ORGANIZATION_ENDPOINT (signed host carries the port)", async () => {
    const client = OrganizationClient.fromEnvironment(
      {
        TENCENTCLOUD_SECRET_ID: emu.credentials.secretId,
        TENCENTCLOUD_SECRET_KEY: emu.credentials.secretKey,
        TENCENTCLOUD_ORGANIZATION_ENDPOINT: emu.url,
      },
      { pacing: false },
    );
    const created = await client.call("CreateOrganizationMembersPolicy", newPolicy);
    expect(created.PolicyId).toEqual(expect.any(Number));
  });

  it("a wrong secret key is the emulator's AuthFailure, not retried", async () => {
    const { client } = makeClient({ secretKey: "not-the-emulator-key" });
    const error = await failure(client.call("DescribeOrganization", {}));
    expect(error).toBeInstanceOf(TencentCloudApiError);
    expect((error as TencentCloudApiError).code).toMatch(/^AuthFailure\./);
    expect(error.message).not.toContain("not-the-emulator-key");
  });
});

describe("errors", () => {
  it("an API error carries code, message and the RequestId the emulator logged", async () => {
    const { client } = makeClient();
    const error = (await failure(
      client.call("UpdateOrganizationMember", { MemberUin: 999_999_999, Remark: "x" }),
    )) as TencentCloudApiError;
    expect(error).toBeInstanceOf(TencentCloudApiError);
    expect(error.code).toMatch(/^ResourceNotFound\./);
    expect(isNotFound(error)).toBe(true);
    expect(error.message).toMatch(/^UpdateOrganizationMember failed: ResourceNotFound\.\S+: .+ \(RequestId: .+\)$/);
    expect(emu.control.calls()).toEqual([{ action: "UpdateOrganizationMember", code: error.code, requestId: error.requestId }]);
  });

  it("a duplicate policy name answers FailedOperation.MemberPolicyNameExist", async () => {
    const { client } = makeClient();
    await client.call("CreateOrganizationMembersPolicy", newPolicy);
    const error = (await failure(client.call("CreateOrganizationMembersPolicy", newPolicy))) as TencentCloudApiError;
    expect(error.code).toBe("FailedOperation.MemberPolicyNameExist");
    expect(error.message).toContain("CreateOrganizationMembersPolicy failed: FailedOperation.MemberPolicyNameExist: ");
  });

  it("an invalid request never reaches the emulator", async () => {
    const { client } = makeClient();
    const error = await failure(client.call("DeleteOrganizationMemberAuthIdentity", { MemberUin: SEED_IDS.createdUin } as never));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({ field: "IdentityId", code: "MissingParameter" });
    expect(emu.control.calls()).toEqual([]);
  });
});

describe("fault injection and retries", () => {
  it("throttling is retried, for writes too, until it passes", async () => {
    const { client, events } = makeClient();
    emu.control.injectFault({ kind: "throttle", action: "CreateOrganizationMembersPolicy", count: 2 });
    const created = await client.call("CreateOrganizationMembersPolicy", newPolicy);
    expect(created.PolicyId).toEqual(expect.any(Number));
    expect(events.map((e) => e.code ?? "ok")).toEqual(["RequestLimitExceeded", "RequestLimitExceeded", "ok"]);
  });

  it("InternalError is retried for a retry-safe read", async () => {
    const { client } = makeClient();
    emu.control.injectFault({ kind: "internal-error", action: "ListOrganizationIdentity", count: 2 });
    const page = await client.call("ListOrganizationIdentity", { Offset: 0, Limit: 50 });
    expect(page.Total).toBe(IDENTITY_TOTAL);
    expect(emu.control.calls().map((c) => c.code ?? "ok")).toEqual(["InternalError", "InternalError", "ok"]);
  });

  it("InternalError is not retried for a write that is not retry-safe", async () => {
    const { client } = makeClient();
    emu.control.injectFault({ kind: "internal-error", action: "CreateOrganizationMembersPolicy", count: 5 });
    const error = (await failure(client.call("CreateOrganizationMembersPolicy", newPolicy))) as TencentCloudApiError;
    expect(error.code).toBe("InternalError");
    expect(error.attempts).toBe(1);
    expect(isUnknownOutcome(error)).toBe(true);
    expect(emu.control.calls()).toHaveLength(1);
  });

  it("HTTP 502 is retried for a retry-safe write, and is a TransportError for one that is not", async () => {
    const { client } = makeClient();
    emu.control.injectFault({ kind: "http-502", action: "UpdateOrganizationMember", count: 1 });
    await client.call("UpdateOrganizationMember", { MemberUin: SEED_IDS.createdUin, Remark: "after a 502" });

    emu.control.injectFault({ kind: "http-502", action: "CreateOrganizationMembersPolicy", count: 1 });
    const error = (await failure(client.call("CreateOrganizationMembersPolicy", newPolicy))) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: "http-status", httpStatus: 502, attempts: 1 });
  });

  it("a reset is retried for a retry-safe read, and is a TransportError for a write that is not", async () => {
    const { client, events } = makeClient();
    emu.control.injectFault({ kind: "reset", action: "DescribeOrganization", count: 2 });
    const org = await client.call("DescribeOrganization", {});
    expect(org.OrgId).toBe(SEED_IDS.orgId);
    expect(events.map((e) => e.code ?? "ok")).toEqual(["Transport.reset", "Transport.reset", "ok"]);

    emu.control.injectFault({ kind: "reset", action: "CreateOrganizationMembersPolicy", count: 1 });
    const error = await failure(client.call("CreateOrganizationMembersPolicy", newPolicy));
    expect(error).toMatchObject({ name: "TransportError", kind: "reset", attempts: 1 });
  });

  it("latency beyond the timeout is a timeout", async () => {
    const { client } = makeClient({ timeoutMs: 200, retry: false });
    emu.control.injectFault({ kind: "latency", action: "DescribeOrganization", latencyMs: 1_500 });
    const started = Date.now();
    const error = await failure(client.call("DescribeOrganization", {}));
    expect(error).toMatchObject({ name: "TransportError", kind: "timeout" });
    expect(Date.now() - started).toBeLessThan(1_400);
  });

  it("gives up after the attempt bound and says how many attempts it made", async () => {
    const { client } = makeClient({ retry: { baseDelayMs: 2, maxDelayMs: 10, maxAttempts: 5 } });
    emu.control.injectFault({ kind: "internal-error", action: "DescribeOrganization", count: 50 });
    const error = (await failure(client.call("DescribeOrganization", {}))) as TencentCloudApiError;
    expect(error.code).toBe("InternalError");
    expect(error.attempts).toBe(5);
    expect(error.message).toContain("gave up after 5 attempts");
    expect(emu.control.calls()).toHaveLength(5);
  });
});

describe("pacing against the emulator's rate limits", () => {
  const CALLS = 100;

  it("without pacing or retries, a burst of 100 trips the documented 20/s limit (the limit is real)", async () => {
    emu.control.setRateLimits(true);
    const { client } = makeClient({ retry: false });
    const results = await Promise.allSettled(
      Array.from({ length: CALLS }, () => client.call("ListOrganizationIdentity", { Offset: 0, Limit: 10 })),
    );
    const throttled = results.filter((r) => r.status === "rejected" && (r.reason as TencentCloudApiError).code === "RequestLimitExceeded");
    expect(throttled.length).toBeGreaterThan(50);
  });

  it(
    `${CALLS} concurrent calls from several clients: all succeed, paced at the action's rate, next to none throttled`,
    async () => {
      emu.control.setRateLimits(true);
      const events: CallEvent[] = [];
      // Several clients in one process share one pacer per endpoint and action.
      const clients = Array.from({ length: 5 }, () => makeClient({ pacing: true, onCall: (e) => events.push(e) }).client);
      const started = Date.now();
      const results = await Promise.allSettled(
        Array.from({ length: CALLS }, (_, i) => clients[i % clients.length]!.call("ListOrganizationIdentity", { Offset: 0, Limit: 10 })),
      );
      const elapsed = Date.now() - started;
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      // Pacing, not retries, kept under the limit: the unpaced burst above has over half throttled. The server counts
      // calls when it receives them, so on a loaded machine (a CI run's other workers) delivery jitter can still bunch
      // the odd pair into one second: those few are retried.
      const throttled = emu.control.calls().filter((c) => c.code !== undefined);
      expect(throttled.every((c) => c.code === "RequestLimitExceeded")).toBe(true);
      expect(throttled.length).toBeLessThan(CALLS / 10);
      // Every attempt that did not succeed is one of those throttles, nothing else.
      expect(events.filter((e) => e.outcome !== "success").map((e) => e.code)).toEqual(throttled.map(() => "RequestLimitExceeded"));
      // 100 calls at 20/s less headroom take at least about 5.5 s, however fast the machine.
      expect(elapsed).toBeGreaterThan(4_500);
    },
    20_000,
  );
});

describe("paging over the emulator", () => {
  it(`lists all ${IDENTITY_TOTAL} identities in pages of 50`, async () => {
    const { client } = makeClient();
    const identities = await paginate(client, "ListOrganizationIdentity", {});
    expect(identities).toHaveLength(IDENTITY_TOTAL);
    expect(new Set(identities.map((i) => i.IdentityId)).size).toBe(IDENTITY_TOTAL);
    expect(emu.control.calls().map((c) => c.action)).toEqual(Array(3).fill("ListOrganizationIdentity"));
  });

  it("pages members with a small page size and filters, through the async iterator", async () => {
    const { client } = makeClient();
    const names: string[] = [];
    for await (const member of paginateItems(client, "DescribeOrganizationMembers", {}, { pageSize: 2 })) {
      names.push(member.Name);
    }
    expect(names.sort()).toEqual(["alice", "bob", "carol"]);
    expect(emu.control.calls()).toHaveLength(2);

    const authorized = await paginate(client, "DescribeOrganizationMemberAuthIdentities", { MemberUin: SEED_IDS.createdUin }, { pageSize: 1 });
    expect(authorized.map((a) => a.IdentityId).sort()).toEqual([SEED_IDS.adminIdentityId, SEED_IDS.readonlyIdentityId]);
  });

  it("lists again from Offset 0 when a write between pages changes the listing, and returns the new listing whole", async () => {
    const { client } = makeClient();
    let created = false;
    // Another writer (another resource of the same `up`) creates a member right after the first page is read.
    const racing: ActionCaller = {
      call: async (action, request) => {
        const answer = await client.call(action, request);
        if (action === "DescribeOrganizationMembers" && !created) {
          created = true;
          await client.call("CreateOrganizationMember", {
            Name: "between-pages", AccountName: "between-pages", NodeId: SEED_IDS.departmentNodeId, PolicyType: "Financial", PermissionIds: [1, 2],
          });
        }
        return answer;
      },
    };
    const members = await paginate(racing, "DescribeOrganizationMembers", {}, { pageSize: 2 });
    expect(members.map((m) => m.Name).sort()).toEqual(["alice", "between-pages", "bob", "carol"]);
    const offsets = emu.control.calls().filter((c) => c.action === "DescribeOrganizationMembers").length;
    // First pass: Offset 0 and 2 (Total changed from 3 to 4); second pass: Offset 0 and 2.
    expect(offsets).toBe(4);
  });
});
