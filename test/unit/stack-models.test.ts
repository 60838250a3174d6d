import { strict as assert } from "node:assert";
import { stackCatalog } from "../../src/catalog";
import { validateStackConfig } from "../../src/config";
import { validateStackInputs } from "../../src/stack";
import { tenantsForStack } from "../../src/stack-tenants";
import { parseTenantValue } from "../../src/tenant-loader";
import { formatInputError } from "../../src/validation";
import { configFor, projectDir } from "../helpers/program";
import { useTenantFixtures, validTenant } from "../helpers/tenant-fixtures";

/** A model a stack adds to the catalog (`models:` in its config), served from the us geo only. */
const stackModel = (id: string, inputPer1M: number) => ({
  id,
  inputPer1M,
  outputPer1M: 4 * inputPer1M,
  crossRegion: ["us" as const],
  profileOnly: true,
});

/**
 * A stack's own models (src/catalog.ts ModelCatalog) are that stack's: validating one stack leaves
 * nothing behind that another stack validated in the same process (the check's tests, the org
 * stack's environments, a bench) would see.
 */
describe("each stack's own models", () => {
  const tenants = useTenantFixtures();
  const tenantUsing = (model: string) =>
    validTenant({ name: "claims", profiles: [{ name: "chatbot", model, crossRegion: "us" }] });

  it("are seen by that stack only, whichever was validated last", () => {
    const alpha = configFor("dev", {
      tenantsDir: tenants({ "claims.ts": tenantUsing("acme.alpha-v1:0") }).dir,
      set: { models: [stackModel("acme.alpha-v1:0", 1)] },
    });
    const beta = configFor("dev", {
      tenantsDir: tenants({ "claims.ts": tenantUsing("acme.alpha-v1:0") }).dir,
      set: { models: [stackModel("acme.beta-v1:0", 3)] },
    });

    const alphaInputs = validateStackInputs(alpha, "Pulumi.alpha.yaml", projectDir);
    assert.ok(!("errors" in alphaInputs), JSON.stringify(alphaInputs));
    assert.deepEqual(alphaInputs.tenants[0].profiles[0].price, { inputPer1M: 1, outputPer1M: 4 });

    // A stack that adds no models cannot price alpha's, though alpha was validated last.
    const overriding = validateStackConfig(
      configFor("dev", {
        set: { priceOverrides: { "acme.alpha-v1:0": { inputPer1M: 0.5, outputPer1M: 2 } } },
      }),
      "Pulumi.beta.yaml",
    );
    assert.ok("errors" in overriding, "a stack priced a model only another stack adds");

    // The beta stack does not know alpha's model in its tenant files.
    const betaInputs = validateStackInputs(beta, "Pulumi.beta.yaml", projectDir);
    assert.ok("errors" in betaInputs);
    assert.match(
      betaInputs.errors.map(formatInputError).join("\n"),
      /"acme\.alpha-v1:0" is not a model of the catalog/,
    );

    // And alpha's tenants, priced after beta was validated, still see alpha's model.
    const loaded = parseTenantValue(
      tenantUsing("acme.alpha-v1:0"),
      "tenants/claims.ts",
      stackCatalog(alphaInputs.config.models),
    );
    assert.ok(!("errors" in loaded), JSON.stringify(loaded));
    const [tenant] = tenantsForStack([loaded], alphaInputs.config).tenants;
    assert.deepEqual(tenant.profiles[0].price, { inputPer1M: 1, outputPer1M: 4 });
  });
});
