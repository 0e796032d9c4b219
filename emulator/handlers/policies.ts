import { page } from "../backend/paging";
import type { Handlers } from "./types";

export const policyHandlers: Handlers<
  | "CreateOrganizationMembersPolicy"
  | "UpdateOrganizationMembersPolicy"
  | "DescribeOrganizationMemberPolicies"
  | "DescribeOrganizationMembersAuthPolicy"
  | "DeleteOrganizationMembersPolicy"
> = {
  CreateOrganizationMembersPolicy: (request, { policies }) => ({ PolicyId: policies.create(request) }),
  UpdateOrganizationMembersPolicy: (request, { policies }) => (policies.update(request), {}),
  DescribeOrganizationMemberPolicies: (request, { policies, listing }) =>
    page(
      listing.visible("policy", policies.ofMember(request.MemberUin, request.SearchKey), (policy) => policy.PolicyId),
      request,
      (policy) => policies.describe(policy),
    ),
  DescribeOrganizationMembersAuthPolicy: (request, { policies, listing }) =>
    page(
      listing.visible("policy", policies.bindings(request), ({ policy }) => policy.PolicyId),
      request,
      ({ policy, binding }) => policies.describeBinding(policy, binding),
    ),
  DeleteOrganizationMembersPolicy: (request, { policies }) => (policies.delete(request.PolicyId), {}),
};
