/**
 * The default organization the emulator starts with, and loading a replacement seed (an object or a JSON file of the
 * same shape, validated by SeedSchema). Documented in emulator/README.md: keep the two in step.
 */
import { readFileSync } from "node:fs";
import type { Seed } from "./backend/state";

export type { Seed } from "./backend/state";

const SEEDED_AT = "2024-03-01 10:00:00";

/** The default seed's ids, by role, for tests and examples. */
export const SEED_IDS = {
  orgId: 45001,
  hostUin: 100000000001,
  rootNodeId: 100001,
  departmentNodeId: 100002,
  /** Platform, under Engineering; no members. */
  platformNodeId: 100003,
  /** Finance, under the root; no members. */
  financeNodeId: 100004,
  /** alice: MemberType Invite, pays on behalf of carol, authorized for identity 1, bound to policy 101. */
  invitedUin: 100000000011,
  /** bob: MemberType Create, authorized for identities 1 and 2, no policy. */
  createdUin: 100000000012,
  /** carol: paid for by alice (PayUin, permission 7, IsAllowQuit Denied), no authorizations. */
  paidUin: 100000000013,
  adminIdentityId: 1,
  readonlyIdentityId: 2,
  financeIdentityId: 3,
  customIdentityId: 10,
  /** auditor: custom, two preset policies (QcloudAuditFullAccess, QcloudCamReadOnlyAccess), no authorizations. */
  auditorIdentityId: 20,
  /** network-ops: custom, one custom policy (VPC and CLB), no authorizations. */
  networkIdentityId: 21,
  policyId: 101,
} as const;
const ids = SEED_IDS;

