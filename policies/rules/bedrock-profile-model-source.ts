import { defineResourcePolicy } from "../lib/define-policy";
import { setting } from "../lib/config";
import { parseBedrockArn } from "../lib/arn";
import { globMatch } from "../lib/glob";
import { copyFromOf } from "../lib/profiles";
import { profileTypes } from "../lib/resource-types";
import { enumerate, quote } from "../lib/text";
import { UNKNOWN } from "../lib/values";

export const bedrockProfileModelSource = defineResourcePolicy({
  name: "bedrock-profile-model-source",
  description:
    "Checks that every application inference profile copies from a foundation-model ARN or a system-defined inference-profile ARN (and, if configured, an allowed model).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set modelSource.copyFrom to `arn:aws:bedrock:<region>::foundation-model/<model-id>` or to a system-defined profile `arn:aws:bedrock:<region>:<account>:inference-profile/<geo>.<model-id>`; a bare model id or another application profile is not a valid source.",
  settings: {
    /** Model ids (wildcards `*` and `?` allowed, e.g. `anthropic.*`) a profile may copy from. Defaults to any model. */
    allowedModels: setting.strings([]),
  },
  resourceTypes: profileTypes,
  validate(props, args, reportViolation, config) {
    const { allowedModels } = config;
    const copyFrom = copyFromOf(props);
    if (copyFrom === UNKNOWN) return;
    const fix = "copy from a foundation-model ARN or a system-defined inference-profile ARN";
    if (copyFrom === undefined || copyFrom.trim() === "") {
      reportViolation(`Inference profile "${args.name}" has no modelSource.copyFrom: ${fix}.`);
      return;
    }
    const source = parseBedrockArn(copyFrom);
    if (source === undefined || source.kind === "application-profile") {
      const what = source
        ? "another application inference profile"
        : copyFrom.startsWith("arn:")
          ? "not a Bedrock model ARN"
          : "a bare model id, not an ARN";
      reportViolation(`Inference profile "${args.name}" copies from ${quote(copyFrom)}, ${what}: ${fix}.`);
      return;
    }
    const allowed = allowedModels;
    if (allowed.length > 0 && !allowed.some((pattern) => globMatch(pattern, source.modelId))) {
      reportViolation(
        `Inference profile "${args.name}" copies from model ${quote(source.modelId)}, which is not allowed: use one of ${enumerate(allowed.map((m) => quote(m)))}.`,
      );
    }
  },
});
