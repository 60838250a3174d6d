import assert from "node:assert/strict";
import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { ProfileResolver } from "..";
import { CLAIMS_CHATBOT, ScriptedSource, profileArn, records } from "./fakes";

// Mirrors the Converse example in resolver/README.md, so the documented call shape stays true.
async function askChatbot(
  resolver: ProfileResolver,
  bedrock: BedrockRuntimeClient,
  question: string,
): Promise<string> {
  const modelId = await resolver.resolve({ tenant: "claims", profile: "chatbot" });
  const reply = await bedrock.send(
    new ConverseCommand({ modelId, messages: [{ role: "user", content: [{ text: question }] }] }),
  );
  return reply.output?.message?.content?.[0]?.text ?? "";
}

describe("resolver README: Converse example", () => {
  const bedrock = new BedrockRuntimeClient({ region: "us-east-1" });
  const runtime = mockClient(bedrock);
  after(() => runtime.restore());

  it("calls Converse with the resolved profile ARN as modelId", async () => {
    runtime
      .on(ConverseCommand)
      .resolves({ output: { message: { role: "assistant", content: [{ text: "hello" }] } } });
    const resolver = new ProfileResolver({
      source: new ScriptedSource().always(records(CLAIMS_CHATBOT, profileArn("claimschat01"))),
    });
    assert.equal(await askChatbot(resolver, bedrock, "hi"), "hello");
    assert.equal(runtime.commandCalls(ConverseCommand)[0].args[0].input.modelId, profileArn("claimschat01"));
  });

  it("makes no Bedrock call at all when the profile cannot be resolved", async () => {
    runtime.reset();
    const resolver = new ProfileResolver({ source: new ScriptedSource().always([]) });
    await assert.rejects(askChatbot(resolver, bedrock, "hi"), { name: "ProfileNotFoundError" });
    assert.equal(runtime.commandCalls(ConverseCommand).length, 0);
  });
});
