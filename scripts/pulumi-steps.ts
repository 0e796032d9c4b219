/**
 * What the Pulumi CLI (v3.259) says it will change or has changed, reduced to which resource, how, and which
 * properties:
 * - `preview --json`: one document `{ steps: [{ op, urn, oldState, newState, diffs, detailedDiff, replaceReasons }],
 *   changeSummary }` (parsePlan);
 * - `up --yes --json`: that document, then one engine event a line; a `resOutputsEvent` for each step performed
 *   (parsePerformed);
 * - `refresh --preview-only --diff`: text. Its `--json` document carries the old state as the new one, so the refreshed
 *   values are only in the text (parseRefreshDiff).
 */

/** What the engine puts where a value is not known until apply (plugin.UnknownStringValue). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Step ops that change nothing. */
const UNCHANGED_OPS = new Set(["same", "read"]);

type Properties = Record<string, unknown>;

interface EngineStep {
  op: string;
  urn: string;
  oldState?: { type?: string; inputs?: Properties };
  newState?: { type?: string; inputs?: Properties };
  diffs?: string[];
  detailedDiff?: Record<string, unknown> | null;
  replaceReasons?: string[];
}

export interface PlannedChange {
  op: string;
  /** The resource's name (the URN's last part). */
  name: string;
  /** Its type token, e.g. pulumi-nodejs:dynamic/tencentcloud-organization:OrganizationMember. */
  type: string;
  /**
   * create: the inputs it sets; update and replace: the inputs that differ; a refresh: the values the organization
   * changed; delete: none. `__provider` is left out.
   */
  properties: string[];
  /** The inputs that force a replacement. */
  replaceReasons: string[];
}

export interface StepReport {
  hasChanges: boolean;
  /** The stack resource's own op (create on a new stack, else same). */
  stackOp?: string;
  /** Every resource that changes, stack and provider resources left out, in the engine's order. */
  changes: PlannedChange[];
  /** How many resources per op, as the engine counts them (the stack resource included). */
  changeSummary: Record<string, number>;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Properties).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

const names = (properties: Properties | undefined) => Object.keys(properties ?? {}).filter((name) => name !== "__provider");

/** The properties whose values differ; a value not known until apply counts as changed, as `--diff` shows it. */
function differing(olds: Properties = {}, news: Properties = {}): string[] {
  return [...new Set([...names(olds), ...names(news)])].filter(
    (name) => canonical(olds[name]) !== canonical(news[name]) || canonical(news[name]).includes(UNKNOWN),
  );
}

/**
 * The engine's own `diffs` and `detailedDiff` are used when present; for dynamic resources they are absent or null at
 * v3.259 (the dynamic provider host returns only changes and replaces), so the old and new inputs are compared.
 */
function changedProperties(step: EngineStep): string[] {
  if (step.op === "create" || step.op === "create-replacement" || step.op === "import") return names(step.newState?.inputs).sort();
  if (step.op === "delete" || step.op === "delete-replaced" || step.op === "discard") return [];
  const found = new Set<string>(step.diffs ?? []);
  for (const key of Object.keys(step.detailedDiff ?? {})) found.add(key.split(/[.[]/)[0]!);
  for (const name of differing(step.oldState?.inputs, step.newState?.inputs)) found.add(name);
  found.delete("__provider");
  return [...found].sort();
}

function typeOf(step: EngineStep): string {
  const qualified = step.newState?.type ?? step.oldState?.type ?? step.urn.split("::")[2] ?? "";
  return qualified.split("$").pop()!;
}

/** The first document of the output: pretty-printed, it ends at the first line that is a lone `}`. */
function planDocument(output: string): { steps?: EngineStep[]; changeSummary?: Record<string, number> } {
  const end = output.search(/^\}$/m);
  return JSON.parse(end < 0 ? output : output.slice(0, end + 1)) as { steps?: EngineStep[]; changeSummary?: Record<string, number> };
}

/** The steps `preview --json` (or the plan `up --json` prints first) proposes. */
export function parsePlan(output: string): StepReport {
  const plan = planDocument(output);
  return report(plan.steps ?? [], plan.changeSummary ?? {});
}

interface OutputsEvent {
  resOutputsEvent?: { metadata: { op: string; urn: string; type?: string; old?: EngineStep["oldState"]; new?: EngineStep["newState"]; detailedDiff?: Record<string, unknown> | null } };
  summaryEvent?: { resourceChanges?: Record<string, number> };
}

/** The steps `up --yes --json` performed, from its event lines. */
export function parsePerformed(output: string): StepReport {
  const steps: EngineStep[] = [];
  let changeSummary: Record<string, number> = {};
  for (const line of output.split("\n")) {
    if (!line.startsWith("{\"sequence\"")) continue;
    const event = JSON.parse(line) as OutputsEvent;
    const meta = event.resOutputsEvent?.metadata;
    if (meta) steps.push({ op: meta.op, urn: meta.urn, oldState: meta.old, newState: meta.new, detailedDiff: meta.detailedDiff ?? null });
    if (event.summaryEvent) changeSummary = event.summaryEvent.resourceChanges ?? {};
  }
  return report(steps, changeSummary);
}

function report(steps: EngineStep[], changeSummary: Record<string, number>): StepReport {
  // A replacement may be reported as one `replace` step or with its create-replacement / delete-replaced halves.
  const replaced = new Set(steps.filter((s) => s.op === "replace").map((s) => s.urn));
  let stackOp: string | undefined;
  const changes: PlannedChange[] = [];
  for (const step of steps) {
    const type = typeOf(step);
    if (type === "pulumi:pulumi:Stack") {
      stackOp = step.op;
      continue;
    }
    if (type.startsWith("pulumi:providers:") || UNCHANGED_OPS.has(step.op)) continue;
    if (replaced.has(step.urn) && step.op !== "replace") continue;
    changes.push({ op: step.op, name: step.urn.split("::").pop()!, type, properties: changedProperties(step), replaceReasons: step.replaceReasons ?? [] });
  }
  return {
    hasChanges: changes.length > 0 || (stackOp !== undefined && !UNCHANGED_OPS.has(stackOp)),
    ...(stackOp !== undefined ? { stackOp } : {}),
    changes,
    changeSummary,
  };
}

/**
 * The resources `refresh --preview-only --diff --color never` would change, and the properties that differ. A
 * resource is a block that starts `<sign> <type>: (<op>)`, e.g. `~ ...:OrganizationNode: (update)`, then its
 * `[urn=...::<name>]`, then one line per property, `~ name : old => new` for those that differ.
 */
export function parseRefreshDiff(text: string): StepReport {
  const changes: PlannedChange[] = [];
  let current: PlannedChange | undefined;
  for (const line of text.split("\n")) {
    const header = /^\s+([-+~]) (\S+): \((\w[\w-]*)\)\s*$/.exec(line);
    if (header) {
      current = { op: header[3]!, name: "", type: header[2]!, properties: [], replaceReasons: [] };
      changes.push(current);
      continue;
    }
    if (/^\s+\S+: \(same\)\s*$/.test(line) || /^Resources:/.test(line)) current = undefined;
    if (!current) continue;
    const urn = /^\s+\[urn=(.*)\]\s*$/.exec(line);
    if (urn) current.name = urn[1]!.split("::").pop()!;
    const property = /^\s+[-+~] ([A-Za-z0-9_$]+)\s*:/.exec(line);
    if (property && !current.properties.includes(property[1]!)) current.properties.push(property[1]!);
  }
  return { hasChanges: changes.length > 0, changes, changeSummary: {} };
}
