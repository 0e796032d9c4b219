/**
 * One generated scenario as a fast-check property: a fresh emulator (default seed) and stack, a first program drawn
 * whole, then up to `steps` steps of the enabled kinds (./commands), and finally destroy, which must leave the
 * organization as it was before the stack (I1), outside edits aside. Every run is independent, so fast-check can
 * shrink a failure by re-running shorter sequences and simpler values, and replay it from its seed and path.
 */
import fc from "fast-check";
import { createEngineStack } from "../harness";
import { applyInitialProgram, type ScenarioModel, type ScenarioReal, type StepKind, stepsArbitrary } from "./commands";
import { checkDestroyed, InvariantViolation } from "./invariants";
import { programArbitrary } from "./model";

export interface ScenarioOptions {
  /** At most this many steps after the first program. */
  steps: number;
  kinds: StepKind[];
  /** Called with each run's step log, whether it passed or failed (the soak prints it). */
  onRun?: (log: string[], error: unknown) => void;
  /** When it answers true, runs are skipped (fc.pre): how the soak bounds its shrinking time. */
  skipRuns?: () => boolean;
}

export function scenarioProperty(options: ScenarioOptions) {
  return fc.asyncProperty(programArbitrary, stepsArbitrary(options.kinds, options.steps), async (initial, steps) => {
    fc.pre(options.skipRuns?.() !== true);
    const engine = await createEngineStack({ program: "declared", resources: [] });
    const real: ScenarioReal = { engine, baseline: engine.emulator.control.snapshot(), expectations: [], log: [] };
    const model: ScenarioModel = { program: {}, kinds: options.kinds, outsideEdits: 0 };
    try {
      await applyInitialProgram(initial, model, real);
      await fc.asyncModelRun(() => ({ model, real }), steps);
      try {
        await engine.destroy();
      } catch (error) {
        throw new InvariantViolation("I1", `destroy failed: ${(error as Error).message.split("\n").slice(0, 3).join(" | ")}`);
      }
      await checkDestroyed(engine, real.baseline);
      options.onRun?.(real.log, undefined);
    } catch (error) {
      options.onRun?.(real.log, error);
      throw error;
    } finally {
      await engine.close();
    }
  });
}
