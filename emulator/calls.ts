/** The log of requests that reached action dispatch (authenticated, known action and version), for test assertions. */
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
