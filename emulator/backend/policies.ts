/**
 * Member access policies: a named grant of one identity to a set of members (one binding per member).
 *
 * Choices where the documentation is silent:
 * - A policy name is unique per member: creating a policy for a member that already holds another policy of that name
 *   answers FailedOperation.MemberPolicyNameExist; updating a policy to reach such a member answers
 *   FailedOperation.OperatePolicy (UpdateOrganizationMembersPolicy documents no name code; it cannot rename either).
 * - Update replaces the member set and the identity; an omitted Description is left unchanged. Members that stay bound
 *   keep their binding time.
 * - A policy whose last member leaves the organization is deleted with it.
 */
import type { z } from "zod";
import type { schemas } from "../../provider/api";
import {
  type ApiError,
  memberIdentityNotExist,
  memberPolicyNameExist,
  memberPolicyNotExist,
  operatePolicyNameClash,
  organizationMemberNotExist,
} from "../errors";
import type { Backend } from "./index";
import { byNumber, containsText } from "./paging";
import type { BindingRecord, PolicyRecord } from "./state";
import type { Store } from "./store";

type Create = z.output<typeof schemas.CreateOrganizationMembersPolicyRequest>;
type Update = z.output<typeof schemas.UpdateOrganizationMembersPolicyRequest>;

export class PoliciesBackend {
  constructor(
    private readonly store: Store,
    private readonly backend: Backend,
  ) {}

  private get policies(): PolicyRecord[] {
    return this.store.state.policies;
  }

  get(policyId: number): PolicyRecord {
    const policy = this.policies.find((p) => p.PolicyId === policyId);
    if (!policy) throw memberPolicyNotExist(policyId);
    return policy;
  }

  create(request: Create): number {
    const memberUins = [...new Set(request.MemberUins)];
    this.checkGrant(memberUins, request.IdentityId);
    this.assertNameFree(request.PolicyName, memberUins, undefined, memberPolicyNameExist);
    const now = this.store.now();
    const policyId = ++this.store.state.counters.lastPolicyId;
    this.policies.push({
      PolicyId: policyId,
      PolicyName: request.PolicyName,
      IdentityId: request.IdentityId,
      Description: request.Description ?? "",
      Bindings: memberUins.map((MemberUin) => ({ MemberUin, CreateTime: now })),
      CreateTime: now,
      UpdateTime: now,
    });
    this.store.listing.created("policy", policyId);
    this.store.touch();
    return policyId;
  }

  update(request: Update): void {
    const policy = this.get(request.PolicyId);
    const memberUins = [...new Set(request.MemberUins)];
    this.checkGrant(memberUins, request.IdentityId);
    this.assertNameFree(policy.PolicyName, memberUins, policy.PolicyId, operatePolicyNameClash);
    const now = this.store.now();
    const previous = new Map(policy.Bindings.map((b) => [b.MemberUin, b.CreateTime]));
    policy.Bindings = memberUins.map((MemberUin) => ({ MemberUin, CreateTime: previous.get(MemberUin) ?? now }));
    policy.IdentityId = request.IdentityId;
    if (request.Description !== undefined) policy.Description = request.Description;
    policy.UpdateTime = now;
    this.store.touch();
  }

  delete(policyId: number): void {
    this.get(policyId);
    this.store.state.policies = this.policies.filter((p) => p.PolicyId !== policyId);
    this.store.touch();
  }

  /** Policies bound to a member (which must exist), optionally matching SearchKey in name or description. */
  ofMember(memberUin: number, searchKey: string | undefined): PolicyRecord[] {
    this.backend.members.get(memberUin, organizationMemberNotExist);
    return this.policies
      .filter((p) => p.Bindings.some((b) => b.MemberUin === memberUin))
      .filter((p) => !searchKey || containsText(p.PolicyName, searchKey) || containsText(p.Description, searchKey))
      .sort(byNumber((p) => p.PolicyId));
  }

  /** One row per (policy, member) binding. Sub-account bindings are not modelled, so filtering on one finds nothing. */
  bindings(filter: { PolicyId?: number | undefined; MemberUin?: number | undefined; OrgSubAccountUin?: number | undefined }) {
    if (filter.OrgSubAccountUin !== undefined) return [];
    return this.policies
      .filter((p) => filter.PolicyId === undefined || p.PolicyId === filter.PolicyId)
      .flatMap((policy) => policy.Bindings.map((binding) => ({ policy, binding })))
      .filter(({ binding }) => filter.MemberUin === undefined || binding.MemberUin === filter.MemberUin)
      .sort(byNumber(({ policy }) => policy.PolicyId, ({ binding }) => binding.MemberUin));
  }

  /** The fields every policy view shares: the policy and the names of its identity's role. */
  private policyFields(policy: PolicyRecord) {
    const identity = this.backend.identities.find(policy.IdentityId);
    return {
      PolicyId: policy.PolicyId,
      PolicyName: policy.PolicyName,
      IdentityId: policy.IdentityId,
      IdentityRoleName: identity?.IdentityRoleName ?? "",
      IdentityRoleAliasName: identity?.IdentityAliasName ?? "",
    };
  }

  describe(policy: PolicyRecord): z.input<typeof schemas.OrgMemberPolicy> {
    return {
      ...this.policyFields(policy),
      Description: policy.Description,
      CreateTime: policy.CreateTime,
      UpdateTime: policy.UpdateTime,
    };
  }

  describeBinding(policy: PolicyRecord, binding: BindingRecord): z.input<typeof schemas.OrgMembersAuthPolicy> {
    return {
      ...this.policyFields(policy),
      CreateTime: binding.CreateTime,
      MemberUin: binding.MemberUin,
      MemberName: this.backend.members.find(binding.MemberUin)?.Name ?? "",
      OrgSubAccountUin: null,
      OrgSubAccountName: null,
      BindType: null,
      Members: null,
    };
  }

  /** The policy, if any, through which a member uses an identity. */
  usingAuthorization(memberUin: number, identityId: number): PolicyRecord | undefined {
    return this.policies
      .filter((p) => p.IdentityId === identityId && p.Bindings.some((b) => b.MemberUin === memberUin))
      .sort(byNumber((p) => p.PolicyId))[0];
  }

  /** Removes a leaving member's bindings; a policy left with no member is deleted. */
  unbindMember(memberUin: number): void {
    for (const policy of this.policies) policy.Bindings = policy.Bindings.filter((b) => b.MemberUin !== memberUin);
    this.store.state.policies = this.policies.filter((p) => p.Bindings.length > 0);
    this.store.touch();
  }

  /** Members exist, the identity exists, and each member is authorized for it. */
  private checkGrant(memberUins: readonly number[], identityId: number): void {
    memberUins.forEach((uin) => this.backend.members.get(uin, organizationMemberNotExist));
    // An identity that does not exist is one no member holds: the policy actions document only this code for it.
    const unauthorized = memberUins.find((uin) => !this.backend.identities.isAuthorized(uin, identityId));
    if (unauthorized !== undefined) throw memberIdentityNotExist(unauthorized, identityId);
  }

  private assertNameFree(
    policyName: string,
    memberUins: readonly number[],
    exceptPolicyId: number | undefined,
    taken: (policyName: string, memberUin: number, policyId: number) => ApiError,
  ): void {
    for (const uin of memberUins) {
      const clash = this.policies.find(
        (p) => p.PolicyId !== exceptPolicyId && p.PolicyName === policyName && p.Bindings.some((b) => b.MemberUin === uin),
      );
      if (clash) throw taken(policyName, uin, clash.PolicyId);
    }
  }
}
