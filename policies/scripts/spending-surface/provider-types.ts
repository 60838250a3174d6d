/**
 * The resource types of an installed Pulumi provider SDK, read from its type definitions with the
 * TypeScript parser (no type checker: a few seconds for both providers): each type's token (its
 * class's `__pulumiType`), whether its inputs have `tags`, and every input property, nested ones
 * included (`promptOverrideConfiguration.promptConfigurations[].foundationModel`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

export interface ProviderType {
  token: string;
  tagged: boolean;
  /** Every input property path with whether its type is (or holds) a string. */
  properties: Array<{ path: string; leaf: string; string: boolean }>;
}

/** Nested input types are followed this deep; provider schemas nest about ten levels at most. */
const maxDepth = 12;

export function providerVersion(pkg: string): string {
  return (JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), "utf8")) as { version: string })
    .version;
}

export function providerTypes(pkg: string): ProviderType[] {
  const root = path.dirname(require.resolve(`${pkg}/package.json`));
  const inputFile = path.join(root, "types", "input.d.ts");
  const inputSource = ts.createSourceFile(
    inputFile,
    fs.readFileSync(inputFile, "utf8"),
    ts.ScriptTarget.Latest,
  );
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const collect = (node: ts.Node, prefix: string): void => {
    if (ts.isModuleDeclaration(node) && node.body) {
      const name = `${prefix}${node.name.getText(inputSource)}.`;
      if (ts.isModuleBlock(node.body)) node.body.statements.forEach((statement) => collect(statement, name));
    } else if (ts.isInterfaceDeclaration(node)) interfaces.set(prefix + node.name.text, node);
  };
  inputSource.statements.forEach((statement) => collect(statement, ""));

  const found: ProviderType[] = [];
  for (const dir of fs.readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === "types" || dir.name === "node_modules") continue;
    for (const file of fs.readdirSync(path.join(root, dir.name)).filter((name) => name.endsWith(".js"))) {
      const token = /static __pulumiType = '([^']+)'/.exec(
        fs.readFileSync(path.join(root, dir.name, file), "utf8"),
      )?.[1];
      if (!token || token.startsWith("pulumi:providers:")) continue;
      const declarationFile = path.join(root, dir.name, file.replace(/\.js$/, ".d.ts"));
      const source = ts.createSourceFile(
        declarationFile,
        fs.readFileSync(declarationFile, "utf8"),
        ts.ScriptTarget.Latest,
      );
      const args = source.statements.find(
        (statement): statement is ts.InterfaceDeclaration =>
          ts.isInterfaceDeclaration(statement) && statement.name.text.endsWith("Args"),
      );
      if (!args) continue;
      const properties: ProviderType["properties"] = [];
      const walk = (
        members: ts.NodeArray<ts.TypeElement>,
        file: ts.SourceFile,
        prefix: string,
        depth: number,
      ) => {
        for (const member of members) {
          if (!ts.isPropertySignature(member) || !member.type) continue;
          const leaf = member.name.getText(file).replace(/^["']|["']$/g, "");
          const typeText = member.type.getText(file);
          properties.push({ path: prefix + leaf, leaf, string: /\bstring\b/.test(typeText) });
          if (depth >= maxDepth) continue;
          for (const reference of typeText.matchAll(/inputs\.([A-Za-z0-9_.]+)/g)) {
            const nested = interfaces.get(reference[1]);
            const list = /\[\]|Array</.test(typeText) ? "[]" : "";
            if (nested) walk(nested.members, inputSource, `${prefix}${leaf}${list}.`, depth + 1);
          }
        }
      };
      walk(args.members, source, "", 0);
      found.push({ token, tagged: properties.some((property) => property.path === "tags"), properties });
    }
  }
  return found.sort((a, b) => a.token.localeCompare(b.token));
}
