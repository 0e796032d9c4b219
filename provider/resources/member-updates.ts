/**
 * The writes that change an existing OrganizationMember: which fields UpdateOrganizationMember gets, the permission
 * change that may not repeat, and the move between departments (MoveOrganizationNodeMembers).
 *
 * Only what the program sets, and what differs from state, is ever written. UpdateOrganizationMember takes each field
 * optional, except that PolicyType and PermissionIds go together and a PayUin goes with permission 7; check refuses a
 * program that sets one without the other (payUin without permissionIds holding 7, permission 7 without payUin), so
 * each request is built from the program's values alone, never filled in from state.
 */
import { PAY_ON_BEHALF_PERMISSION, type RequestOf } from "../api";
import { isApiError } from "../client";
import { sharedClient } from "./config";
import type { MemberInputs } from "./organization-member";
import { defined, normalizeIdList, sameValue } from "./properties";
import { readMember } from "./shared-reads";

/** Properties written through UpdateOrganizationMember or MoveOrganizationNodeMembers. */
export const UPDATABLE = ["name", "remark", "policyType", "permissionIds", "isAllowQuit", "payUin", "nodeId"] as const satisfies ReadonlyArray<
  keyof MemberInputs
>;
export type UpdatableProperty = (typeof UPDATABLE)[number];

export interface MemberWrites {
  /** The UpdateOrganizationMember request, when a field it carries changed. */
  readonly update?: RequestOf<"UpdateOrganizationMember">;
  /** The department to move the member to, when nodeId changed. */
  readonly moveTo?: number;
}

/** What to send for the properties in `changed`, from the program's values (`desired`) only. */
export function memberWrites(memberUin: number, changed: ReadonlySet<UpdatableProperty>, desired: MemberInputs): MemberWrites {
  const permissionsChanged = changed.has("policyType") || changed.has("permissionIds");
  const grantsPayOnBehalf = desired.permissionIds?.includes(PAY_ON_BEHALF_PERMISSION) === true;
  const request = defined({
    MemberUin: memberUin,
    Name: changed.has("name") ? desired.name : undefined,
    Remark: changed.has("remark") ? desired.remark : undefined,
    IsAllowQuit: changed.has("isAllowQuit") ? desired.isAllowQuit : undefined,
    // The API wants both together; Financial is the only policy type (check adds it to any permission set).
    PolicyType: permissionsChanged ? (desired.policyType ?? "Financial") : undefined,
    PermissionIds: permissionsChanged ? desired.permissionIds : undefined,
    // And a PayUin whenever pay-on-behalf is granted: the program's, which check requires along with permission 7.
    PayUin: changed.has("payUin") || (permissionsChanged && grantsPayOnBehalf) ? desired.payUin : undefined,
    IsModifyNickName: changed.has("name") && desired.isModifyNickName !== undefined ? (desired.isModifyNickName ? 1 : 0) : undefined,
  }) as RequestOf<"UpdateOrganizationMember">;
  // MemberUin alone changes nothing.
  const update = Object.keys(request).length > 1 ? request : undefined;
  const moveTo = changed.has("nodeId") ? desired.nodeId : undefined;
  return { ...(update === undefined ? {} : { update }), ...(moveTo === undefined ? {} : { moveTo }) };
}

const PERMISSION_CHANGE_PENDING = "FailedOperation.ChangePermissionRecordExist";

/**
 * UpdateOrganizationMember, which may not repeat: a permission change sent again (a retry after a lost answer, an `up`
 * after a failed one) can be refused with ChangePermissionRecordExist. That counts as done only if a read shows every
 * field of the request applied; otherwise the refusal stands, with what to do.
 */
export async function updateMember(update: RequestOf<"UpdateOrganizationMember">): Promise<void> {
  try {
    await sharedClient().call("UpdateOrganizationMember", update);
  } catch (error) {
    if (!isApiError(error, PERMISSION_CHANGE_PENDING)) throw error;
    const member = await readMember(update.MemberUin);
    const applied =
      member !== undefined &&
      (update.Name === undefined || member.Name === update.Name) &&
      (update.Remark === undefined || (member.Remark ?? "") === update.Remark) &&
      (update.IsAllowQuit === undefined || member.IsAllowQuit === update.IsAllowQuit) &&
      (update.PayUin === undefined || member.PayUin === update.PayUin) &&
      (update.PermissionIds === undefined ||
        sameValue((member.OrgPermission ?? []).map((p) => p.Id).sort((a, b) => a - b), normalizeIdList(update.PermissionIds)));
    if (applied) return;
    if (error instanceof Error) {
      error.message +=
        ` (member ${update.MemberUin} has a permission change pending that does not match this one; wait until it is` +
        " confirmed or cancelled in the console, then run up again)";
    }
    throw error;
  }
}

/** Moves the member to another department. */
export async function moveMember(memberUin: number, nodeId: number): Promise<void> {
  await sharedClient().call("MoveOrganizationNodeMembers", { NodeId: nodeId, MemberUin: [memberUin] });
}
