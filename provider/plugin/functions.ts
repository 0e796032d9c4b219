/**
 * The schema of the plugin's functions (./invoke): each lookup's arguments, as zod schemas checked against the
 * lookup's own argument type (`satisfies`), and its result. A listed item is described as the matching resource's
 * outputs (its properties are those of `describeNode`, `describeMember`, ...), kept as a map in the schema rather than
 * restated here.
 */
import { z } from "zod";
import type { GetIdentitiesArgs, GetMemberArgs, GetMemberPoliciesArgs, GetMembersArgs, GetNodesArgs } from "../lookups";
import type { FunctionName } from "./invoke";

const tags = z.record(z.string(), z.string());
const items = (what: string) => z.array(z.record(z.string(), z.unknown())).describe(`${what}, each with the properties the resource reports`);

interface FunctionSchema<A> {
  readonly description: string;
  readonly args: z.ZodType<A> & z.ZodObject;
  readonly result: z.ZodObject;
}

const GetMembersArgsSchema = z.object({
  nodeId: z.int().optional().describe("Only members of this department (not of its sub-departments)."),
  searchKey: z.string().optional().describe("The API's SearchKey: matches member names and UINs."),
  tags: tags.optional().describe("Only members carrying every one of these tags."),
}) satisfies z.ZodType<GetMembersArgs>;

export const FUNCTION_SCHEMAS = {
  getMembers: {
    description: "Every member matching the filters (all members without any), in the API's order.",
    args: GetMembersArgsSchema,
    result: GetMembersArgsSchema.extend({ members: items("The members, as OrganizationMember") }),
  } satisfies FunctionSchema<GetMembersArgs>,
  getMember: {
    description: "One member, by UIN or exact name; fails when there is none or several.",
    args: z.object({
      memberUin: z.int().optional().describe("The member's UIN; or"),
      name: z.string().optional().describe("its exact name."),
    }) satisfies z.ZodType<GetMemberArgs>,
    result: z.object({}).catchall(z.unknown()).describe("The member, as OrganizationMember reports it, plus its tags."),
  } satisfies FunctionSchema<GetMemberArgs>,
  getNodes: {
    description: "Every department (matching the tags), in the API's order.",
    args: z.object({ tags: tags.optional().describe("Only departments carrying every one of these tags.") }) satisfies z.ZodType<GetNodesArgs>,
    result: z.object({
      tags: tags.optional(),
      nodes: items("The departments, as OrganizationNode"),
      rootNodeId: z.int().optional().describe("The root department's id, when the listing holds it (always, without tags)."),
    }),
  } satisfies FunctionSchema<GetNodesArgs>,
  getIdentities: {
    description: "Every identity matching the filters, in the API's order.",
    args: z.object({
      identityType: z.union([z.literal(1), z.literal(2)]).optional().describe("1: preset identities; 2: custom ones."),
      searchKey: z.string().optional().describe("The API's SearchKey: matches identity names."),
    }) satisfies z.ZodType<GetIdentitiesArgs>,
    result: z.object({
      identityType: z.int().optional(),
      searchKey: z.string().optional(),
      identities: items("The identities, as OrganizationIdentity"),
    }),
  } satisfies FunctionSchema<GetIdentitiesArgs>,
  getMemberPolicies: {
    description: "Every member access policy that lets the member be accessed, in the API's order.",
    args: z.object({ memberUin: z.int().describe("The member's UIN.") }) satisfies z.ZodType<GetMemberPoliciesArgs>,
    result: z.object({ memberUin: z.int(), policies: items("The policies, as MemberAccessPolicy") }),
  } satisfies FunctionSchema<GetMemberPoliciesArgs>,
} as const satisfies Record<FunctionName, FunctionSchema<unknown>>;
