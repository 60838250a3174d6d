/**
 * Bedrock ARN and id shapes (facts: bedrock-models.json):
 * - foundation model: `arn:<partition>:bedrock:<region>::foundation-model/<model-id>` (no account)
 * - system-defined (cross-Region) profile: `arn:<partition>:bedrock:<region>:<account>:inference-profile/<geo>.<model-id>`
 * - application profile: `arn:<partition>:bedrock:<region>:<account>:application-inference-profile/<12 lowercase alphanumerics>`
 * Partitions: aws, aws-cn, aws-us-gov. Every pattern here is anchored and free of nested
 * quantifiers, and inputs longer than an ARN can be are refused first, so matching stays linear.
 */
import { type Template, maxArnLength } from "./glob";

export type BedrockArn =
  | { kind: "foundation-model"; partition: string; region: string; modelId: string }
  | {
      kind: "system-profile";
      partition: string;
      region: string;
      account: string;
      geo: string;
      modelId: string;
      profileId: string;
    }
  | { kind: "application-profile"; partition: string; region: string; account: string; profileId: string };

const arnShape =
  /^arn:(aws|aws-cn|aws-us-gov):bedrock:([a-z0-9-]*):(\d{12})?:(foundation-model|inference-profile|application-inference-profile)\/([^/]+)$/;
/** A system profile id: a geography prefix (`us`, `eu`, `apac`, `us-gov`, `global`, ...) and a model id. */
const systemProfileIdShape = /^([a-z]{2,8}(?:-[a-z]{2,8})?)\.([a-z0-9-]+\.[A-Za-z0-9][A-Za-z0-9._:-]*)$/;
const modelIdShape = /^([a-z0-9-]+)\.[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const applicationProfileIdShape = /^[a-z0-9]{12}$/;

const partition = "[a-z-]";
const region = "[a-z0-9-]";
const account = "[0-9]";
/** Model ids (and `<geo>.<model-id>`) hold letters, digits and `._:-`, never `/`. */
const model = "[A-Za-z0-9._:-]";

/** What an IAM grant must not reach directly, as wildcard templates (see lib/glob.ts). */
export const arnTemplates: Record<"foundationModel" | "systemProfile" | "applicationProfile", Template> = {
  applicationProfile: {
    text: "arn:*:bedrock:*:*:application-inference-profile/*",
    wildcards: [partition, region, account, "[a-z0-9]"],
  },
  foundationModel: { text: "arn:*:bedrock:*::foundation-model/*", wildcards: [partition, region, model] },
  systemProfile: {
    text: "arn:*:bedrock:*:*:inference-profile/*",
    wildcards: [partition, region, account, model],
  },
};

export function parseBedrockArn(value: string): BedrockArn | undefined {
  if (value.length > maxArnLength) return undefined;
  const match = arnShape.exec(value);
  if (!match) return undefined;
  const [, partition, region, account = "", resourceType, resourceId] = match;
  switch (resourceType) {
    case "foundation-model":
      return account === "" && modelIdShape.test(resourceId)
        ? { kind: "foundation-model", partition, region, modelId: resourceId }
        : undefined;
    case "inference-profile": {
      const profile = systemProfileIdShape.exec(resourceId);
      return profile
        ? {
            kind: "system-profile",
            partition,
            region,
            account,
            geo: profile[1],
            modelId: profile[2],
            profileId: resourceId,
          }
        : undefined;
    }
    default:
      return applicationProfileIdShape.test(resourceId)
        ? { kind: "application-profile", partition, region, account, profileId: resourceId }
        : undefined;
  }
}

/** The id part of an application profile ARN (what CloudWatch puts in the `ModelId` dimension). */
export function applicationProfileId(arn: string): string | undefined {
  const parsed = parseBedrockArn(arn);
  return parsed?.kind === "application-profile" ? parsed.profileId : undefined;
}

/**
 * What a workload setting names when it names a model directly: a foundation-model or system
 * profile ARN, a bare model id (`anthropic.claude-3-haiku-20240307-v1:0`) or a system profile id
 * (`us.anthropic.claude-...`). Bare ids are recognised by their provider prefix (`modelProviders`),
 * so ordinary dotted values (`api.example.com`) are not mistaken for models.
 */
export function directModelReference(
  value: string,
  modelProviders: readonly string[],
): { kind: "foundation-model" | "system-profile"; modelId: string } | undefined {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > maxArnLength) return undefined;
  if (trimmed.startsWith("arn:")) {
    const arn = parseBedrockArn(trimmed);
    return arn && arn.kind !== "application-profile" ? { kind: arn.kind, modelId: arn.modelId } : undefined;
  }
  const model = modelIdShape.exec(trimmed);
  if (model && modelProviders.includes(model[1])) return { kind: "foundation-model", modelId: trimmed };
  const profile = systemProfileIdShape.exec(trimmed);
  if (profile) {
    const provider = modelIdShape.exec(profile[2]);
    if (provider && modelProviders.includes(provider[1]))
      return { kind: "system-profile", modelId: profile[2] };
  }
  return undefined;
}
