/**
 * Scripted failures for client tests (undici style: real failures on a real server). A fault applies to the next
 * `count` requests of its action (or of any action) that pass authentication, once `after` matching requests have
 * gone through untouched; the first matching fault in injection order wins and is consumed one request at a time.
 * With `request`, only requests whose body holds those top-level values match (one member's lookup, say).
 *
 * - throttle:       answers RequestLimitExceeded (HTTP 200 envelope), before the action runs.
 * - internal-error: answers InternalError, before the action runs (so nothing was written).
 * - http-502:       answers HTTP 502 with a non-JSON body, as a failing gateway would.
 * - reset:          destroys the socket without answering (the action does not run).
 * - lost-answer:    runs the action (its writes are kept), then destroys the socket: the caller cannot tell whether
 *                   a create happened, the case a client must not answer by creating twice.
 * - latency:        waits `latencyMs`, then handles the request normally.
 */
import { z } from "zod";
import { type ActionName, isActionName } from "../provider/api";

export const FAULT_KINDS = ["throttle", "internal-error", "http-502", "reset", "lost-answer", "latency"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FaultSpecSchema = z
  .strictObject({
    kind: z.enum(FAULT_KINDS),
    action: z
      .string()
      .refine(isActionName, { error: "must be an action of provider/api/actions.ts" })
      .optional(),
    count: z.int().min(1).default(1),
    after: z.int().min(0).default(0),
    latencyMs: z.int().min(0).max(600_000).optional(),
    request: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .refine((spec) => spec.kind !== "latency" || spec.latencyMs !== undefined, {
    error: "latencyMs is required for a latency fault",
    path: ["latencyMs"],
  });

export interface FaultSpec {
  kind: FaultKind;
  /** Default: every action. */
  action?: ActionName;
  /** How many requests the fault applies to; default 1. */
  count?: number;
  /** How many matching requests pass untouched first (to fail, say, the second batch of a write); default 0. */
  after?: number;
  /** For latency faults: the delay in milliseconds. */
  latencyMs?: number;
  /** Only requests whose body has these top-level values, e.g. `{ SearchKey: "100000000013" }`; default: any. */
  request?: Record<string, string | number | boolean>;
}

export interface Fault {
  kind: FaultKind;
  latencyMs: number;
}

interface PendingFault {
  kind: FaultKind;
  action: ActionName | undefined;
  remaining: number;
  /** Matching requests still to let through before the fault applies. */
  skip: number;
  latencyMs: number;
  request: Record<string, string | number | boolean> | undefined;
}

export class FaultPlan {
  private pending: PendingFault[] = [];

  inject(spec: FaultSpec): void {
    const parsed = FaultSpecSchema.safeParse(spec);
    if (!parsed.success) throw new Error(`Invalid fault: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    const { kind, action, count, after, latencyMs, request } = parsed.data;
    this.pending.push({ kind, action: action as ActionName | undefined, remaining: count, skip: after, latencyMs: latencyMs ?? 0, request });
  }

  clear(): void {
    this.pending = [];
  }

  /** Faults not yet used up. */
  pendingCount(): number {
    return this.pending.length;
  }

  /** Consumes one use of the first fault matching the action and the request body (parsed, when it is JSON), if any. */
  take(action: ActionName, body?: unknown): Fault | undefined {
    const holds = (request: PendingFault["request"]) =>
      request === undefined ||
      (body !== null && typeof body === "object" && Object.entries(request).every(([key, value]) => (body as Record<string, unknown>)[key] === value));
    const fault = this.pending.find((f) => (f.action === undefined || f.action === action) && holds(f.request));
    if (!fault) return undefined;
    if (fault.skip > 0) {
      fault.skip -= 1;
      return undefined;
    }
    fault.remaining -= 1;
    if (fault.remaining === 0) this.pending = this.pending.filter((f) => f !== fault);
    return { kind: fault.kind, latencyMs: fault.latencyMs };
  }
}
