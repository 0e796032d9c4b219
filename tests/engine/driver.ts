/**
 * Runs engine operations on a stack in a plain Node process, for the engine tests: jest's module sandbox is not
 * a place for Pulumi's closure serialization, so the harness spawns this compiled script instead.
 *
 * Usage:
 *   node dist/tests/engine/driver.js '<json request>'   one operation; the last stdout line is `@@result <json>`.
 *   node dist/tests/engine/driver.js --serve            one JSON request per stdin line, answered in order by a line
 *                                                       `@@result <json>`; exits when stdin closes.
 * A served process runs a stack's operations one after another, as an Automation API program runs several: each
 * operation still runs the CLI, the language runtime and a fresh provider plugin, and only the driver's own start-up
 * (Node, the Automation API, `pulumi version`) is paid once per stack instead of once per operation.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { createInterface } from "node:readline";
import { organizationProgram } from "../../examples/organization/program";
import { engineEnvironment, inlineStack, projectStack } from "../../scripts/engine";
import { declaredProgram } from "./programs/declared";
import { lookupsProgram } from "./programs/lookups";
import { probeProgram } from "./programs/probe";

const programs = { declared: declaredProgram, probe: probeProgram, example: organizationProgram, lookups: lookupsProgram };

export type DriverOperation =
  | "declare"
  | "config"
  | "up"
  | "preview"
  | "previewSteps"
  | "previewThenUp"
  | "refresh"
  | "refreshSteps"
  | "afterUp"
  | "destroy"
  | "cancel"
  | "outputs"
  | "export";

/**
 * Flags of the operation, as the CLI's: `--continue-on-error` (up, destroy), `--clear-pending-creates` (refresh),
 * `--run-program` (refresh, destroy), `--parallel` (up, refresh, destroy).
 */
export interface DriverFlags {
  continueOnError?: boolean;
  clearPendingCreates?: boolean;
  runProgram?: boolean;
  parallel?: number;
}

export interface DriverRequest {
  program: keyof typeof programs;
  /**
   * Run the program's Pulumi project from this directory with the `pulumi` binary and the language host (the CLI path
   * users take), as stack `stackName`, instead of as an inline program.
   */
  projectDir?: string;
  stackName?: string;
  operation: DriverOperation;
  workDir: string;
  stateDir: string;
  homeDir: string;
  env: Record<string, string>;
  /** The `resources` config value: set by "declare", or set before any other operation. */
  resources?: unknown;
  /** For "config": stack config to set, by full key. */
  config?: Record<string, { value: string; secret?: boolean }>;
  flags?: DriverFlags;
}

export type DriverResponse = { ok: true; result: unknown; output: string } | { ok: false; message: string; output: string };

const nonZero = (changes: Record<string, number> | undefined) =>
  Object.fromEntries(Object.entries(changes ?? {}).filter(([, n]) => n > 0));

/**
 * The inputs a step changes, as `pulumi preview --diff` shows them: dynamic providers cannot report changed keys to the
 * engine, so the CLI diffs the step's old and new inputs.
 */
function changedInputs(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  keys.delete("__provider");
  return [...keys].filter((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key])).sort();
}

/** One planned (preview) or performed (up) step as the engine reports it in its events. */
export interface PlannedStep {
  name: string;
  op: string;
  /** Inputs that differ between the step's old and new state, as `pulumi preview --diff` shows them. */
  changedInputs: string[];
  /** Properties that force a replacement. */
  replaces: string[];
}

/** What a refresh changed in one resource's state: gone (deleted outside), or the input and output keys that changed. */
export interface RefreshChange {
  name: string;
  gone: boolean;
  inputs: string[];
  outputs: string[];
}

/** Collects each non-trivial step of a preview or an up, with the inputs it changes and the properties that replace. */
function stepsInto(steps: PlannedStep[]): (event: EngineEvent) => void {
  return (event) => {
    const metadata = event.resourcePreEvent?.metadata;
    if (!metadata || metadata.op === "same" || metadata.type.startsWith("pulumi:")) return;
    steps.push({
      name: metadata.urn.split("::").pop()!,
      op: metadata.op,
      changedInputs: changedInputs(metadata.old?.inputs ?? {}, metadata.new?.inputs ?? {}),
      replaces: [...(metadata.keys ?? [])].sort(),
    });
  };
}

type Stack = Awaited<ReturnType<typeof inlineStack>>;

