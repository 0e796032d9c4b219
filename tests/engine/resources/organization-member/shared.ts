/**
 * OrganizationMember through the real engine against the emulator, step by step.
 *
 * The full lifecycle of a created resource (create, drift on refresh, update, replace, destroy) runs on the path users
 * take: the project tests/engine/projects/declared, run by the `pulumi` binary and the Node.js language host. The other
 * cases run as inline programs, which are faster.
 */
import { SEED_IDS } from "../../../../emulator";
import { createEngineStack, type EngineStack, type ResourceSpec } from "../../harness";

export { SEED_IDS, createEngineStack, type EngineStack, type ResourceSpec };

export const created = (args: Record<string, unknown> = {}): ResourceSpec[] => [
  {
    kind: "OrganizationMember",
    name: "platform",
    args: {
      name: "platform-ops",
      accountName: "platform-ops",
      nodeId: SEED_IDS.departmentNodeId,
      permissionIds: [2, 1, 8],
      remark: "platform team",
      ...args,
    },
  },
];

export async function memberNamed(engine: EngineStack, name: string) {
  const { Items } = await engine.api.call("DescribeOrganizationMembers", { Offset: 0, Limit: 50, SearchKey: name });
  return Items.find((member) => member.Name === name);
}

export const memberUins = (engine: EngineStack) =>
  engine.emulator.control.snapshot().members.map((member: { MemberUin: number }) => member.MemberUin).sort();
