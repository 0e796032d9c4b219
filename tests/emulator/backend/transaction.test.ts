/** Backend.transaction: a refused or undurable write leaves the state as it was, however reads and writes interleave. */
import { DEFAULT_SEED, SEED_IDS } from "../../../emulator";
import { Backend, type State } from "../../../emulator/backend";
import { stateFromSeed } from "../../../emulator/backend/state";

const NOW = Date.UTC(2025, 0, 1);
const fresh = () => new Backend(stateFromSeed(DEFAULT_SEED, "2025-01-01 08:00:00"), () => NOW);
const names = (backend: Backend) => backend.snapshot().members.map((m) => m.Name);
const rename = (backend: Backend, name: string) => () =>
  backend.members.update({ MemberUin: SEED_IDS.createdUin, Name: name, IsModifyNickName: 0 } as never);
const failingCommit = (_state: State) => {
  throw new Error("disk full");
};

it("rolls back a write whose commit fails, again after reads and after an accepted write", () => {
  const backend = fresh();
  const committed: string[][] = [];
  const commit = (state: State) => void committed.push(state.members.map((m) => m.Name));

  backend.transaction(() => backend.members.list({}), commit);
  expect(() => backend.transaction(rename(backend, "robert"), failingCommit)).toThrow("disk full");
  expect(names(backend)).toEqual(["alice", "bob", "carol"]);
  expect(() => backend.transaction(rename(backend, "bobby"), failingCommit)).toThrow("disk full");
  expect(names(backend)).toEqual(["alice", "bob", "carol"]);

  backend.transaction(rename(backend, "rob"), commit);
  backend.transaction(() => backend.members.list({}), commit);
  expect(() => backend.transaction(rename(backend, "bert"), failingCommit)).toThrow("disk full");
  expect(names(backend)).toEqual(["alice", "rob", "carol"]);
  expect(committed).toEqual([["alice", "rob", "carol"]]);
});

it("puts back what a failing write changed before it threw", () => {
  const backend = fresh();
  backend.transaction(() => backend.members.list({}), () => undefined);
  expect(() =>
    backend.transaction(() => {
      backend.snapshot(); // a read in between changes nothing
      rename(backend, "robert")();
      throw new Error("late failure");
    }, () => undefined),
  ).toThrow("late failure");
  expect(names(backend)).toEqual(["alice", "bob", "carol"]);
  backend.transaction(rename(backend, "robert"), () => undefined);
  expect(names(backend)).toEqual(["alice", "robert", "carol"]);
});

it("rolls back changes made before any touch, twice in a row at the same revision", () => {
  const backend = fresh();
  const untouchedRename = (name: string) => () => {
    backend.members.find(SEED_IDS.createdUin)!.Name = name;
    throw new Error(`refused ${name}`);
  };
  expect(() => backend.transaction(untouchedRename("x"), () => undefined)).toThrow("refused x");
  expect(names(backend)).toEqual(["alice", "bob", "carol"]);
  expect(() => backend.transaction(untouchedRename("y"), () => undefined)).toThrow("refused y");
  expect(names(backend)).toEqual(["alice", "bob", "carol"]);
});
