import * as ts from "typescript";
import { unwrap } from "./tenant-source-syntax";

/** Where a field starts in the file, 1-based like `SourceProblem`. */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * Where each field of a tenant file's default export is written, by its path as validation names it
 * (`budget.monthlyUsd`, `profiles[1].model`, `tags.dept`; "" for the object itself). For pointing a
 * finding at the line a tenant owner edits; a file that does not read as data has no positions.
 */
export function tenantFieldPositions(text: string, fileName: string): Map<string, SourcePosition> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const positions = new Map<string, SourcePosition>();
  const record = (node: ts.Node, path: string) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    positions.set(path, { line: line + 1, column: character + 1 });
  };
  const walk = (expression: ts.Expression, path: string) => {
    const node = unwrap(expression);
    record(node, path);
    if (ts.isArrayLiteralExpression(node))
      node.elements.forEach((element, index) => walk(element as ts.Expression, `${path}[${index}]`));
    if (ts.isObjectLiteralExpression(node))
      for (const property of node.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        const key = ts.isComputedPropertyName(property.name) ? undefined : property.name.getText(source);
        if (key === undefined) continue;
        const name = /^["'`]/.test(key) ? key.slice(1, -1) : key;
        const fieldPath = path ? `${path}.${name}` : name;
        walk(property.initializer, fieldPath);
        // The key, not the value, is where a reader looks for a field: it wins over its value's start.
        record(property.name, fieldPath);
      }
  };
  for (const statement of source.statements) {
    if (!ts.isExportAssignment(statement) || statement.isExportEquals) continue;
    const exported = unwrap(statement.expression);
    const tenant =
      ts.isCallExpression(exported) && exported.arguments.length === 1 ? exported.arguments[0] : exported;
    walk(tenant, "");
  }
  return positions;
}
