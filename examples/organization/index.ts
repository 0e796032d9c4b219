/** Entry point for `pulumi up` with Pulumi.yaml: the stack outputs are the program's outputs. */
import { organizationProgram } from "./program";

export = organizationProgram();
