import * as fs from "node:fs";
import * as path from "node:path";
import { projectName } from "../src/naming";
import type { PlannedResource } from "../tools/check/plan/planned-resource";
import { resourceTypes } from "../src/resource-types";
import { runCli } from "../tools/cli-exit";
import { parseCli } from "../tools/cli-flags";

/**
 * Writes `examples/stack-export.json`, the export the README's `--state` example judges: the dev
 * stack of the tenants in `examples/tenants/`, planned by the real program under the check's mocks
 * and written as `pulumi stack export` writes deployment version 3. Each resource keeps the
 * provider the program gave it, so the export's tenants are grouped by account exactly as the
 * program groups them. Run `npm run example:stack-export` after a program change.
 */
const projectDir = path.resolve(__dirname, "..");
export const exampleTenantsDir = path.join(projectDir, "examples", "tenants");
export const exampleExportFile = path.join(projectDir, "examples", "stack-export.json");
export const exampleStack = "dev";

/*
 * The program's runner, the SDK's signatures, YAML and prettier are required where used, not imported:
 * they take seconds to load (the Pulumi SDK), and --help or a bad flag should not wait for them.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
type Signatures = Pick<
  typeof import("../tools/check/plan/planned-resource"),
  "signatureKey" | "secretSignature"
>;

/**
 * A value as `pulumi stack export --show-secrets` writes it: a secret (the program's SSM parameter
 * values, which the provider marks secret) keeps its signature and carries its value JSON-encoded in
 * `plaintext`, where the program's run holds it decoded in `value`. The check reads that form back.
 */
function asExported(value: unknown, signatures: Signatures): unknown {
  const { signatureKey, secretSignature } = signatures;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => asExported(item, signatures));
  const record = value as Record<string, unknown>;
  if (record[signatureKey] === secretSignature)
    return {
      [signatureKey]: secretSignature,
      plaintext: JSON.stringify(asExported(record.value, signatures)),
    };
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, asExported(item, signatures)]));
}

export async function exampleStackExport(): Promise<object> {
  const { readStackConfigFile } =
    require("../tools/stack-config-file") as typeof import("../tools/stack-config-file");
  const { runProgram } =
    require("../tools/check/program/program-runner") as typeof import("../tools/check/program/program-runner");
  const signatures = require("../tools/check/plan/planned-resource") as Signatures;
  const stackFile = readStackConfigFile(projectDir, exampleStack);
  if ("errors" in stackFile) throw new Error(stackFile.errors.map((error) => error.message).join("\n"));
  const run = await runProgram({
    programDir: projectDir,
    project: projectName,
    stack: exampleStack,
    config: { ...stackFile.config, [`${projectName}:tenantsDir`]: "examples/tenants" },
  });
  const providerIds = new Map(
    run.resources.flatMap((resource) => {
      if (!resource.provider) return [];
      const cut = resource.provider.lastIndexOf("::");
      return [[resource.provider.slice(0, cut), resource.provider.slice(cut + 2)] as const];
    }),
  );
  const byUrn = (a: PlannedResource, b: PlannedResource) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-12-01T00:00:00Z", magic: "", version: "v3.248.0" },
      // The stack first and providers before the resources that use them, as the engine writes them.
      resources: [
        ...run.resources.filter((resource) => resource.type === resourceTypes.stack),
        ...run.resources.filter((resource) => resource.type.startsWith("pulumi:providers:")).sort(byUrn),
        ...run.resources
          .filter(
            (resource) =>
              resource.type !== resourceTypes.stack && !resource.type.startsWith("pulumi:providers:"),
          )
          .sort(byUrn),
      ].map((resource) => ({
        urn: resource.urn,
        custom: resource.custom,
        ...(resource.custom
          ? { id: providerIds.get(resource.urn) ?? String(resource.outputs?.id ?? resource.name) }
          : {}),
        type: resource.type,
        inputs: asExported(resource.inputs, signatures),
        outputs: asExported(resource.outputs ?? {}, signatures),
        ...(resource.parent ? { parent: resource.parent } : {}),
        ...(resource.provider ? { provider: resource.provider } : {}),
        ...(resource.protect ? { protect: true } : {}),
        dependencies: resource.dependencies,
        propertyDependencies: resource.propertyDependencies,
      })),
    },
  };
}

/* eslint-enable @typescript-eslint/no-require-imports */

const usage = `Usage: npm run example:stack-export

Writes examples/stack-export.json: the dev stack of examples/tenants, planned by the real program under
the check's mocks, as \`pulumi stack export --show-secrets\` writes it.

Exit codes: 0 written, 2 a bad flag or a failure.
`;

if (require.main === module) {
  runCli(
    "example:stack-export",
    async () => {
      // Parsed first: --help and a bad flag write nothing.
      const flags = parseCli("example:stack-export", usage, {});
      if (typeof flags === "number") return flags;
      const exported = await exampleStackExport();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const prettier = require("prettier") as typeof import("prettier");
      // Formatted as `npm run format` would, so the format check passes on a freshly written file.
      fs.writeFileSync(
        exampleExportFile,
        await prettier.format(JSON.stringify(exported), {
          ...(await prettier.resolveConfig(exampleExportFile)),
          filepath: exampleExportFile,
        }),
      );
      process.stdout.write(`wrote ${path.relative(process.cwd(), exampleExportFile)}\n`);
      return 0;
    },
    2,
  );
}
