/**
 * MemberAuthIdentity through the real engine against the emulator.
 *
 * The full lifecycle of a created resource (create, drift on refresh, update, replace, destroy) runs on the path users
 * take: the project tests/engine/projects/declared, run by the `pulumi` binary and the Node.js language host. The other
 * cases run as inline programs, which are faster.
 */
import { DEFAULT_SEED, SEED_IDS, type Seed, type State } from "../../../../emulator";
import { createEngineStack, type EngineStack, type ResourceSpec } from "../../harness";

export { DEFAULT_SEED, SEED_IDS, type Seed, type State, createEngineStack, type EngineStack, type ResourceSpec };

export const { invitedUin: alice, createdUin: bob, paidUin: carol, adminIdentityId: admin, readonlyIdentityId: readonly, financeIdentityId: finance, customIdentityId: devops } = SEED_IDS;

export const grant = (args: Record<string, unknown>): ResourceSpec[] => [{ kind: "MemberAuthIdentity", name: "access", args }];

export async function pairsOf(engine: EngineStack, memberUin: number): Promise<Array<[number, number]>> {
  const { Items } = await engine.api.call("DescribeOrganizationMemberAuthIdentities", { Offset: 0, Limit: 50, MemberUin: memberUin });
  return Items.map((item) => [memberUin, item.IdentityId] as [number, number]).sort((a, b) => a[1] - b[1]);
}

export const authorizations = (engine: EngineStack) => engine.emulator.control.snapshot().authorizations;
