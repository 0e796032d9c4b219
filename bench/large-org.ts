/**
 * A large organization through the real engine: an emulator seeded with a generated organization (1,000 members, 50
 * departments, 20 identities, 5,000 authorizations) and a stack that adopts every member, declares members x 5 pairs
 * (one MemberAuthIdentity per 10 members, identities 3-7, which the seed leaves free) and members / 10 policies. For
 * `up`, a no-change `preview`, `refresh` (at the engine's default parallelism and at a raised one) and `destroy` it
 * prints wall time, API calls per action, the lower bound on calls, and the ratio to the same number of no-op dynamic
 * resources (same dependency shape) run interleaved on the same engine; then the provider's peak RSS, the emulator's
 * throughput at that size, and the budgets with pass or miss.
 * It runs at each size of BENCH_LARGE_MEMBERS (comma-separated multiples of 50, default 250,1000,4000; everything else
 * follows; 0 skips it), then prints how calls and wall time grow from one size to the next (at most linearly: pass).
 * The budgets of the issue are the 1,000-member organization's; at the other sizes they are printed as well.
 * BENCH_LARGE_OPS picks operations (see OPERATIONS). The engine inherits the environment, so PULUMI_SKIP_CHECKPOINTS=true
 * leaves out its saving of the whole state after every step, which on the file backend is most of a large `up` and
 * `destroy`: the difference between two runs is the engine's checkpoint share (README, "The engine's checkpoints").
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { start } from "../emulator";
import { generatedMemberUin, generateSeed } from "../emulator";
import { MemberAccessPolicy, MemberAuthIdentity, OrganizationMember } from "../provider";
import { OrganizationClient } from "../provider/client";
import { engineEnvironment, ensureEngine, inlineStack, LOCAL_DIR } from "../scripts/engine";

/** The sizes to run, smallest first. */
export const LARGE_SIZES = (process.env.BENCH_LARGE_MEMBERS ?? "250,1000,4000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0)
  .sort((a, b) => a - b);
for (const size of LARGE_SIZES) {
  if (!Number.isInteger(size) || size % 50 !== 0) throw new Error(`BENCH_LARGE_MEMBERS: ${size} is not a multiple of 50`);
}
/** The size whose budgets the issue sets. */
const BUDGET_SIZE = 1000;
/** Peak RSS of the provider process at the budget size. */
const RSS_BUDGET_MB = 200;
/** The identities the stack authorizes, which the seed leaves free (1 and 2 are the preset ones). */
const STACK_IDENTITIES = [3, 4, 5, 6, 7];
const IDENTITIES_PER_MEMBER = STACK_IDENTITIES.length;
/** Members per MemberAuthIdentity and per policy: the documented maximum of one policy, and of one authorization call. */
const GROUP = 10;
const PAGE = 50;
/** The documented rate of the calls that dominate (calls/s). */
const RATE = 20;
/** `--parallel` for the raised refresh: every resource of the stack may be read at once. */
const RAISED_PARALLEL = 2048;

let LARGE_MEMBERS = 0;
const groups = () => Array.from({ length: LARGE_MEMBERS / GROUP }, (_, g) => g);

function largeProgram(): void {
  const members = Array.from({ length: LARGE_MEMBERS }, (_, i) => new OrganizationMember(`m${i}`, { memberUin: generatedMemberUin(i) }));
  for (const g of groups()) {
    const memberUins = members.slice(g * GROUP, g * GROUP + GROUP).map((m) => m.memberUin);
    const auth = new MemberAuthIdentity(`auth${g}`, { memberUins, identityIds: STACK_IDENTITIES });
    new MemberAccessPolicy(`policy${g}`, { memberUins, policyName: `bench-${g}`, identityId: STACK_IDENTITIES[g % 5]!, description: `group ${g}` }, { dependsOn: [auth] });
  }
}

const noopProvider: pulumi.dynamic.ResourceProvider = {
  create: async (inputs) => ({ id: "noop", outs: inputs }),
  read: async (id, props) => ({ id, props }),
  diff: async () => ({ changes: false }),
  delete: async () => undefined,
};
class Noop extends pulumi.dynamic.Resource {
  constructor(name: string, args: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) {
    super(noopProvider, name, args, opts, "bench", "Noop");
  }
}
function noopProgram(): void {
  const members = Array.from({ length: LARGE_MEMBERS }, (_, i) => new Noop(`m${i}`, { memberUin: generatedMemberUin(i) }));
  for (const g of groups()) {
    const dependsOn = members.slice(g * GROUP, g * GROUP + GROUP);
    const auth = new Noop(`auth${g}`, { g }, { dependsOn });
    new Noop(`policy${g}`, { g }, { dependsOn: [auth] });
  }
}

/** Whether `pid` descends from this process (the engine's provider processes do; other users' runs do not). */
function descendsFromUs(pid: number): boolean {
  for (let current = pid, hops = 0; current > 1 && hops < 32; hops++) {
    if (current === process.pid) return true;
    try {
      current = Number(fs.readFileSync(`/proc/${current}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
    } catch {
      return false;
    }
  }
  return false;
}

/** Peak RSS (VmHWM) of this run's dynamic-provider processes, polled every 250 ms (Linux /proc). */
function providerPeakRss(): () => number {
  let peak = 0;
  const poll = () => {
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (!fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("dynamic-provider")) continue;
        if (!descendsFromUs(Number(entry))) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${entry}/status`, "utf8"));
        if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
      } catch {
        // The process ended while being read.
      }
    }
  };
  const timer = os.platform() === "linux" ? setInterval(poll, 250) : undefined;
  return () => {
    if (timer) clearInterval(timer);
    return peak;
  };
}

