/**
 * An organization as code: a department for the platform team, a custom identity for deploying, a new member account
 * in that department, an existing member adopted, both authorized for two identities, and a member access policy that
 * uses the custom one. `index.ts` runs it as the project's program
 * (`pulumi up` here or at the repository root; `npm start` does that); the engine tests run it as an inline program.
 *
 * The ids default to the emulator's seed (see emulator/README.md); for your organization set them in stack config:
 * `pulumi config set engineeringNodeId 123456`, and so on.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  MemberAccessPolicy,
  MemberAuthIdentity,
  OrganizationIdentity,
  OrganizationMember,
  OrganizationNode,
} from "pulumi-tencentcloud-organization";

/** What the deploy identity may do, in CAM policy syntax: a custom policy of the identity. */
const DEPLOY_POLICY = {
  version: "2.0",
  statement: [{ effect: "allow", action: ["tke:*", "cvm:Describe*", "clb:Describe*"], resource: ["*"] }],
};

export function organizationProgram(): Record<string, pulumi.Output<unknown>> {
  const config = new pulumi.Config();
  const engineeringNodeId = config.getNumber("engineeringNodeId") ?? 100002;
  const ownerUin = config.getNumber("ownerUin") ?? 100000000011;
  const readonlyIdentityId = config.getNumber("readonlyIdentityId") ?? 2;

  // A department under Engineering; members placed in it by its nodeId are moved out by destroy before it is deleted.
  const platformTeam = new OrganizationNode("platform-team", {
    name: "platform-team",
    parentNodeId: engineeringNodeId,
    remark: "platform engineering",
  });

  // A custom identity: its policies update in place; a new aliasName replaces it (the API cannot rename one).
  const deploy = new OrganizationIdentity("platform-deploy", {
    aliasName: "platform-deploy",
    description: "Deploy to the platform account's clusters",
    policies: [{ policyDocument: JSON.stringify(DEPLOY_POLICY) }],
  });

  // Created by this stack: destroy removes it from the organization.
  const platform = new OrganizationMember("platform", {
    name: "platform-ops",
    accountName: "platform-ops",
    nodeId: platformTeam.nodeId,
    permissionIds: [1, 2, 8],
    remark: "platform team",
    isAllowQuit: "Denied",
  });

  // Adopted: only the properties set here are managed, and destroy releases the member without removing it.
  const owner = new OrganizationMember("owner", { memberUin: ownerUin, remark: "invited account" });

  // Every (member, identity) pair of the two lists; pairs granted elsewhere are left alone.
  const access = new MemberAuthIdentity("platform-access", {
    memberUins: [platform.memberUin, owner.memberUin],
    identityIds: [readonlyIdentityId, deploy.identityId],
  });

  // The policy needs its members to hold the identity: dependsOn creates it after and destroys it before the pairs.
  const devopsPolicy = new MemberAccessPolicy(
    "platform-devops",
    {
      memberUins: [platform.memberUin],
      policyName: "platform-devops",
      identityId: deploy.identityId,
      description: "Deploy access to the platform account",
    },
    { dependsOn: [access] },
  );

  return {
    platformUin: platform.memberUin,
    platformDepartment: platform.nodeName,
    platformTeamNodeId: platformTeam.nodeId,
    deployIdentityId: deploy.identityId,
    ownerName: owner.name,
    authorizedPairs: access.pairs,
    devopsPolicyId: devopsPolicy.policyId,
  };
}
