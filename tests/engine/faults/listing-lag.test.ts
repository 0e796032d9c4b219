/** The fault matrix under listings that lag writes (see ./matrix.ts). */
import { listingLagCell } from "./matrix";

listingLagCell();