async function emulatorThroughputAtSize(url: string, credentials: { secretId: string; secretKey: string }): Promise<string> {
  const clients = Array.from({ length: 8 }, () => new OrganizationClient({ ...credentials, endpoint: url, pacing: false, retry: false }));
  let done = 0;
  const started = performance.now();
  const deadline = started + 3000;
  await Promise.all(
    clients.map(async (client, c) => {
      for (let i = c; performance.now() < deadline; i++) {
        await client.call("DescribeOrganizationMembers", { Offset: (i % (LARGE_MEMBERS / PAGE)) * PAGE, Limit: PAGE });
        done++;
      }
    }),
  );
  return `${Math.round(done / ((performance.now() - started) / 1000))} pages of 50 members/s (8 clients, emulator on this thread)`;
}

/**
 * The provider's share of an operation's wall time, from its call times: the time with at least one provider call in
 * flight (the rest is the engine's: planning, sending calls, saving state), how many were in flight on average then,
 * and each method's count and mean duration.
 */
function providerShare(lines: string, seconds: number): string {
  const memory = lines.split("\n").filter((line) => line.startsWith("memory ")).at(-1);
  const mb = (bytes: string | undefined) => (Number(bytes) / 1024 / 1024).toFixed(0);
  const [, rss, heapTotal, heapUsed, external, arrayBuffers] = memory?.split(" ") ?? [];
  const peak = memory ? `; at its highest RSS ${mb(rss)} MB: V8 heap ${mb(heapTotal)} MB (${mb(heapUsed)} used), external ${mb(external)} MB (array buffers ${mb(arrayBuffers)})` : "";
  const calls = lines
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("memory "))
    .map((line) => {
      const [kind, method, start, end] = line.split(" ");
      return { what: `${kind} ${method}`, start: Number(start), end: Number(end) };
    });
  if (calls.length === 0) return "no provider calls timed";
  let busy = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.start - b.start)) {
    if (call.end <= reach) continue;
    busy += call.end - Math.max(call.start, reach);
    reach = call.end;
  }
  const total = calls.reduce((sum, call) => sum + (call.end - call.start), 0);
  const byWhat = new Map<string, number[]>();
  for (const call of calls) byWhat.set(call.what, [...(byWhat.get(call.what) ?? []), call.end - call.start]);
  const methods = [...byWhat].map(([what, ms]) => `${what} ${ms.length} x ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(0)} ms`);
  return (
    `a provider call in flight ${(busy / 1000).toFixed(1)} s of ${seconds.toFixed(1)} s (${((100 * busy) / 1000 / seconds).toFixed(0)}%, ` +
    `${(total / Math.max(1, busy)).toFixed(1)} in flight on average then); none in flight (the engine's share) ${(seconds - busy / 1000).toFixed(1)} s; ` +
    methods.join(", ") +
    peak
  );
}

const ALL_OPERATIONS = ["up", "preview", "refresh", "refresh-raised", "destroy"] as const;
type Operation = (typeof ALL_OPERATIONS)[number];
/** BENCH_LARGE_OPS (comma-separated, in this order; default all) runs some of them, e.g. "up,refresh" without destroy. */
const OPERATIONS: Operation[] = process.env.BENCH_LARGE_OPS
  ? ALL_OPERATIONS.filter((op) => process.env.BENCH_LARGE_OPS!.split(",").includes(op))
  : [...ALL_OPERATIONS];

/** What one operation cost at one size. */
export interface OperationFigures {
  seconds: number;
  calls: number;
  floor: number;
}
export type SizeFigures = Partial<Record<Operation, OperationFigures>>;

/** Runs the large organization at each size, then prints how each operation's calls and wall time grow. */
export async function largeOrgBenches(): Promise<void> {
  const figures: Array<[number, SizeFigures]> = [];
  for (const size of LARGE_SIZES) figures.push([size, await largeOrgBench(size)]);
  printGrowth(figures);
}

