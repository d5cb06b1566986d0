import { App } from "aws-cdk-lib";
import * as path from "node:path";
import { PoolStack } from "../lib/pool-stack";

const app = new App();
new PoolStack(app, "RustPreTokenGeneration", {
  bootstrapDir:
    process.env.BOOTSTRAP_DIR ?? path.join(__dirname, "../../../../target/lambda/access-token-claims"),
});
app.synth();
