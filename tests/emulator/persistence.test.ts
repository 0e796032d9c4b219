/** The state file: written atomically on every accepted write, reloaded on start, never half-written. */
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SEED, SEED_IDS } from "../../emulator";
import { loadState, tempPrefix } from "../../emulator/persistence";
import { call, expectError, page, startTarget } from "./helpers";

let dir: string;
let stateFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
  stateFile = join(dir, "state.json");
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function withEmulator<T>(options: Parameters<typeof startTarget>[0], work: (e: Awaited<ReturnType<typeof startTarget>>) => Promise<T>): Promise<T> {
  const emulator = await startTarget(options);
  try {
    return await work(emulator);
  } finally {
    await emulator.stop();
  }
}

it("creates the state file from the seed on first start", async () => {
  await withEmulator({ stateFile }, async () => undefined);
  expect(loadState(stateFile)?.members.map((m) => m.MemberUin)).toEqual([SEED_IDS.invitedUin, SEED_IDS.createdUin, SEED_IDS.paidUin]);
});

it("keeps accepted writes across a restart, including id counters", async () => {
  const firstPolicy = await withEmulator({ stateFile }, async (emulator) => {
    await call(emulator, "UpdateOrganizationMember", { MemberUin: SEED_IDS.createdUin, Name: "robert" });
    const { PolicyId } = await call(emulator, "CreateOrganizationMembersPolicy", { MemberUins: [SEED_IDS.createdUin], PolicyName: "p", IdentityId: 2 });
    await call(emulator, "DeleteOrganizationMembersPolicy", { PolicyId });
    return PolicyId;
  });
  await withEmulator({ stateFile }, async (emulator) => {
    const members = await call(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: String(SEED_IDS.createdUin) });
    expect(members.Items?.[0]?.Name).toBe("robert");
    const { PolicyId } = await call(emulator, "CreateOrganizationMembersPolicy", { MemberUins: [SEED_IDS.createdUin], PolicyName: "q", IdentityId: 2 });
    expect(PolicyId).toBe(firstPolicy + 1);
  });
});

it("keeps created nodes and identities and their id counters across a restart; an older file without those counters derives them", async () => {
  const made = await withEmulator({ stateFile }, async (emulator) => {
    const { NodeId } = await call(emulator, "AddOrganizationNode", { ParentNodeId: SEED_IDS.rootNodeId, Name: "Sales" });
    const { IdentityId } = await call(emulator, "CreateOrganizationIdentity", { IdentityAliasName: "reviewer", IdentityPolicy: [{ PolicyId: 2, PolicyName: "ReadOnlyAccess" }] });
    await call(emulator, "DeleteOrganizationNodes", { NodeId: [NodeId] });
    await call(emulator, "DeleteOrganizationIdentity", { IdentityId });
    return { NodeId, IdentityId };
  });
  await withEmulator({ stateFile }, async (emulator) => {
    expect((await call(emulator, "AddOrganizationNode", { ParentNodeId: SEED_IDS.rootNodeId, Name: "Sales" })).NodeId).toBe(made.NodeId + 1);
    const { IdentityId } = await call(emulator, "CreateOrganizationIdentity", { IdentityAliasName: "reviewer", IdentityPolicy: [{ PolicyId: 2, PolicyName: "ReadOnlyAccess" }] });
    expect(IdentityId).toBe(made.IdentityId + 1);
  });
  const file = JSON.parse(readFileSync(stateFile, "utf8")) as { state: { counters: Record<string, number> } };
  delete file.state.counters.lastNodeId;
  delete file.state.counters.lastIdentityId;
  writeFileSync(stateFile, JSON.stringify(file));
  const state = loadState(stateFile)!;
  expect(state.counters.lastNodeId).toBe(Math.max(...state.nodes.map((n) => n.NodeId)));
  expect(state.counters.lastIdentityId).toBe(made.IdentityId + 1);
});