/**
 * Growth from one size to the next: calls and wall time may grow at most as the members do (10 % slack for wall time,
 * which a shared machine jitters; calls are exact). The no-op floor's own growth is printed beside the time.
 */
function printGrowth(figures: Array<[number, SizeFigures]>): void {
  const verdict = (ok: boolean) => (ok ? "pass" : "MISS");
  for (let i = 1; i < figures.length; i++) {
    const [small, before] = figures[i - 1]!;
    const [large, after] = figures[i]!;
    const factor = large / small;
    for (const op of ALL_OPERATIONS) {
      const a = before[op];
      const b = after[op];
      if (!a || !b) continue;
      const calls = a.calls === 0 ? (b.calls === 0 ? 1 : Number.POSITIVE_INFINITY) : b.calls / a.calls;
      const time = b.seconds / a.seconds;
      console.log(
        `growth ${small} -> ${large} members (${factor}x): ${op} calls ${a.calls} -> ${b.calls} (${calls.toFixed(2)}x): ${verdict(calls <= factor)}; ` +
          `wall time ${a.seconds.toFixed(1)} -> ${b.seconds.toFixed(1)} s (${time.toFixed(2)}x; no-op ${(b.floor / a.floor).toFixed(2)}x): ` +
          `${verdict(time <= 1.1 * factor)}`,
      );
    }
  }
}

