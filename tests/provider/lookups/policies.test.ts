/** getMemberPolicies against the in-process emulator. */
import * as pulumi from "@pulumi/pulumi";
import { SEED_IDS } from "../../../emulator";
import { getMemberPolicies, getMemberPoliciesOutput } from "../../../provider/lookups";
import { emulatedOrganization, valueOf } from "./emulated";

emulatedOrganization();

describe("getMemberPolicies", () => {
  it("lists the member access policies of one member, in MemberAccessPolicy's output names", async () => {
    const { policies } = await getMemberPolicies({ memberUin: SEED_IDS.invitedUin });
    expect(policies.map((policy) => policy.policyId)).toEqual([SEED_IDS.policyId]);
    expect(policies[0]).toMatchObject({ identityId: SEED_IDS.adminIdentityId, policyName: expect.any(String) });
    expect((await valueOf(getMemberPoliciesOutput({ memberUin: pulumi.output(SEED_IDS.createdUin) }))).policies).toEqual([]);
  });
});
