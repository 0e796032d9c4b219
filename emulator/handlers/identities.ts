import { page } from "../backend/paging";
import type { Handlers } from "./types";

export const identityHandlers: Handlers<
  | "ListOrganizationIdentity"
  | "CreateOrganizationIdentity"
  | "UpdateOrganizationIdentity"
  | "DeleteOrganizationIdentity"
  | "CreateOrganizationMemberAuthIdentity"
  | "DescribeOrganizationMemberAuthIdentities"
  | "DeleteOrganizationMemberAuthIdentity"
> = {
  ListOrganizationIdentity: (request, { identities, listing }) =>
    page(listing.visible("identity", identities.list(request), (identity) => identity.IdentityId), request, (identity) =>
      identities.describe(identity),
    ),
  CreateOrganizationIdentity: (request, { identities }) => ({ IdentityId: identities.create(request) }),
  UpdateOrganizationIdentity: (request, { identities }) => (identities.update(request), {}),
  DeleteOrganizationIdentity: (request, { identities }) => (identities.delete(request.IdentityId), {}),
  CreateOrganizationMemberAuthIdentity: (request, { identities }) => (
    identities.authorize(request.MemberUins, request.IdentityIds), {}
  ),
  DescribeOrganizationMemberAuthIdentities: (request, { identities, listing }) =>
    page(
      listing.visible("authorization", identities.authorizations(request), (auth) => `${auth.MemberUin}:${auth.IdentityId}`),
      request,
      (auth) => identities.describeAuthorization(auth),
    ),
  DeleteOrganizationMemberAuthIdentity: (request, { identities }) => (
    identities.revoke(request.MemberUin, request.IdentityId), {}
  ),
};
