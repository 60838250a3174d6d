import * as ts from "typescript";
import { closest } from "./did-you-mean";
import { describeExpression, describeStatement, escaped, quoted, unwrap } from "./tenant-source-syntax";

/**
 * Reads a tenant file as data. The file is parsed with the TypeScript compiler and its default
 * export evaluated statically: nothing in it runs, so a tenant-only pull request cannot execute
 * code in the deploy job. What a tenant file may hold:
 *
 * - `import { defineTenant } from "<...>/src/tenant"` (type-only imports too: they have no effect);
 * - `export default defineTenant({ ... })` or `export default { ... }`, where `{ ... }` is built of
 *   object and array literals, strings (no `${}`), numbers (a leading `-`, `NaN` and `Infinity` are
 *   kept so that validation can name them), booleans, `null` and `undefined`; `as const` and
 *   `satisfies` are allowed, they only type the value.
 *
 * Anything else is refused at its line and column, and the value is never partly used.
 */

/** Where in the file: 1-based line and column, as editors show them. */
export interface SourceProblem {
  line: number;
  column: number;
  message: string;
}

export type TenantSourceResult = { value: unknown } | { problem: SourceProblem };

const tenantModule = /(^|\/)src\/tenant(\.ts|\.js)?$/;
const importableNames = ["defineTenant"];
const literalOnly = "only literal tenant definitions are allowed";
const noDefaultExport = "has no default export: end it with `export default defineTenant({ ... })`";

class Refusal extends Error {
  constructor(
    readonly node: ts.Node,
    message: string,
  ) {
    super(message);
  }
}

const refuse = (node: ts.Node, found: string): never => {
  throw new Refusal(node, `${literalOnly}: ${found}`);
};

export function evaluateTenantSource(text: string, fileName: string): TenantSourceResult {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const at = (node: ts.Node, message: string): { problem: SourceProblem } => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return { problem: { line: line + 1, column: character + 1, message } };
  };
  // The compiler's own syntax errors: a file that does not parse says where and why.
  const [syntaxError] = (source as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (syntaxError) {
    const { line, character } = source.getLineAndCharacterOfPosition(syntaxError.start ?? 0);
    const message = ts.flattenDiagnosticMessageText(syntaxError.messageText, " ");
    return {
      problem: { line: line + 1, column: character + 1, message: `not valid TypeScript: ${message}` },
    };
  }
  try {
    // A file with no default export at all is told how to end, before what else it holds.
    if (!source.statements.some((statement) => ts.isExportAssignment(statement) && !statement.isExportEquals))
      return { problem: { line: 1, column: 1, message: noDefaultExport } };
    const defineTenantNames = new Set<string>();
    let exported: ts.Expression | undefined;
    for (const statement of source.statements) {
      if (ts.isImportDeclaration(statement)) {
        for (const name of importedNames(statement)) defineTenantNames.add(name);
      } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
        exported = statement.expression;
      } else if (!ts.isEmptyStatement(statement)) {
        refuse(statement, describeStatement(statement));
      }
    }
    if (!exported) return { problem: { line: 1, column: 1, message: noDefaultExport } };
    return { value: evaluateExport(exported, defineTenantNames) };
  } catch (error) {
    if (error instanceof Refusal) return at(error.node, error.message);
    throw error;
  }
}

/** The local names `defineTenant` is imported as; any other import is refused. */
function importedNames(statement: ts.ImportDeclaration): string[] {
  const path = ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : "";
  const specifier = escaped(path);
  const clause = statement.importClause;
  if (!clause) return refuse(statement, `an import run for its side effects ("${specifier}")`);
  if (clause.isTypeOnly) return [];
  if (!tenantModule.test(path))
    return refuse(
      statement,
      `an import of "${specifier}" (tenant files may import only defineTenant from src/tenant)`,
    );
  if (clause.name)
    return refuse(clause.name, `a default import (write \`import { defineTenant } from "${specifier}"\`)`);
  const bindings = clause.namedBindings;
  if (!bindings || !ts.isNamedImports(bindings))
    return refuse(clause, `a namespace import (write \`import { defineTenant } from "${specifier}"\`)`);
  const names: string[] = [];
  for (const element of bindings.elements) {
    if (element.isTypeOnly) continue;
    const imported = (element.propertyName ?? element.name).text;
    if (!importableNames.includes(imported)) {
      const suggestion = closest(imported, importableNames);
      if (suggestion)
        throw new Refusal(
          element,
          `"${imported}" is not exported by ${specifier}; did you mean "${suggestion}"?`,
        );
      refuse(element, `an import of "${imported}" (tenant files may import only defineTenant)`);
    }
    names.push(element.name.text);
  }
  return names;
}

