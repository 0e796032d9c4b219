/**
 * The generated scenarios in CI: a fixed budget under fixed seeds (issue 16, "Generated scenarios"), one test file per
 * seed (./seed-<n>.test.ts, ./adoption-seed-<n>.test.ts) so that jest's workers run them side by side. Each seed is one
 * sequence through the real engine: a first program, then up to CI_STEPS steps of the kinds STEP_KINDS enables, each
 * checked against I1-I5 (./invariants.ts), then destroy. A failure prints the steps and the seed;
 * `npm run soak -- --seed <seed> --runs 1 --steps <CI_STEPS>` replays it and shrinks it. Longer runs: `npm run soak`.
 */
import fc from "fast-check";
import { adoptionProperty, enabledDecorations } from "./adoption";
import { enabledStepKinds } from "./commands";
import { scenarioProperty } from "./property";

export const CI_STEPS = 3;

/** One generated sequence under `seed`, as a test of the calling file. */
export function scenarioSeed(seed: number): void {
  // A few minutes on a loaded 2-core machine (about half a minute an engine-checked step).
  jest.setTimeout(900_000);
  it(`generated scenario, seed ${seed}: random steps through the engine keep I1-I5`, async () => {
    let log: string[] = [];
    const property = scenarioProperty({ steps: CI_STEPS, kinds: enabledStepKinds(), onRun: (lines) => (log = lines) });
    // No shrinking in CI (each shrink re-runs a sequence): the soak shrinks from the same seed.
    const details = await fc.check(property, { seed, numRuns: 1, endOnFailure: true });
    if (details.failed) throw new Error(`${String(details.errorInstance)}\nsteps:\n  ${log.join("\n  ")}\nreplay and shrink: npm run soak -- --seed ${seed} --runs 1 --steps ${CI_STEPS}`);
    expect(log.length).toBeGreaterThan(0);
  });
}

/** One generated organization under `seed`: the adoption command's program adopts it with no write. */
export function adoptionSeed(seed: number): void {
  jest.setTimeout(900_000);
  it(`generated organization, seed ${seed}: the adoption command's program adopts with no write`, async () => {
    await fc.assert(adoptionProperty(enabledDecorations()), { seed, numRuns: 1, endOnFailure: true });
  });
}
