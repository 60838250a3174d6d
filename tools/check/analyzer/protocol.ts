/**
 * Conversions between the Analyzer protocol's messages and the check's own types, in both
 * directions (as `@pulumi/policy`'s protoutil.ts does on the pack's side): pack info, enforcement
 * levels, Configure requests and diagnostics. Pure functions, unit-tested in-process
 * (test/unit/check/analyzer-protocol.test.ts).
 */
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { EnforcementLevel, Violation } from "../report/check-report";
import type { EffectivePolicyConfig, JsonSchema, PolicyInfo, PolicyPackInfo } from "./policy-config";
import { wireRecord } from "./wire-values";

const levelToProto: Record<EnforcementLevel, analyzerProto.EnforcementLevel> = {
  advisory: analyzerProto.EnforcementLevel.ADVISORY,
  mandatory: analyzerProto.EnforcementLevel.MANDATORY,
  remediate: analyzerProto.EnforcementLevel.REMEDIATE,
  disabled: analyzerProto.EnforcementLevel.DISABLED,
};

/** A protocol enforcement level as the check names it (an unknown one reads as advisory, as the CLI does). */
export function levelFromProto(level: analyzerProto.EnforcementLevel): EnforcementLevel {
  return (
    (Object.keys(levelToProto) as EnforcementLevel[]).find((name) => levelToProto[name] === level) ??
    "advisory"
  );
}

const severities = ["low", "medium", "high", "critical"] as const;

/** GetAnalyzerInfo's answer: the pack's name, version and policies (with their config schemas). */
export function toPackInfo(info: analyzerProto.AnalyzerInfo): PolicyPackInfo {
  return {
    name: info.getName(),
    version: info.getVersion(),
    description: info.getDescription() || undefined,
    policies: info.getPoliciesList().map((policy): PolicyInfo => {
      const schema = policy.getConfigschema();
      const severity = policy.getSeverity();
      return {
        name: policy.getName(),
        description: policy.getDescription(),
        enforcementLevel: levelFromProto(policy.getEnforcementlevel()),
        kind: policy.getPolicyType() === analyzerProto.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
        severity: severity > 0 ? severities[severity - 1] : undefined,
        remediationSteps: policy.getRemediationSteps() || undefined,
        configSchema: schema
          ? {
              properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, JsonSchema>,
              required: schema.getRequiredList(),
            }
          : undefined,
      };
    }),
  };
}

/** The Configure request for every policy's level and settings. */
export function configureRequest(
  effective: Record<string, EffectivePolicyConfig>,
): analyzerProto.ConfigureAnalyzerRequest {
  const request = new analyzerProto.ConfigureAnalyzerRequest();
  const map = request.getPolicyconfigMap();
  for (const [name, policy] of Object.entries(effective)) {
    const entry = new analyzerProto.PolicyConfig();
    entry.setEnforcementlevel(levelToProto[policy.enforcementLevel]);
    entry.setProperties(Struct.fromJavaScript(wireRecord(policy.properties) as Record<string, never>));
    map.set(name, entry);
  }
  return request;
}

/** Stack facts sent with ConfigureStack (they reach policies as `stackTags`). */
export interface StackContext {
  stack: string;
  project: string;
  organization?: string;
  dryRun?: boolean;
  tags?: Record<string, string>;
}

export function configureStackRequest(context: StackContext): analyzerProto.AnalyzerStackConfigureRequest {
  const request = new analyzerProto.AnalyzerStackConfigureRequest();
  request
    .setStack(context.stack)
    .setProject(context.project)
    .setOrganization(context.organization ?? "")
    .setDryRun(context.dryRun ?? true);
  for (const [key, value] of Object.entries(context.tags ?? {})) request.getTagsMap().set(key, value);
  return request;
}

/**
 * An AnalyzeResponse's diagnostics as violations; a resource's violation names that resource when
 * the pack leaves the URN out.
 */
export function toViolations(response: analyzerProto.AnalyzeResponse, urn?: string): Violation[] {
  return response.getDiagnosticsList().map((diagnostic) => {
    const description = diagnostic.getDescription();
    const message = diagnostic.getMessage();
    // The SDK prefixes each message with the policy's description; it is kept apart in `description`.
    const ownMessage =
      description && message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
    return {
      policyPack: diagnostic.getPolicypackname(),
      policyName: diagnostic.getPolicyname(),
      enforcementLevel: levelFromProto(diagnostic.getEnforcementlevel()),
      message: ownMessage,
      urn: diagnostic.getUrn() || urn,
      description: description || undefined,
    };
  });
}
