/** Settings declared once (lib/config.ts): schema, defaults and Ajv validation from one declaration. */
import * as assert from "node:assert/strict";
import { compileSettings, setting, settingErrors } from "../lib/config";

const settings = {
  protectedEnvironments: setting.strings(["prod"]),
  alarmDimension: setting.oneOf(["profileId", "profileArn"], "profileId"),
  maxThresholdPercent: setting.number(100, { exclusiveMinimum: 0 }),
};
const compiled = compileSettings(settings);
const argsWith = (config: unknown) => ({ getConfig: <C extends object>() => config as C });

describe("policy settings", () => {
  it("builds the configSchema with defaults from the declaration", () => {
    assert.deepEqual(compiled.configSchema.properties.alarmDimension, {
      type: "string",
      enum: ["profileId", "profileArn"],
      default: "profileId",
    });
    assert.deepEqual(compiled.defaults, {
      protectedEnvironments: ["prod"],
      alarmDimension: "profileId",
      maxThresholdPercent: 100,
    });
  });

  it("keeps configured values that fit and falls back to the default for each that does not", () => {
    const config = compiled.read(
      argsWith({ protectedEnvironments: ["prod", 7], alarmDimension: "profileArn", maxThresholdPercent: 80 }),
    );
    assert.deepEqual(config, {
      protectedEnvironments: ["prod"],
      alarmDimension: "profileArn",
      maxThresholdPercent: 80,
    });
    assert.deepEqual(compiled.read(argsWith("nonsense")), compiled.defaults);
  });

  it("applies the defaults once per configuration", () => {
    const configured = { maxThresholdPercent: 90 };
    assert.equal(compiled.read(argsWith(configured)), compiled.read(argsWith(configured)));
  });

  it("reports what Ajv finds as file: path: message errors", () => {
    const errors = settingErrors(
      compiled.configSchema,
      { protectedEnvironments: ["prod", ""], alarmDimension: "arn", extra: true },
      "policy-config.json",
      "prod-profiles-protected",
    );
    assert.deepEqual(errors.map((error) => `${error.file}: ${error.path}: ${error.message}`).sort(), [
      'policy-config.json: prod-profiles-protected.alarmDimension: must be one of "profileId", "profileArn"',
      "policy-config.json: prod-profiles-protected.extra: is not a setting of this policy",
      "policy-config.json: prod-profiles-protected.protectedEnvironments[1]: must NOT have fewer than 1 characters",
    ]);
  });
});
