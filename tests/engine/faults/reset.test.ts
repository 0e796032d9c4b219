/** The fault matrix's cells for one fault kind (see ./matrix.ts). */
import { faultMatrix } from "./matrix";

faultMatrix("reset");
