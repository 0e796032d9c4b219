/**
 * The emulator's backend (moto's models.py): one state, five areas that hold its rules, and transactions. A request
 * runs inside `transaction`: if it throws, the state is put back as it was; if it wrote, `commit` (persistence) runs
 * before the answer goes out, and a failed commit is rolled back too.
 */
import { IdentitiesBackend } from "./identities";
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

  constructor(state: State, clock: Clock) {
    this.store = new Store(structuredClone(state), clock);
    this.organization = new OrganizationBackend(this.store);
    this.nodes = new NodesBackend(this.store);
    this.members = new MembersBackend(this.store, this);
    this.identities = new IdentitiesBackend(this.store, this);
    this.policies = new PoliciesBackend(this.store, this);
  }

  /** Runs `work` atomically; `commit` receives the new state when `work` changed it. */
  transaction<T>(work: () => T, commit: (state: State) => void): T {
    const before = structuredClone(this.store.state);
    const revision = this.store.revision;
    try {
      const result = work();
      if (this.store.revision !== revision) commit(this.store.state);
      return result;
    } catch (error) {
      this.store.state = before;
      throw error;
    }
  }

  /** A deep copy of the current state. */
  snapshot(): State {
    return structuredClone(this.store.state);
  }

  /** Replaces the whole state (reset to seed). */
  replace(state: State): void {
    this.store.state = structuredClone(state);
    this.store.touch();
  }
}
