/** The program (package.json "main"), run by the Node.js runtime with ts-node: its exports are the stack outputs. */
import { organizationProgram } from "./program";

export = organizationProgram();
