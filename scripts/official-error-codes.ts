/**
 * Regenerates tests/emulator/fixtures/official-error-codes.json from the official Go SDK (tencentcloud-sdk-go), at a
 * pinned version of its organization module:
 *
 *   npm run build && node dist/scripts/official-error-codes.js [--git DIR | --module-dir DIR] [--out FILE] [--check]
 *
 * For every action of provider/api/actions.ts it takes the error codes that the doc comments of
 * `tencentcloud/organization/v20210331/client.go` list under "可能返回的错误码" (both the plain and the WithContext
 * method carry the list; they must agree), the descriptions of those codes from `errors.go`, and, from `models.go`,
 * the shape of each action's response: every field with its type and whether the SDK notes that it may be null
 * ("注意：此字段可能返回 null"). Common errors (the Tencent Cloud API 3.0 common error code list, which every action may
 * answer) are listed once under "common".
 *
 * Where the source comes from, in this order:
 * - `--module-dir DIR`: an unpacked module (DIR/v20210331/client.go ...), e.g. the Go module cache's
 *   `$(go env GOMODCACHE)/github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/organization@<version>`;
 * - `--git DIR`: a clone (or bare git directory) of github.com/tencentcloud/tencentcloud-sdk-go; the files are read at
 *   the module's tag `tencentcloud/organization/<version>`, whose commit must be the one the Go module proxy records
 *   for that version (checked when `go` can reach the proxy);
 * - otherwise `go mod download -json <module>@<version>` into the module cache.
 *
 * `--check` compares instead of writing: exit 0 when the fixture is what the source gives, 1 when it differs.
 * The output has no timestamp, so regenerating from the same version gives the same file byte for byte.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { actions } from "../provider/api/actions";

export const SDK_MODULE = "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/organization";
/** The pinned version of the organization module. Change it here, then regenerate. */
export const SDK_VERSION = "v1.3.164";
export const SDK_PACKAGE = "v20210331";
const GIT_TAG = `tencentcloud/organization/${SDK_VERSION}`;
const IN_REPO = `tencentcloud/organization/${SDK_PACKAGE}`;
const FILES = ["client.go", "errors.go", "models.go"] as const;
type SourceFiles = Record<(typeof FILES)[number], string>;

/**
 * The Tencent Cloud API 3.0 common error codes ("公共错误码"), which any action of any product may answer
 * (https://cloud.tencent.com/document/api/213/15694 and every product's "Error Codes" page; summarised in
 * /work/shared/reference/tencentcloud-protocol.md). The Go SDK does not list them per action.
 */
export const COMMON_ERROR_CODES = [
  "ActionOffline",
  "AuthFailure.InvalidAuthorization",
  "AuthFailure.InvalidSecretId",
  "AuthFailure.MFAFailure",
  "AuthFailure.SecretIdNotFound",
  "AuthFailure.SignatureExpire",
  "AuthFailure.SignatureFailure",
  "AuthFailure.TokenFailure",
  "AuthFailure.UnauthorizedOperation",
  "DryRunOperation",
  "FailedOperation",
  "InternalError",
  "InvalidAction",
  "InvalidParameter",
  "InvalidParameterValue",
  "InvalidRequest",
  "IpInBlacklist",
  "IpNotInWhitelist",
  "LimitExceeded",
  "MissingParameter",
  "NoSuchProduct",
  "NoSuchVersion",
  "RequestLimitExceeded",
  "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
  "RequestLimitExceeded.IPLimitExceeded",
  "RequestLimitExceeded.UinLimitExceeded",
  "RequestSizeLimitExceeded",
  "ResourceInUse",
  "ResourceInsufficient",
  "ResourceNotFound",
  "ResourceUnavailable",
  "ResponseSizeLimitExceeded",
  "ServiceUnavailable",
  "UnauthorizedOperation",
  "UnknownParameter",
  "UnsupportedOperation",
  "UnsupportedProtocol",
  "UnsupportedRegion",
] as const;

export interface FieldShape {
  /** The Go type without pointers and slices: a struct name of `models`, or string, int64, uint64, bool, float64. */
  type: string;
  array: boolean;
  /** The SDK notes "此字段可能返回 null" for this field. */
  nullable: boolean;
}
export type StructShape = Record<string, FieldShape>;

