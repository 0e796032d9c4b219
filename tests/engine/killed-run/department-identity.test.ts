/** `pulumi up` killed during a department's and during an identity's create (see ./matrix.ts). */
import { killedRuns } from "./matrix";

killedRuns("department-identity", ["AddOrganizationNode", "CreateOrganizationIdentity"]);
