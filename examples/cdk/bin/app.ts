import { App } from "aws-cdk-lib";
import * as path from "node:path";
import { PoolStack } from "../lib/pool-stack";
import { SignUpStack } from "../lib/sign-up-stack";

const app = new App();
// A prebuilt bootstrap (`cargo lambda build --release -p access-token-claims` first).
new PoolStack(app, "RustPreTokenGeneration", {
  bootstrapDir:
    process.env.BOOTSTRAP_DIR ?? path.join(__dirname, "../../../../target/lambda/access-token-claims"),
});
// Built by cargo-lambda-cdk during synth.
new SignUpStack(app, "RustPreSignUp", {
  manifestPath: path.join(__dirname, "../../../../Cargo.toml"),
});
app.synth();
