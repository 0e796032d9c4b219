/** A generated scenario under a fixed seed (see ./ci.ts). */
import { scenarioSeed } from "./ci";

scenarioSeed(1);
