import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { parseTenantValue } from "../../src/tenant-loader";
import { evaluateTenantSource } from "../../src/tenant-source";
import { formatInputError } from "../../src/validation";
import { documentationFiles, repoRoot } from "../helpers/documentation";

/**
 * Each document with TypeScript snippets, and the directory they are written from: the tenant
 * reference's example is a file of `tenants/`, the resolver's examples import `./resolver` from the root.
 */
const documents = [
  { file: "docs/tenants.md", directory: "tenants" },
  { file: "resolver/README.md", directory: "." },
];

const tsFence = /^```(ts|typescript)\s*$/;

interface Snippet {
  document: string;
  line: number;
  virtualFile: string;
  text: string;
}

function snippets(): Snippet[] {
  return documents.flatMap(({ file, directory }) => {
    const lines = fs.readFileSync(path.join(repoRoot, file), "utf8").split("\n");
    const found: Snippet[] = [];
    for (let index = 0; index < lines.length; index++) {
      if (!tsFence.test(lines[index])) continue;
      const end = lines.indexOf("```", index + 1);
      const name = `_snippet-${file.replace(/\W/g, "-")}-${index + 1}.ts`;
      found.push({
        document: file,
        line: index + 1,
        virtualFile: path.join(repoRoot, directory, name),
        text: lines.slice(index + 1, end).join("\n"),
      });
      index = end;
    }
    return found;
  });
}

/** Type-checks the snippets as files of the project (its compiler options), without writing them anywhere. */
function compile(found: readonly Snippet[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(repoRoot, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    },
  );
  assert.ok(config, "tsconfig.json parses");
  const options: ts.CompilerOptions = {
    ...config.options,
    // Examples may stop at a value they have shown (`const arn = ...`) and await at the top level.
    noUnusedLocals: false,
    module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const byFile = new Map(found.map((snippet) => [snippet.virtualFile, snippet]));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => byFile.get(file)?.text ?? readFile(file);
  host.fileExists = (file) => byFile.has(file) || fileExists(file);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language) => {
    const snippet = byFile.get(file);
    return snippet ? ts.createSourceFile(file, snippet.text, language) : getSourceFile(file, language);
  };
  const program = ts.createProgram([...byFile.keys()], options, host);
  // The snippets' own diagnostics (and the options'): the project's files they import are type-checked
  // by `npm run typecheck`, and checking them again here took most of this test's time.
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...byFile.keys()].flatMap((file) => {
      const source = program.getSourceFile(file)!;
      return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    }),
  ];
  return diagnostics.map((diagnostic) => {
    const snippet = diagnostic.file ? byFile.get(diagnostic.file.fileName) : undefined;
    const where = snippet
      ? `${snippet.document}:${snippet.line + 1 + diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line}`
      : (diagnostic.file?.fileName ?? "");
    return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
  });
}

describe("the TypeScript snippets of the documentation", function () {
  this.timeout(60_000);
  const found = snippets();

  it("are found in every listed document", () => {
    assert.deepEqual(
      [...new Set(found.map((snippet) => snippet.document))],
      documents.map((document) => document.file),
    );
  });

  it("are all compiled: no other document has a TypeScript snippet", () => {
    const listed = new Set(documents.map((document) => document.file));
    const unlisted = documentationFiles().filter(
      (file) =>
        !listed.has(file) &&
        fs
          .readFileSync(path.join(repoRoot, file), "utf8")
          .split("\n")
          .some((line) => tsFence.test(line)),
    );
    assert.deepEqual(unlisted, []);
  });

  it("compile against the project's code and dependencies", () => {
    assert.deepEqual(compile(found), []);
  });

  it("include a tenant example that the tenant loader accepts as written", () => {
    const tenants = found.filter((snippet) => snippet.text.includes("defineTenant("));
    assert.ok(tenants.length > 0);
    for (const snippet of tenants) {
      const source = evaluateTenantSource(snippet.text, snippet.document);
      if ("problem" in source) assert.fail(`${snippet.document}:${snippet.line}: ${source.problem.message}`);
      const parsed = parseTenantValue(source.value, `${snippet.document}:${snippet.line}`);
      assert.deepEqual("errors" in parsed ? parsed.errors.map(formatInputError) : [], []);
    }
  });
});