it("prefers an existing state file over the seed", async () => {
  await withEmulator({ stateFile }, (emulator) => call(emulator, "DeleteOrganizationMembers", { MemberUin: [SEED_IDS.createdUin] }));
  const otherSeed = { ...DEFAULT_SEED, organization: { ...DEFAULT_SEED.organization, NickName: "Other" } };
  await withEmulator({ stateFile, seed: otherSeed }, async (emulator) => {
    expect((await call(emulator, "DescribeOrganization", {})).NickName).toBe("Emulated Org");
    expect((await call(emulator, "DescribeOrganizationMembers", page)).Total).toBe(2);
  });
});

it("does not persist refused requests", async () => {
  await withEmulator({ stateFile }, async (emulator) => {
    const before = readFileSync(stateFile, "utf8");
    await expectError(emulator, "UpdateOrganizationMember", { MemberUin: SEED_IDS.paidUin, IsAllowQuit: "Allow" }, "InvalidParameter.AllowQuitIllegal");
    await call(emulator, "DescribeOrganizationMembers", page);
    expect(readFileSync(stateFile, "utf8")).toBe(before);
  });
});

it("replaces the file by rename: the previous file is never truncated or rewritten in place", async () => {
  await withEmulator({ stateFile }, async (emulator) => {
    const before = readFileSync(stateFile);
    const inodeBefore = statSync(stateFile).ino;
    const oldHandle = openSync(stateFile, "r");
    await call(emulator, "UpdateOrganizationMember", { MemberUin: SEED_IDS.createdUin, Remark: "after" });
    const buffer = Buffer.alloc(before.length + 100);
    const read = readSync(oldHandle, buffer, 0, buffer.length, 0);
    closeSync(oldHandle);
    expect(buffer.subarray(0, read).equals(before)).toBe(true);
    expect(statSync(stateFile).ino).not.toBe(inodeBefore);
    expect(readFileSync(stateFile, "utf8")).toContain('"Remark": "after"');
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });
});

it("ignores a leftover temporary file from a crash before the rename", async () => {
  await withEmulator({ stateFile }, (emulator) => call(emulator, "UpdateOrganizationMember", { MemberUin: SEED_IDS.createdUin, Remark: "saved" }));
  writeFileSync(join(dir, `${tempPrefix(stateFile)}12345-1-abc`), '{"format":"tencentcloud-organization-emulator-state","vers');
  await withEmulator({ stateFile }, async (emulator) => {
    const members = await call(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: String(SEED_IDS.createdUin) });
    expect(members.Items?.[0]?.Remark).toBe("saved");
  });
});

it("answers InternalError and keeps the old state, in memory and on disk, when the write cannot be made durable", async () => {
  await withEmulator({ stateFile }, async (emulator) => {
    const before = readFileSync(stateFile, "utf8");
    jest.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    // The module object itself (not an import namespace), so the emulator's calls see the stub.
    const realFs = jest.requireActual<typeof import("node:fs")>("node:fs");
    jest.spyOn(realFs, "renameSync").mockImplementationOnce(() => {
      throw Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" });
    });
    await expectError(emulator, "UpdateOrganizationMember", { MemberUin: SEED_IDS.createdUin, Name: "robert" }, "InternalError");
    expect(readFileSync(stateFile, "utf8")).toBe(before);
    expect(readdirSync(dir)).toEqual(["state.json"]);
    const members = await call(emulator, "DescribeOrganizationMembers", { ...page, SearchKey: String(SEED_IDS.createdUin) });
    expect(members.Items?.[0]?.Name).toBe("bob");
  });
});

it("refuses to start on a state file that is not valid, leaving it untouched", async () => {
  writeFileSync(stateFile, '{"format":"tencentcloud-organization-emulator-state","version":1,"state":{"organization":{}}}');
  await expect(startTarget({ stateFile })).rejects.toThrow(stateFile);
  writeFileSync(stateFile, "{half");
  await expect(startTarget({ stateFile })).rejects.toThrow(/not valid JSON/);
  expect(readFileSync(stateFile, "utf8")).toBe("{half");
});
