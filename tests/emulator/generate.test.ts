/** emulator/generate.ts: generated organizations are valid seeds of the asked size, the same for the same seed number. */
import { MAX_POLICY_MEMBERS } from "../../provider/api/constants";
import { GENERATED_ROOT_NODE, type GenerateOptions, generateSeed, generatedMemberUin } from "../../emulator";
import { MAX_NODE_LEVELS } from "../../emulator/backend/nodes";
import { SeedSchema } from "../../emulator/backend/state";
import { call, page, startTarget } from "./helpers";

const LARGE: GenerateOptions = { members: 1000, departments: 50, identities: 20, authorizations: 5000, policies: 100 };
const MEDIUM: GenerateOptions = { members: 200, departments: 20, identities: 8, authorizations: 500, policies: 40 };

function levelsOf(seed: ReturnType<typeof generateSeed>): Map<number, number> {
  const parent = new Map(seed.nodes.map((n) => [n.NodeId, n.ParentNodeId]));
  const level = (id: number): number => (parent.get(id) === null ? 1 : 1 + level(parent.get(id)!));
  return new Map(seed.nodes.map((n) => [n.NodeId, level(n.NodeId)]));
}

describe.each([
  ["1,000 members", LARGE],
  ["200 members", MEDIUM],
])("%s", (_name, options) => {
  const seed = generateSeed(options);

  it("is a valid seed (SeedSchema) with the asked counts", () => {
    const parsed = SeedSchema.safeParse(seed);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
    expect(seed.members).toHaveLength(options.members);
    expect(seed.nodes).toHaveLength(options.departments + 1);
    expect(seed.identities).toHaveLength(options.identities);
    expect(seed.authorizations).toHaveLength(options.authorizations);
    expect(seed.policies).toHaveLength(options.policies);
  });

  it("names things stably and readably", () => {
    expect(seed.members![0]).toMatchObject({ MemberUin: generatedMemberUin(0), Name: "member-0001" });
    expect(seed.members!.at(-1)!.Name).toBe(`member-${String(options.members).padStart(4, "0")}`);
    expect(seed.nodes.slice(0, 2).map((n) => n.Name)).toEqual(["Root", "dept-01"]);
    expect(seed.identities![0]!.IdentityAliasName).toBe("identity-01");
    expect(seed.policies![0]!.PolicyName).toBe("policy-001");
  });

  it("builds a department tree, some nested, none deeper than the API allows", () => {
    const levels = levelsOf(seed);
    expect(levels.get(GENERATED_ROOT_NODE)).toBe(1);
    expect(Math.max(...levels.values())).toBeGreaterThan(2);
    expect(Math.max(...levels.values())).toBeLessThanOrEqual(MAX_NODE_LEVELS);
    expect(new Set(seed.members!.map((m) => m.NodeId)).size).toBeGreaterThan(options.departments / 2);
  });

  it("spreads distinct authorizations over the members, and binds each policy to at most 10 members holding its identity", () => {
    const pairs = new Set(seed.authorizations!.map((a) => `${a.MemberUin}/${a.IdentityId}`));
    expect(pairs.size).toBe(options.authorizations);
    expect(new Set(seed.authorizations!.map((a) => a.MemberUin)).size).toBeGreaterThan(options.members / 2);
    for (const policy of seed.policies!) {
      expect(policy.Bindings.length).toBeGreaterThanOrEqual(1);
      expect(policy.Bindings.length).toBeLessThanOrEqual(MAX_POLICY_MEMBERS);
      for (const { MemberUin } of policy.Bindings) expect(pairs.has(`${MemberUin}/${policy.IdentityId}`)).toBe(true);
    }
    expect(new Set(seed.policies!.map((p) => p.PolicyName)).size).toBe(options.policies);
  });
});

it("is deterministic: the same options and seed number give the same organization, another seed number another", () => {
  expect(generateSeed({ ...MEDIUM, seed: 7 })).toEqual(generateSeed({ ...MEDIUM, seed: 7 }));
  expect(generateSeed({ ...MEDIUM, seed: 8 })).not.toEqual(generateSeed({ ...MEDIUM, seed: 7 }));
  expect(generateSeed(MEDIUM)).toEqual(generateSeed({ ...MEDIUM, seed: 1 }));
});

it("leaves the first freeIdentities identities without authorizations", () => {
  const seed = generateSeed({ ...MEDIUM, freeIdentities: 3 });
  expect(Math.min(...seed.authorizations!.map((a) => a.IdentityId))).toBe(4);
  expect(SeedSchema.safeParse(seed).success).toBe(true);
});

it("refuses sizes that cannot be built", () => {
  expect(() => generateSeed({ ...MEDIUM, members: 10, identities: 2, authorizations: 21 })).toThrow(/do not fit 10 members × 2/);
  expect(() => generateSeed({ ...MEDIUM, authorizations: 0 })).toThrow(/policies need authorizations/);
  expect(() => generateSeed({ ...MEDIUM, members: -1 })).toThrow(/members must be a whole number/);
});

it("seeds an emulator that answers it through the API", async () => {
  const emulator = await startTarget({ seed: generateSeed(MEDIUM) });
  try {
    expect((await call(emulator, "DescribeOrganizationMembers", page)).Total).toBe(MEDIUM.members);
    expect((await call(emulator, "DescribeOrganizationNodes", page)).Total).toBe(MEDIUM.departments + 1);
    expect((await call(emulator, "DescribeOrganizationMembersAuthPolicy", page)).Total).toBe(
      generateSeed(MEDIUM).policies!.reduce((n, p) => n + p.Bindings.length, 0),
    );
  } finally {
    await emulator.stop();
  }
});
