import * as fs from "node:fs";
import * as path from "node:path";
import { tenantSchema, type TenantDefinition } from "./tenant";
import { type InputError, describeValue, zodIssuesToErrors } from "./validation";

export interface LoadedTenant {
  /** The file as shown to users: relative to the working directory when inside it. */
  file: string;
  definition: TenantDefinition;
}

export type TenantLoadResult = { tenants: LoadedTenant[]; errors: InputError[] };

/** A tenant file is every `*.ts` except `index.ts`, `*.d.ts` and files starting with `_`. */
export function isTenantFile(fileName: string): boolean {
  return fileName.endsWith(".ts") && !fileName.endsWith(".d.ts") && fileName !== "index.ts" && !fileName.startsWith("_");
}

export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

/**
 * Loads and validates every tenant file in a directory. Never throws on user input: every
 * problem of every file is collected, so one run shows them all. The files are TypeScript
 * and are loaded with `require`, so a TypeScript loader (ts-node under Pulumi, tsx in the
 * check and tests) must be registered.
 */
export function loadTenants(directory: string): TenantLoadResult {
  const shownDirectory = displayPath(directory);
  let entries: string[];
  try {
    if (!fs.statSync(directory).isDirectory()) {
      return { tenants: [], errors: [{ file: shownDirectory, path: "", message: "is not a directory" }] };
    }
    entries = fs.readdirSync(directory).filter(isTenantFile).sort();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such directory" : String(error);
    return { tenants: [], errors: [{ file: shownDirectory, path: "", message: `cannot read tenants: ${reason}` }] };
  }
  if (entries.length === 0) {
    return {
      tenants: [],
      errors: [{ file: shownDirectory, path: "", message: "holds no tenant files (*.ts, not index.ts, *.d.ts or _*)" }],
    };
  }

  const tenants: LoadedTenant[] = [];
  const errors: InputError[] = [];
  for (const entry of entries) {
    const absolute = path.resolve(directory, entry);
    const file = displayPath(absolute);
    const exported = loadDefaultExport(absolute, file, errors);
    if (exported === undefined) continue;
    const parsed = tenantSchema.safeParse(exported, { reportInput: true });
    if (!parsed.success) {
      errors.push(...zodIssuesToErrors(file, parsed.error.issues));
      continue;
    }
    tenants.push({ file, definition: parsed.data });
  }

  const fileByName = new Map<string, string>();
  for (const tenant of tenants) {
    const other = fileByName.get(tenant.definition.name);
    if (other) {
      errors.push({ file: tenant.file, path: "name", message: `tenant name "${tenant.definition.name}" is already used by ${other}` });
    } else {
      fileByName.set(tenant.definition.name, tenant.file);
    }
  }
  return { tenants, errors };
}

function loadDefaultExport(absolute: string, file: string, errors: InputError[]): unknown {
  let moduleExports: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    moduleExports = require(absolute);
  } catch (error) {
    errors.push({ file, path: "", message: `cannot be loaded: ${loadFailure(error, absolute, file)}` });
    return undefined;
  }
  const exported = (moduleExports as { default?: unknown } | null)?.default;
  if (exported === undefined || exported === null) {
    errors.push({ file, path: "", message: "has no default export: end it with `export default defineTenant({ ... })`" });
    return undefined;
  }
  if (typeof exported !== "object" || Array.isArray(exported)) {
    errors.push({ file, path: "", message: `default export must be a tenant object, got ${describeValue(exported)}` });
    return undefined;
  }
  return exported;
}

/**
 * The line of a load error that says what is wrong. TypeScript loaders head a compile error with
 * a summary ("Transform failed with 1 error:" from tsx, "Unable to compile TypeScript:" from
 * ts-node) and give the cause, with line and column, on the next line.
 */
function loadFailure(error: unknown, absolute: string, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  const line = lines[0]?.endsWith(":") && lines.length > 1 ? lines[1] : lines[0];
  return line === undefined ? "unknown error" : line.split(absolute).join(file);
}
