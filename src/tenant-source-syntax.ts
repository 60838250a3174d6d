import * as ts from "typescript";

/**
 * How the tenant file reader sees TypeScript syntax: the wrappers that add nothing to a value, and
 * the words and bounded snippets its refusals name what they found with (src/tenant-source.ts).
 */

/** Parentheses and type-only wrappers (`as const`, `satisfies T`, `<T>x`, `x!`) add nothing to the value. */
export function unwrap(node: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isTypeAssertionExpression(node) ||
    ts.isNonNullExpression(node)
  ) {
    node = node.expression;
  }
  return node;
}

export function describeExpression(node: ts.Node): string {
  if (ts.isCallExpression(node)) return `a call ${quoted(node)}`;
  if (ts.isNewExpression(node)) return `a constructor call ${quoted(node)}`;
  if (ts.isTemplateExpression(node)) return `a template expression ${quoted(node)}`;
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return `a function ${quoted(node)}`;
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))
    return `a property access ${quoted(node)}`;
  if (ts.isAwaitExpression(node)) return `an await ${quoted(node)}`;
  if (ts.isBinaryExpression(node)) return `the expression ${quoted(node)}`;
  return `${quoted(node)}`;
}

export function describeStatement(statement: ts.Statement): string {
  if (ts.isVariableStatement(statement)) return `a variable declaration ${quoted(statement)}`;
  if (ts.isFunctionDeclaration(statement)) return `a function declaration ${quoted(statement)}`;
  if (ts.isExpressionStatement(statement)) return `a statement ${quoted(statement)}`;
  if (ts.isExportAssignment(statement)) return "`export =` (write `export default`)";
  if (ts.isExportDeclaration(statement)) return `a re-export ${quoted(statement)}`;
  return `${quoted(statement)}`;
}

/** The offending code on one line, bounded: a refusal quotes what it found, not the whole file. */
function snippet(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, " ");
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A string the file spelled, escaped as in JSON: a refusal is one line even when the string holds a newline. */
export function escaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** A snippet in backticks, or in quotes when it holds a backtick itself. */
export function quoted(node: ts.Node): string {
  const text = snippet(node);
  return text.includes("`") ? `"${text}"` : `\`${text}\``;
}
