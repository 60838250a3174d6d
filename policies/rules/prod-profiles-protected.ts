import { defineResourcePolicy } from "../lib/define-policy";
import { setting } from "../lib/config";
import { profileTypes } from "../lib/resource-types";
import { effectiveTags, knownTag } from "../lib/tags";

export const prodProfilesProtected = defineResourcePolicy({
  name: "prod-profiles-protected",
  description:
    "Checks that application inference profiles of protected environments (environment tag, default prod; compared trimmed, case- and width-insensitively) have the protect resource option.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Pass `{ protect: true }` in the profile's resource options. Deleting a profile breaks every workload that calls it by ARN, and a new profile starts a new cost history.",
  settings: {
    /** Environments (values of the environment tag, compared trimmed and case-insensitively) whose profiles must be protected. Defaults to prod. */
    protectedEnvironments: setting.strings(["prod"]),
    /** The tag key that names the environment. Defaults to environment. */
    environmentTagKey: setting.tagKey("environment"),
  },
  resourceTypes: profileTypes,
  validate(props, args, reportViolation, config) {
    const environment = knownTag(effectiveTags(props, args.provider), config.environmentTagKey);
    if (typeof environment !== "string") return;
    const protectedEnvironments = config.protectedEnvironments.map(normalizedEnvironment);
    if (!protectedEnvironments.includes(normalizedEnvironment(environment)) || args.opts?.protect === true)
      return;
    reportViolation(
      `Inference profile "${args.name}" is in environment "${environment.slice(0, 64)}" but not protected: set protect: true in its resource options so it cannot be deleted by accident.`,
    );
  },
});

/**
 * Environment names as people write them: `" Prod"`, `PROD`, `ｐｒｏｄ` (full-width) all name prod.
 * NFKC folds compatibility forms, then case and surrounding blanks are dropped.
 */
function normalizedEnvironment(name: string): string {
  return name.normalize("NFKC").trim().toLowerCase();
}
