import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { partitionOf } from "../../src/arns";
import { findModel, geoServesRegion, knownModelIds } from "../../src/catalog";
import { validateStackInputs } from "../../src/stack";
import { formatInputError } from "../../src/validation";
import type { TenantInput } from "../../src/tenant";
import { preflight, preflightErrors } from "../../tools/check/preflight";
import { planStack, projectDir, stackFileConfig } from "../helpers/program";
import { tempDir } from "../helpers/temp-files";

/**
 * The property that closes the class of bug where mocks accept what AWS refuses: any tenant the
 * schema accepts yields a plan the AWS preflight accepts. Tenants are generated across every
 * catalog model and geo, at maximum lengths, up to 20 profiles, with deny budgets, in Regions with
 * long names and in GovCloud; those the schema refuses are discarded (fc.pre), the rest planned by
 * the real program under mocks and preflighted.
 */
const regions = ["us-east-1", "eu-west-1", "ap-southeast-5", "us-gov-west-1"] as const;
const accountId = "111122223333";
const tagChars = "abcXYZ019 ._:/=+@-";
const tagValue = (maxLength: number) =>
  fc
    .string({ unit: fc.constantFrom(...tagChars), minLength: 1, maxLength })
    .filter((value) => value.trim() !== "");
const lowerName = (maxLength: number) =>
  fc
    .tuple(
      fc.constantFrom(..."abcxyz"),
      fc.string({ unit: fc.constantFrom(..."abz09"), maxLength: maxLength - 1 }),
    )
    .map(([a, b]) => a + b);
const descriptionArb = fc
  .array(fc.tuple(fc.constantFrom(..."aZ9:."), fc.constantFrom("", " ", "_", "-")), {
    minLength: 1,
    maxLength: 100,
  })
  .map((parts) =>
    parts
      .map(([char, separator]) => char + separator)
      .join("")
      .replace(/[ _-]+$/, "")
      .slice(0, 200),
  );

/** A model usable in the Region (profile-only models need a geo served there), with a geo where one serves it. */
function profileArb(region: string) {
  const servedGeos = (model: string) =>
    findModel(model)!.crossRegion.filter((geo) => geoServesRegion(geo, region));
  const usable = knownModelIds.filter(
    (model) => !findModel(model)!.profileOnly || servedGeos(model).length > 0,
  );
  return fc.constantFrom(...usable).chain((model) => {
    const geos = servedGeos(model);
    const geo = geos.length > 0 ? fc.constantFrom(...geos) : fc.constant(undefined);
    const crossRegion = findModel(model)!.profileOnly ? geo : fc.option(geo, { nil: undefined });
    return fc.record({
      model: fc.constant(model),
      crossRegion,
      description: fc.option(descriptionArb, { nil: undefined }),
    });
  });
}

const emailArb = fc
  .tuple(fc.stringMatching(/^[a-z0-9]([a-z0-9+_.-]{0,40}[a-z0-9])?$/), fc.stringMatching(/^[a-z0-9]{1,20}$/))
  .filter(([local]) => !local.includes(".."))
  .map(([local, domain]) => `${local}@${domain}.example.com`);

function tenantArb(region: string) {
  return fc
    .record({
      name: lowerName(32),
      profiles: fc.uniqueArray(fc.tuple(lowerName(32), profileArb(region)), {
        minLength: 1,
        maxLength: 20,
        selector: ([name]) => name,
      }),
      tags: fc.record({
        dept: tagValue(256),
        team: tagValue(256),
        app: tagValue(256),
        "cost-center": tagValue(256),
      }),
      extraTag: fc.tuple(tagValue(128), tagValue(256)),
      emails: fc.uniqueArray(emailArb, { minLength: 1, maxLength: 10 }),
      topics: fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{1,256}$/), { maxLength: 4 }),
      monthlyUsd: fc.double({ min: 0.01, max: 1e12, noNaN: true }),
      alertAtPercent: fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 9 }),
      onExceed: fc.constantFrom("notify", "deny"),
      workloadRoles: fc.array(fc.stringMatching(/^[\w+=,.@-]{1,64}$/), { minLength: 1, maxLength: 10 }),
    })
    .map((t): TenantInput => ({
      name: t.name,
      tags: { ...t.tags, [t.extraTag[0].trim() || "x"]: t.extraTag[1] },
      notify: {
        emails: t.emails,
        snsTopicArns: t.topics.map(
          (topic) => `arn:${partitionOf(region)}:sns:${region}:${accountId}:${topic}`,
        ),
      },
      profiles: t.profiles.map(([name, profile]) => ({
        name,
        model: profile.model,
        ...(profile.crossRegion ? { crossRegion: profile.crossRegion } : {}),
        ...(profile.description ? { description: profile.description } : {}),
      })),
      budget: {
        monthlyUsd: t.monthlyUsd,
        alertAtPercent: t.alertAtPercent,
        onExceed: t.onExceed as "notify" | "deny",
      },
      workloadRoles: t.workloadRoles,
    }));
}

