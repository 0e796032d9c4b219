/**
 * Shared reads against an in-process emulator (no engine): which calls a batch of member reads costs, and that each
 * answer is what the API holds when the batch is read, whatever earlier batches saw.
 */
import { type Emulator, generatedMemberUin, generateSeed, start } from "../../../emulator";
import { readMember } from "../../../provider/resources/shared-reads";

const MEMBERS = 160; // 4 pages of 50
const uin = generatedMemberUin;
let emulator: Emulator;

const memberCalls = () => emulator.control.calls().filter((call) => call.action === "DescribeOrganizationMembers").length;
const readAll = (indexes: number[]) => Promise.all(indexes.map((i) => readMember(uin(i))));

beforeAll(async () => {
  emulator = await start({ port: 0, rateLimits: false, seed: generateSeed({ members: MEMBERS, departments: 2, identities: 3, authorizations: 0, policies: 0 }) });
  process.env.TENCENTCLOUD_SECRET_ID = emulator.credentials.secretId;
  process.env.TENCENTCLOUD_SECRET_KEY = emulator.credentials.secretKey;
  process.env.TENCENTCLOUD_ORGANIZATION_ENDPOINT = emulator.url;
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.resetCalls());

describe("member reads", () => {
  it("a lone read is one lookup", async () => {
    expect((await readMember(uin(3)))?.MemberUin).toBe(uin(3));
    expect(memberCalls()).toBe(1);
  });

  it("reads arriving together on the first page cost that page alone", async () => {
    const found = await readAll([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(found.map((m) => m?.MemberUin)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map(uin));
    expect(memberCalls()).toBe(1);
  });

  it("reads spread over the organization cost a sweep when that is fewer than lookups", async () => {
    const indexes = [60, 61, 110, 111, 150, 151, 159, 100];
    const found = await readAll(indexes);
    expect(found.map((m) => m?.MemberUin)).toEqual(indexes.map(uin));
    expect(memberCalls()).toBe(4);
  });

  it("then reads of members seen together cost the page they were on, read now: a change since is seen", async () => {
    emulator.control.apply("UpdateOrganizationMember", { MemberUin: uin(120), Remark: "changed since the sweep" });
    const found = await readAll([120, 121, 122, 123, 124, 125, 126, 127]);
    expect(found[0]?.Remark).toBe("changed since the sweep");
    expect(memberCalls()).toBe(1);
  });

  it("a member gone from the page it was on is looked up, and reported missing only by that lookup", async () => {
    emulator.control.apply("DeleteOrganizationMembers", { MemberUin: [uin(130)] });
    const found = await readAll([130, 131, 132]);
    expect(found[0]).toBeUndefined();
    expect(found.slice(1).map((m) => m?.MemberUin)).toEqual([uin(131), uin(132)]);
    expect(emulator.control.calls().filter((call) => call.action === "DescribeOrganizationMembers")).toHaveLength(2);
  });
});