export async function largeOrgBench(size: number): Promise<SizeFigures> {
  LARGE_MEMBERS = size;
  ensureEngine({ quiet: true });
  const seed = generateSeed({
    members: LARGE_MEMBERS,
    departments: 50,
    identities: 20,
    authorizations: LARGE_MEMBERS * 5,
    policies: 0,
    freeIdentities: STACK_IDENTITIES.at(-1)!,
  });
  const emulator = await start({ port: 0, seed, rateLimits: false });
  const workDir = path.join(LOCAL_DIR, `bench-large-${process.pid}`);
  fs.mkdirSync(workDir, { recursive: true });
  // The large stack's provider times its calls into this file (provider/resources/call-times.ts).
  const callTimes = path.join(workDir, "call-times");
  const pairs = LARGE_MEMBERS * IDENTITIES_PER_MEMBER;
  const policies = LARGE_MEMBERS / GROUP;
  const resources = LARGE_MEMBERS + 2 * policies;
  const pagesOf = (items: number) => Math.ceil(items / PAGE);
  console.log(
    `large organization: ${LARGE_MEMBERS} members, 50 departments, 20 identities, ${LARGE_MEMBERS * 5} authorizations; ` +
      `stack of ${resources} resources (${LARGE_MEMBERS} adopted members, ${pairs} pairs in ${policies} MemberAuthIdentity, ` +
      `${policies} policies); engine default --parallel ${4 * os.availableParallelism()} (4 x ${os.availableParallelism()} cores)`,
  );
  console.log(`emulator at ${LARGE_MEMBERS} members: ${await emulatorThroughputAtSize(emulator.url, emulator.credentials)}`);
  // Lower bounds, from the documented limits (50 items a page, 10 members x 5 identities an authorization call, 10
  // members a policy). Reads: one sweep of the members; the declared identities' pairs listed by identity; every
  // binding; one description per policy (their members are disjoint, and a description is only in a member's list).
  // Writes: the authorization batches, one create or delete per policy, one delete per pair (there is no batch delete).
  const policyReads = pagesOf(policies * GROUP) + policies;
  const bound: Record<Operation, number> = {
    up: pagesOf(LARGE_MEMBERS) + IDENTITIES_PER_MEMBER + Math.ceil(pairs / (GROUP * 5)) + policies + policyReads,
    preview: 0,
    refresh: pagesOf(LARGE_MEMBERS) + pagesOf(pairs) + policyReads,
    "refresh-raised": pagesOf(LARGE_MEMBERS) + pagesOf(pairs) + policyReads,
    destroy: pairs + policies,
  };
  try {
    const stackOf = async (name: string, program: () => void, extra: Record<string, string> = {}) => {
      fs.mkdirSync(path.join(workDir, name), { recursive: true });
      return inlineStack({
        projectName: `bench-${name}`,
        stackName: "bench",
        program: async () => program(),
        workDir: path.join(workDir, name),
        envVars: engineEnvironment({
          stateDir: path.join(workDir, name, "state"),
          homeDir: path.join(workDir, "home"),
          extra: {
            TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
            TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
            TENCENTCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
            ...extra,
          },
        }),
      });
    };
    const large = await stackOf("large", largeProgram, { TENCENTCLOUD_ORGANIZATION_CALL_TIMES: callTimes });
    const noop = await stackOf("noop", noopProgram);
    const run = (stack: typeof large, op: Operation): Promise<unknown> => {
      switch (op) {
        case "up":
          return stack.up();
        case "preview":
          return stack.preview();
        case "refresh":
          return stack.refresh();
        case "refresh-raised":
          return stack.refresh({ parallel: RAISED_PARALLEL });
        case "destroy":
          return stack.destroy();
      }
    };
    const results: SizeFigures = {};
    let peakRss = 0;
    let providerBytes: number[] = [];
    for (const op of OPERATIONS) {
      // Interleaved: the no-op stack runs the same operation right before, on the same engine and machine load.
      const t0 = performance.now();
      await run(noop, op);
      const floor = (performance.now() - t0) / 1000;
      emulator.control.resetCalls();
      fs.writeFileSync(callTimes, "");
      const stopRss = providerPeakRss();
      const t1 = performance.now();
      await run(large, op);
      const seconds = (performance.now() - t1) / 1000;
      const opRss = stopRss();
      peakRss = Math.max(peakRss, opRss);
      const calls = emulator.control.calls().map((call) => call.action);
      const byAction = new Map<string, number>();
      for (const action of calls) byAction.set(action, (byAction.get(action) ?? 0) + 1);
      results[op] = { seconds, calls: calls.length, floor };
      const label = op === "refresh-raised" ? `refresh --parallel ${RAISED_PARALLEL}` : op === "refresh" ? "refresh (default --parallel)" : op;
      console.log(
        `large org ${LARGE_MEMBERS} ${label}: ${seconds.toFixed(1)} s (${(seconds / floor).toFixed(2)}x the no-op stack's ${floor.toFixed(1)} s), ` +
          `${calls.length} API calls (lower bound ${bound[op]}): ${[...byAction].map(([a, n]) => `${a} ${n}`).join(", ") || "none"}`,
      );
      console.log(
        `large org ${LARGE_MEMBERS} ${label}: ${providerShare(fs.readFileSync(callTimes, "utf8"), seconds)}; ` +
          `provider peak RSS ${(opRss / 1024 / 1024).toFixed(0)} MB`,
      );
      if (op === "up") {
        const deployment = (await large.exportStack()).deployment as { resources?: Array<{ outputs?: Record<string, unknown> }> };
        providerBytes = (deployment.resources ?? []).map((r) => r.outputs?.__provider).filter((p): p is string => typeof p === "string").map((p) => Buffer.byteLength(p));
      }
    }
    const verdict = (ok: boolean) => (ok ? "pass" : "MISS");
    const rssMb = peakRss / 1024 / 1024;
    console.log(`provider process peak RSS at ${LARGE_MEMBERS} members (${resources} resources): ${rssMb.toFixed(0)} MB`);
    if (LARGE_MEMBERS === BUDGET_SIZE && peakRss > 0) {
      console.log(`budget: provider peak RSS ${rssMb.toFixed(0)} MB <= ${RSS_BUDGET_MB} MB: ${verdict(rssMb <= RSS_BUDGET_MB)}`);
    }
    for (const op of ["refresh", "refresh-raised"] as const) {
      const r = results[op];
      if (!r) continue;
      const label = op === "refresh" ? "refresh (default --parallel)" : `refresh --parallel ${RAISED_PARALLEL}`;
      console.log(`budget (${LARGE_MEMBERS} members): ${label} API calls ${r.calls} <= 1.1 x lower bound ${bound[op]} = ${Math.floor(1.1 * bound[op])}: ${verdict(r.calls <= 1.1 * bound[op])}`);
    }
    for (const op of ["up", "refresh", "refresh-raised", "destroy"] as const) {
      const r = results[op];
      if (!r) continue;
      // Destroy's floor is the rate limit's: one delete per pair, paced at RATE.
      const target = 1.25 * Math.max(op === "destroy" ? 0 : r.floor, r.calls / RATE);
      console.log(
        `budget (${LARGE_MEMBERS} members): ${op} wall time ${r.seconds.toFixed(1)} s <= 1.25 x max(no-op ${r.floor.toFixed(1)} s, ${r.calls} calls / ${RATE}/s) = ` +
          `${target.toFixed(1)} s: ${verdict(r.seconds <= target)}`,
      );
    }
    const largest = Math.max(...providerBytes);
    const mean = providerBytes.reduce((a, b) => a + b, 0) / providerBytes.length;
    if (providerBytes.length > 0) console.log(`budget: __provider ${largest} bytes per resource (largest; mean ${mean.toFixed(0)}) <= 1500: ${verdict(largest <= 1500)}`);
    return results;
  } finally {
    await emulator.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
