/**
 * The adoption command as a generated property (issue 16, "running the adoption command on a generated organization,
 * then up of its program (0 writes)"): a small organization from emulator/generate.ts, drawn by size and seed number,
 * with some of what the generator leaves out (decorations below). The command writes a project; the `pulumi` binary
 * runs it (the CLI path). `up` makes no write, the next preview is empty, and destroy releases everything, leaving the
 * organization exactly as it was.
 *
 * ADOPTION_DECORATIONS is the one switch per decoration.
 */
import fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { start, type Seed } from "../../../emulator";
import { generateSeed } from "../../../emulator/generate";
import { LOCAL_DIR } from "../../../scripts/engine";
import { runAdopt } from "../adopt-cli";
import { createEngineStack } from "../harness";
import { InvariantViolation } from "./invariants";

export const ADOPTION_DECORATIONS = {
  /** A tagged department. */
  taggedDepartment: { enabled: true },
  /** A member paid for by the member with the next lower UIN (declared after its payer). */
  paidByLowerUin: { enabled: true },
  /** An authorization in Status 2 (left out of the program, named in a comment). */
  statusTwoPair: { enabled: true },
  /** A member paid for by one with a higher UIN (defect 8: it was declared before its payer, TS2448). */
  paidByHigherUin: { enabled: true },
  /** A custom identity policy without a name (defect 8: it was rendered as `policyName: ""`, which check refuses). */
  namelessCustomPolicy: { enabled: true },
} satisfies Record<string, { enabled: boolean }>;
export type Decoration = keyof typeof ADOPTION_DECORATIONS;
export const enabledDecorations = (): Decoration[] =>
  (Object.keys(ADOPTION_DECORATIONS) as Decoration[]).filter((d) => ADOPTION_DECORATIONS[d].enabled);

export interface GeneratedOrganization {
  members: number;
  departments: number;
  identities: number;
  authorizations: number;
  policies: number;
  seed: number;
  decorations: Decoration[];
}

export function organizationArbitrary(decorations: Decoration[]): fc.Arbitrary<GeneratedOrganization> {
  return fc
    .record({
      members: fc.integer({ min: 4, max: 8 }),
      departments: fc.integer({ min: 1, max: 4 }),
      identities: fc.integer({ min: 3, max: 5 }),
      seed: fc.nat(1_000),
      decorations: fc.subarray(decorations),
      authorizationShare: fc.double({ min: 0.1, max: 0.6, noNaN: true }),
      policies: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ authorizationShare, ...org }) => ({ ...org, authorizations: Math.max(1, Math.floor(org.members * org.identities * authorizationShare)) }));
}

/** The generated seed with the drawn decorations applied. */
export function decoratedSeed(org: GeneratedOrganization): Seed {
  const seed = generateSeed(org);
  const nodes = [...(seed.nodes ?? [])];
  const members = [...(seed.members ?? [])];
  const identities = [...(seed.identities ?? [])];
  const authorizations = [...(seed.authorizations ?? [])];
  const paidBy = (paid: number, payer: number) => {
    members[paid] = { ...members[paid]!, PermissionIds: [1, 2, 7], PayUin: String(members[payer]!.MemberUin), IsAllowQuit: "Denied" };
  };
  if (org.decorations.includes("taggedDepartment") && nodes[1]) nodes[1] = { ...nodes[1], Tags: [{ TagKey: "cost-center", TagValue: "cc-01" }] };
  if (org.decorations.includes("paidByLowerUin")) paidBy(1, 0);
  if (org.decorations.includes("paidByHigherUin")) paidBy(2, members.length - 1);
  if (org.decorations.includes("statusTwoPair") && authorizations[0]) authorizations[0] = { ...authorizations[0], Status: 2 };
  if (org.decorations.includes("namelessCustomPolicy")) {
    const custom = identities.findIndex((i) => i.IdentityType === 2);
    if (custom >= 0) {
      const identity = identities[custom]!;
      identities[custom] = { ...identity, IdentityPolicy: (identity.IdentityPolicy ?? []).map((p) => (p.PolicyType === 1 ? { ...p, PolicyName: "" } : p)) };
    }
  }
  return { ...seed, nodes, members, identities, authorizations };
}

/** The property: adopt, up with no write, an empty preview, destroy back to the organization as it was. */
export function adoptionProperty(decorations: Decoration[]) {
  return fc.asyncProperty(organizationArbitrary(decorations), async (org) => {
    const emulator = await start({ port: 0, seed: decoratedSeed(org) });
    const projectDir = fs.mkdtempSync(path.join(LOCAL_DIR, "adopt-scenario-"));
    let engine: Awaited<ReturnType<typeof createEngineStack>> | undefined;
    try {
      const before = emulator.control.snapshot();
      await runAdopt(emulator, ["--project", projectDir, "--name", "adopted"]);
      engine = await createEngineStack({ program: "declared", path: "cli", projectDir, emulator });
      emulator.control.resetCalls();
      const up = await engine.attempt("up");
      if (!up.ok) throw new InvariantViolation("step", `up of the adopted program failed: ${up.message.split("\n").slice(0, 4).join(" | ")}`);
      if (engine.writeCalls().length > 0) throw new InvariantViolation("I2", `up of the adopted program wrote: ${engine.writeCalls().join(", ")}`);
      const preview = await engine.previewSteps();
      if (preview.length > 0) throw new InvariantViolation("I3", `the preview after adopting is not empty: ${preview.map((s) => `${s.op} ${s.name}`).join(", ")}`);
      await engine.destroy();
      if (engine.writeCalls().length > 0) throw new InvariantViolation("I1", `destroy of the adopted program wrote: ${engine.writeCalls().join(", ")}`);
      if (JSON.stringify(emulator.control.snapshot()) !== JSON.stringify(before)) throw new InvariantViolation("I1", "destroy left the organization changed");
    } finally {
      await engine?.close();
      await emulator.stop();
      fs.rmSync(projectDir, { recursive: true, force: true });
    }
  });
}
