import { page } from "../backend/paging";
import type { Handlers } from "./types";

export const memberHandlers: Handlers<
  | "DescribeOrganizationMembers"
  | "CreateOrganizationMember"
  | "UpdateOrganizationMember"
  | "DeleteOrganizationMembers"
  | "MoveOrganizationNodeMembers"
> = {
  DescribeOrganizationMembers: (request, { members, listing }) =>
    page(listing.visible("member", members.list(request), (member) => member.MemberUin), request, members.describer()),
  CreateOrganizationMember: (request, { members }) => ({ Uin: members.create(request) }),
  UpdateOrganizationMember: (request, { members }) => (members.update(request), {}),
  DeleteOrganizationMembers: (request, { members }) => (members.delete(request.MemberUin), {}),
  MoveOrganizationNodeMembers: (request, { members }) => (members.move(request.NodeId, request.MemberUin), {}),
};
