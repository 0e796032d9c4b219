/**
 * Holds the state, the clock and a revision counter. Every mutation goes through `touch()`, so the dispatcher knows
 * whether a request wrote (and must be persisted) without each handler saying so.
 */
import { ListingLag } from "./lag";
import type { State } from "./state";
import { type Clock, formatApiTime } from "./time";

export class Store {
  private revisionCount = 0;
  /** Which created objects listings leave out for now (./lag); creates record themselves here. */
  readonly listing: ListingLag;

  constructor(
    public state: State,
    private readonly clock: Clock,
  ) {
    this.listing = new ListingLag(clock);
  }

  /** The current time as the API writes it. */
  now(): string {
    return formatApiTime(this.clock());
  }

  /** The current time in milliseconds since the epoch. */
  nowMs(): number {
    return this.clock();
  }

  get revision(): number {
    return this.revisionCount;
  }

  /** Marks the state as changed. */
  touch(): void {
    this.revisionCount += 1;
  }
}
