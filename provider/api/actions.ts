/**
 * The registry of every Organization API action this project uses: request and response schema, documented rate limit,
 * and whether repeating the call is safe. The client, the emulator and the resources all read it; nothing else lists
 * actions or their fields.
 */
import type { z } from "zod";
import { DEFAULT_RATE_PER_SECOND } from "./constants";
import * as identities from "./identities";
import * as members from "./members";
import * as org from "./organization";
import * as policies from "./policies";

export interface ActionSpec {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
  /** Documented requests per second for the action. */
  readonly ratePerSecond: number;
  /**
   * Whether a call whose outcome is unknown (transport failure, 5xx, InternalError) may be sent again. Every action may
   * be re-sent after RequestLimitExceeded, which the server answers before doing anything.
   */
  readonly retrySafe: boolean;
  /** Offset/Limit paging with Items and Total. */
  readonly paged: boolean;
  /** Why retrySafe is what it is, for writes. */
  readonly retryNote?: string;
  /** Whether the action changes the organization: a read-only key (a CAM policy of reads only) may not call it. */
  readonly writes: boolean;
}

const read = { ratePerSecond: DEFAULT_RATE_PER_SECOND, retrySafe: true, paged: false, writes: false } as const;
const pagedRead = { ...read, paged: true } as const;
/** Writes state their own retry safety, each with the reason: nothing is inherited from reads. */
const write = { ratePerSecond: DEFAULT_RATE_PER_SECOND, paged: false, writes: true } as const;

