/**
 * Identities (preset and custom access roles) and member authorizations: which member may be accessed with which
 * identity. Preset identities (IdentityType 1) come from the seed; custom ones (IdentityType 2) also through
 * Create/Update/DeleteOrganizationIdentity.
 *
 * Choices where the documentation is silent (emulator/README.md):
 * - IdentityAliasName is unique among all identities, preset ones included, compared exactly
 *   (FailedOperation.OrganizationIdentityNameUsed).
 * - A preset policy (PolicyType 2) must name a CAM preset policy by both PolicyId and PolicyName (cam.ts), else
 *   ResourceNotFound.PolicyNotExist; a custom policy's PolicyDocument is kept as given (no action of these lists a code
 *   for a malformed document).
 * - Preset identities cannot be updated or deleted: InvalidParameter (neither action lists a code for it).
 * - An identity authorized for any member cannot be deleted: FailedOperation.OrganizationIdentityInUsed. A member
 *   access policy only uses an identity its members are authorized for, so this covers policies too.
 * - A created identity's role (IdentityRoleName, which DescribeOrganizationMemberAuthIdentities answers) is named
 *   `OrganizationIdentityRole-<IdentityId>`; at most MAX_CUSTOM_IDENTITIES custom identities exist at once
 *   (LimitExceeded.IdentityExceedLimit, whose limit is not published).
 */
import type { z } from "zod";
import type { schemas } from "../../provider/api";
import {
  identityExceedLimit,
  identityInUse,
  identityNameUsed,
  identityNotExist,
  memberIdentityAuthUsed,
  memberIdentityNotExist,
  organizationMemberNotExist,
  presetIdentityReadOnly,
  presetPolicyNotExist,
} from "../errors";
import { isPresetPolicy } from "./cam";
import type { Backend } from "./index";
import { byNumber, containsText } from "./paging";
import type { AuthorizationRecord, IdentityRecord } from "./state";
import type { Store } from "./store";
import type { authorizationStatus } from "../../provider/api/fields";

type Create = z.output<typeof schemas.CreateOrganizationIdentityRequest>;
type Update = z.output<typeof schemas.UpdateOrganizationIdentityRequest>;
type PolicyInput = z.output<typeof schemas.IdentityPolicyInput>;

/** Custom identities an organization may have. */
export const MAX_CUSTOM_IDENTITIES = 100;

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

  create(request: Create): number {
    const taken = this.store.state.identities.find((i) => i.IdentityAliasName === request.IdentityAliasName);
    if (taken) throw identityNameUsed(request.IdentityAliasName, taken.IdentityId);
    const policies = toPolicies(request.IdentityPolicy);
    if (this.store.state.identities.filter((i) => i.IdentityType === 2).length >= MAX_CUSTOM_IDENTITIES)
      throw identityExceedLimit(MAX_CUSTOM_IDENTITIES);
    const now = this.store.now();
    const identityId = ++this.store.state.counters.lastIdentityId;
    this.store.state.identities.push({
      IdentityId: identityId,
      IdentityAliasName: request.IdentityAliasName,
      IdentityRoleName: `OrganizationIdentityRole-${identityId}`,
      Description: request.Description ?? "",
      IdentityType: 2,
      IdentityPolicy: policies,
      CreateTime: now,
      UpdateTime: now,
    });
    this.store.listing.created("identity", identityId);
    this.store.touch();
    return identityId;
  }

  update(request: Update): void {
    const identity = this.customIdentity(request.IdentityId);
    const policies = toPolicies(request.IdentityPolicy);
    identity.Description = request.Description;
    identity.IdentityPolicy = policies;
    identity.UpdateTime = this.store.now();
    this.store.touch();
  }

  delete(identityId: number): void {
    this.customIdentity(identityId);
    const holders = this.authorizations({ IdentityId: identityId }).map((a) => a.MemberUin);
    if (holders.length > 0) throw identityInUse(identityId, holders);
    this.store.state.identities = this.store.state.identities.filter((i) => i.IdentityId !== identityId);
    this.store.touch();
  }

  /** A custom identity, for the actions that change identities: preset ones are read-only. */
  private customIdentity(identityId: number): IdentityRecord {
    const identity = this.get(identityId);
    if (identity.IdentityType !== 2) throw presetIdentityReadOnly(identityId);
    return identity;
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
    this.store.listing.created("authorization", `${MemberUin}:${IdentityId}`);
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

/** The stored form of a request's policies; a preset one must be in the catalog. PolicyType defaults to 2 (preset). */
function toPolicies(inputs: readonly PolicyInput[]): IdentityRecord["IdentityPolicy"] {
  return inputs.map((input, index) => {
    if ((input.PolicyType ?? 2) === 2) {
      // The request schema requires both for a preset policy.
      const policyId = input.PolicyId!;
      const policyName = input.PolicyName!;
      if (!isPresetPolicy(policyId, policyName)) throw presetPolicyNotExist(index, policyId, policyName);
      return { PolicyId: policyId, PolicyName: policyName, PolicyType: 2, PolicyDocument: null };
    }
    return { PolicyId: null, PolicyName: input.PolicyName ?? "", PolicyType: 1, PolicyDocument: input.PolicyDocument! };
  });
}