export interface OfficialErrorCodes {
  source: {
    sdk: string;
    module: string;
    version: string;
    commit: string | null;
    files: string[];
    apiVersion: string;
    regenerate: string;
  };
  common: { source: string; codes: string[] };
  /** Action → the codes its client.go doc comment lists, sorted. */
  actions: Record<string, string[]>;
  /** Code → its description in errors.go, for every code of `actions`. */
  descriptions: Record<string, string>;
  /** Action → its response fields (RequestId excluded). */
  responses: Record<string, StructShape>;
  /** Every struct a response field refers to, directly or not. */
  models: Record<string, StructShape>;
}

/** The codes of one action's doc comment; throws if the action is missing or its two comments disagree. */
export function actionCodes(client: string, action: string): string[] {
  const comment = new RegExp(`^// ${action}\\n((?://.*\\n)*)func \\(c \\*Client\\) ${action}(?:WithContext)?\\(`, "gm");
  const lists = [...client.matchAll(comment)].map((match) =>
    [...match[1]!.matchAll(/^\/\/\s+[A-Z0-9_]+ = "([^"]+)"$/gm)].map((code) => code[1]!).sort(),
  );
  if (lists.length !== 2) throw new Error(`client.go: expected the doc comments of ${action} and ${action}WithContext, found ${lists.length}`);
  if (JSON.stringify(lists[0]) !== JSON.stringify(lists[1]))
    throw new Error(`client.go: ${action} and ${action}WithContext list different error codes`);
  return lists[0]!;
}

/** errors.go: code → the comment above its constant. */
export function errorDescriptions(errors: string): Map<string, string> {
  const described = new Map<string, string>();
  for (const match of errors.matchAll(/^\s*\/\/ (.*)\n\s*[A-Z0-9_]+ = "([^"]+)"$/gm)) described.set(match[2]!, match[1]!.trim());
  return described;
}