const caseArb = fc.constantFrom(...regions).chain((region) =>
  fc.record({
    region: fc.constant(region),
    tenants: fc.uniqueArray(tenantArb(region), {
      minLength: 1,
      maxLength: 2,
      selector: (tenant) => tenant.name,
    }),
  }),
);

/** The heaviest tenant the schema takes: 20 distinct cross-Region models, longest names, in ap-southeast-5. */
function worstCase(): { region: string; tenants: TenantInput[] } {
  const region = "ap-southeast-5";
  const models = knownModelIds
    .filter((id) => findModel(id)!.crossRegion.some((geo) => geoServesRegion(geo, region)))
    .sort((a, b) => b.length - a.length);
  const profiles = Array.from({ length: 20 }, (_, index) => {
    const model = models[index % models.length];
    return {
      name: `p${String(index).padStart(2, "0")}${"x".repeat(26)}`.slice(0, 29),
      model,
      crossRegion: findModel(model)!.crossRegion.find((geo) => geoServesRegion(geo, region)),
    };
  });
  return {
    region,
    tenants: [
      {
        name: "t".repeat(30),
        tags: {
          dept: "d".repeat(256),
          team: "t".repeat(256),
          app: "a".repeat(256),
          "cost-center": "c".repeat(256),
        },
        notify: {
          emails: Array.from({ length: 10 }, (_, i) => `owner${i}@example.com`),
          snsTopicArns: [`arn:aws:sns:${region}:${accountId}:${"n".repeat(256)}`],
        },
        profiles,
        budget: { monthlyUsd: 1e12, onExceed: "deny" },
        workloadRoles: Array.from({ length: 10 }, (_, i) => `${"r".repeat(62)}${String(i).padStart(2, "0")}`),
      },
    ],
  };
}

async function preflightOf({
  region,
  tenants,
}: {
  region: string;
  tenants: TenantInput[];
}): Promise<string[] | undefined> {
  const dir = tempDir("bcg-property-");
  try {
    for (const tenant of tenants)
      fs.writeFileSync(path.join(dir, `${tenant.name}.ts`), `export default ${JSON.stringify(tenant)};\n`);
    const set = {
      tenantsDir: dir,
      accounts: {
        main: { accountId, roleArn: `arn:${partitionOf(region)}:iam::${accountId}:role/deploy`, region },
      },
      defaultAccount: "main",
    };
    const config = { ...stackFileConfig("dev") };
    for (const [key, value] of Object.entries(set))
      config[`bedrock-cost-governance:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    const inputs = validateStackInputs(config, "Pulumi.dev.yaml", projectDir);
    if ("errors" in inputs) {
      if (process.env.PREFLIGHT_PROPERTY_DEBUG) console.log(inputs.errors.slice(0, 3).map(formatInputError));
      return undefined; // the schema refuses it: not a case of the property
    }
    const plan = await planStack("dev", { set });
    return preflightErrors(preflight(plan.resources), inputs.tenants).map(formatInputError);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("AWS preflight: any tenant the schema accepts yields a plan AWS accepts (property)", function () {
  this.timeout(600_000);

  it("accepts the heaviest tenant the schema takes (20 cross-Region profiles, longest names, deny budget)", async () => {
    const errors = await preflightOf(worstCase());
    assert.ok(errors, "the schema should accept the worst case");
    assert.deepEqual(errors, []);
  });

  it("accepts every generated tenant the schema accepts, across models, geos, lengths and Regions", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (generated) => {
        const errors = await preflightOf(generated);
        fc.pre(errors !== undefined);
        accepted++;
        assert.deepEqual(errors, []);
      }),
      { numRuns: 25, maxSkipsPerRun: 20, seed: Number(process.env.PREFLIGHT_PROPERTY_SEED ?? 20261201) },
    );
    assert.ok(
      accepted >= 12,
      `only ${accepted} generated cases passed the schema: the generator drifted from it`,
    );
  });
});
