/** getIdentities: the organization's identities (preset and custom), in OrganizationIdentity's output names. */
import { type ItemOf } from "../api";
import { paginate } from "../client";
import { describeIdentity } from "../resources/organization-identity";
import { defined } from "../resources/properties";
import { lookupClient } from "./client";
import { outputForm } from "./output-form";

export interface GetIdentitiesArgs {
  /** 1: preset identities; 2: custom ones. */
  readonly identityType?: 1 | 2;
  /** The API's SearchKey: matches identity names. */
  readonly searchKey?: string;
}

/**
 * Preset policies as id and name, custom ones as their document and the name the API reports for it (none when it
 * reports "", as for a policy created without one: OrganizationIdentity's check refuses an empty name).
 */
export const identityInfo = (identity: ItemOf<"ListOrganizationIdentity">) =>
  describeIdentity(
    identity,
    (identity.IdentityPolicy ?? [])
      .filter((policy) => policy.PolicyType === 1 && policy.PolicyDocument)
      .map((policy) => defined({ policyDocument: policy.PolicyDocument!, policyName: policy.PolicyName || undefined })),
  );
export type IdentityInfo = ReturnType<typeof identityInfo>;

export interface GetIdentitiesResult extends GetIdentitiesArgs {
  readonly identities: IdentityInfo[];
}

/** Every identity matching the filters, in the API's order. */
export async function getIdentities(args: GetIdentitiesArgs = {}): Promise<GetIdentitiesResult> {
  const request = defined({ IdentityType: args.identityType, SearchKey: args.searchKey });
  const items = await paginate(await lookupClient(), "ListOrganizationIdentity", request);
  return { ...args, identities: items.map(identityInfo) };
}

export const getIdentitiesOutput = outputForm(getIdentities);
