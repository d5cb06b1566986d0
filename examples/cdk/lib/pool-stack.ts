import { Duration, Stack, StackProps } from "aws-cdk-lib";
import { FeaturePlan, LambdaVersion, UserPool, UserPoolOperation } from "aws-cdk-lib/aws-cognito";
import { Architecture, Code, Function, Runtime } from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";

export interface PoolStackProps extends StackProps {
  /** The folder holding `bootstrap`, as `cargo lambda build --release -p access-token-claims` writes it. */
  readonly bootstrapDir: string;
}

/** A user pool whose pre token generation trigger is the Rust `access-token-claims` function, V2_0. */
export class PoolStack extends Stack {
  readonly trigger: Function;

  constructor(scope: Construct, id: string, props: PoolStackProps) {
    super(scope, id, props);
    this.trigger = new Function(this, "PreTokenGeneration", {
      runtime: Runtime.PROVIDED_AL2023,
      architecture: Architecture.X86_64,
      handler: "bootstrap",
      code: Code.fromAsset(props.bootstrapDir),
      timeout: Duration.seconds(5),
      memorySize: 128,
    });
    const pool = new UserPool(this, "Pool", {
      featurePlan: FeaturePlan.ESSENTIALS,
      signInAliases: { email: true },
    });
    pool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, this.trigger, LambdaVersion.V2_0);
  }
}
