/**
 * One resource as the offline check sees it, whether it came from running the
 * program under mocks or from a `pulumi stack export`. It carries exactly what
 * the Pulumi engine sends a policy pack in `AnalyzeRequest` / `AnalyzerResource`,
 * so the pack judges the same facts in both drivers.
 */
export interface PlannedResource {
  urn: string;
  /** Pulumi type token, e.g. `aws:bedrock/inferenceProfile:InferenceProfile`. */
  type: string;
  /** Logical name (last URN segment). */
  name: string;
  /** Plain JSON inputs; unknown values are the engine's unknown sentinel string (see UNKNOWN). */
  inputs: Record<string, unknown>;
  /** Plain JSON outputs, when known (stack exports, mocks after registration). */
  outputs?: Record<string, unknown>;
  /** Parent URN, if any. */
  parent?: string;
  /** Provider reference `<provider urn>::<provider id>`, as the engine writes it. */
  provider?: string;
  protect: boolean;
  /**
   * `retainOnDelete`, as the program registered it (the engine does not send it to a policy pack;
   * the plan shows it). Absent for a stack export.
   */
  retainOnDelete?: boolean;
  /** URNs this resource depends on. */
  dependencies: string[];
  /** Input property name → URNs that property's value came from. */
  propertyDependencies: Record<string, string[]>;
  /** false for component resources (they are not sent to `Analyze`). */
  custom: boolean;
}

/**
 * The engine's wire representation of a value not known until apply, and the signatures of its
 * special objects (`{ [signatureKey]: <kind>, ... }`), as the SDK defines them.
 */
export {
  unknownValue as UNKNOWN,
  specialSigKey as signatureKey,
  specialSecretSig as secretSignature,
} from "@pulumi/pulumi/runtime/rpc";

/** A provider's non-string inputs reach the engine JSON-encoded (`allowedAccountIds: '["1111..."]'`): decoded, or left as they are. */
export function decodeProviderInput(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