function evaluateExport(expression: ts.Expression, defineTenantNames: ReadonlySet<string>): unknown {
  const inner = unwrap(expression);
  if (
    ts.isCallExpression(inner) &&
    ts.isIdentifier(inner.expression) &&
    defineTenantNames.has(inner.expression.text)
  ) {
    if (inner.arguments.length !== 1)
      refuse(inner, `defineTenant with ${inner.arguments.length} arguments (it takes the tenant object)`);
    return evaluate(inner.arguments[0]);
  }
  if (isPromise(inner)) {
    throw new Refusal(
      inner,
      "the default export is a Promise: export the tenant object itself, `export default defineTenant({ ... })`",
    );
  }
  return evaluate(inner);
}

function isPromise(node: ts.Expression): boolean {
  const callee = ts.isCallExpression(node) || ts.isNewExpression(node) ? node.expression : undefined;
  if (callee && /^Promise\b/.test(callee.getText())) return true;
  if (ts.isAwaitExpression(node)) return false;
  if (ts.isCallExpression(node)) {
    const called = unwrap(node.expression);
    return (ts.isArrowFunction(called) || ts.isFunctionExpression(called)) && hasAsync(called);
  }
  return false;
}

const hasAsync = (node: ts.ArrowFunction | ts.FunctionExpression) =>
  node.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) === true;

const constants: Record<string, unknown> = { undefined: undefined, NaN: NaN, Infinity: Infinity };

function evaluate(expression: ts.Expression): unknown {
  const node = unwrap(expression);
  switch (node.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return (node as ts.StringLiteral).text;
    case ts.SyntaxKind.NumericLiteral:
      return Number((node as ts.NumericLiteral).text.replace(/_/g, ""));
    case ts.SyntaxKind.TrueKeyword:
      return true;
    case ts.SyntaxKind.FalseKeyword:
      return false;
    case ts.SyntaxKind.NullKeyword:
      return null;
    case ts.SyntaxKind.Identifier: {
      const name = (node as ts.Identifier).text;
      if (name in constants) return constants[name];
      return refuse(node, `the name \`${name}\` (write the value itself)`);
    }
    case ts.SyntaxKind.PrefixUnaryExpression: {
      const unary = node as ts.PrefixUnaryExpression;
      const operand = evaluate(unary.operand);
      const sign =
        unary.operator === ts.SyntaxKind.MinusToken ? -1 : unary.operator === ts.SyntaxKind.PlusToken ? 1 : 0;
      if (sign === 0 || typeof operand !== "number") return refuse(node, `the expression ${quoted(node)}`);
      return sign * operand;
    }
    case ts.SyntaxKind.ArrayLiteralExpression:
      return (node as ts.ArrayLiteralExpression).elements.map((element) => {
        if (ts.isSpreadElement(element)) return refuse(element, `a spread ${quoted(element)}`);
        if (ts.isOmittedExpression(element)) return refuse(element, "an empty array slot");
        return evaluate(element);
      });
    case ts.SyntaxKind.ObjectLiteralExpression:
      return evaluateObject(node as ts.ObjectLiteralExpression);
    default:
      return refuse(node, describeExpression(node));
  }
}

function evaluateObject(node: ts.ObjectLiteralExpression): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const property of node.properties) {
    if (ts.isSpreadAssignment(property)) refuse(property, `a spread ${quoted(property)}`);
    if (ts.isShorthandPropertyAssignment(property))
      refuse(
        property,
        `the shorthand property \`${property.name.text}\` (write \`${property.name.text}: <value>\`)`,
      );
    if (!ts.isPropertyAssignment(property)) refuse(property, `a method or accessor ${quoted(property)}`);
    const assignment = property as ts.PropertyAssignment;
    const key = propertyKey(assignment.name);
    if (Object.prototype.hasOwnProperty.call(result, key))
      refuse(assignment.name, `the key "${escaped(key)}" twice`);
    // defineProperty, not assignment: a `__proto__` key must stay a key, not replace the prototype.
    Object.defineProperty(result, key, {
      value: evaluate(assignment.initializer),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

function propertyKey(name: ts.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name))
    return name.text;
  if (ts.isNumericLiteral(name)) return String(Number(name.text.replace(/_/g, "")));
  return refuse(name, `a computed key ${quoted(name)}`);
}
