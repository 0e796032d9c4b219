/**
 * Rules that span several fields of one request. The emulator answers them with the API's error codes; the resources'
 * check reports the same rules at preview time, so both come from here.
 */
import type { z } from "zod";
import { MANDATORY_PERMISSIONS, PAY_ON_BEHALF_PERMISSION } from "./constants";

interface MemberPermissionFields {
  PolicyType?: string | undefined;
  PermissionIds?: number[] | undefined;
  PayUin?: string | undefined;
}

/**
 * PolicyType and PermissionIds go together; a permission set always holds 1 and 2; permission 7 (pay on behalf) needs
 * a PayUin, and a PayUin needs permission 7 among the PermissionIds sent with it. Codes follow UpdateOrganizationMember's
 * documented errors.
 */
export function checkMemberPermissions(value: MemberPermissionFields, ctx: z.RefinementCtx): void {
  const hasType = value.PolicyType !== undefined && value.PolicyType !== "";
  const ids = value.PermissionIds ?? [];
  if (hasType !== ids.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: [hasType ? "PermissionIds" : "PolicyType"],
      message: hasType ? "must be set when PolicyType is set" : "must be set when PermissionIds is set",
      params: { apiCode: "FailedOperation.OrganizationPolicyIllegal" },
    });
    return;
  }
  if (ids.length === 0) return;
  const missing = MANDATORY_PERMISSIONS.filter((id) => !ids.includes(id));
  if (missing.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["PermissionIds"],
      message: `must include the mandatory permissions ${MANDATORY_PERMISSIONS.join(" and ")} (missing ${missing.join(", ")})`,
      params: { apiCode: "FailedOperation.OrganizationPermissionIllegal" },
    });
  }
  if (new Set(ids).size !== ids.length) {
    ctx.addIssue({
      code: "custom",
      path: ["PermissionIds"],
      message: "must not repeat a permission",
      params: { apiCode: "InvalidParameterValue" },
    });
  }
  if (!ids.includes(PAY_ON_BEHALF_PERMISSION) && value.PayUin) {
    ctx.addIssue({
      code: "custom",
      path: ["PayUin"],
      message: `needs permission ${PAY_ON_BEHALF_PERMISSION} (pay on behalf) in PermissionIds`,
      params: { apiCode: "FailedOperation.PayUinIllegal" },
    });
  }
  if (ids.includes(PAY_ON_BEHALF_PERMISSION) && !value.PayUin) {
    ctx.addIssue({
      code: "custom",
      path: ["PayUin"],
      message: `is required when permission ${PAY_ON_BEHALF_PERMISSION} (pay on behalf) is granted`,
      params: { apiCode: "FailedOperation.PayUinIllegal" },
    });
  }
}
