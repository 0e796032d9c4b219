/**
 * Identities (preset and custom access roles) and member authorizations: which member may be accessed with which
 * identity. Identities themselves are read-only through this API; they come from the seed.
 */
import type { z } from "zod";
import type { schemas } from "../../provider/api";
import { identityNotExist, memberIdentityAuthUsed, memberIdentityNotExist, organizationMemberNotExist } from "../errors";
import type { Backend } from "./index";
import { byNumber, containsText } from "./paging";
import type { AuthorizationRecord, IdentityRecord } from "./state";
import type { Store } from "./store";
import type { authorizationStatus } from "../../provider/api/fields";

export type AuthorizationStatus = z.infer<typeof authorizationStatus>;

export class IdentitiesBackend {
  constructor(
    private readonly store: Store,
    private readonly backend: Backend,
  ) {}

  find(identityId: number): IdentityRecord | undefined {
    return this.store.state.identities.find((i) => i.IdentityId === identityId);
  }

  get(identityId: number): IdentityRecord {
    const identity = this.find(identityId);
    if (!identity) throw identityNotExist(identityId);
    return identity;
  }

  list(filter: { SearchKey?: string | undefined; IdentityId?: number | undefined; IdentityType?: number | undefined }): IdentityRecord[] {
    const { SearchKey, IdentityId, IdentityType } = filter;
    return this.store.state.identities
      .filter((i) => !SearchKey || containsText(i.IdentityAliasName, SearchKey))
      .filter((i) => IdentityId === undefined || i.IdentityId === IdentityId)
      .filter((i) => IdentityType === undefined || i.IdentityType === IdentityType)
      .sort(byNumber((i) => i.IdentityId));
  }

  describe(identity: IdentityRecord): z.input<typeof schemas.OrgIdentity> {
    return {
      IdentityId: identity.IdentityId,
      IdentityAliasName: identity.IdentityAliasName,
      Description: identity.Description,
      // The SDK's model does not mark these fields as possibly null: a preset policy has no document, a custom one no
      // CAM policy id, and each is answered as the empty value of its type.
      IdentityPolicy: identity.IdentityPolicy.map((p) => ({ ...p, PolicyId: p.PolicyId ?? 0, PolicyDocument: p.PolicyDocument ?? "" })),
      IdentityType: identity.IdentityType,
      UpdateTime: identity.UpdateTime,
    };
  }

  isAuthorized(memberUin: number, identityId: number): boolean {
    return this.findAuthorization(memberUin, identityId) !== undefined;
  }

  authorizations(filter: { MemberUin?: number | undefined; IdentityId?: number | undefined }): AuthorizationRecord[] {
    return this.store.state.authorizations
      .filter((a) => filter.MemberUin === undefined || a.MemberUin === filter.MemberUin)
      .filter((a) => filter.IdentityId === undefined || a.IdentityId === filter.IdentityId)
      .sort(byNumber((a) => a.MemberUin, (a) => a.IdentityId));
  }

  describeAuthorization(auth: AuthorizationRecord): z.input<typeof schemas.OrgMemberAuthIdentity> {
    const identity = this.find(auth.IdentityId);
    return {
      IdentityId: auth.IdentityId,
      IdentityRoleName: identity?.IdentityRoleName ?? "",
      IdentityRoleAliasName: identity?.IdentityAliasName ?? "",
      Description: identity?.Description ?? "",
      CreateTime: auth.CreateTime,
      UpdateTime: auth.UpdateTime,
      IdentityType: identity?.IdentityType ?? null,
      Status: auth.Status,
      MemberUin: auth.MemberUin,
      MemberName: this.backend.members.find(auth.MemberUin)?.Name ?? "",
    };
  }

  /** Authorizes every member for every identity, after checking that all of them exist. */
  authorize(memberUins: readonly number[], identityIds: readonly number[]): void {
    memberUins.forEach((uin) => this.backend.members.get(uin, organizationMemberNotExist));
    identityIds.forEach((id) => this.get(id));
    for (const MemberUin of new Set(memberUins)) for (const IdentityId of new Set(identityIds)) this.grant(MemberUin, IdentityId);
  }

  /**
   * Authorizes one pair whose member and identity the caller has checked. A pair already authorized is left as it is,
   * except that one needing reconfiguration (Status 2) is configured again (inferred: re-granting is how the console
   * repairs such a pair).
   */
  grant(MemberUin: number, IdentityId: number): void {
    const now = this.store.now();
    const existing = this.findAuthorization(MemberUin, IdentityId);
    if (existing) {
      if (existing.Status !== 1) {
        existing.Status = 1;
        existing.UpdateTime = now;
        this.store.touch();
      }
      return;
    }
    this.store.state.authorizations.push({ MemberUin, IdentityId, Status: 1, CreateTime: now, UpdateTime: now });
    this.store.touch();
  }

  /** Withdraws one authorization; refused while a policy bound to the member uses it. */
  revoke(memberUin: number, identityId: number): void {
    this.get(identityId);
    if (!this.isAuthorized(memberUin, identityId)) throw memberIdentityNotExist(memberUin, identityId);
    const policy = this.backend.policies.usingAuthorization(memberUin, identityId);
    if (policy) throw memberIdentityAuthUsed(memberUin, identityId, policy.PolicyId);
    this.store.state.authorizations = this.store.state.authorizations.filter(
      (a) => !(a.MemberUin === memberUin && a.IdentityId === identityId),
    );
    this.store.touch();
  }

  /** Drops every authorization of a member that is leaving the organization. */
  revokeAllOf(memberUin: number): void {
    this.store.state.authorizations = this.store.state.authorizations.filter((a) => a.MemberUin !== memberUin);
    this.store.touch();
  }

  /** Control hook: marks an authorization configured (1) or needing reconfiguration (2). */
  setStatus(memberUin: number, identityId: number, status: AuthorizationStatus): void {
    const auth = this.findAuthorization(memberUin, identityId);
    if (!auth) throw new Error(`MemberUin ${memberUin} is not authorized for IdentityId ${identityId}`);
    auth.Status = status;
    auth.UpdateTime = this.store.now();
    this.store.touch();
  }

  private findAuthorization(memberUin: number, identityId: number): AuthorizationRecord | undefined {
    return this.store.state.authorizations.find((a) => a.MemberUin === memberUin && a.IdentityId === identityId);
  }
}
