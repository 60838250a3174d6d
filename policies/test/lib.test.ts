import * as assert from "node:assert/strict";
import { arnTemplates, directModelReference, parseBedrockArn } from "../lib/arn";
import { globMatch, globsOverlap } from "../lib/glob";
import { parsePolicyDocument } from "../lib/iam";

describe("policy pack helpers", () => {
  describe("globMatch (IAM wildcards)", () => {
    it("matches * across any run and ? as one character", () => {
      assert.ok(globMatch("bedrock:Invoke*", "bedrock:InvokeModel"));
      assert.ok(globMatch("bedrock:*Model", "bedrock:InvokeModel"));
      assert.ok(globMatch("bedrock:Invoke?odel", "bedrock:InvokeModel"));
      assert.ok(globMatch("*", ""));
      assert.ok(!globMatch("bedrock:Invoke?", "bedrock:InvokeModel"));
      assert.ok(!globMatch("bedrock:Get*", "bedrock:InvokeModel"));
    });

    it("ignores case only when asked, as for IAM actions", () => {
      assert.ok(!globMatch("BEDROCK:invokemodel", "bedrock:InvokeModel"));
      assert.ok(globMatch("BEDROCK:invokemodel", "bedrock:InvokeModel", { ignoreCase: true }));
    });

    it("refuses quickly a pattern longer than the text, however long", () => {
      const started = process.hrtime.bigint();
      assert.ok(!globMatch(`${"a*".repeat(500_000)}`, "bedrock:InvokeModel"));
      assert.ok(globMatch("*".repeat(1_000_000), "bedrock:InvokeModel"));
      assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 1000);
    });
  });

  describe("globsOverlap (can a resource pattern reach a model?)", () => {
    const reachesModel = (pattern: string) => globsOverlap(pattern, arnTemplates.foundationModel);
    it("sees model ARNs through wildcards", () => {
      for (const pattern of [
        "*",
        "arn:*",
        "arn:aws:bedrock:*",
        "arn:aws:bedrock:*:*:*",
        "arn:aws:bedrock:us-east-1::foundation-model/*",
        "arn:aws:bedrock:??-east-1::foundation-model/anthropic.*",
      ]) {
        assert.ok(reachesModel(pattern), pattern);
      }
    });

    it("does not read application profiles, other services or other accounts' shapes as models", () => {
      for (const pattern of [
        "arn:aws:bedrock:*:*:application-inference-profile/*",
        "arn:aws:s3:::*",
        "arn:aws:bedrock:us-east-1:111122223333:foundation-model/x",
        "arn:aws:bedrock:*::custom-model/*",
      ]) {
        assert.ok(!reachesModel(pattern), pattern);
      }
    });

    it("tells system-defined profiles from application ones", () => {
      assert.ok(globsOverlap("arn:aws:bedrock:*:*:inference-profile/*", arnTemplates.systemProfile));
      assert.ok(
        !globsOverlap("arn:aws:bedrock:*:*:application-inference-profile/*", arnTemplates.systemProfile),
      );
    });
  });

  describe("parseBedrockArn and directModelReference", () => {
    it("parses the three ARN shapes in the three partitions", () => {
      assert.equal(
        parseBedrockArn("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0")?.kind,
        "foundation-model",
      );
      assert.equal(
        parseBedrockArn(
          "arn:aws-cn:bedrock:cn-north-1:111122223333:inference-profile/apac.amazon.nova-lite-v1:0",
        )?.kind,
        "system-profile",
      );
      assert.equal(
        parseBedrockArn(
          "arn:aws-us-gov:bedrock:us-gov-west-1:111122223333:application-inference-profile/abcdef123456",
        )?.kind,
        "application-profile",
      );
      assert.equal(
        parseBedrockArn("arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/ABC"),
        undefined,
      );
    });

    it("recognises bare model and system profile ids by their provider", () => {
      const providers = ["anthropic", "amazon"];
      assert.deepEqual(directModelReference("anthropic.claude-3-haiku-20240307-v1:0", providers), {
        kind: "foundation-model",
        modelId: "anthropic.claude-3-haiku-20240307-v1:0",
      });
      assert.equal(directModelReference("eu.amazon.nova-pro-v1:0", providers)?.kind, "system-profile");
      assert.equal(directModelReference("www.example.com", providers), undefined);
    });
  });

  describe("parsePolicyDocument", () => {
    it("takes a string or an object, and Statement as an array or one object", () => {
      const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
      for (const document of [JSON.stringify({ Statement: [statement] }), { Statement: statement }]) {
        const parsed = parsePolicyDocument(document);
        assert.equal(parsed.kind, "document");
        assert.equal(parsed.kind === "document" && parsed.statements[0].action?.known[0], "s3:GetObject");
      }
    });

    it("reports what is wrong with a document instead of throwing", () => {
      assert.deepEqual(parsePolicyDocument("nope").kind, "invalid");
      assert.deepEqual(parsePolicyDocument(42).kind, "invalid");
      assert.deepEqual(parsePolicyDocument({ Statement: [null] }).kind, "invalid");
    });
  });
});
