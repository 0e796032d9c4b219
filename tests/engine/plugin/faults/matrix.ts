/**
 * The fault matrix's subset that the native plugin runs (tests/engine/faults/matrix.ts is the whole, against the dynamic
 * provider): the same five-resource stack, the same faults on the same actions, for create, update and destroy, and
 * the same promise after each: the operation succeeds through retries or fails naming the action and the API's
 * answer; then refresh and up repair it, the next preview is empty and the organization holds exactly what state
 * says; destroy leaves the organization as seeded. The kinds are the two where the adapters could differ most: an
 * InternalError (retried, or a partial failure the plugin reports with the object's id) and a lost answer (the action
 * ran: recovery must find what it made, and claim nothing it did not).
 */
import type { State } from "../../../../emulator";
import type { ActionName } from "../../../../provider/api";
import { CONVERGED, convergence } from "../../convergence";
import { ACTIONS, CLEAR_FAILURE, FAULTS, faultStack } from "../../faults/matrix";
import { type Declared, pluginStack, type PluginStack, type Run, type StateResource } from "../cli";

export type PluginFaultKind = "internal-error" | "lost-answer";

const declared = (kind: string, updated: boolean): Declared[] =>
  faultStack(`p-${kind}`, updated).map(({ kind: type, name, args }) => ({ type, name, args }) as Declared);

function expectSuccessOrClearFailure(run: Run): void {
  if (run.code === 0) return;
  expect(run.stdout + run.stderr).toMatch(CLEAR_FAILURE);
}

export function pluginFaultMatrix(kindName: PluginFaultKind): void {
  const faultCase = FAULTS.find((candidate) => candidate.kind === kindName)!;
  jest.setTimeout(600_000);

  describe(`native plugin, fault: ${faultCase.label}`, () => {
    let stack: PluginStack;
    let seed: State;
    const target = () => ({
      emulator: stack.emulator,
      resources: async (): Promise<Record<string, StateResource>> => Object.fromEntries((await stack.resources()).map((r) => [r.urn, r])),
    });
    const inject = (op: keyof typeof ACTIONS) => {
      stack.emulator.control.resetCalls();
      ACTIONS[op].forEach((action: ActionName) => stack.emulator.control.injectFault(faultCase.fault(action)));
    };
    /** The operation met the faults: every action that one was injected on and that the operation sent. */
    const faultedActions = () => [...new Set(stack.emulator.control.calls().filter((call) => call.fault !== undefined).map((call) => call.action))].sort();
    const up = (allowFailure = false) => stack.pulumi(["up", "--yes", "--skip-preview", "--continue-on-error"], { allowFailure });

    async function expectRepairedByNextUp(op: keyof typeof ACTIONS): Promise<void> {
      expect(faultedActions()).toEqual([...ACTIONS[op]].sort());
      stack.emulator.control.clearFaults();
      await stack.pulumi(["refresh", "--yes", "--skip-preview"]);
      await up();
      await stack.pulumi(["preview", "--expect-no-changes"]);
      expect(await convergence(target(), seed)).toEqual(CONVERGED);
    }

    beforeAll(async () => {
      stack = await pluginStack(`faults-${kindName}`);
      seed = stack.emulator.control.snapshot();
      stack.declare(declared(kindName, false));
    });
    afterAll(() => stack?.close());

    it("create: department, identity, member, authorizations and policy", async () => {
      inject("create");
      expectSuccessOrClearFailure(await up(true));
      await expectRepairedByNextUp("create");
    });

    it("update: every resource changed in place or moved", async () => {
      stack.declare(declared(kindName, true));
      inject("update");
      expectSuccessOrClearFailure(await up(true));
      await expectRepairedByNextUp("update");
    });

    it("destroy: every delete; then a real destroy leaves the organization as seeded", async () => {
      inject("destroy");
      expectSuccessOrClearFailure(await stack.pulumi(["destroy", "--yes", "--skip-preview", "--continue-on-error"], { allowFailure: true }));
      await expectRepairedByNextUp("destroy");
      await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
      const { members, policies, authorizations, nodes, identities } = stack.emulator.control.snapshot();
      const pairs = (state: Pick<State, "authorizations">) => state.authorizations.map((a) => `${a.MemberUin}:${a.IdentityId}`).sort();
      expect({
        members: members.map((m) => m.MemberUin),
        policies: policies.map((p) => p.PolicyId),
        pairs: pairs({ authorizations }),
        nodes: nodes.map((n) => n.NodeId),
        identities: identities.map((i) => i.IdentityId),
      }).toEqual({
        members: seed.members.map((m) => m.MemberUin),
        policies: seed.policies.map((p) => p.PolicyId),
        pairs: pairs(seed),
        nodes: seed.nodes.map((n) => n.NodeId),
        identities: seed.identities.map((i) => i.IdentityId),
      });
    });
  });
}
