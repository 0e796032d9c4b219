/**
 * An organization as code: a new member account for the platform team, an existing member adopted, both authorized
 * for two identities, and a member access policy that uses one of them. `index.ts` runs it as the project's program
 * (`pulumi up` here or at the repository root; `npm start` does that); the engine tests run it as an inline program.
 *
 * The ids default to the emulator's seed (see emulator/README.md); for your organization set them in stack config:
 * `pulumi config set engineeringNodeId 123456`, and so on.
 */
import * as pulumi from "@pulumi/pulumi";
import { MemberAccessPolicy, MemberAuthIdentity, OrganizationMember } from "pulumi-tencentcloud-organization";

export function organizationProgram(): Record<string, pulumi.Output<unknown>> {
  const config = new pulumi.Config();
  const engineeringNodeId = config.getNumber("engineeringNodeId") ?? 100002;
  const ownerUin = config.getNumber("ownerUin") ?? 100000000011;
  const readonlyIdentityId = config.getNumber("readonlyIdentityId") ?? 2;
  const devopsIdentityId = config.getNumber("devopsIdentityId") ?? 10;

  // Created by this stack: destroy removes it from the organization.
  const platform = new OrganizationMember("platform", {
    name: "platform-ops",
    accountName: "platform-ops",
    nodeId: engineeringNodeId,
    permissionIds: [1, 2, 8],
    remark: "platform team",
    isAllowQuit: "Denied",
  });

  // Adopted: only the properties set here are managed, and destroy releases the member without removing it.
  const owner = new OrganizationMember("owner", { memberUin: ownerUin, remark: "invited account" });

  // Every (member, identity) pair of the two lists; pairs granted elsewhere are left alone.
  const access = new MemberAuthIdentity("platform-access", {
    memberUins: [platform.memberUin, owner.memberUin],
    identityIds: [readonlyIdentityId, devopsIdentityId],
  });

  // The policy needs its members to hold the identity: dependsOn creates it after and destroys it before the pairs.
  const devopsPolicy = new MemberAccessPolicy(
    "platform-devops",
    {
      memberUins: [platform.memberUin],
      policyName: "platform-devops",
      identityId: devopsIdentityId,
      description: "DevOps access to the platform account",
    },
    { dependsOn: [access] },
  );

  return {
    platformUin: platform.memberUin,
    platformDepartment: platform.nodeName,
    ownerName: owner.name,
    authorizedPairs: access.pairs,
    devopsPolicyId: devopsPolicy.policyId,
  };
}
