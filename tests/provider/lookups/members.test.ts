/** getMembers / getMember against the in-process emulator, through the environment a program's process has. */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_SEED, SEED_IDS, type Seed } from "../../../emulator";
import { getMember, getMemberOutput, getMembers, getMembersOutput, LookupError } from "../../../provider/lookups";
import { exactlyOne, type MemberInfo } from "../../../provider/lookups/members";
import { emulatedOrganization, valueOf } from "./emulated";

/** The default seed plus 60 tagged members in the department, so a full listing spans two pages of 50. */
const EXTRA = 60;
const SEEDED = DEFAULT_SEED.members ?? [];
const SEED = {
  ...DEFAULT_SEED,
  members: [
    ...SEEDED,
    ...Array.from({ length: EXTRA }, (_, i) => ({
      MemberUin: 200000000000 + i,
      Name: `extra-${i}`,
      MemberType: "Create" as const,
      NodeId: SEED_IDS.departmentNodeId,
      PermissionIds: [1, 2],
      IsAllowQuit: "Allow" as const,
      Tags: [{ TagKey: "team", TagValue: i % 2 === 0 ? "even" : "odd" }],
    })),
  ],
} as Seed;

const { emulator } = emulatedOrganization(SEED);

describe("getMembers", () => {
  it("pages through every member, each in OrganizationMember's output names", async () => {
    const { members } = await getMembers();
    expect(members).toHaveLength(SEEDED.length + EXTRA);
    expect(new Set(members.map((m) => m.memberUin)).size).toBe(members.length);
    expect(members.find((m) => m.memberUin === SEED_IDS.paidUin)).toMatchObject({
      name: "carol",
      nodeId: SEED_IDS.departmentNodeId,
      permissionIds: [1, 2, 7],
      payUin: String(SEED_IDS.invitedUin),
      isAllowQuit: "Denied",
      remark: "paid for by alice",
    });
    const listings = emulator().control.calls().filter((call) => call.action === "DescribeOrganizationMembers");
    expect(listings.length).toBeGreaterThanOrEqual(2);
  });

  it("passes the filters the API takes: department, search key, tags", async () => {
    const inRoot = await getMembers({ nodeId: SEED_IDS.rootNodeId });
    expect(inRoot.members.map((m) => m.name)).toEqual(["alice"]);
    expect(inRoot.nodeId).toBe(SEED_IDS.rootNodeId);
    expect((await getMembers({ searchKey: "extra-1" })).members.every((m) => m.name.includes("extra-1"))).toBe(true);
    const odd = await getMembers({ tags: { team: "odd" } });
    expect(odd.members).toHaveLength(EXTRA / 2);
    expect(odd.members.every((m) => m.tags.team === "odd")).toBe(true);
  });

  it("has an Output form taking Inputs", async () => {
    const result = await valueOf(getMembersOutput({ nodeId: pulumi.output(SEED_IDS.rootNodeId) }));
    expect(result.members.map((m) => m.memberUin)).toEqual([SEED_IDS.invitedUin]);
  });
});

describe("getMember", () => {
  it("finds one member by UIN or by exact name", async () => {
    expect((await getMember({ memberUin: SEED_IDS.createdUin })).name).toBe("bob");
    // "extra-1" is also a prefix of extra-10..19: only the exact name counts.
    expect((await getMember({ name: "extra-1" })).memberUin).toBe(200000000001);
    expect((await valueOf(getMemberOutput({ name: pulumi.output("alice") }))).memberUin).toBe(SEED_IDS.invitedUin);
  });

  it("says which argument matched nothing", async () => {
    const error = await getMember({ name: "nobody" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LookupError);
    expect(error).toMatchObject({ lookup: "getMember", field: "name", message: 'getMember: no member has name "nobody"' });
    await expect(getMember({ memberUin: 999 })).rejects.toMatchObject({ field: "memberUin" });
  });

  it("wants exactly one of memberUin and name", async () => {
    await expect(getMember({})).rejects.toThrow("set exactly one of memberUin and name");
    await expect(getMember({ memberUin: SEED_IDS.createdUin, name: "bob" })).rejects.toBeInstanceOf(LookupError);
  });

  it("lists the UINs when several members match", () => {
    const twins = [{ memberUin: 1 }, { memberUin: 2 }] as MemberInfo[];
    expect(() => exactlyOne(twins, "name", '"twin"')).toThrow('getMember: 2 members have name "twin" (UINs 1, 2); look one up by memberUin');
  });
});
