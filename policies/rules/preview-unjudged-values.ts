import { defineResourcePolicy } from "../lib/define-policy";
import { setting } from "../lib/config";
import { policiesReadingInputs, typesWithJudgedProperties, unjudgedValues } from "../lib/preview-unknowns";

export const previewUnjudgedValues = defineResourcePolicy({
  name: "preview-unjudged-values",
  description:
    "Checks that every value another policy of the pack reads is known; during a preview, a value computed from a resource created in the same run (an IAM document embedding a new ARN, a model id from another resource) is not, and the policy that reads it judges nothing there: this says so, naming the resource, the property and the policy, instead of passing in silence.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Nothing to fix in the program: the value is judged at `pulumi up`, when the engine calls the pack on each resource with its values known, just before creating it (resources created earlier in that run stay created if it is refused), and by `npm run check`, which judges every value offline and which CI runs before the preview. Run `npm run check` to see the verdict now.",
  settings: {
    /** The policies whose unread values are reported. Defaults to every policy that reads a value a preview may not know. */
    policies: setting.strings([...policiesReadingInputs], {}, { uniqueItems: true }),
  },
  resourceTypes: typesWithJudgedProperties,
  validate(props, args, reportViolation, config) {
    for (const { policy, where } of unjudgedValues(args.type, props, config.policies))
      reportViolation(
        `"${args.name}".${where} is not known during preview, so ${policy} has not judged it: it is judged at \`pulumi up\` and by \`npm run check\`.`,
      );
  },
});
