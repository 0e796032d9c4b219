/** A generated organization under a fixed seed (see ./ci.ts). */
import { adoptionSeed } from "./ci";

adoptionSeed(1);
