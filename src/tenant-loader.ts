import * as fs from "node:fs";
import * as path from "node:path";
import { type ModelCatalog, baseCatalog } from "./catalog";
import { type TenantDefinition, tenantSchemaFor } from "./tenant";
import { evaluateTenantSource } from "./tenant-source";
import { placeholderProblems } from "./tenant-placeholders";
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
 * problem of every file is collected, so one run shows them all. The files are read as data
 * (src/tenant-source.ts), never run: a tenant file cannot execute code in the deploy job. Their
 * models are `catalog`'s (a stack's: the base catalog plus its config's `models`).
 */
export function loadTenants(directory: string, catalog: ModelCatalog = baseCatalog): TenantLoadResult {
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
    const file = displayPath(path.resolve(directory, entry));
    const result = loadTenantFile(path.resolve(directory, entry), file, catalog);
    if ("errors" in result) errors.push(...result.errors);
    else {
      // Valid, but not finished: refused here, for every stack, not by the schema (new-tenant writes them).
      const placeholders = placeholderProblems(result.file, result.definition);
      if (placeholders.length > 0) errors.push(...placeholders);
      else tenants.push(result);
    }
  }
  return { tenants, errors: [...errors, ...nameProblems(tenants)] };
}

/** One tenant file, read as data and validated. Never throws. */
export function loadTenantFile(
  absolute: string,
  file: string,
  catalog: ModelCatalog = baseCatalog,
): LoadedTenant | { errors: InputError[] } {
  let text: string;
  try {
    text = fs.readFileSync(absolute, "utf8");
  } catch (error) {
    return { errors: [{ file, path: "", message: `cannot be read: ${(error as Error).message}` }] };
  }
  const source = evaluateTenantSource(text, file);
  if ("problem" in source) {
    const { line, column, message } = source.problem;
    return { errors: [{ file: `${file}:${line}:${column}`, path: "", message }] };
  }
  return parseTenantValue(source.value, file, catalog);
}

/**
 * `tenants/<name>.ts` holds tenant `<name>` (docs/tenants.md): a copied file that keeps the
 * original's name is caught here, and named after the file that owns the name, before any of its
 * derived names could clash.
 */
function nameProblems(tenants: LoadedTenant[]): InputError[] {
  const errors: InputError[] = [];
  const matches = (tenant: LoadedTenant) => tenant.definition.name === path.basename(tenant.file, ".ts");
  const fileByName = new Map(tenants.filter(matches).map((tenant) => [tenant.definition.name, tenant.file]));
  for (let index = tenants.length - 1; index >= 0; index--) {
    const { file, definition } = tenants[index];
    if (matches(tenants[index])) continue;
    const expected = path.basename(file, ".ts");
    const owner = fileByName.get(definition.name);
    errors.unshift({
      file,
      path: "name",
      message: owner
        ? `"${definition.name}" is the tenant of ${owner}; this file must hold tenant "${expected}" (name: "${expected}")`
        : `"${definition.name}" does not match the file name: ${file} must hold tenant "${expected}" (rename the file or set name: "${expected}")`,
    });
    tenants.splice(index, 1);
  }
  return errors;
}

/** Validates a tenant file's default export, its models `catalog`'s. Never throws. */
export function parseTenantValue(
  exported: unknown,
  file: string,
  catalog: ModelCatalog = baseCatalog,
): LoadedTenant | { errors: InputError[] } {
  const fail = (message: string) => ({ errors: [{ file, path: "", message }] });
  if (
    exported === undefined ||
    exported === null ||
    typeof exported !== "object" ||
    Array.isArray(exported)
  ) {
    return fail(`default export must be a tenant object, got ${describeValue(exported)}`);
  }
  const schema = tenantSchemaFor(catalog);
  const parsed = schema.safeParse(exported, { reportInput: true });
  if (!parsed.success) return { errors: zodIssuesToErrors(file, parsed.error.issues, [], schema) };
  return { file, definition: parsed.data };
}
