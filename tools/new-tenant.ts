import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as prettier from "prettier";
import { defaultMandatoryTags, validateStackConfig } from "../src/config";
import { programTagKeys, tenantSchema, type TenantInput } from "../src/tenant";
import { loadTenantFile } from "../src/tenant-loader";
import { formatInputError } from "../src/validation";
import { readStackConfigFile } from "./stack-config-file";
import { runCli } from "./cli-exit";
import { parseCli } from "./cli-flags";
import { forgottenDoubleDash } from "./check/input/command-line";

/**
 * `npm run new-tenant -- <name> [--model ID] [--budget USD]`: writes `tenants/<name>.ts` from the
 * tenant schema's defaults, formatted as `npm run format` would, reads it back with the tenant
 * loader, then runs the check. Exit codes are the check's: 2 for invalid input, nothing written.
 */
const projectDir = path.resolve(__dirname, "..");
/** Cheap and served in every geo of the shipped stacks: a safe first model, changed at will. */
const defaultModel = "amazon.nova-lite-v1:0";
const placeholder = "TODO";
const usage = `Usage: npm run new-tenant -- <name> [--model ID] [--budget USD] [--no-check]

Writes tenants/<name>.ts with TODO tag values and a placeholder address for the owner to replace
(the check refuses them until then), reads it back, then runs the check.

Options:
  --model ID     the first profile's model (default: ${defaultModel})
  --budget USD   the monthly budget (default: 100)
  --no-check     do not run the check after writing
  -h, --help     this help

Exit codes: the check's (0 passes, 1 violations, 2 invalid input: nothing written when it is a flag).
`;

const cliOptions = {
  model: { type: "string", default: defaultModel },
  budget: { type: "string", default: "100" },
  "no-check": { type: "boolean", default: false },
} as const;

async function main(): Promise<number> {
  const slip = forgottenDoubleDash(
    process.env,
    process.argv.slice(2),
    Object.keys(cliOptions),
    "new-tenant",
    1,
  );
  if (slip) return fail(slip);
  const parsed = parseCli<{ model: string; budget: string; "no-check": boolean }>(
    "new-tenant",
    usage,
    cliOptions,
    {
      positionals: true,
    },
  );
  if (typeof parsed === "number") return parsed;
  const [name, ...extra] = parsed.positionals;
  if (name === undefined || extra.length > 0) return fail(`expected one tenant name\n\n${usage}`);
  const file = path.join("tenants", `${name}.ts`);
  const absolute = path.join(projectDir, file);
  if (fs.existsSync(absolute)) return fail(`${file} already exists: edit it, or choose another name`);

  const tenant: TenantInput = {
    name,
    tags: Object.fromEntries(stackTagKeys().map((key) => [key, placeholder])),
    notify: { emails: [`${name}-owners@example.com`] },
    profiles: [{ name: "main", model: parsed.model }],
    budget: { monthlyUsd: Number(parsed.budget) },
  };
  // Validated before writing, so a bad --model or --budget leaves nothing behind; the schema's
  // defaults (alert thresholds, forecast, onExceed) are written out for the owner to see and change.
  const checked = tenantSchema.safeParse(tenant, { reportInput: true });
  if (!checked.success) {
    const flags: Record<string, string> = { "profiles.0.model": "--model", "budget.monthlyUsd": "--budget" };
    return fail(
      checked.error.issues
        .map((issue) => `${flags[issue.path.join(".")] ?? issue.path.join(".")}: ${issue.message}`)
        .join("\n"),
    );
  }
  const source = [
    `import { defineTenant } from "../src/tenant";`,
    "",
    `/** ${name}: say what the workload is, and replace each ${placeholder} tag value and the address. */`,
    `export default defineTenant(${JSON.stringify({ ...tenant, budget: checked.data.budget })});`,
  ].join("\n");
  const options = (await prettier.resolveConfig(absolute)) ?? {};
  fs.writeFileSync(absolute, await prettier.format(source, { ...options, filepath: absolute }));

  const loaded = loadTenantFile(absolute, file);
  if ("errors" in loaded) {
    fs.rmSync(absolute);
    return fail(loaded.errors.map(formatInputError).join("\n"));
  }
  process.stdout.write(`new-tenant: wrote ${file}\n`);
  if (parsed["no-check"]) return 0;
  const check = spawnSync("npm", ["run", "--silent", "check"], { cwd: projectDir, stdio: "inherit" });
  return check.status ?? 2;
}

/** The mandatory tag keys of every stack (a tenant must carry all), but those the program sets. */
function stackTagKeys(): string[] {
  const keys = new Set<string>();
  for (const entry of fs.readdirSync(projectDir)) {
    const stack = /^Pulumi\.([^.]+)\.yaml$/.exec(entry)?.[1];
    const stackFile = stack === undefined ? undefined : readStackConfigFile(projectDir, stack);
    if (!stackFile || "errors" in stackFile) continue;
    const config = validateStackConfig(stackFile.config, stackFile.file);
    for (const key of "errors" in config ? defaultMandatoryTags : config.config.mandatoryTags) keys.add(key);
  }
  if (keys.size === 0) defaultMandatoryTags.forEach((key) => keys.add(key));
  return [...keys].filter((key) => !(programTagKeys as readonly string[]).includes(key));
}

function fail(message: string): number {
  process.stderr.write(`new-tenant: ${message}${message.endsWith("\n") ? "" : "\n"}`);
  return 2;
}

runCli("new-tenant", main, 2);
