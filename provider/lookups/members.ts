/** getMembers / getMember: organization members, in OrganizationMember's output names. */
import { type ItemOf } from "../api";
import { paginate } from "../client";
import { describeMember } from "../resources/organization-member";
import { defined } from "../resources/properties";
import { lookupClient } from "./client";
import { LookupError } from "./errors";
import { outputForm, tagList } from "./output-form";

export interface GetMembersArgs {
  /** Only members of this department (not of its sub-departments: the API filters on the node itself). */
  readonly nodeId?: number;
  /** The API's SearchKey: matches member names and UINs. */
  readonly searchKey?: string;
  /** Only members carrying every one of these tags. */
  readonly tags?: Record<string, string>;
}

/** A member as OrganizationMember reports it, plus its tags. */
export type MemberInfo = ReturnType<typeof describeMember> & { readonly tags: Record<string, string> };

export interface GetMembersResult extends GetMembersArgs {
  readonly members: MemberInfo[];
}

export const memberInfo = (member: ItemOf<"DescribeOrganizationMembers">): MemberInfo => ({
  ...describeMember(member),
  tags: Object.fromEntries((member.Tags ?? []).map((tag) => [tag.TagKey, tag.TagValue])),
});

async function listMembers(args: GetMembersArgs): Promise<MemberInfo[]> {
  const request = defined({ NodeId: args.nodeId, SearchKey: args.searchKey, Tags: tagList(args.tags) });
  return (await paginate(await lookupClient(), "DescribeOrganizationMembers", request)).map(memberInfo);
}

/** Every member matching the filters (all members without any), in the API's order. */
export async function getMembers(args: GetMembersArgs = {}): Promise<GetMembersResult> {
  return { ...args, members: await listMembers(args) };
}

export const getMembersOutput = outputForm(getMembers);

export interface GetMemberArgs {
  /** The member's UIN; or */
  readonly memberUin?: number;
  /** its exact name. */
  readonly name?: string;
}

/** The one member among `matches`, or a LookupError saying there is none, or which ones there are. */
export function exactlyOne(matches: readonly MemberInfo[], field: "memberUin" | "name", wanted: string): MemberInfo {
  if (matches.length === 0) throw new LookupError("getMember", field, `no member has ${field} ${wanted}`);
  if (matches.length > 1) {
    throw new LookupError(
      "getMember",
      field,
      `${matches.length} members have ${field} ${wanted} (UINs ${matches.map((m) => m.memberUin).join(", ")}); look one up by memberUin`,
    );
  }
  return matches[0]!;
}

/** One member, by UIN or exact name; fails when none or several match. */
export async function getMember(args: GetMemberArgs): Promise<MemberInfo> {
  const { memberUin, name } = args;
  if ((memberUin === undefined) === (name === undefined)) {
    throw new LookupError("getMember", "memberUin", "set exactly one of memberUin and name");
  }
  if (memberUin === undefined) {
    const found = await listMembers({ searchKey: name });
    return exactlyOne(found.filter((member) => member.name === name), "name", JSON.stringify(name));
  }
  const found = await listMembers({ searchKey: String(memberUin) });
  return exactlyOne(found.filter((member) => member.memberUin === memberUin), "memberUin", String(memberUin));
}

export const getMemberOutput = outputForm(getMember);
