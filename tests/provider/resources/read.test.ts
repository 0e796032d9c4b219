/**
 * The shared read skeleton (provider/resources/read.ts): a create's read-back waits, bounded, for a lagging listing;
 * a read concludes absence only from a read that settles it, and waits for an object written shortly before.
 */
import { SEED_IDS, start, type Emulator } from "../../../emulator";
import { configure } from "../../../provider/resources/config";
import { nodeImplementation as node } from "../../../provider/resources/organization-node";
import { findOrConfirmGone, readBack, ReadBackTimeoutError, writtenAt } from "../../../provider/resources/read";
import { DEFAULT_READ_BACK_TIMEOUT_MS, readBackTimeoutMs } from "../../../provider/resources/settings";
import { closeSharedAgent } from "../../../provider/client";
import { formatApiTime } from "../../../provider/api";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await start({ port: 0, rateLimits: false });
});
afterAll(async () => {
  await emulator.stop();
  await closeSharedAgent();
});

async function configureWith(readBackTimeout: string): Promise<void> {
  const settings: Record<string, string> = {
    "tencentcloud:secretId": emulator.credentials.secretId,
    "tencentcloud:secretKey": emulator.credentials.secretKey,
    "tencentcloud-organization:endpoint": emulator.url,
    "tencentcloud-organization:readBackTimeout": readBackTimeout,
  };
  await configure({ config: { get: (key: string) => settings[key] } } as never);
}

beforeEach(() => emulator.control.reset());

describe("readBackTimeout setting", () => {
  it("defaults to 30 s, takes seconds from 0 (no wait) to 3600, stack config over the environment", () => {
    expect(readBackTimeoutMs({}, {})).toBe(DEFAULT_READ_BACK_TIMEOUT_MS);
    expect(DEFAULT_READ_BACK_TIMEOUT_MS).toBe(30_000);
    expect(readBackTimeoutMs({}, { TENCENTCLOUD_ORGANIZATION_READ_BACK_TIMEOUT: "0" })).toBe(0);
    expect(readBackTimeoutMs({ TENCENTCLOUD_ORGANIZATION_READ_BACK_TIMEOUT: "2.5" }, { TENCENTCLOUD_ORGANIZATION_READ_BACK_TIMEOUT: "9" })).toBe(2500);
  });

  it("refuses anything else, naming the variable and the config key", () => {
    for (const value of ["-1", "3601", "soon"]) {
      expect(() => readBackTimeoutMs({}, { TENCENTCLOUD_ORGANIZATION_READ_BACK_TIMEOUT: value })).toThrow(
        /TENCENTCLOUD_ORGANIZATION_READ_BACK_TIMEOUT \(tencentcloud-organization:readBackTimeout\) must be a number of seconds from 0 up to 3600/,
      );
    }
  });
});

describe("read-back after a create", () => {
  it("looks again, pausing between looks, until the object is listed", async () => {
    await configureWith("30");
    let looks = 0;
    const found = await readBack("node 1", "DescribeOrganizationNodes", async () => (++looks === 4 ? { NodeId: 1 } : undefined));
    expect(found).toEqual({ NodeId: 1 });
    expect(looks).toBe(4);
  });

  it("a node create under a listing lag reads the node back once it is listed", async () => {
    await configureWith("30");
    emulator.control.setListingLag(700);
    const inputs = (await node.check({}, { name: "lagging", parentNodeId: SEED_IDS.departmentNodeId })).inputs!;
    const created = await node.create(inputs);
    expect(created.outs).toMatchObject({ name: "lagging", parentNodeId: SEED_IDS.departmentNodeId, createdByStack: true });
    expect(created.outs.createTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it("past the bound, a create fails with a partial failure naming the object, the action and what to do", async () => {
    await configureWith("0.6");
    emulator.control.setListingLag(600_000);
    const inputs = (await node.check({}, { name: "never-listed", parentNodeId: SEED_IDS.departmentNodeId })).inputs!;
    const failure = node.create(inputs);
    await expect(failure).rejects.toMatchObject({
      name: "PartialFailure",
      message: expect.stringMatching(
        /^node created, but reading it back failed: node \d+ was created, but DescribeOrganizationNodes did not list it within 0\.6 s .*tencentcloud-organization:readBackTimeout/,
      ),
      properties: expect.objectContaining({ name: "never-listed", createdByStack: true }),
    });
    const cause = ((await failure.catch((e: unknown) => e)) as { cause: unknown }).cause;
    expect(cause).toBeInstanceOf(ReadBackTimeoutError);
    expect(cause).toMatchObject({ action: "DescribeOrganizationNodes", timeoutMs: 600 });
  });
});

describe("absence before dropping", () => {
  it("is settled by the confirming read when there is one, even for an object written long ago", async () => {
    await configureWith("30");
    const reads: string[] = [];
    const found = await findOrConfirmGone({
      what: "node 1",
      action: "DescribeOrganizationNodes",
      find: async () => (reads.push("find"), undefined),
      confirm: async () => (reads.push("confirm"), "there"),
      writtenAt: undefined,
    });
    expect(found).toBe("there");
    expect(reads).toEqual(["find", "confirm"]);
  });

  it("a direct lookup settles it at once for an object written long ago; one written shortly before is looked for again", async () => {
    await configureWith("30");
    let looks = 0;
    const spec = { what: "member 1", action: "DescribeOrganizationMembers" as const, find: async () => (++looks > 2 ? "listed" : undefined) };
    expect(await findOrConfirmGone({ ...spec, writtenAt: Date.now() - 31_000 })).toBeUndefined();
    expect(looks).toBe(1);
    looks = 0;
    expect(await findOrConfirmGone({ ...spec, writtenAt: Date.now() })).toBe("listed");
    expect(looks).toBe(3);
  });

  it("an object written shortly before that never appears is dropped once the bound has passed since the write", async () => {
    await configureWith("0.5");
    let looks = 0;
    const found = await findOrConfirmGone({ what: "policy 1", action: "DescribeOrganizationMembersAuthPolicy", find: async () => void looks++, writtenAt: Date.now() });
    expect(found).toBeUndefined();
    expect(looks).toBeGreaterThan(1);
  });

  it("the write time comes from the API times state recorded, the later of the two", () => {
    const created = Date.parse("2026-01-05T10:00:00Z");
    expect(writtenAt({ createTime: formatApiTime(created), updateTime: formatApiTime(created + 60_000) })).toBe(created + 60_000);
    expect(writtenAt({ updateTime: formatApiTime(created) })).toBe(created);
    expect(writtenAt({})).toBeUndefined();
  });
});
