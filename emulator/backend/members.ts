/**
 * Organization members: the entity's API shape and the rules of Create/Update/Delete/MoveOrganizationMember(s).
 * Every method checks all its inputs before it changes anything, so a refused request leaves no trace.
 *
 * Choices where the documentation is silent:
 * - PayUin is kept only while permission 7 (pay on behalf) is granted: a new permission set without 7 clears it, and a
 *   PayUin sent while the resulting set lacks 7 is refused (FailedOperation.PayUinIllegal).
 * - IsAllowQuit=Allow is refused whenever the member ends up with a PayUin, whether Allow was sent now or kept.
 * - Created members start with IsAllowQuit Denied.
 * - DeleteOrganizationMembers refuses, for the first offending UIN in request order: a UIN that is not a member
 *   (InvalidParameter: the action documents no not-found code), the management account
 *   (FailedOperation.DisableQuitSelfCreatedOrganization), a member paid for by a payer
 *   (FailedOperation.MemberExistDelegatePayerNotAllowDelete), a member that pays for another member
 *   (FailedOperation.MemberIsDelegatePayerNotAllowDelete). A pay-on-behalf pair must be undone before either is deleted.
 * - UpdateOrganizationMember records each change of PermissionIds or PayUin; the same change (same permission set and
 *   payer) sent again within PERMISSION_CHANGE_WINDOW_MS of it answers FailedOperation.ChangePermissionRecordExist.
 * - MoveOrganizationNodeMembers: unknown node → ResourceNotFound.OrganizationNodeNotExist; UINs that are not members →
 *   FailedOperation.SomeUinsNotInOrganization (naming all of them).
 */
import type { z } from "zod";
import { PAY_ON_BEHALF_PERMISSION, PERMISSIONS, POLICY_TYPE_NAMES, type schemas } from "../../provider/api";
import {
  allowQuitIllegal,
  changePermissionRecordExist,
  disableQuitSelfCreatedOrganization,
  identityRoleIdNotExist,
  memberExistDelegatePayerNotAllowDelete,
  memberIsDelegatePayerNotAllowDelete,
  memberNameUsed,
  memberNotExist,
  memberUinNotInOrganization,
  payUinIllegal,
  someUinsNotInOrganization,
  type ApiError,
} from "../errors";
import type { Backend } from "./index";
import { type Tag, hasTags } from "./organization";
import { byNumber, containsText } from "./paging";
import type { MemberRecord } from "./state";
import type { Store } from "./store";

type Create = z.output<typeof schemas.CreateOrganizationMemberRequest>;
type Update = z.output<typeof schemas.UpdateOrganizationMemberRequest>;

/**
 * How long a permission change blocks the same change from being sent again (ChangePermissionRecordExist). The docs
 * name the code ("成员权限变更记录存在", a permission change record exists) but not when it is answered; this window is
 * the emulator's choice (emulator/README.md).
 */
export const PERMISSION_CHANGE_WINDOW_MS = 60_000;

export class MembersBackend {
  constructor(
    private readonly store: Store,
    private readonly backend: Backend,
  ) {}

  private get members(): MemberRecord[] {
    return this.store.state.members;
  }

  find(memberUin: number): MemberRecord | undefined {
    return this.members.find((m) => m.MemberUin === memberUin);
  }

  /** The member, or the error the calling action documents for an unknown one (each action names its own). */
  get(memberUin: number, notFound: (uin: number) => ApiError): MemberRecord {
    const member = this.find(memberUin);
    if (!member) throw notFound(memberUin);
    return member;
  }

  list(filter: { SearchKey?: string | undefined; NodeId?: number | undefined; NodeName?: string | undefined; Tags?: Tag[] | undefined }): MemberRecord[] {
    const { SearchKey, NodeId, NodeName, Tags } = filter;
    // DescribeOrganizationMembers documents ResourceNotFound.OrganizationNodeNotExist: a NodeId filter must name a node.
    if (NodeId !== undefined) this.backend.organization.getNode(NodeId);
    return this.members
      .filter((m) => !SearchKey || containsText(m.Name, SearchKey) || String(m.MemberUin) === SearchKey)
      .filter((m) => NodeId === undefined || m.NodeId === NodeId)
      .filter((m) => NodeName === undefined || this.backend.organization.findNode(m.NodeId)?.Name === NodeName)
      .filter((m) => hasTags(m.Tags, Tags))
      .sort(byNumber((m) => m.MemberUin));
  }

