import { defineStackPolicy } from "../lib/define-policy";
import { setting } from "../lib/config";
import { readAlarm } from "../lib/alarms";
import type { StackResource } from "../lib/policy";
import { profileIdentifiers } from "../lib/profiles";
import { applicationProfileId } from "../lib/arn";
import { regionOf } from "../lib/placement";
import { alarmTypes, isProfileType, profileTypes } from "../lib/resource-types";

export const profileUsageAlarm = defineStackPolicy({
  name: "profile-usage-alarm",
  description:
    "Checks that every application inference profile has a CloudWatch alarm with an action and a threshold that can be crossed, in the profile's Region, on an AWS/Bedrock metric whose ModelId dimension (or SEARCH expression) names that profile's id (or ARN, with alarmDimension: profileArn).",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Add an aws.cloudwatch.MetricAlarm in the profile\'s Region with namespace "AWS/Bedrock", a metric such as Invocations or InputTokenCount, dimensions {ModelId: <profile id>} and alarmActions [<SNS topic ARN>]: budgets lag 8-12 hours, an alarm reacts within minutes.',
  settings: {
    /** The CloudWatch namespace of Bedrock metrics. Defaults to AWS/Bedrock. */
    namespace: setting.string("AWS/Bedrock"),
    /** The dimension that names the profile. Defaults to ModelId. */
    dimension: setting.string("ModelId"),
    /** What the dimension value holds, as the program's `alarmDimension`: `profileId` (the 12-character id) or `profileArn`. Defaults to profileId. */
    alarmDimension: setting.oneOf(["profileId", "profileArn"], "profileId"),
  },
  resourceTypes: [...profileTypes, ...alarmTypes],
  validate(resources, _args, reportViolation, config) {
    const { namespace, dimension, alarmDimension } = config;
    const profiles = resources.filter((resource) => isProfileType(resource.type));
    if (profiles.length === 0) return;
    const byArn = alarmDimension === "profileArn";
    // Only what the alarm's metrics name counts: a property dependency on the profile (a ModelId
    // built from its model's ARN, a description quoting it) is not an alarm on the profile.
    const alarms = resources
      .filter((resource) => alarmTypes.includes(resource.type))
      .map((resource) => ({
        resource,
        region: regionOf(resource),
        view: readAlarm(resource.type, resource.props, namespace, dimension),
      }))
      .filter(({ view }) => view.inNamespace !== false && view.notifies && view.canFire);
    const watched = new Map<string, Set<string | undefined>>(); // identifier -> alarm regions
    for (const { region, view } of alarms)
      for (const value of [...view.dimensionValues, ...view.expressionWords]) {
        if (!watched.has(value)) watched.set(value, new Set());
        watched.get(value)!.add(region);
      }
    const identifiers = new Map(profiles.map((profile) => [profile.urn, profileIdentifiers(profile.props)]));
    // Under preview a profile's id is unknown: an alarm whose dimension is unknown too may be its
    // alarm (not guessed), or, when its dimensions depend on profiles, one of theirs; and so may an
    // alarm naming an identifier of the profile's shape that no known profile has.
    const knownIds = new Set([...identifiers.values()].flatMap((ids) => [...ids.known]));
    const unknownFor = new Set<string>();
    let mayWatchAnyUnknown = false;
    for (const { resource, view } of alarms) {
      const strange = [...view.dimensionValues].some(
        (value) =>
          !knownIds.has(value) &&
          (applicationProfileShape.test(value) || applicationProfileId(value) !== undefined),
      );
      const linked = [
        ...(resource.propertyDependencies.get("dimensions") ??
          resource.propertyDependencies.get("metricQueries") ??
          resource.propertyDependencies.get("metrics") ??
          []),
      ];
      if (strange || (view.watchedUnknown && linked.length === 0)) mayWatchAnyUnknown = true;
      else if (view.watchedUnknown) for (const urn of linked) unknownFor.add(urn);
    }

    for (const profile of profiles) {
      const ids = identifiers.get(profile.urn);
      const region = regionOf(profile);
      const names = [...(ids?.known ?? [])].filter((identifier) =>
        byArn ? identifier.startsWith("arn:") : !identifier.startsWith("arn:"),
      );
      const alarmed = names.some((identifier) => {
        const regions = watched.get(identifier);
        return regions !== undefined && [...regions].some((other) => !region || !other || other === region);
      });
      if (alarmed) continue;
      if (ids?.unknown && (mayWatchAnyUnknown || unknownFor.has(profile.urn))) continue; // cannot tell which profile that alarm watches: not guessed
      reportViolation(message(profile, namespace, dimension, byArn), profile.urn);
    }
  },
});

const applicationProfileShape = /^[a-z0-9]{12}$/;

function message(profile: StackResource, namespace: string, dimension: string, byArn: boolean): string {
  return (
    `Inference profile "${profile.name}" has no CloudWatch alarm with an action on ${namespace} metrics of its ${dimension} in its Region: ` +
    `add one (e.g. Invocations or InputTokenCount, ${dimension} = the profile ${byArn ? "ARN" : "id"}, a threshold that can be crossed) that notifies an SNS topic.`
  );
}
