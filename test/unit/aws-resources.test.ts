import * as assert from "node:assert/strict";
import * as sns from "@pulumi/aws/sns";
import * as pulumi from "@pulumi/pulumi";
import { awsTypeModules } from "../../src/aws-resource-specs";
import { Topic } from "../../src/aws-types/sns-topic";
import {
  type RegisterResourceRequest,
  onRegisterResource,
  pulumiTypeOf,
  waitForRPCs,
} from "../../tools/check/sdk-internals";
import { planStack, plaintext } from "../helpers/program";

type ResourceClass = new (
  name: string,
  args: never,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

/**
 * Arguments of the kinds the program sets: the inputs of the first resource of each type that the
 * shipped stacks register (secret inputs as plaintext: each class marks its own secret).
 */
async function programArgs(): Promise<Map<string, object>> {
  const args = new Map<string, object>();
  for (const stack of ["dev", "org"])
    for (const resource of (await planStack(stack)).resources)
      if (!args.has(resource.type))
        args.set(
          resource.type,
          Object.fromEntries(Object.entries(resource.inputs).map(([key, value]) => [key, plaintext(value)])),
        );
  return args;
}

/** Each spec's stand-in, and the @pulumi/aws class it stands for, resolved from the spec's token. */
const cases = Object.entries(awsTypeModules).map(([name, { file, spec, exports }]) => {
  const [, modulePath, className] = spec.type.split(":");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const real = (require(`@pulumi/aws/${modulePath}`) as Record<string, ResourceClass>)[className];
  const lean = Object.values(exports).find((value) => pulumiTypeOf(value) === spec.type) as ResourceClass;
  return { name, file, type: spec.type, real, lean };
});

/** What the engine is told about a resource: everything in RegisterResource but its name and source position. */
interface Registration {
  type: string;
  version: string;
  properties: Record<string, unknown>;
  additionalSecretOutputs: string[];
  aliases: unknown[];
  replaceOnChanges: string[];
  rest: Record<string, unknown>;
}

type FullRequest = RegisterResourceRequest & {
  getVersion(): string;
  getAdditionalsecretoutputsList(): string[];
  getAliasesList(): Array<{ toObject(): unknown }>;
  getReplaceonchangesList(): string[];
  toObject(): Record<string, unknown>;
};

const requests = new Map<string, FullRequest>();

/** Registers `resourceClass` under mocks and returns its RegisterResource request. */
async function registration(resourceClass: ResourceClass, name: string, args: object): Promise<Registration> {
  new resourceClass(name, args as never);
  await waitForRPCs();
  const request = requests.get(name);
  assert.ok(request, `${name} was not registered`);
  // Where it was constructed (source position, stack trace) differs by construction, not by class.
  const {
    name: _name,
    sourceposition: _source,
    stacktrace: _trace,
    object: _object,
    ...rest
  } = request.toObject();
  return {
    type: request.getType(),
    version: request.getVersion(),
    properties: request.getObject()?.toJavaScript() ?? {},
    additionalSecretOutputs: [...request.getAdditionalsecretoutputsList()].sort(),
    aliases: request.getAliasesList().map((alias) => alias.toObject()),
    replaceOnChanges: [...request.getReplaceonchangesList()].sort(),
    rest,
  };
}

describe("lean AWS resources (each spec's stand-in, src/aws-types/) against the @pulumi/aws classes they stand for", () => {
  let argsByType = new Map<string, object>();
  before(async () => {
    argsByType = await programArgs();
    await pulumi.runtime.setMocks(
      { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs },
      "lean-resources",
      "test",
      false,
    );
    onRegisterResource((request) => requests.set(request.getName(), request as FullRequest));
  });

  for (const { name, file, type, real, lean } of cases) {
    it(`${name} sends the RegisterResource request ${type} sends, with the inputs the program gives it`, async () => {
      const args = argsByType.get(type);
      assert.ok(
        args,
        `${file}: no shipped stack (dev, org) registers ${type}, so nothing shows what it sends`,
      );
      assert.deepEqual(
        await registration(lean, `lean-${name}`, args),
        await registration(real, `real-${name}`, args),
      );
    });
  }

  it("fails when a provider upgrade adds a secret output, an alias or replaceOnChanges", async () => {
    // A provider class as an upgrade could make it: same type and inputs, new resource options.
    class UpgradedTopic extends sns.Topic {
      constructor(name: string, args: sns.TopicArgs, opts?: pulumi.CustomResourceOptions) {
        super(
          name,
          args,
          pulumi.mergeOptions(opts, {
            additionalSecretOutputs: ["policy"],
            aliases: [{ type: "aws:sns/topicV1:Topic" }],
            replaceOnChanges: ["fifoTopic"],
          }),
        );
      }
    }
    const args = { name: "claims-alerts", kmsMasterKeyId: "alias/aws/sns", tags: { tenant: "claims" } };
    const lean = await registration(Topic as unknown as ResourceClass, "lean-tampered", args);
    const upgraded = await registration(UpgradedTopic as unknown as ResourceClass, "upgraded-tampered", args);
    assert.throws(() => assert.deepEqual(lean, upgraded), /additionalSecretOutputs/);
    for (const field of ["additionalSecretOutputs", "aliases", "replaceOnChanges"] as const)
      assert.notDeepEqual(lean[field], upgraded[field], field);
  });
});