  /**
   * A function that describes members, with each member's identities (OrgIdentity) looked up in one pass over the
   * authorizations: a page of members then costs one pass, not one per member.
   */
  describer(): (member: MemberRecord) => z.input<typeof schemas.OrgMember> {
    const { identities } = this.backend;
    const held = new Map<number, Array<{ IdentityId: number; IdentityAliasName: string }>>();
    for (const auth of identities.authorizations({})) {
      const list = held.get(auth.MemberUin) ?? [];
      list.push({ IdentityId: auth.IdentityId, IdentityAliasName: identities.find(auth.IdentityId)?.IdentityAliasName ?? "" });
      held.set(auth.MemberUin, list);
    }
    return (member) => this.describe(member, held.get(member.MemberUin) ?? []);
  }

  private describe(
    member: MemberRecord,
    orgIdentity: Array<{ IdentityId: number; IdentityAliasName: string }>,
  ): z.input<typeof schemas.OrgMember> {
    const { organization } = this.backend;
    return {
      MemberUin: member.MemberUin,
      Name: member.Name,
      MemberType: member.MemberType,
      OrgPolicyType: member.PolicyType,
      OrgPolicyName: POLICY_TYPE_NAMES[member.PolicyType] ?? member.PolicyType,
      OrgPermission: member.PermissionIds.map((id) => ({ Id: id, Name: PERMISSIONS[id] ?? String(id) })),
      NodeId: member.NodeId,
      NodeName: organization.findNode(member.NodeId)?.Name ?? "",
      Remark: member.Remark,
      CreateTime: member.CreateTime,
      UpdateTime: member.UpdateTime,
      IsAllowQuit: member.IsAllowQuit,
      PayUin: member.PayUin ?? "",
      PayName: member.PayUin === null ? "" : this.accountName(Number(member.PayUin)),
      OrgIdentity: orgIdentity,
      BindStatus: "Unbound",
      PermissionStatus: "Confirmed",
      Tags: member.Tags,
      NickName: member.NickName ?? "",
    };
  }

  create(request: Create): number {
    const { organization, identities } = this.backend;
    organization.getNode(request.NodeId);
    this.assertNameFree(request.Name);
    const permissionIds = normalizePermissions(request.PermissionIds);
    const payUin = this.resolvePayUin(request.PayUin, permissionIds, undefined);
    const identityIds = [...new Set(request.IdentityRoleID ?? [])];
    for (const id of identityIds) if (!identities.find(id)) throw identityRoleIdNotExist(id);

    const state = this.store.state;
    const memberUin = ++state.counters.lastMemberUin;
    const now = this.store.now();
    this.members.push({
      MemberUin: memberUin,
      Name: request.Name,
      MemberType: "Create",
      NodeId: request.NodeId,
      PolicyType: request.PolicyType,
      PermissionIds: permissionIds,
      IsAllowQuit: "Denied",
      PayUin: payUin,
      Remark: request.Remark ?? "",
      NickName: request.AccountName,
      Tags: request.Tags ?? [],
      PermissionChange: null,
      CreateTime: now,
      UpdateTime: now,
    });
    this.store.listing.created("member", memberUin);
    this.store.touch();
    for (const identityId of identityIds) identities.grant(memberUin, identityId);
    return memberUin;
  }

