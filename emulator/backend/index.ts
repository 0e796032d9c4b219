/**
 * The emulator's backend (moto's models.py): one state, five areas that hold its rules, and transactions. A request
 * runs inside `transaction`: if it throws, the state is put back as it was; if it wrote, `commit` (persistence) runs
 * before the answer goes out, and a failed commit is rolled back too.
 */
import { IdentitiesBackend } from "./identities";
import type { ListingLag } from "./lag";
import { MembersBackend } from "./members";
import { NodesBackend } from "./nodes";
import { OrganizationBackend } from "./organization";
import { PoliciesBackend } from "./policies";
import type { State } from "./state";
import { Store } from "./store";
import type { Clock } from "./time";

export type { State } from "./state";

export class Backend {
  readonly organization: OrganizationBackend;
  readonly nodes: NodesBackend;
  readonly members: MembersBackend;
  readonly identities: IdentitiesBackend;
  readonly policies: PoliciesBackend;
  private readonly store: Store;
  /** A copy of the state as it was at `revision`, for rolling back a transaction that starts there. */
  private rollback: { revision: number; state: State } | undefined;

  constructor(state: State, clock: Clock) {
    this.store = new Store(structuredClone(state), clock);
    this.organization = new OrganizationBackend(this.store);
    this.nodes = new NodesBackend(this.store);
    this.members = new MembersBackend(this.store, this);
    this.identities = new IdentitiesBackend(this.store, this);
    this.policies = new PoliciesBackend(this.store, this);
  }

  /**
   * Runs `work` atomically; `commit` receives the new state when `work` changed it. The copy to roll back to is taken
   * once per revision of the state and kept while nothing writes: reads, most of the traffic, then copy nothing (a copy
   * of a large organization costs more than answering a page of it).
   */
  transaction<T>(work: () => T, commit: (state: State) => void): T {
    const revision = this.store.revision;
    if (this.rollback?.revision !== revision) this.rollback = { revision, state: structuredClone(this.store.state) };
    const before = this.rollback.state;
    try {
      const result = work();
      if (this.store.revision !== revision) commit(this.store.state);
      return result;
    } catch (error) {
      // The copy becomes the live state: it can no longer serve as a copy.
      this.store.state = before;
      this.rollback = undefined;
      throw error;
    }
  }

  /** The listing lag: which created objects Describe and List answers leave out for now. */
  get listing(): ListingLag {
    return this.store.listing;
  }

  /** A deep copy of the current state. */
  snapshot(): State {
    return structuredClone(this.store.state);
  }

  /** Replaces the whole state (reset to seed). */
  replace(state: State): void {
    this.store.state = structuredClone(state);
    this.store.listing.forget();
    this.store.touch();
  }
}