/** models.go: struct name → fields, with the may-be-null note. */
export function structShapes(models: string): Map<string, StructShape> {
  const structs = new Map<string, StructShape>();
  for (const match of models.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) {
    const shape: StructShape = {};
    let comments: string[] = [];
    for (const line of match[2]!.split("\n")) {
      const trimmed = line.trim();
      if (trimmed.startsWith("//")) {
        comments.push(trimmed);
        continue;
      }
      const field = /^(\w+)\s+(\[\])?\*?(\w+)\s+`json:"(\w+)/.exec(trimmed);
      if (field) {
        const [, , slice, type, jsonName] = field;
        shape[jsonName!] = { type: type!, array: slice !== undefined, nullable: comments.some((c) => c.includes("可能返回 null")) };
      }
      comments = [];
    }
    structs.set(match[1]!, shape);
  }
  return structs;
}

export function extract(files: SourceFiles, commit: string | null): OfficialErrorCodes {
  const described = errorDescriptions(files["errors.go"]);
  const structs = structShapes(files["models.go"]);
  const common = new Set<string>(COMMON_ERROR_CODES);
  const actionNames = Object.keys(actions).sort();

  const perAction: Record<string, string[]> = {};
  const descriptions: Record<string, string> = {};
  for (const action of actionNames) {
    const codes = actionCodes(files["client.go"], action);
    for (const code of codes) {
      const description = described.get(code);
      if (description === undefined && !common.has(code)) throw new Error(`${action} lists ${code}, which errors.go does not define`);
      if (description !== undefined) descriptions[code] = description;
    }
    perAction[action] = codes;
  }

  const responses: Record<string, StructShape> = {};
  const models: Record<string, StructShape> = {};
  const visit = (shape: StructShape) => {
    for (const field of Object.values(shape)) {
      const nested = structs.get(field.type);
      if (nested && !(field.type in models)) {
        models[field.type] = nested;
        visit(nested);
      }
    }
  };
  for (const action of actionNames) {
    const params = structs.get(`${action}ResponseParams`);
    if (!params) throw new Error(`models.go has no ${action}ResponseParams`);
    const { RequestId: _requestId, ...fields } = params;
    responses[action] = fields;
    visit(fields);
  }

  return {
    source: {
      sdk: "tencentcloud-sdk-go",
      module: SDK_MODULE,
      version: SDK_VERSION,
      commit,
      files: FILES.map((file) => `${SDK_PACKAGE}/${file}`),
      apiVersion: "2021-03-31",
      regenerate: "npm run build && node dist/scripts/official-error-codes.js [--git DIR | --module-dir DIR]",
    },
    common: {
      source: "Tencent Cloud API 3.0 common error codes (公共错误码), answered by every action",
      codes: [...COMMON_ERROR_CODES],
    },
    actions: perAction,
    descriptions: sortKeys(descriptions),
    responses,
    models: sortKeys(models),
  };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** What the Go module proxy says about the pinned version: its module cache directory (when downloaded) and commit. */
function goModDownload(): { dir?: string; commit?: string; error?: string } {
  let output: string;
  try {
    output = execFileSync("go", ["mod", "download", "-json", `${SDK_MODULE}@${SDK_VERSION}`], {
      encoding: "utf8",
      env: { ...process.env, GOFLAGS: "-mod=mod" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    // go exits non-zero when the zip is refused but still prints the JSON (with Origin from the .info file).
    output = (error as { stdout?: string }).stdout ?? "";
    if (!output) return { error: (error as Error).message };
  }
  const info = JSON.parse(output) as { Dir?: string; Error?: string; Origin?: { Hash?: string } };
  return {
    ...(info.Dir && !info.Error ? { dir: info.Dir } : {}),
    ...(info.Origin?.Hash ? { commit: info.Origin.Hash } : {}),
    ...(info.Error ? { error: info.Error } : {}),
  };
}

function git(gitDir: string, ...args: string[]): string {
  return execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

function resolveGitDir(dir: string): string {
  const dotGit = path.join(dir, ".git");
  return fs.existsSync(dotGit) ? dotGit : dir;
}

export function readSource(options: { gitDir?: string; moduleDir?: string }): { files: SourceFiles; commit: string | null } {
  const read = (load: (file: string) => string) =>
    Object.fromEntries(FILES.map((file) => [file, load(file)])) as SourceFiles;
  if (options.moduleDir) {
    const dir = options.moduleDir;
    return { files: read((file) => fs.readFileSync(path.join(dir, SDK_PACKAGE, file), "utf8")), commit: goModDownload().commit ?? null };
  }
  if (options.gitDir) {
    const gitDir = resolveGitDir(options.gitDir);
    const commit = git(gitDir, "rev-parse", `${GIT_TAG}^{commit}`).trim();
    const proxy = goModDownload();
    if (proxy.commit && proxy.commit !== commit)
      throw new Error(`tag ${GIT_TAG} is commit ${commit}, but the Go module proxy records ${proxy.commit} for ${SDK_VERSION}`);
    if (!proxy.commit) process.stderr.write(`note: could not confirm ${GIT_TAG}'s commit with the Go module proxy (${proxy.error ?? "no Origin"})\n`);
    return { files: read((file) => git(gitDir, "show", `${GIT_TAG}:${IN_REPO}/${file}`)), commit };
  }
  const proxy = goModDownload();
  if (!proxy.dir) throw new Error(`go mod download ${SDK_MODULE}@${SDK_VERSION} failed: ${proxy.error}; pass --git DIR or --module-dir DIR`);
  const dir = proxy.dir;
  return { files: read((file) => fs.readFileSync(path.join(dir, SDK_PACKAGE, file), "utf8")), commit: proxy.commit ?? null };
}

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json")) && path.basename(dir) !== "dist") return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

export const FIXTURE = path.join("tests", "emulator", "fixtures", "official-error-codes.json");

function main(): number {
  const { values } = parseArgs({
    options: {
      git: { type: "string" },
      "module-dir": { type: "string" },
      out: { type: "string" },
      check: { type: "boolean", default: false },
    },
  });
  const out = values.out ?? path.join(repoRoot(), FIXTURE);
  const { files, commit } = readSource({
    ...(values.git ? { gitDir: values.git } : {}),
    ...(values["module-dir"] ? { moduleDir: values["module-dir"] } : {}),
  });
  const text = `${JSON.stringify(extract(files, commit), null, 2)}\n`;
  if (values.check) {
    const current = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "";
    if (current === text) return 0;
    process.stderr.write(`${out} differs from what ${SDK_MODULE}@${SDK_VERSION} gives; regenerate it\n`);
    return 1;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  process.stdout.write(`wrote ${out}: ${Object.keys(actions).length} actions from ${SDK_MODULE}@${SDK_VERSION}${commit ? ` (${commit})` : ""}\n`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
