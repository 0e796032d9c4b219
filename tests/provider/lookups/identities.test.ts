/** getIdentities against the in-process emulator. */
import * as pulumi from "@pulumi/pulumi";
import { SEED_IDS } from "../../../emulator";
import { getIdentities, getIdentitiesOutput } from "../../../provider/lookups";
import { emulatedOrganization, valueOf } from "./emulated";

emulatedOrganization();

describe("getIdentities", () => {
  it("lists preset and custom identities with their policies, filtered by type", async () => {
    const all = await getIdentities();
    expect(all.identities.find((identity) => identity.identityId === SEED_IDS.adminIdentityId)).toMatchObject({
      aliasName: "admin",
      identityType: 1,
      policies: [{ policyId: 1, policyName: "AdministratorAccess" }],
    });
    const custom = await valueOf(getIdentitiesOutput({ identityType: pulumi.output(2 as const) }));
    expect(custom.identities.length).toBeGreaterThan(0);
    expect(custom.identities.every((identity) => identity.identityType === 2)).toBe(true);
    expect(custom.identities.length).toBeLessThan(all.identities.length);
    const devops = custom.identities.find((identity) => identity.identityId === SEED_IDS.customIdentityId);
    expect(devops?.policies[0]?.policyDocument).toContain('"cvm:*"');
  });

  it("passes the search key", async () => {
    const { identities } = await getIdentities({ searchKey: "readonly" });
    expect(identities.map((identity) => identity.identityId)).toContain(SEED_IDS.readonlyIdentityId);
    expect(identities.map((identity) => identity.identityId)).not.toContain(SEED_IDS.adminIdentityId);
  });
});
