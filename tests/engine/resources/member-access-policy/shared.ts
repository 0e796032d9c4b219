/**
 * MemberAccessPolicy through the real engine, with the MemberAuthIdentity it depends on.
 *
 * The full lifecycle of a created resource (create, drift on refresh, update, replace, destroy) runs on the path users
 * take: the project tests/engine/projects/declared, run by the `pulumi` binary and the Node.js language host. The other
 * cases run as inline programs, which are faster.
 */
import { SEED_IDS } from "../../../../emulator";
import { createEngineStack, type EngineStack, type ResourceSpec } from "../../harness";

export { SEED_IDS, createEngineStack, type EngineStack, type ResourceSpec };

export const { invitedUin: alice, createdUin: bob, customIdentityId: devops } = SEED_IDS;

export const stackWith = (policy: Record<string, unknown>): ResourceSpec[] => [
  { kind: "MemberAuthIdentity", name: "devops-access", args: { memberUins: [bob, alice], identityIds: [devops] } },
  {
    kind: "MemberAccessPolicy",
    name: "devops-policy",
    args: { memberUins: [bob], policyName: "devops-policy", identityId: devops, description: "devops for bob", ...policy },
    dependsOn: ["devops-access"],
  },
];

export async function policyRows(engine: EngineStack, policyId: number) {
  const { Items } = await engine.api.call("DescribeOrganizationMembersAuthPolicy", { Offset: 0, Limit: 50, PolicyId: policyId });
  return Items;
}

export const snapshotOf = (engine: EngineStack) => {
  const { policies, authorizations } = engine.emulator.control.snapshot();
  return { policies, authorizations };
};
