/**
 * Static reach of API error codes in the emulator: which codes a piece of code can answer, found with the TypeScript
 * checker by following every function, method, accessor, variable and object property it refers to (inside emulator/
 * and provider/api/) and collecting the string literals that look like API error codes along the way (the literals of
 * emulator/errors.ts's constructors, the `apiCode` of the request schemas' rules, validate.ts's generic codes). It over-
 * approximates (a referenced function counts as called), so a code it finds for an action is one the action may answer.
 */
import * as path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(__dirname, "..", "..");
const FOLLOWED = [path.join(ROOT, "emulator") + path.sep, path.join(ROOT, "provider", "api") + path.sep];

/** A string that is an API error code: a known category, optionally with a dotted sub-code. */
const CODE_PATTERN =
  /^(?:ActionOffline|AuthFailure|DryRunOperation|FailedOperation|InternalError|InvalidAction|InvalidParameter|InvalidParameterValue|InvalidRequest|IpInBlacklist|IpNotInWhitelist|LimitExceeded|MissingParameter|NoSuchProduct|NoSuchVersion|OperationDenied|RequestLimitExceeded|RequestSizeLimitExceeded|ResourceInUse|ResourceInsufficient|ResourceNotFound|ResourceUnavailable|ResponseSizeLimitExceeded|ServiceUnavailable|UnauthorizedOperation|UnknownParameter|UnsupportedOperation|UnsupportedProtocol|UnsupportedRegion)(?:\.[A-Za-z0-9]+)*$/;

export function isCodeLiteral(text: string): boolean {
  return CODE_PATTERN.test(text);
}

export class CodeReach {
  readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;

  constructor(rootFiles: string[]) {
    this.program = ts.createProgram({
      rootNames: rootFiles.map((file) => path.join(ROOT, file)),
      options: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
        types: ["node"],
      },
    });
    this.checker = this.program.getTypeChecker();
  }

  sourceFile(file: string): ts.SourceFile {
    const source = this.program.getSourceFile(path.join(ROOT, file));
    if (!source) throw new Error(`${file} is not part of the program`);
    return source;
  }

  /** The initializer of property `name` of the object literal that variable `variable` of `file` is set to. */
  objectProperty(file: string, variable: string, name: string): ts.Expression | undefined {
    let found: ts.Expression | undefined;
    const visit = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && node.name.getText() === variable && node.initializer) {
        const literal = unwrap(node.initializer);
        if (ts.isObjectLiteralExpression(literal)) {
          for (const property of literal.properties) {
            if (ts.isPropertyAssignment(property) && property.name.getText() === name) found = property.initializer;
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile(file));
    return found;
  }

  /** Every property assignment `name: ...` in `file` (e.g. each action's `request` in actions.ts). */
  propertyAssignments(file: string, name: string): ts.Node[] {
    const found: ts.Node[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAssignment(node) && node.name.getText() === name) found.push(node);
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile(file));
    return found;
  }

  /** The declarations named `name` at the top level of `file` (functions, variables, classes' methods by `Class.method`). */
  declarations(file: string, name: string): ts.Node[] {
    const [owner, member] = name.split(".");
    const found: ts.Node[] = [];
    for (const statement of this.sourceFile(file).statements) {
      if (member === undefined) {
        if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) found.push(statement);
        if (ts.isVariableStatement(statement))
          found.push(...statement.declarationList.declarations.filter((d) => d.name.getText() === name));
      } else if (ts.isClassDeclaration(statement) && statement.name?.text === owner) {
        found.push(...statement.members.filter((m) => m.name?.getText() === member));
      }
    }
    if (found.length === 0) throw new Error(`${file} declares no ${name}`);
    return found;
  }

  /** Every code literal reachable from `starts`, not entering the declarations in `stop`. */
  codes(starts: readonly ts.Node[], stop: ReadonlySet<ts.Node> = new Set()): Set<string> {
    return new Set(this.trace(starts, stop).keys());
  }

  /** Each reachable code literal with the chain of declarations that leads to it (for messages). */
  trace(starts: readonly ts.Node[], stop: ReadonlySet<ts.Node> = new Set()): Map<string, string> {
    const found = new Map<string, string>();
    const via = new Map<ts.Node, ts.Node | undefined>(starts.map((start) => [start, undefined]));
    const seen = new Set<ts.Node>();
    const queue = [...starts];
    const chain = (node: ts.Node | undefined): string => {
      const names: string[] = [];
      for (let at = node; at !== undefined; at = via.get(at)) names.unshift(describe(at));
      return names.join(" → ");
    };
    let current: ts.Node;
    const visit = (node: ts.Node): void => {
      if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isImportDeclaration(node)) return;
      if (ts.isStringLiteralLike(node) && isCodeLiteral(node.text) && !found.has(node.text)) found.set(node.text, chain(current));
      if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
        for (const declaration of this.declarationsOf(node)) {
          if (stop.has(declaration) || via.has(declaration)) continue;
          via.set(declaration, current);
          queue.push(declaration);
        }
      }
      ts.forEachChild(node, visit);
    };
    while (queue.length > 0) {
      current = queue.shift()!;
      if (seen.has(current)) continue;
      seen.add(current);
      visit(current);
    }
    return found;
  }

  /** The project declarations an identifier refers to that carry code: functions, methods, accessors, values. */
  private declarationsOf(identifier: ts.Identifier | ts.PrivateIdentifier): ts.Node[] {
    let symbol = this.checker.getSymbolAtLocation(identifier);
    if (!symbol) return [];
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return (symbol.declarations ?? []).filter((declaration) => {
      const file = declaration.getSourceFile().fileName;
      if (file.endsWith(".d.ts") || !FOLLOWED.some((dir) => path.resolve(file).startsWith(dir))) return false;
      return (
        ts.isFunctionDeclaration(declaration) ||
        ts.isMethodDeclaration(declaration) ||
        ts.isGetAccessorDeclaration(declaration) ||
        ts.isSetAccessorDeclaration(declaration) ||
        (ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined) ||
        ts.isPropertyAssignment(declaration) ||
        (ts.isPropertyDeclaration(declaration) && declaration.initializer !== undefined)
      );
    });
  }
}

function describe(node: ts.Node): string {
  const file = path.relative(ROOT, node.getSourceFile().fileName);
  const named = node as ts.Node & { name?: ts.Node };
  const name = named.name && !ts.isSourceFile(node) ? named.name.getText() : `line ${node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  return `${file}:${name}`;
}

function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isSatisfiesExpression(current) || ts.isAsExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}
