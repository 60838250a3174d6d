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
  return (
    fileName.endsWith(".ts") &&
    !fileName.endsWith(".d.ts") &&
    fileName !== "index.ts" &&
    !fileName.startsWith("_")
  );
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
    return {
      tenants: [],
      errors: [{ file: shownDirectory, path: "", message: `cannot read tenants: ${reason}` }],
    };
  }
  if (entries.length === 0) {
    return {
      tenants: [],
      errors: [
        {
          file: shownDirectory,
          path: "",
          message: "holds no tenant files (*.ts, not index.ts, *.d.ts or _*)",
        },
      ],
    };
  }

  const tenants: LoadedTenant[] = [];
  const errors: InputError[] = [];
  for (const entry of entries) {
    const absolute = path.resolve(directory, entry);
    const file = displayPath(absolute);
    const loaded = loadModule(absolute, file);
    const result = "errors" in loaded ? loaded : parseTenantModule(loaded.exports, file);
    if ("errors" in result) errors.push(...result.errors);
    else tenants.push(result);
  }

  const fileByName = new Map<string, string>();
  for (const tenant of tenants) {
    const other = fileByName.get(tenant.definition.name);
    if (other) {
      errors.push({
        file: tenant.file,
        path: "name",
        message: `tenant name "${tenant.definition.name}" is already used by ${other}`,
      });
    } else {
      fileByName.set(tenant.definition.name, tenant.file);
    }
  }
  return { tenants, errors };
}

function loadModule(absolute: string, file: string): { exports: unknown } | { errors: InputError[] } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { exports: require(absolute) };
  } catch (error) {
    return {
      errors: [{ file, path: "", message: `cannot be loaded: ${loadFailure(error, absolute, file)}` }],
    };
  }
}

/** Validates what a tenant module exports: the default export must be a valid tenant. Never throws. */
export function parseTenantModule(
  moduleExports: unknown,
  file: string,
): LoadedTenant | { errors: InputError[] } {
  const fail = (message: string) => ({ errors: [{ file, path: "", message }] });
  const exported =
    moduleExports !== null && (typeof moduleExports === "object" || typeof moduleExports === "function")
      ? (moduleExports as { default?: unknown }).default
      : undefined;
  if (exported === undefined || exported === null) {
    return fail("has no default export: end it with `export default defineTenant({ ... })`");
  }
  if (typeof exported !== "object" || Array.isArray(exported)) {
    return fail(`default export must be a tenant object, got ${describeValue(exported)}`);
  }
  const parsed = tenantSchema.safeParse(exported, { reportInput: true });
  if (!parsed.success) return { errors: zodIssuesToErrors(file, parsed.error.issues) };
  return { file, definition: parsed.data };
}

function loadFailure(error: unknown, absolute: string, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const line = lines[0]?.endsWith(":") && lines.length > 1 ? lines[1] : lines[0];
  return line === undefined ? "unknown error" : line.split(absolute).join(file);
}
