/** `pulumi up` killed during a member's create and mid-batch of the authorizations (see ./matrix.ts). */
import { killedRuns } from "./matrix";

killedRuns("member-authorization", ["CreateOrganizationMember", "CreateOrganizationMemberAuthIdentity"]);
