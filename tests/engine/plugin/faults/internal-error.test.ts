/** The native plugin's fault cells for one kind (see ./matrix.ts). */
import { pluginFaultMatrix } from "./matrix";

pluginFaultMatrix("internal-error");
