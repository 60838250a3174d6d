import * as fs from "node:fs";
import * as path from "node:path";
import type { TenantInput } from "../../src/tenant";
import { type TenantLoadResult, loadTenants } from "../../src/tenant-loader";
import { tempDir } from "./temp-files";

/** Absolute path of `src/tenant`, for raw tenant sources that call `defineTenant` from a temp dir. */
export const tenantModulePath = path.resolve(__dirname, "../../src/tenant");

/**
 * A small valid tenant: one single-Region profile, every default mandatory tag, one email.
 * Tests change one field of it and look at what that one change does.
 */
export function validTenant(overrides: Partial<TenantInput> = {}): TenantInput {
  return {
    name: "claims",
    tags: { dept: "claims", team: "automation", app: "claims_chatbot", "cost-center": "CC-4100" },
    notify: { emails: ["claims@example.com"] },
    profiles: [{ name: "chatbot", model: "anthropic.claude-3-haiku-20240307-v1:0" }],
    budget: { monthlyUsd: 1000 },
    ...overrides,
  };
}

/** A tenant file's content: an object (written as `export default <json>`) or raw TypeScript source. */
export type TenantFileContent = object | string;

/**
 * A throwaway project directory `<tmp>/bcg-XXXX/` holding `tenants/`, so loader messages read
 * `tenants/<file>.ts: ...` exactly as users see them when Pulumi runs in the project directory.
 */
export class TenantFixture {
  readonly root: string;
  /** Absolute path of the tenants directory. */
  readonly dir: string;

  constructor(files: Record<string, TenantFileContent>) {
    this.root = tempDir("bcg-tenants-");
    this.dir = path.join(this.root, "tenants");
    fs.mkdirSync(this.dir);
    for (const [fileName, content] of Object.entries(files)) this.write(fileName, content);
  }

  /**
   * Writes `tenants/<fileName>`. Each fixture is a new directory, so `require` never serves a
   * stale copy; do not rewrite a file once it has been loaded.
   */
  write(fileName: string, content: TenantFileContent): void {
    const source =
      typeof content === "string" ? content : `export default ${JSON.stringify(content, null, 2)};\n`;
    fs.writeFileSync(path.join(this.dir, fileName), source);
  }

  /** `loadTenants` run from the fixture's root, as the program runs from its project directory. */
  load(): TenantLoadResult {
    const previous = process.cwd();
    process.chdir(this.root);
    try {
      return loadTenants("tenants");
    } finally {
      process.chdir(previous);
    }
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * Call at the top of a `describe`: returns a factory of tenant directories, each removed after
 * the test that made it.
 */
export function useTenantFixtures(): (files: Record<string, TenantFileContent>) => TenantFixture {
  const made: TenantFixture[] = [];
  afterEach(() => {
    for (const fixture of made.splice(0)) fixture.remove();
  });
  return (files) => {
    const fixture = new TenantFixture(files);
    made.push(fixture);
    return fixture;
  };
}
