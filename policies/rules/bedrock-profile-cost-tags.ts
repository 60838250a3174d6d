import { defineResourcePolicy } from "../lib/define-policy";
import { mandatoryTagsSetting, setting } from "../lib/config";
import { profileTypes } from "../lib/resource-types";
import { checkTags, effectiveTags } from "../lib/tags";
import { enumerate, plural, quote } from "../lib/text";
import { isRecord } from "../lib/values";

export const bedrockProfileCostTags = defineResourcePolicy({
  name: "bedrock-profile-cost-tags",
  description:
    "Checks that every application inference profile carries the mandatory cost-allocation tags with non-blank (and allowed) values; provider defaultTags count.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Add each missing key to the profile's tags (or to the AWS provider's defaultTags) with a non-blank value. Keys are case-sensitive: cost allocation treats `Tenant` and `tenant` as different tags.",
  settings: {
    /** Tag keys every application inference profile must carry with a non-blank value (exact case). Defaults to tenant, environment, dept, team, app, cost-center. */
    mandatoryTags: mandatoryTagsSetting,
    /** Allowed values per tag key, e.g. `{"environment": ["dev", "prod"]}`. Defaults to no restriction. */
    allowedValues: setting.lists({}),
  },
  resourceTypes: profileTypes,
  validate(props, args, reportViolation, config) {
    const allowedValues = isRecord(config.allowedValues)
      ? (config.allowedValues as Record<string, string[]>)
      : {};
    const findings = checkTags(effectiveTags(props, args.provider), config.mandatoryTags, allowedValues);
    const problems = [
      findings.missing.length > 0
        ? `lacks ${plural(findings.missing.length, "tag")} ${enumerate(findings.missing)}`
        : "",
      findings.blank.length > 0
        ? `has blank ${plural(findings.blank.length, "tag")} ${enumerate(findings.blank)}`
        : "",
      ...[...findings.miscased].map(
        ([wanted, found]) => `has ${quote(found)} where cost allocation needs exactly ${quote(wanted)}`,
      ),
      ...[...findings.disallowed].map(
        ([key, value]) =>
          `has ${key}=${quote(value)}, not one of ${enumerate(allowedValues[key].map((v) => quote(v)))}`,
      ),
    ].filter(Boolean);
    if (problems.length === 0) return;
    reportViolation(
      `Inference profile "${args.name}" ${enumerate(problems, 10)}. ` +
        "Set the tags on the profile or in the provider's defaultTags, keys spelled exactly, so its Bedrock spend is attributed.",
    );
  },
});
