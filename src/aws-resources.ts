import type * as pulumi from "@pulumi/pulumi";
import type { AwsTypeSpec } from "./aws-type-spec";

/**
 * The AWS resources the program creates, registered with exactly the inputs it sets and the
 * outputs it reads: each type's file under src/aws-types/ makes its class from its spec with
 * `leanResource`.
 *
 * Why not the `@pulumi/aws` classes: each of those declares every property of its resource
 * (dozens for a MetricAlarm or a Topic) and the SDK makes an Output, with its promises, for each
 * one on every instance. At a thousand tenants that is hundreds of thousands of Outputs, and planning
 * spent most of its time collecting them. The engine sees the same request either way: the
 * same type token, the same provider package version, the same inputs (unset properties are
 * never sent). The input types are the provider's own `…Args`, so the compiler still checks
 * every property name and type, and test/unit/aws-resources.test.ts registers each stand-in and its
 * provider class side by side, with the inputs the program gives that type, and requires identical
 * RegisterResource requests (type, version, properties, secret outputs, aliases, replaceOnChanges).
 */
type LeanResource<TArgs, TOutputs extends string> = (new (
  name: string,
  args: TArgs,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource & { readonly [K in TOutputs]: pulumi.Output<string> }) & {
  /** The provider's type token, as its own class has it (a test keeps the two equal). */
  readonly __pulumiType: string;
};

/**
 * The stand-in class of a spec. The class is made when the first instance is: the type files are
 * also read where no resource is registered (the tenant schema takes the Bedrock description rule
 * by the profile's token; the check's mocks and tools read every spec), and loading the Pulumi SDK
 * there cost each tenant CLI seconds. Once made, a registration costs one extra call.
 */
export function leanResource<TArgs extends object, TOutputs extends string = never>(
  spec: AwsTypeSpec<TOutputs>,
): LeanResource<TArgs, TOutputs> {
  let standIn: LeanResource<TArgs, TOutputs> | undefined;
  function LeanStandIn(name: string, args: TArgs, opts?: pulumi.CustomResourceOptions) {
    standIn ??= standInClass<TArgs, TOutputs>(spec);
    // `new` of a function that returns an object yields that object: an instance of the class.
    return new standIn(name, args, opts);
  }
  LeanStandIn.__pulumiType = spec.type;
  return LeanStandIn as unknown as LeanResource<TArgs, TOutputs>;
}

function standInClass<TArgs extends object, TOutputs extends string>(
  spec: AwsTypeSpec<TOutputs>,
): LeanResource<TArgs, TOutputs> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require("@pulumi/pulumi") as typeof pulumi;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const awsPackageVersion: string = require("@pulumi/aws/package.json").version.replace(/^v/, "");
  const { type, outputs, defaults = {}, secretInputs = [] } = spec;
  return class extends sdk.CustomResource {
    static readonly __pulumiType = type;
    constructor(name: string, args: TArgs, opts?: pulumi.CustomResourceOptions) {
      const props: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(args)) if (value !== undefined) props[key] = value;
      for (const key of secretInputs) if (props[key]) props[key] = sdk.secret(props[key]);
      for (const output of outputs) if (!(output in props)) props[output] = undefined;
      super(type, name, props, sdk.mergeOptions({ version: awsPackageVersion, ...defaults }, opts));
    }
  } as unknown as LeanResource<TArgs, TOutputs>;
}
