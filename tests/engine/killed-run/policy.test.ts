/** `pulumi up` killed during a member access policy's create (see ./matrix.ts). */
import { killedRuns } from "./matrix";

killedRuns("policy", ["CreateOrganizationMembersPolicy"]);
