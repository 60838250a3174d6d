import * as fs from "node:fs";
import * as path from "node:path";
import type { ResourceApiMapping } from "./aws-api-members";
import { type AwsTypeSpec, isAwsTypeSpec } from "./aws-type-spec";

/**
 * Every AWS resource type the program creates, found by reading src/aws-types/: one file per type,
 * each exporting its spec (aws-type-spec.ts) and its stand-in class. A directory, not a hand-kept
 * list, so adding a type is its file and the component that creates it (checkov registers its checks
 * the same way, by the modules of a package). The program itself never loads this: its components
 * import the type files they use. The check, the rule generator and the tests read it.
 */
const typesDir = path.join(__dirname, "aws-types");
// Whatever this module runs as (.ts under tsx or ts-node, .js if compiled), its siblings are the same.
const extension = path.extname(__filename);

/** A type's file and everything it exports (its stand-in class among them), for the tests. */
export interface AwsTypeModule {
  file: string;
  spec: AwsTypeSpec;
  exports: Readonly<Record<string, unknown>>;
}

function loadTypeModules(): Readonly<Record<string, AwsTypeModule>> {
  const modules: Record<string, AwsTypeModule> = {};
  for (const file of fs.readdirSync(typesDir).sort()) {
    if (path.extname(file) !== extension || file.endsWith(`.d${extension}`)) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(path.join(typesDir, file)) as Record<string, unknown>;
    const found = Object.entries(exports).filter(([, value]) => isAwsTypeSpec(value));
    if (found.length !== 1)
      throw new Error(`src/aws-types/${file}: exports ${found.length} AWS type specs; each file holds one`);
    const [[name, spec]] = found as Array<[string, AwsTypeSpec]>;
    modules[name] = { file: `src/aws-types/${file}`, spec, exports };
  }
  return modules;
}

/** Each type's module under the name its file exports the spec by (`snsTopic`). */
export const awsTypeModules: Readonly<Record<string, AwsTypeModule>> = loadTypeModules();

/** Each spec under that name: the names the pack's token table uses. */
export const awsResourceSpecs: Readonly<Record<string, AwsTypeSpec>> = Object.fromEntries(
  Object.entries(awsTypeModules).map(([name, { spec }]) => [name, spec]),
);

/** The spec of a type token, or undefined for a type the program does not create. */
export const specByType: ReadonlyMap<string, AwsTypeSpec> = new Map(
  Object.values(awsResourceSpecs).map((spec) => [spec.type, spec]),
);

/** Each spec's API mapping by type token, as the rule generator and its tests read them. */
export const resourceApiMappings: Readonly<Record<string, ResourceApiMapping>> = Object.fromEntries(
  Object.values(awsResourceSpecs).flatMap((spec) => (spec.api ? [[spec.type, spec.api]] : [])),
);