export const DEFAULT_SEED: Seed = deepFreeze({
  organization: {
    OrgId: ids.orgId,
    HostUin: ids.hostUin,
    HostName: "org-admin",
    NickName: "Emulated Org",
    RootNodeId: ids.rootNodeId,
    CreateTime: "2024-01-15 09:30:00",
  },
  nodes: [
    { NodeId: ids.rootNodeId, Name: "Root", ParentNodeId: null, Remark: "root department", CreateTime: "2024-01-15 09:30:00" },
    { NodeId: ids.departmentNodeId, Name: "Engineering", ParentNodeId: ids.rootNodeId, Remark: "", CreateTime: "2024-01-20 11:00:00" },
    {
      NodeId: ids.platformNodeId,
      Name: "Platform",
      ParentNodeId: ids.departmentNodeId,
      Remark: "platform team",
      Tags: [{ TagKey: "cost-center", TagValue: "cc-1001" }],
      CreateTime: "2024-01-22 09:00:00",
    },
    { NodeId: ids.financeNodeId, Name: "Finance", ParentNodeId: ids.rootNodeId, Remark: "finance department", CreateTime: "2024-01-22 09:30:00" },
  ],
  members: [
    {
      MemberUin: ids.invitedUin,
      Name: "alice",
      MemberType: "Invite",
      NodeId: ids.rootNodeId,
      PolicyType: "Financial",
      PermissionIds: [1, 2, 8],
      IsAllowQuit: "Allow",
      Remark: "invited account",
      CreateTime: "2024-02-01 08:00:00",
    },
    {
      MemberUin: ids.createdUin,
      Name: "bob",
      MemberType: "Create",
      NodeId: ids.departmentNodeId,
      PolicyType: "Financial",
      PermissionIds: [1, 2],
      IsAllowQuit: "Denied",
      Remark: "created account",
      CreateTime: "2024-02-02 08:00:00",
    },
    {
      MemberUin: ids.paidUin,
      Name: "carol",
      MemberType: "Invite",
      NodeId: ids.departmentNodeId,
      PolicyType: "Financial",
      PermissionIds: [1, 2, 7],
      IsAllowQuit: "Denied",
      PayUin: String(ids.invitedUin),
      Remark: "paid for by alice",
      CreateTime: "2024-02-03 08:00:00",
    },
  ],
  identities: [
    {
      IdentityId: ids.adminIdentityId,
      IdentityAliasName: "admin",
      IdentityRoleName: "OrganizationAccessControlRole",
      Description: "AdministratorAccess",
      IdentityType: 1,
      IdentityPolicy: [{ PolicyId: 1, PolicyName: "AdministratorAccess", PolicyType: 2 }],
      CreateTime: "2024-01-15 09:30:00",
    },
    {
      IdentityId: ids.readonlyIdentityId,
      IdentityAliasName: "readonly",
      IdentityRoleName: "OrganizationReadOnlyAccessRole",
      Description: "ReadOnlyAccess",
      IdentityType: 1,
      IdentityPolicy: [{ PolicyId: 2, PolicyName: "ReadOnlyAccess", PolicyType: 2 }],
      CreateTime: "2024-01-15 09:30:00",
    },
    {
      IdentityId: ids.financeIdentityId,
      IdentityAliasName: "finance",
      IdentityRoleName: "OrganizationFinanceRole",
      Description: "QcloudFinanceFullAccess",
      IdentityType: 1,
      IdentityPolicy: [{ PolicyId: 3, PolicyName: "QcloudFinanceFullAccess", PolicyType: 2 }],
      CreateTime: "2024-01-15 09:30:00",
    },
    {
      IdentityId: ids.customIdentityId,
      IdentityAliasName: "devops",
      IdentityRoleName: "OrganizationDevOpsRole",
      Description: "CVM and CLS operations",
      IdentityType: 2,
      IdentityPolicy: [
        {
          PolicyName: "devops-operations",
          PolicyType: 1,
          PolicyDocument: '{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*","cls:*"],"resource":["*"]}]}',
        },
      ],
      CreateTime: "2024-02-10 14:00:00",
    },
    {
      IdentityId: ids.auditorIdentityId,
      IdentityAliasName: "auditor",
      IdentityRoleName: "OrganizationIdentityRole-20",
      Description: "read-only audit of CloudAudit logs and CAM",
      IdentityType: 2,
      IdentityPolicy: [
        { PolicyId: 107, PolicyName: "QcloudAuditFullAccess", PolicyType: 2 },
        { PolicyId: 106, PolicyName: "QcloudCamReadOnlyAccess", PolicyType: 2 },
      ],
      CreateTime: "2024-02-12 10:00:00",
    },
    {
      IdentityId: ids.networkIdentityId,
      IdentityAliasName: "network-ops",
      IdentityRoleName: "OrganizationIdentityRole-21",
      Description: "VPC and CLB operations",
      IdentityType: 2,
      IdentityPolicy: [
        {
          PolicyName: "network-operations",
          PolicyType: 1,
          PolicyDocument:
            '{"version":"2.0","statement":[{"effect":"allow","action":["vpc:*","clb:*"],"resource":["*"]},{"effect":"deny","action":["vpc:DeleteVpc"],"resource":["*"]}]}',
        },
      ],
      CreateTime: "2024-02-12 10:30:00",
    },
  ],
  authorizations: [
    { MemberUin: ids.invitedUin, IdentityId: ids.adminIdentityId, CreateTime: SEEDED_AT },
    { MemberUin: ids.createdUin, IdentityId: ids.adminIdentityId, CreateTime: SEEDED_AT },
    { MemberUin: ids.createdUin, IdentityId: ids.readonlyIdentityId, CreateTime: SEEDED_AT },
  ],
  policies: [
    {
      PolicyId: ids.policyId,
      PolicyName: "alice-admin",
      IdentityId: ids.adminIdentityId,
      Description: "administrator access for alice",
      Bindings: [{ MemberUin: ids.invitedUin }],
      CreateTime: SEEDED_AT,
    },
  ],
} satisfies Seed);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** A seed given as an object, or a path to a JSON file; the default seed when absent. Validated later, once. */
export function resolveSeed(seed: Seed | string | undefined): { seed: unknown; source: string } {
  if (seed === undefined) return { seed: DEFAULT_SEED, source: "default seed" };
  if (typeof seed !== "string") return { seed, source: "seed" };
  let text: string;
  try {
    text = readFileSync(seed, "utf8");
  } catch (error) {
    throw new Error(`Cannot read seed file ${seed}: ${(error as Error).message}`);
  }
  try {
    return { seed: JSON.parse(text) as unknown, source: `seed file ${seed}` };
  } catch (error) {
    throw new Error(`Seed file ${seed} is not valid JSON: ${(error as Error).message}`);
  }
}
