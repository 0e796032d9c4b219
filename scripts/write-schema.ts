/**
 * `npm run schema`: writes schema.json, the native plugin's package schema, from the zod schemas (provider/plugin/
 * schema.ts). With `--check`, writes nothing and fails if the committed file differs (CI, and a test, run that).
 * SDK generators and language hosts read the file at the repository's (and the npm package's) root.
 */
import * as fs from "node:fs";
import { SCHEMA_PATH, schemaText } from "../provider/plugin/schema";

const text = schemaText();
if (process.argv.includes("--check")) {
  const committed = fs.existsSync(SCHEMA_PATH) ? fs.readFileSync(SCHEMA_PATH, "utf8") : "";
  if (committed !== text) {
    console.error(`${SCHEMA_PATH} is not what the zod schemas give: run \`npm run schema\` and commit it`);
    process.exit(1);
  }
  console.log(`${SCHEMA_PATH} is up to date`);
} else {
  fs.writeFileSync(SCHEMA_PATH, text);
  console.log(`wrote ${SCHEMA_PATH}`);
}
