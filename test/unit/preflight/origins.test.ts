import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { preflightErrors } from "../../../tools/check/preflight";
import { defaultAlarms, type StackTenant } from "../../../src/stack-tenants";
import { defaultProfileDescription } from "../../../src/stack-tenants";

const price = { inputPer1M: 1, outputPer1M: 5 };
const tenant: StackTenant = {
  name: "claims",
  // Written in before(): the preflight reads it for the line of the field it names.
  file: path.join(os.tmpdir(), `bcg-origins-${process.pid}`, "claims.ts"),
  environment: "dev",
  accountAlias: "shared-ai",
  accountId: "111122223333",
  roleArn: "arn:aws:iam::111122223333:role/deploy",
  region: "us-east-1",
  billingAccountId: "123456789012",
  tags: { tenant: "claims", environment: "dev", team: "bad#value" },
  notify: { emails: ["claims@example.com"], snsTopicArns: [] },
  profiles: [
    {
      name: "chatbot",
      model: "m.x",
      description: "Claims (FNOL) bot",
      awsName: "claims-chatbot-dev",
      parameterName: "/p",
      price,
      alarms: defaultAlarms(100, price),
    },
    {
      name: "summary",
      model: "m.x",
      description: defaultProfileDescription("claims", "dev", { name: "summary", model: "m.x" }),
      awsName: "claims-summary-dev",
      parameterName: "/q",
      price,
      alarms: defaultAlarms(100, price),
    },
  ],
  budget: { monthlyUsd: 100, alertAtPercent: [100], forecastAtPercent: 100, onExceed: "notify" },
  workloadRoles: [],
  protect: false,
};
const issue = (name: string, input: string, value: unknown) => ({
  urn: `urn:pulumi:dev::bedrock-cost-governance::bedrock-cost-governance:index:TenantGuardrails$aws:bedrock/inferenceProfile:InferenceProfile::${name}`,
  type: "aws:bedrock/inferenceProfile:InferenceProfile",
  name,
  input,
  rule: "Bedrock CreateInferenceProfile would reject it: CreateInferenceProfile.description: 1-200 characters matching ([0-9a-zA-Z:.][ _-]?)+",
  value,
});

describe("AWS preflight: who is told", () => {
  before(() => {
    fs.mkdirSync(path.dirname(tenant.file), { recursive: true });
    fs.writeFileSync(
      tenant.file,
      [
        'import { defineTenant } from "../src/tenant";',
        "export default defineTenant({",
        '  name: "claims",',
        '  profiles: [{ name: "chatbot", model: "m.x", description: "Claims (FNOL) bot" }],',
        "});",
        "",
      ].join("\n"),
    );
  });
  after(() => fs.rmSync(path.dirname(tenant.file), { recursive: true, force: true }));

  it("reports a value a tenant file wrote as that file's input error, at its field", () => {
    assert.deepEqual(
      preflightErrors([issue("claims-chatbot", "description", "Claims (FNOL) bot")], [tenant]),
      [
        {
          // The line and column of the field, as the tenant reader names its own refusals.
          file: `${tenant.file}:4:47`,
          path: "profiles[0].description",
          message:
            'Bedrock CreateInferenceProfile would reject it: CreateInferenceProfile.description: 1-200 characters matching ([0-9a-zA-Z:.][ _-]?)+, got "Claims (FNOL) bot"',
        },
      ],
    );
    assert.equal(
      preflightErrors([issue("claims-chatbot", "tags.team", "bad#value")], [tenant])[0].path,
      "tags.team",
    );
  });

  it("finds each string of the tenant schema's fields by walking the schema: a profile's model, a tag's key, an email", () => {
    const pathOf = (value: string) =>
      preflightErrors([issue("claims-chatbot", "x", value)], [tenant])[0].path;
    assert.deepEqual(["m.x", "team", "claims@example.com", "chatbot"].map(pathOf), [
      "profiles[0].model",
      "tags.team",
      "notify.emails[0]",
      "profiles[0].name",
    ]);
    // What the program derived is not the file's: the AWS profile name, the account id.
    assert.deepEqual(
      ["claims-chatbot-dev", "111122223333"].map((value) => pathOf(value).startsWith("aws:")),
      [true, true],
    );
  });

  it("reports a value the program built as a program bug naming the resource, input, rule and value", () => {
    const built = defaultProfileDescription("claims", "dev", { name: "summary", model: "m.x" });
    assert.deepEqual(preflightErrors([issue("claims-summary", "description", built)], [tenant]), [
      {
        file: "program bug",
        path: 'aws:bedrock/inferenceProfile:InferenceProfile "claims-summary" input description',
        message: `Bedrock CreateInferenceProfile would reject it: CreateInferenceProfile.description: 1-200 characters matching ([0-9a-zA-Z:.][ _-]?)+, got "${built}" (the program built this value: please report it)`,
      },
    ]);
  });
});
