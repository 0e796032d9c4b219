/** The `declared` program (resources from stack config), run as a user's TypeScript project runs: by ts-node. */
import { declaredProgram } from "../../programs/declared";

export = declaredProgram();
