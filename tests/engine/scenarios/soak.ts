/**
 * `npm run soak -- --runs N [--seed S] [--steps K] [--organizations O] [--enable kind,...] [--shrink-minutes M]`: the
 * generated scenarios of ./property, longer than CI runs them, then O generated organizations through the adoption
 * command (./adoption; default one per ten runs). Prints the seed first, a line per run, and for a failure the invariant, the
 * shrunk steps and the seed and path that replay it (`--seed S --path P`). Shrinking re-runs shorter sequences through
 * the engine, a few minutes each; it stops after --shrink-minutes (default 30) with the smallest failure found so far.
 *
 * Step kinds are those STEP_KINDS enables (./commands), plus any named by --enable (`--enable all` for every kind);
 * `--only kind,...` runs just the kinds it names.
 */
import fc from "fast-check";
import { adoptionProperty, enabledDecorations } from "./adoption";
import { enabledStepKinds, STEP_KINDS, type StepKind } from "./commands";
import { scenarioProperty } from "./property";

interface SoakArgs {
  runs: number;
  seed: number;
  steps: number;
  kinds: StepKind[];
  shrinkMinutes: number;
  organizations: number;
  path?: string;
}

function parseArgs(argv: string[]): SoakArgs {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (flag: string, fallback: number): number => {
    const text = value(flag);
    const parsed = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(parsed)) throw new Error(`${flag} takes a whole number, not "${text}"`);
    return parsed;
  };
  const known = Object.keys(STEP_KINDS) as StepKind[];
  const listed = (flag: string): StepKind[] => {
    const names = (value(flag) ?? "").split(",").filter((k) => k !== "");
    const unknown = names.filter((k) => k !== "all" && !known.includes(k as StepKind));
    if (unknown.length > 0) throw new Error(`${flag}: unknown step kind ${unknown.join(", ")}; the kinds are ${known.join(", ")}`);
    return names.includes("all") ? known : (names as StepKind[]);
  };
  const only = listed("--only");
  const kinds = only.length > 0 ? only : [...new Set([...enabledStepKinds(), ...listed("--enable")])];
  const path = value("--path");
  const runs = number("--runs", 100);
  return {
    runs,
    organizations: number("--organizations", Math.ceil(runs / 10)),
    seed: number("--seed", Date.now() % 2 ** 31),
    steps: number("--steps", 10),
    kinds,
    shrinkMinutes: number("--shrink-minutes", 30),
    ...(path === undefined ? {} : { path }),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  console.log(
    `soak: seed ${args.seed}, ${args.runs} runs of at most ${args.steps} steps, kinds ${args.kinds.join(", ")}; ` +
      `then ${args.organizations} generated organizations through the adoption command`,
  );
  const started = Date.now();
  let runs = 0;
  let steps = 0;
  let shrinkDeadline: number | undefined;
  let failedLog: string[] = [];
  let failure: unknown;
  const property = scenarioProperty({
    steps: args.steps,
    kinds: args.kinds,
    skipRuns: () => shrinkDeadline !== undefined && Date.now() > shrinkDeadline,
    onRun: (log, error) => {
      runs += 1;
      steps += log.length;
      const minutes = ((Date.now() - started) / 60_000).toFixed(1);
      console.log(`run ${runs} (${minutes} min): ${log.length} steps, ${error === undefined ? "passed" : `FAILED ${(error as Error).message.split("\n")[0]}`}`);
      for (const line of log) console.log(`    ${line}`);
      if (error === undefined) return;
      shrinkDeadline ??= Date.now() + args.shrinkMinutes * 60_000;
      failedLog = log;
      failure = error;
    },
  });
  const details =
    args.runs === 0
      ? undefined
      : await fc.check(property, {
          numRuns: args.runs,
          seed: args.seed,
          ...(args.path === undefined ? {} : { path: args.path }),
          // Runs skipped after the shrink deadline do not count against the run.
          maxSkipsPerRun: 1_000,
        });
  const minutes = () => ((Date.now() - started) / 60_000).toFixed(1);
  if (details?.failed) {
    console.log(`\nsoak FAILED after ${runs} sequences (${steps} steps, ${minutes()} min)`);
    console.log(`seed ${details.seed}, path ${details.counterexamplePath} (replay: npm run soak -- --seed ${details.seed} --path ${details.counterexamplePath} --steps ${args.steps} --runs ${args.runs} --organizations 0${args.kinds.join(",") === enabledStepKinds().join(",") ? "" : ` --only ${args.kinds.join(",")}`})`);
    console.log(`error: ${(failure as Error | undefined)?.message ?? String(details.errorInstance)}`);
    console.log(`shrunk steps (${details.numShrinks} shrinks):\n  ${fc.stringify(details.counterexample)}`);
    console.log(`as the last failing run logged them:\n  ${failedLog.join("\n  ")}`);
    process.exitCode = 1;
    return;
  }
  console.log(`scenarios passed: seed ${args.seed}, ${runs} sequences, ${steps} steps, ${minutes()} min`);
  if (args.organizations === 0) return;
  // Each organization is a few engine operations; a failure is shrunk by fast-check over smaller organizations.
  const adoption = await fc.check(adoptionProperty(enabledDecorations()), { numRuns: args.organizations, seed: args.seed });
  if (adoption.failed) {
    console.log(`\nsoak FAILED: a generated organization the adoption command did not adopt cleanly (${minutes()} min)`);
    console.log(`seed ${adoption.seed}, path ${adoption.counterexamplePath}; organization ${fc.stringify(adoption.counterexample)}`);
    console.log(`error: ${String(adoption.errorInstance)}`);
    process.exitCode = 1;
    return;
  }
  console.log(`soak passed: seed ${args.seed}, ${runs} sequences, ${steps} steps, ${adoption.numRuns} organizations adopted, ${minutes()} min`);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
