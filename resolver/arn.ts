/**
 * Only application inference profiles carry the tenant's cost allocation tags;
 * a base model id or a system-defined cross-region profile would run the call
 * untagged. Anything else is refused so a misconfigured parameter fails closed.
 */
const APPLICATION_INFERENCE_PROFILE_ARN =
  /^arn:aws[a-z-]*:bedrock:[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:application-inference-profile\/[A-Za-z0-9]+$/;

export function isApplicationInferenceProfileArn(value: unknown): value is string {
  return typeof value === "string" && APPLICATION_INFERENCE_PROFILE_ARN.test(value);
}
