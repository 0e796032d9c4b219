/**
 * Callbacks run after the emulator answers a request successfully, before the answer leaves: an in-process test uses
 * one to change the organization at an exact point of a run (between two reads of one refresh, say), which no
 * timing-based approach can pin down.
 */
import type { ActionName } from "../provider/api";

export interface AnsweredCall {
  action: ActionName;
  /** The request as validated. */
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

export type AnswerHook = (call: AnsweredCall) => void;

export class AnswerHooks {
  private hooks: AnswerHook[] = [];

  /** Adds a hook; returns the function that removes it. */
  add(hook: AnswerHook): () => void {
    this.hooks.push(hook);
    return () => {
      this.hooks = this.hooks.filter((h) => h !== hook);
    };
  }

  clear(): void {
    this.hooks = [];
  }

  run(call: AnsweredCall): void {
    for (const hook of [...this.hooks]) hook(call);
  }
}
