/**
 * A bound on the provider process's memory. The dynamic provider host loads the Pulumi runtime (with the TypeScript
 * compiler and npm's arborist) before the first call: ~140 MB RSS of the process is that. What an operation adds is
 * almost all garbage: at 250 members a heap snapshot at 232 MB RSS held 37 MB of live objects. V8 lets the heap grow
 * to several times what is live before it collects the old generation, so at 1,200 resources the process peaked at
 * 478 MB. The provider therefore collects itself once the heap has grown by HEAP_SLACK_BYTES since its last
 * collection (checked every CHECK_MS), which keeps the peak near what the host loads plus the slack. A full collection
 * of a heap of this size takes a few tens of milliseconds, and happens at most once per check.
 *
 * `gc` is reached through V8's --expose-gc flag, set at run time: the host starts node without it, and a provider
 * cannot choose node's flags.
 */
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { recordMemory } from "./call-times";

export const HEAP_SLACK_BYTES = 16 * 1024 * 1024;
export const CHECK_MS = 100;

let timer: NodeJS.Timeout | undefined;

/** The heap used now, in bytes. */
const heapUsed = () => v8.getHeapStatistics().used_heap_size;

/** Starts bounding the heap of this process (once; later calls change nothing). Returns the collect function. */
export function boundHeap(slack = HEAP_SLACK_BYTES, everyMs = CHECK_MS): () => void {
  v8.setFlagsFromString("--expose-gc");
  const collect = vm.runInNewContext("gc") as () => void;
  if (timer !== undefined) return collect;
  let after = heapUsed();
  timer = setInterval(() => {
    recordMemory();
    if (heapUsed() - after <= slack) return;
    collect();
    after = heapUsed();
  }, everyMs);
  // The bound never keeps the process alive.
  timer.unref();
  return collect;
}
