/**
 * The log of requests that reached action dispatch (authenticated, known action and version), and the ones still being
 * handled (a latency fault holds them), for test assertions: a test that kills a client mid-call waits for its request
 * to be in flight.
 */
import type { FaultKind } from "./faults";

export interface CallRecord {
  action: string;
  /** The error code answered, when the call failed. */
  code?: string;
  requestId: string;
  /** The injected fault that shaped the answer, if any (reset and http-502 have no code). */
  fault?: FaultKind;
}

export class CallLog {
  private records: CallRecord[] = [];
  private readonly pending = new Map<number, string>();
  private nextTicket = 0;

  /** Marks a request of `action` as being handled; returns the ticket `done` takes. */
  begin(action: string): number {
    const ticket = ++this.nextTicket;
    this.pending.set(ticket, action);
    return ticket;
  }

  done(ticket: number): void {
    this.pending.delete(ticket);
  }

  /** The actions of the requests being handled now, oldest first. */
  inFlight(): string[] {
    return [...this.pending.values()];
  }

  record(record: CallRecord): void {
    this.records.push(record);
  }

  list(): CallRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  clear(): void {
    this.records = [];
  }
}
