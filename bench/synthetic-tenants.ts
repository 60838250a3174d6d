import * as fs from "node:fs";
import * as path from "node:path";

/** Models that serve every geo the generator uses, so every synthetic tenant is valid. */
const models = [
  { model: "anthropic.claude-3-haiku-20240307-v1:0", crossRegion: undefined },
  { model: "amazon.nova-lite-v1:0", crossRegion: "us" },
  { model: "anthropic.claude-sonnet-4-20250514-v1:0", crossRegion: "us" },
  { model: "amazon.nova-micro-v1:0", crossRegion: undefined },
  { model: "meta.llama3-1-8b-instruct-v1:0", crossRegion: "us" },
] as const;
const profileNames = ["chat", "batch", "summarize"];
const depts = ["claims", "sales", "risk", "underwriting", "finance", "hr"];

/**
 * Writes `count` valid tenants (three profiles each, mixed models, cross-Region or not, spread
 * over the given account aliases, one in ten with a deny budget) as plain `export default`
 * objects: the shape any tenant file may have.
 */
export function writeSyntheticTenants(directory: string, count: number, accounts: readonly string[]): void {
  fs.mkdirSync(directory, { recursive: true });
  for (let index = 0; index < count; index++) {
    const name = `tenant-${String(index).padStart(4, "0")}`;
    const dept = depts[index % depts.length];
    const deny = index % 10 === 0;
    const tenant = {
      name,
      account: accounts[index % accounts.length],
      tags: {
        dept,
        team: `team-${index % 37}`,
        app: `app_${index}`,
        "cost-center": `CC-${1000 + (index % 500)}`,
      },
      notify: { emails: [`${name}@insurer.test`] },
      profiles: profileNames.map((profile, offset) => ({
        name: profile,
        ...models[(index + offset) % models.length],
      })),
      budget: { monthlyUsd: 100 + (index % 50) * 100, ...(deny ? { onExceed: "deny" } : {}) },
      ...(deny ? { workloadRoles: [`${name}-workload`] } : {}),
    };
    fs.writeFileSync(
      path.join(directory, `${name}.ts`),
      `export default ${JSON.stringify(tenant, null, 2)};\n`,
    );
  }
}
