/**
 * Progress of a long operation reaches the `pulumi up` output: authorizing pairs in batches that the emulator answers
 * slowly (a latency fault) prints a line with the running count once the operation has run a few seconds.
 */
import { generatedMemberUin, generateSeed } from "../../emulator";
import { createEngineStack, type EngineStack } from "./harness";

jest.setTimeout(300_000);

const memberUins = Array.from({ length: 30 }, (_, i) => generatedMemberUin(i));

describe("progress of long operations", () => {
  let engine: EngineStack;

  beforeAll(async () => {
    engine = await createEngineStack({
      program: "declared",
      resources: [{ kind: "MemberAuthIdentity", name: "many", args: { memberUins, identityIds: [3] } }],
      emulatorOptions: { seed: generateSeed({ members: 30, departments: 1, identities: 3, authorizations: 0, policies: 0 }) },
    });
  });
  afterAll(() => engine?.close());

  it("shows 'authorizing 30 pairs: N done' while three slow batches of 10 run", async () => {
    engine.emulator.control.injectFault({ kind: "latency", action: "CreateOrganizationMemberAuthIdentity", count: 3, latencyMs: 2_000 });
    const run = await engine.attempt("up");
    expect(run.message).toBe("");
    expect(run.ok).toBe(true);
    // The count is of whole batches: the line comes after a batch that ends a few seconds in.
    expect(run.output).toMatch(/MemberAuthIdentity [0-9,:]+: authorizing 30 pairs: [123]0 done/);
    expect(engine.emulator.control.calls().filter((call) => call.action === "CreateOrganizationMemberAuthIdentity")).toHaveLength(3);
  });
});