export const actions = {
  DescribeOrganization: {
    ...read,
    ratePerSecond: 40,
    request: org.DescribeOrganizationRequest,
    response: org.DescribeOrganizationResponse,
  },
  DescribeOrganizationNodes: {
    ...pagedRead,
    request: org.DescribeOrganizationNodesRequest,
    response: org.DescribeOrganizationNodesResponse,
  },
  AddOrganizationNode: {
    ...write,
    retrySafe: false,
    retryNote: "a repeat would add a second department (node names need not be unique)",
    request: org.AddOrganizationNodeRequest,
    response: org.AddOrganizationNodeResponse,
  },
  UpdateOrganizationNode: {
    ...write,
    retrySafe: true,
    retryNote: "sets name and remark to given values",
    request: org.UpdateOrganizationNodeRequest,
    response: members.EmptyResponse,
  },
  DeleteOrganizationNodes: {
    ...write,
    retrySafe: true,
    retryNote: "a repeat after success answers the node's not-found code: see GONE_CODES in codes.ts",
    request: org.DeleteOrganizationNodesRequest,
    response: members.EmptyResponse,
  },
  DescribeOrganizationMembers: {
    ...pagedRead,
    request: members.DescribeOrganizationMembersRequest,
    response: members.DescribeOrganizationMembersResponse,
  },
  CreateOrganizationMember: {
    ...write,
    retrySafe: false,
    retryNote: "a repeat would create a second member account",
    request: members.CreateOrganizationMemberRequest,
    response: members.CreateOrganizationMemberResponse,
  },
  UpdateOrganizationMember: {
    ...write,
    retrySafe: true,
    retryNote:
      "sets fields to given values; a repeat sets the same values, except that a permission change sent again may be " +
      "refused with FailedOperation.ChangePermissionRecordExist, which OrganizationMember takes as done only when a " +
      "read shows the change applied",
    request: members.UpdateOrganizationMemberRequest,
    response: members.EmptyResponse,
  },
  DeleteOrganizationMembers: {
    ...write,
    retrySafe: true,
    retryNote:
      "a repeat after success answers InvalidParameter (the UIN is no longer a member; the action documents no not-found code): see GONE_CODES in codes.ts",
    request: members.DeleteOrganizationMembersRequest,
    response: members.EmptyResponse,
  },
  MoveOrganizationNodeMembers: {
    ...write,
    retrySafe: true,
    retryNote: "moves to a given node; a repeat moves to the same node",
    request: members.MoveOrganizationNodeMembersRequest,
    response: members.EmptyResponse,
  },
  ListOrganizationIdentity: {
    ...pagedRead,
    request: identities.ListOrganizationIdentityRequest,
    response: identities.ListOrganizationIdentityResponse,
  },
  CreateOrganizationIdentity: {
    ...write,
    retrySafe: false,
    retryNote: "a repeat after an unseen success answers the name-taken code or creates a second identity",
    request: identities.CreateOrganizationIdentityRequest,
    response: identities.CreateOrganizationIdentityResponse,
  },
  UpdateOrganizationIdentity: {
    ...write,
    retrySafe: true,
    retryNote: "sets description and policies to given values",
    request: identities.UpdateOrganizationIdentityRequest,
    response: members.EmptyResponse,
  },
  DeleteOrganizationIdentity: {
    ...write,
    retrySafe: true,
    retryNote: "a repeat after success answers ResourceNotFound.OrganizationIdentityNotExist",
    request: identities.DeleteOrganizationIdentityRequest,
    response: members.EmptyResponse,
  },
  CreateOrganizationMembersPolicy: {
    ...write,
    retrySafe: false,
    retryNote: "a repeat after an unseen success answers MemberPolicyNameExist or creates a duplicate",
    request: policies.CreateOrganizationMembersPolicyRequest,
    response: policies.CreateOrganizationMembersPolicyResponse,
  },
  UpdateOrganizationMembersPolicy: {
    ...write,
    retrySafe: true,
    retryNote: "sets the policy's members, identity and description to given values",
    request: policies.UpdateOrganizationMembersPolicyRequest,
    response: members.EmptyResponse,
  },
  DescribeOrganizationMemberPolicies: {
    ...pagedRead,
    request: policies.DescribeOrganizationMemberPoliciesRequest,
    response: policies.DescribeOrganizationMemberPoliciesResponse,
  },
  DescribeOrganizationMembersAuthPolicy: {
    ...pagedRead,
    request: policies.DescribeOrganizationMembersAuthPolicyRequest,
    response: policies.DescribeOrganizationMembersAuthPolicyResponse,
  },
  DeleteOrganizationMembersPolicy: {
    ...write,
    retrySafe: true,
    retryNote: "a repeat after success answers ResourceNotFound.MemberPolicyNotExist",
    request: policies.DeleteOrganizationMembersPolicyRequest,
    response: members.EmptyResponse,
  },
  CreateOrganizationMemberAuthIdentity: {
    ...write,
    retrySafe: true,
    retryNote: "authorizing a pair that is already authorized changes nothing",
    request: identities.CreateOrganizationMemberAuthIdentityRequest,
    response: members.EmptyResponse,
  },
  DescribeOrganizationMemberAuthIdentities: {
    ...pagedRead,
    request: identities.DescribeOrganizationMemberAuthIdentitiesRequest,
    response: identities.DescribeOrganizationMemberAuthIdentitiesResponse,
  },
  DeleteOrganizationMemberAuthIdentity: {
    ...write,
    retrySafe: true,
    retryNote: "a repeat after success answers ResourceNotFound.MemberIdentityNotExist",
    request: identities.DeleteOrganizationMemberAuthIdentityRequest,
    response: members.EmptyResponse,
  },
} as const satisfies Record<string, ActionSpec>;

export type ActionName = keyof typeof actions;
/** The request an action takes, as the caller writes it. */
export type RequestOf<A extends ActionName> = z.input<(typeof actions)[A]["request"]>;
/** The response an action returns, after parsing (RequestId is carried separately). */
export type ResponseOf<A extends ActionName> = z.output<(typeof actions)[A]["response"]>;
/** The response body an action's server sends (what the emulator builds). */
export type ResponseBodyOf<A extends ActionName> = z.input<(typeof actions)[A]["response"]>;

export type PagedActionName = {
  [A in ActionName]: (typeof actions)[A]["paged"] extends true ? A : never;
}[ActionName];
/** The item type of a paged action's Items. */
export type ItemOf<A extends PagedActionName> = ResponseOf<A> extends { Items: Array<infer T> } ? T : never;

export function isActionName(name: string): name is ActionName {
  return Object.prototype.hasOwnProperty.call(actions, name);
}
