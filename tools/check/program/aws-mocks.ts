import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { partitionOf } from "../../../src/arns";
import { decodeProviderInput } from "../plan/planned-resource";
import { specByType } from "../../../src/aws-resource-specs";
import type { MockSpec, MockValue } from "../../../src/aws-type-spec";

/**
 * Mocks that answer like AWS: ids and ARNs have the shapes AWS gives them, made from the `mock`
 * of each type's spec (src/aws-types/: the ARN format of the Service Authorization Reference, the
 * provider's id, the shape of generated ids) and derived from the resource's name and its
 * provider's account and Region, so plans are stable run to run.
 */
export class AwsMocks implements pulumi.runtime.Mocks {
  private readonly providers = new Map<string, { region: string; accountId: string }>();

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
    const inputs = (args.inputs ?? {}) as Record<string, unknown>;
    if (args.type.startsWith("pulumi:providers:")) {
      const id = digest(`provider:${args.name}`, 16);
      // Provider inputs reach the engine JSON-encoded when they are not strings.
      const accountIds = decodeProviderInput(inputs.allowedAccountIds);
      this.providers.set(id, {
        region: typeof inputs.region === "string" ? inputs.region : "us-east-1",
        accountId: Array.isArray(accountIds) ? String(accountIds[0]) : "123456789012",
      });
      return { id, state: inputs };
    }
    const { region, accountId } = this.providerOf(args.provider);
    const mock = mockOf(args.type);
    const name = typeof inputs.name === "string" ? inputs.name : `${args.name}-${digest(args.name, 7)}`;
    const known: Record<string, string> = {
      Partition: partitionOf(region),
      Region: region,
      Account: accountId,
    };
    const seed = `${args.type}:${args.name}:${accountId}:${region}`;
    for (const [placeholder, value] of mock.values) known[placeholder] = valueOf(value, inputs, seed);
    const fill = (format: Format) => fillFormat(format, known, name);
    const arn = mock.arn && fill(mock.arn);
    const id = mock.id ? fill(mock.id) : (arn ?? name);
    const state: Record<string, unknown> = { ...inputs, ...mock.state };
    if (mock.named) state.name = name;
    if (arn !== undefined) Object.assign(state, { arn, tagsAll: inputs.tags });
    return { id, state };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    return args.inputs as Record<string, unknown>;
  }

  /** A provider reference is `<provider urn>::<provider id>`; resources without one act in the default account. */
  private providerOf(reference: string | undefined): { region: string; accountId: string } {
    const id = reference?.slice(reference.lastIndexOf("::") + 2);
    return (id && this.providers.get(id)) || { region: "us-east-1", accountId: "123456789012" };
  }
}

function digest(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

function base36(hex: string): string {
  return BigInt(`0x${hex}`).toString(36);
}

function uuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A format split once into its text and its `${Placeholder}`s (odd positions). */
type Format = string[];
interface CompiledMock {
  arn?: Format;
  id?: Format;
  values: Array<[string, MockValue]>;
  state?: Readonly<Record<string, unknown>>;
  named: boolean;
}

const compiledMocks = new Map<string, CompiledMock>();
const split = (format: string): Format => format.split(/\$\{(\w+)\}/);

/** A type's mock, compiled on first use; a type without a spec (or a mock) gets its name as its id. */
function mockOf(type: string): CompiledMock {
  let compiled = compiledMocks.get(type);
  if (!compiled) {
    const mock: MockSpec = specByType.get(type)?.mock ?? {};
    compiled = {
      arn: mock.arn && split(mock.arn.format),
      id: mock.id === undefined ? undefined : split(mock.id),
      values: Object.entries(mock.values ?? {}),
      state: mock.state,
      named: mock.named !== false,
    };
    compiledMocks.set(type, compiled);
  }
  return compiled;
}

/** Each placeholder: a known value, else the resource's name where the placeholder names one. */
function fillFormat(format: Format, known: Record<string, string>, name: string): string {
  let text = format[0];
  for (let position = 1; position < format.length; position += 2) {
    const placeholder = format[position];
    text +=
      (known[placeholder] ??
        (placeholder.endsWith("NameWithoutLeadingSlash")
          ? name.replace(/^\//, "")
          : /Name(WithPath)?$/.test(placeholder)
            ? name
            : `\${${placeholder}}`)) + format[position + 1];
  }
  return text;
}

function valueOf(value: MockValue, inputs: Record<string, unknown>, seed: string): string {
  if (value === "uuid") return uuid(digest(seed, 32));
  if ("input" in value) return String(inputs[value.input]);
  if ("text" in value) return value.text;
  // n alphanumerics from 2n hex digits of the digest (an inference profile id is 12).
  return base36(digest(seed, 2 * value.base36))
    .slice(0, value.base36)
    .padEnd(value.base36, "0");
}