async function previewSteps(stack: Stack, onOutput: (out: string) => void): Promise<PlannedStep[]> {
  const steps: PlannedStep[] = [];
  await stack.preview({ onOutput, onEvent: stepsInto(steps) });
  return steps;
}

async function refreshChanges(stack: Stack, onOutput: (out: string) => void): Promise<RefreshChange[]> {
  const changes: RefreshChange[] = [];
  await stack.refresh({
    onOutput,
    onEvent: (event) => {
      const metadata = event.resOutputsEvent?.metadata;
      if (!metadata || metadata.type.startsWith("pulumi:")) return;
      const change: RefreshChange = {
        name: metadata.urn.split("::").pop()!,
        gone: metadata.new === undefined,
        inputs: changedInputs(metadata.old?.inputs ?? {}, metadata.new?.inputs ?? {}),
        outputs: changedInputs(metadata.old?.outputs ?? {}, metadata.new?.outputs ?? {}),
      };
      if (change.gone || change.inputs.length > 0 || change.outputs.length > 0) changes.push(change);
    },
  });
  return changes;
}

async function run(request: DriverRequest, onOutput: (out: string) => void): Promise<unknown> {
  const flags = request.flags ?? {};
  const envVars = engineEnvironment({ stateDir: request.stateDir, homeDir: request.homeDir, extra: request.env });
  const stack =
    request.projectDir === undefined
      ? await inlineStack({
          projectName: "engine-test",
          stackName: request.stackName ?? "test",
          program: async () => programs[request.program](),
          workDir: request.workDir,
          envVars,
        })
      : await projectStack({ projectDir: request.projectDir, stackName: request.stackName ?? "test", envVars });
  // Any operation may declare its resources first, in the same process: one engine process less per step.
  if (request.resources !== undefined && request.operation !== "declare")
    await stack.setConfig("resources", { value: JSON.stringify(request.resources) });
  switch (request.operation) {
    case "declare":
      await stack.setConfig("resources", { value: JSON.stringify(request.resources) });
      return null;
    case "config":
      await stack.setAllConfig(request.config ?? {});
      return null;
    case "up":
      return nonZero((await stack.up({ onOutput, continueOnError: flags.continueOnError, parallel: flags.parallel })).summary.resourceChanges);
    case "preview":
      return nonZero((await stack.preview({ onOutput })).changeSummary);
    case "previewSteps":
      return previewSteps(stack, onOutput);
    case "previewThenUp": {
      // A preview, then the up it announces, in one process: I2 of the generated scenarios compares the two.
      const preview = await previewSteps(stack, onOutput);
      const up: PlannedStep[] = [];
      await stack.up({ onOutput, onEvent: stepsInto(up) });
      return { preview, up };
    }
    case "refreshSteps":
      return refreshChanges(stack, onOutput);
    case "afterUp":
      // What "converged" needs after an up, in one process: the next preview, a refresh's changes, the state.
      return { preview: await previewSteps(stack, onOutput), refresh: await refreshChanges(stack, onOutput), deployment: (await stack.exportStack()).deployment };
    case "refresh":
      return nonZero(
        (await stack.refresh({ onOutput, clearPendingCreates: flags.clearPendingCreates, runProgram: flags.runProgram, parallel: flags.parallel })).summary
          .resourceChanges,
      );
    case "destroy":
      return nonZero(
        (await stack.destroy({ onOutput, continueOnError: flags.continueOnError, runProgram: flags.runProgram, parallel: flags.parallel })).summary
          .resourceChanges,
      );
    case "cancel":
      // `pulumi cancel --yes`: removes the lock a killed run left on the file backend.
      await stack.cancel();
      return null;
    case "outputs":
      return Object.fromEntries(Object.entries(await stack.outputs()).map(([key, output]) => [key, output.value]));
    case "export":
      return (await stack.exportStack()).deployment;
  }
}

async function answer(request: DriverRequest): Promise<void> {
  let output = "";
  let response: DriverResponse;
  try {
    const result = await run(request, (out) => (output += out));
    response = { ok: true, result, output };
  } catch (error) {
    response = { ok: false, message: error instanceof Error ? error.message : String(error), output };
  }
  // On a line of its own even when the program's own output did not end one.
  process.stdout.write(`\n@@result ${JSON.stringify(response)}\n`);
}

async function serve(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() !== "") await answer(JSON.parse(line) as DriverRequest);
  }
}

void (process.argv[2] === "--serve" ? serve() : answer(JSON.parse(process.argv[2] ?? "{}") as DriverRequest));
