import * as assert from "node:assert/strict";
import { types as packTypes } from "../../policies/lib/resource-types";
import { awsResourceSpecs } from "../../src/aws-resource-specs";
import { OrganizationGuardrails } from "../../src/components/organization-guardrails";
import { TenantGuardrails } from "../../src/components/tenant-guardrails";
import { resourceTypes } from "../../src/resource-types";
import { planStack } from "../helpers/program";

type Table = Readonly<Record<string, string>>;

/**
 * The program's own types the pack has no policy for, and why: each must stay out of the pack's
 * table. (An AWS type's spec says so itself: test/unit/aws-resource-specs.test.ts.)
 */
const notJudgedByThePack: Readonly<Record<string, string>> = {
  stack: "the stack resource carries no inputs",
  tenantGuardrails: "a component: the engine does not send it to Analyze",
  organizationGuardrails: "a component: the engine does not send it to Analyze",
};

/** Every token of the root package by name: src/resource-types.ts's and each AWS type spec's. */
const rootTypes: Table = {
  ...resourceTypes,
  ...Object.fromEntries(Object.entries(awsResourceSpecs).map(([name, spec]) => [name, spec.type])),
};

/** In the table only because the check reads it from a stack export of another program. */
const readNotRegistered = new Set(["nativeInferenceProfile"]);

function tokenNames(table: Table): Map<string, string> {
  return new Map(Object.entries(table).map(([name, token]) => [token, name]));
}

describe("type tokens: the root package's (src/resource-types.ts and the AWS type specs) and the pack's", () => {
  it("spells each name both tables use as one token, and each token both spell under one name", () => {
    const pack: Table = packTypes;
    const root = rootTypes;
    const sameName = Object.keys(root).filter((name) => name in pack);
    for (const name of sameName)
      assert.equal(pack[name], root[name], `resourceTypes.${name} vs the pack's types.${name}`);
    const packNames = tokenNames(pack);
    for (const [token, name] of tokenNames(root)) {
      const packName = packNames.get(token);
      if (packName !== undefined)
        assert.equal(packName, name, `${token}: named ${name} here, ${packName} in the pack`);
    }
    assert.ok(sameName.length >= 10, `only ${sameName.length} names shared: the tables no longer line up`);
  });

  it("has the pack name every program type it judges, and no type the list says it does not", () => {
    const pack: Table = packTypes;
    for (const [name, token] of Object.entries(resourceTypes)) {
      if (readNotRegistered.has(name)) continue;
      if (name in notJudgedByThePack)
        assert.ok(
          !Object.values(pack).includes(token),
          `the pack judges ${token}: take ${name} off the not-judged list`,
        );
      else
        assert.equal(
          pack[name],
          token,
          `the pack's table lacks ${name} (${token}), a program type it judges`,
        );
    }
    for (const name of Object.keys(notJudgedByThePack))
      assert.ok(name in resourceTypes, `no resourceTypes.${name}`);
  });

  it("names the program's components, its stack and its provider, plus the ones the check only reads", () => {
    const registered = [
      TenantGuardrails.type,
      OrganizationGuardrails.type,
      resourceTypes.stack,
      resourceTypes.awsProvider,
    ];
    const tabled = Object.entries(resourceTypes)
      .filter(([name]) => !readNotRegistered.has(name))
      .map(([, token]) => token);
    assert.deepEqual([...registered].sort(), [...tabled].sort());
  });

  it("covers every type a run of the program registers, in each shipped stack", async () => {
    const tabled = new Set<string>(Object.values(rootTypes));
    for (const stack of ["dev", "prod", "org"]) {
      const plan = await planStack(stack);
      const untabled = [...new Set(plan.resources.map((resource) => resource.type))].filter(
        (type) => !tabled.has(type),
      );
      assert.deepEqual(
        untabled,
        [],
        `${stack} registers types with no spec in src/aws-types/ (nor in src/resource-types.ts)`,
      );
    }
  });
});
