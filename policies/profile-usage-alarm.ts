import type { PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { readAlarm } from "./lib/alarms";
import { configOf } from "./lib/config";
import { type StackResource, validateStackWith } from "./lib/policy";
import { profileIdentifiers } from "./lib/profiles";
import { alarmTypes, isProfileType } from "./lib/resource-types";

export interface ProfileUsageAlarmArgs {
  /** The CloudWatch namespace of Bedrock metrics. Defaults to AWS/Bedrock. */
  namespace: string;
  /** The dimension that names the profile (its 12-character id or its ARN). Defaults to ModelId. */
  dimension: string;
}

const configSchema: PolicyConfigSchema = {
  properties: {
    namespace: { type: "string", minLength: 1, default: "AWS/Bedrock" },
    dimension: { type: "string", minLength: 1, default: "ModelId" },
  },
};

export const profileUsageAlarm: StackValidationPolicy = {
  name: "profile-usage-alarm",
  description:
    "Checks that every application inference profile has a CloudWatch alarm with an action on an AWS/Bedrock metric of that profile (its id or ARN in the ModelId dimension or a metric-math query).",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Add an aws.cloudwatch.MetricAlarm with namespace "AWS/Bedrock", a metric such as Invocations or InputTokenCount, dimensions {ModelId: <profile id>} and alarmActions [<SNS topic ARN>]: budgets lag 8-12 hours, an alarm reacts within minutes.',
  configSchema,
  validateStack: validateStackWith("profile-usage-alarm", (resources, args, reportViolation) => {
    const { namespace, dimension } = configOf<ProfileUsageAlarmArgs>(args, configSchema);
    const profiles = resources.filter((resource) => isProfileType(resource.type));
    if (profiles.length === 0) return;
    const alarms = resources
      .filter((resource) => alarmTypes.includes(resource.type))
      .map((resource) => ({ resource, view: readAlarm(resource.type, resource.props, namespace, dimension) }))
      .filter(({ view }) => view.inNamespace !== false && view.notifies);
    const watched = new Set(alarms.flatMap(({ view }) => [...view.dimensionValues, ...view.expressionWords]));
    // Under preview a profile's id is unknown; an alarm is then tied to it by a property dependency.
    const dependedOn = new Set(
      alarms.flatMap(({ resource }) =>
        [...resource.propertyDependencies.values()].flatMap((urns) => [...urns]),
      ),
    );
    const identifiers = new Map(profiles.map((profile) => [profile.urn, profileIdentifiers(profile.props)]));
    const knownIds = new Set([...identifiers.values()].flatMap((ids) => [...ids.known]));
    // An alarm that may watch a profile whose id is not known yet: its dimension is unknown and
    // nothing links it, or it names an id that no profile with a known id has.
    const mayWatchUnknownProfile = alarms.some(
      ({ resource, view }) =>
        (view.watchedUnknown && resource.propertyDependencies.size === 0) ||
        [...view.dimensionValues].some((value) => !knownIds.has(value)),
    );

    for (const profile of profiles) {
      if (dependedOn.has(profile.urn)) continue;
      const ids = identifiers.get(profile.urn);
      if (ids && [...ids.known].some((identifier) => watched.has(identifier))) continue;
      if (ids?.unknown && mayWatchUnknownProfile) continue; // cannot tell which profile that alarm watches: not guessed
      reportViolation(message(profile, namespace, dimension), profile.urn);
    }
  }),
};

function message(profile: StackResource, namespace: string, dimension: string): string {
  return (
    `Inference profile "${profile.name}" has no CloudWatch alarm with an action on ${namespace} metrics of its ${dimension}: ` +
    `add one (e.g. Invocations or InputTokenCount, ${dimension} = the profile id) that notifies an SNS topic.`
  );
}