  update(request: Update): void {
    const member = this.get(request.MemberUin, memberNotExist);
    if (request.Name !== undefined) this.assertNameFree(request.Name, member.MemberUin);
    const permissionIds = request.PermissionIds ? normalizePermissions(request.PermissionIds) : member.PermissionIds;
    const keptPayUin = permissionIds.includes(PAY_ON_BEHALF_PERMISSION) ? member.PayUin : null;
    const payUin = request.PayUin === undefined ? keptPayUin : this.resolvePayUin(request.PayUin, permissionIds, member.MemberUin);
    if (payUin === null && permissionIds.includes(PAY_ON_BEHALF_PERMISSION))
      throw payUinIllegal(`is required while permission ${PAY_ON_BEHALF_PERMISSION} (pay on behalf) is granted`);
    const isAllowQuit = request.IsAllowQuit ?? member.IsAllowQuit;
    if (payUin !== null && isAllowQuit === "Allow") throw allowQuitIllegal(member.MemberUin, payUin);
    const permissionsChange = !sameIds(permissionIds, member.PermissionIds) || payUin !== member.PayUin;
    if (request.PermissionIds !== undefined || request.PayUin !== undefined) this.assertNotRepeated(member, permissionIds, payUin);

    if (request.Name !== undefined) member.Name = request.Name;
    if (request.Name !== undefined && request.IsModifyNickName === 1) member.NickName = request.Name;
    if (request.Remark !== undefined) member.Remark = request.Remark;
    if (request.PolicyType !== undefined) member.PolicyType = request.PolicyType;
    if (permissionsChange) member.PermissionChange = { PermissionIds: permissionIds, PayUin: payUin, At: this.store.nowMs() };
    member.PermissionIds = permissionIds;
    member.PayUin = payUin;
    member.IsAllowQuit = isAllowQuit;
    member.UpdateTime = this.store.now();
    this.store.touch();
  }

  /** The same permission change (set and payer) as the member's last one, within the window, is refused. */
  private assertNotRepeated(member: MemberRecord, permissionIds: readonly number[], payUin: string | null): void {
    const last = member.PermissionChange;
    if (!last || !sameIds(last.PermissionIds, permissionIds) || last.PayUin !== payUin) return;
    const elapsed = this.store.nowMs() - last.At;
    if (elapsed >= 0 && elapsed < PERMISSION_CHANGE_WINDOW_MS) throw changePermissionRecordExist(member.MemberUin, Math.floor(elapsed / 1000));
  }

  /** Deletes members with their authorizations and policy bindings; all or nothing. */
  delete(memberUins: readonly number[]): void {
    const doomed = new Set(memberUins);
    for (const uin of doomed) {
      if (uin === this.backend.organization.hostUin) throw disableQuitSelfCreatedOrganization(uin);
      const member = this.get(uin, memberUinNotInOrganization);
      if (member.PayUin !== null) throw memberExistDelegatePayerNotAllowDelete(uin, member.PayUin);
      const paid = this.members.find((m) => m.PayUin !== null && Number(m.PayUin) === uin);
      if (paid) throw memberIsDelegatePayerNotAllowDelete(uin, paid.MemberUin);
    }
    for (const uin of doomed) {
      this.backend.policies.unbindMember(uin);
      this.backend.identities.revokeAllOf(uin);
    }
    this.store.state.members = this.members.filter((m) => !doomed.has(m.MemberUin));
    this.store.touch();
  }

  move(nodeId: number, memberUins: readonly number[]): void {
    this.backend.organization.getNode(nodeId);
    const outside = [...new Set(memberUins)].filter((uin) => !this.find(uin));
    if (outside.length > 0) throw someUinsNotInOrganization(outside);
    const members = memberUins.map((uin) => this.find(uin)!);
    const now = this.store.now();
    for (const member of members) {
      member.NodeId = nodeId;
      member.UpdateTime = now;
    }
    this.store.touch();
  }

  private assertNameFree(name: string, exceptUin?: number): void {
    const holder = this.members.find((m) => m.Name === name && m.MemberUin !== exceptUin);
    if (holder) throw memberNameUsed(name, holder.MemberUin);
  }

  /** A PayUin must come with permission 7 and name the host or another member. */
  private resolvePayUin(payUin: string | undefined, permissionIds: readonly number[], memberUin: number | undefined): string | null {
    if (payUin === undefined) return null;
    if (!permissionIds.includes(PAY_ON_BEHALF_PERMISSION))
      throw payUinIllegal(`${payUin} is only accepted while permission ${PAY_ON_BEHALF_PERMISSION} (pay on behalf) is granted`);
    const payer = Number(payUin);
    if (payer === memberUin) throw payUinIllegal(`${payUin} is the member itself`);
    if (payer !== this.backend.organization.hostUin && !this.find(payer))
      throw payUinIllegal(`${payUin} is neither a member of the organization nor its management account`);
    return String(payer);
  }

  private accountName(uin: number): string {
    return uin === this.backend.organization.hostUin ? this.backend.organization.hostName : (this.find(uin)?.Name ?? "");
  }
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  const [x, y] = [normalizePermissions(a), normalizePermissions(b)];
  return x.length === y.length && x.every((id, i) => id === y[i]);
}

function normalizePermissions(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}
