import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { SignUpStack } from "../lib/sign-up-stack";

// dist/test → the repository root.
const root = path.join(__dirname, "../../../..");

test("cargo-lambda-cdk builds the Rust pre sign-up trigger during synth", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cdk-rust-"));
  try {
    // Asset metadata (the staged folder of each function) as the CDK CLI asks for it.
    const app = new App({ outdir, context: { "aws:cdk:enable-asset-metadata": true } });
    const stack = new SignUpStack(app, "SignUp", {
      manifestPath: path.join(root, "Cargo.toml"),
      // The release dependencies the end-to-end suite already built (scripts/test runs it
      // first); without them the build starts from scratch and takes longer.
      buildEnvironment: { CARGO_TARGET_DIR: path.join(root, "target/e2e") },
    });
    const template = Template.fromStack(stack);

    template.hasResourceProperties("AWS::Lambda::Function", {
      Runtime: "provided.al2023",
      Handler: "bootstrap",
      Architectures: ["x86_64"],
      Timeout: 5,
    });
    const functionId = stack.getLogicalId(stack.trigger.node.defaultChild as any);
    template.hasResourceProperties("AWS::Cognito::UserPool", {
      LambdaConfig: { PreSignUp: { "Fn::GetAtt": [functionId, "Arn"] } },
    });
    template.hasResourceProperties("AWS::Lambda::Permission", {
      Action: "lambda:InvokeFunction",
      Principal: "cognito-idp.amazonaws.com",
    });

    // The asset is the bootstrap cargo lambda built: an x86-64 Linux executable.
    const functions = Object.values(template.toJSON().Resources as Record<string, any>).filter(
      (r) => r.Type === "AWS::Lambda::Function",
    );
    assert.equal(functions.length, 1);
    const bootstrap = path.join(outdir, functions[0].Metadata["aws:asset:path"], "bootstrap");
    const bytes = fs.readFileSync(bootstrap);
    assert.ok(bytes.length > 100_000, `${bootstrap}: ${bytes.length} bytes`);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x7f, 0x45, 0x4c, 0x46], "an ELF file");
    assert.equal(bytes.readUInt16LE(18), 0x3e, "for x86-64");

    // And it is a cognito-triggers bootstrap: outside Lambda, a release build says that it
    // needs the runtime API and exits 2.
    const run = spawnSync(bootstrap, [], { encoding: "utf8", env: { PATH: process.env.PATH } });
    assert.equal(run.status, 2, `${run.stdout}${run.stderr}`);
    assert.match(run.stderr, /AWS_LAMBDA_RUNTIME_API is not set/);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
