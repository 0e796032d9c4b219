/** This package's version, for the generated project's dependency: read at run time, from the installed package. */
import { readFileSync } from "node:fs";
import * as path from "node:path";

function packageVersion(): string {
  // From provider/adopt (sources) or dist/provider/adopt (build): the first package.json upwards is this package's.
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (manifest.name === "pulumi-tencentcloud-organization" && manifest.version) return manifest.version;
    } catch {
      // No package.json here: keep going up.
    }
  }
  return "0.0.0";
}

export const version = packageVersion();
