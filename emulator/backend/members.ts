/**
 * Organization members: the entity's API shape and the rules of Create/Update/Delete/MoveOrganizationMember(s).
 * Every method checks all its inputs before it changes anything, so a refused request leaves no trace.
 *
 * Choices where the documentation is silent:
 * - PayUin is kept only while permission 7 (pay on behalf) is granted: a new permission set without 7 clears it, and a
 *   PayUin sent while the resulting set lacks 7 is refused (FailedOperation.PayUinIllegal).
 * - IsAllowQuit=Allow is refused whenever the member ends up with a PayUin, whether Allow was sent now or kept.
 * - Created members start with IsAllowQuit Denied; deleting a member that pays for another (not deleted in the same
 *   call) is refused with UnsupportedOperation.DeleteDelegatePayerNotAllow.
 */
import type { z } from "zod";
import { PAY_ON_BEHALF_PERMISSION, PERMISSIONS, POLICY_TYPE_NAMES, type schemas } from "../../provider/api";
import {
  allowQuitIllegal,
  deleteDelegatePayerNotAllow,
  memberNameUsed,
  memberNotExist,
  payUinIllegal,
  type ApiError,
} from "../errors";
import type { Backend } from "./index";
import { type Tag, hasTags } from "./organization";
import { byNumber, containsText } from "./paging";
import type { MemberRecord } from "./state";
import type { Store } from "./store";

type Create = z.output<typeof schemas.CreateOrganizationMemberRequest>;
type Update = z.output<typeof schemas.UpdateOrganizationMemberRequest>;


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

  /** The member, or the error the calling action documents for an unknown one. */
  get(memberUin: number, notFound: (uin: number) => ApiError = memberNotExist): MemberRecord {
    const member = this.find(memberUin);
    if (!member) throw notFound(memberUin);
    return member;
  }

  list(filter: { SearchKey?: string | undefined; NodeId?: number | undefined; NodeName?: string | undefined; Tags?: Tag[] | undefined }): MemberRecord[] {
    const { SearchKey, NodeId, NodeName, Tags } = filter;
    return this.members
      .filter((m) => !SearchKey || containsText(m.Name, SearchKey) || String(m.MemberUin) === SearchKey)
      .filter((m) => NodeId === undefined || m.NodeId === NodeId)
      .filter((m) => NodeName === undefined || this.backend.organization.findNode(m.NodeId)?.Name === NodeName)
      .filter((m) => hasTags(m.Tags, Tags))
      .sort(byNumber((m) => m.MemberUin));
  }

  describe(member: MemberRecord): z.input<typeof schemas.OrgMember> {
    const { identities, organization } = this.backend;
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
      OrgIdentity: identities.authorizations({ MemberUin: member.MemberUin }).map((auth) => ({
        IdentityId: auth.IdentityId,
        IdentityAliasName: identities.find(auth.IdentityId)?.IdentityAliasName ?? "",
      })),
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
    identityIds.forEach((id) => identities.get(id));

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
      CreateTime: now,
      UpdateTime: now,
    });
    this.store.touch();
    if (identityIds.length > 0) identities.authorize([memberUin], identityIds);
    return memberUin;
  }

  update(request: Update): void {
    const member = this.get(request.MemberUin);
    if (request.Name !== undefined) this.assertNameFree(request.Name, member.MemberUin);
    const permissionIds = request.PermissionIds ? normalizePermissions(request.PermissionIds) : member.PermissionIds;
    const keptPayUin = permissionIds.includes(PAY_ON_BEHALF_PERMISSION) ? member.PayUin : null;
    const payUin = request.PayUin === undefined ? keptPayUin : this.resolvePayUin(request.PayUin, permissionIds, member.MemberUin);
    if (payUin === null && permissionIds.includes(PAY_ON_BEHALF_PERMISSION))
      throw payUinIllegal(`is required while permission ${PAY_ON_BEHALF_PERMISSION} (pay on behalf) is granted`);
    const isAllowQuit = request.IsAllowQuit ?? member.IsAllowQuit;
    if (payUin !== null && isAllowQuit === "Allow") throw allowQuitIllegal(member.MemberUin, payUin);

    if (request.Name !== undefined) member.Name = request.Name;
    if (request.Name !== undefined && request.IsModifyNickName === 1) member.NickName = request.Name;
    if (request.Remark !== undefined) member.Remark = request.Remark;
    if (request.PolicyType !== undefined) member.PolicyType = request.PolicyType;
    member.PermissionIds = permissionIds;
    member.PayUin = payUin;
    member.IsAllowQuit = isAllowQuit;
    member.UpdateTime = this.store.now();
    this.store.touch();
  }

  /** Deletes members with their authorizations and policy bindings; all or nothing. */
  delete(memberUins: readonly number[]): void {
    const doomed = new Set(memberUins);
    doomed.forEach((uin) => this.get(uin));
    for (const paid of this.members) {
      if (paid.PayUin !== null && doomed.has(Number(paid.PayUin)) && !doomed.has(paid.MemberUin))
        throw deleteDelegatePayerNotAllow(Number(paid.PayUin), paid.MemberUin);
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
    const members = memberUins.map((uin) => this.get(uin));
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

function normalizePermissions(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}
