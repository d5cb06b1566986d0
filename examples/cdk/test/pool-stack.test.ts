import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { PoolStack } from "../lib/pool-stack";

// The real bootstrap: scripts/test builds it (cargo lambda build) before these tests.
const bootstrapDir = process.env.BOOTSTRAP_DIR ?? path.join(__dirname, "../../../../target/lambda/access-token-claims");

test("the bootstrap exists", () => {
  assert.ok(fs.statSync(path.join(bootstrapDir, "bootstrap")).size > 100_000, `${bootstrapDir}/bootstrap`);
});

test("synthesizes a V2_0 pre token generation trigger on provided.al2023", () => {
  const app = new App({ context: { "aws:cdk:enable-asset-metadata": true } });
  const stack = new PoolStack(app, "Test", { bootstrapDir });
  const template = Template.fromStack(stack);

  template.hasResourceProperties("AWS::Lambda::Function", {
    Runtime: "provided.al2023",
    Handler: "bootstrap",
    Architectures: ["x86_64"],
    Timeout: 5,
    Code: { S3Bucket: Match.anyValue(), S3Key: Match.stringLikeRegexp("\\.zip$") },
  });
  const functionId = stack.getLogicalId(stack.trigger.node.defaultChild as any);
  template.hasResourceProperties("AWS::Cognito::UserPool", {
    UserPoolTier: "ESSENTIALS",
    LambdaConfig: {
      PreTokenGenerationConfig: {
        LambdaArn: { "Fn::GetAtt": [functionId, "Arn"] },
        LambdaVersion: "V2_0",
      },
    },
  });
  template.hasResourceProperties("AWS::Lambda::Permission", {
    Action: "lambda:InvokeFunction",
    Principal: "cognito-idp.amazonaws.com",
  });
  // The asset is the bootstrap folder, hashed from its content.
  const assets = Object.values(template.toJSON().Resources as Record<string, any>)
    .filter((r) => r.Type === "AWS::Lambda::Function")
    .map((r) => r.Metadata?.["aws:asset:path"]);
  assert.equal(assets.length, 1);
  assert.match(String(assets[0]), /^asset\./, "the staged bootstrap folder");
});
