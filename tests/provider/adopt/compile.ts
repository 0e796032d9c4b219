/**
 * Type-checks a generated project as `tsc` does with its own tsconfig.json (strict), against this checkout's sources:
 * the package name maps to provider/index.ts, so no build is needed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const REPO = path.resolve(__dirname, "..", "..", "..");

export function typeErrors(files: { readonly [name: string]: string | undefined }): string[] {
  // Inside the checkout, so @pulumi/pulumi resolves from its node_modules as it would from the project's own.
  fs.mkdirSync(path.join(REPO, ".pulumi-local"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(REPO, ".pulumi-local", "adopt-compile-"));
  try {
    for (const [name, text] of Object.entries(files)) if (text !== undefined) fs.writeFileSync(path.join(dir, name), text);
    const config = ts.readConfigFile(path.join(dir, "tsconfig.json"), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dir);
    const options: ts.CompilerOptions = {
      ...parsed.options,
      noEmit: true,
      baseUrl: REPO,
      paths: { "pulumi-tencentcloud-organization": ["provider/index.ts"] },
    };
    const program = ts.createProgram(parsed.fileNames, options);
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? path.relative(dir, d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
