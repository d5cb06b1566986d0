import { Duration, Stack, StackProps } from "aws-cdk-lib";
import { UserPool, UserPoolOperation } from "aws-cdk-lib/aws-cognito";
import { Architecture } from "aws-cdk-lib/aws-lambda";
import { RustFunction } from "cargo-lambda-cdk";
import { Construct } from "constructs";

export interface SignUpStackProps extends StackProps {
  /** The workspace's Cargo.toml (the repository root's). */
  readonly manifestPath: string;
  /** More environment for `cargo lambda build` (CARGO_TARGET_DIR, say). */
  readonly buildEnvironment?: Record<string, string>;
}

/**
 * A user pool whose pre sign-up trigger is the Rust `email-domain-filter` example, built by
 * cargo-lambda-cdk's `RustFunction` at synth time (`cargo lambda build --release`, locally
 * when cargo-lambda is installed, else in its Docker image), instead of a prebuilt asset.
 */
export class SignUpStack extends Stack {
  readonly trigger: RustFunction;

  constructor(scope: Construct, id: string, props: SignUpStackProps) {
    super(scope, id, props);
    this.trigger = new RustFunction(this, "PreSignUp", {
      manifestPath: props.manifestPath,
      binaryName: "email-domain-filter",
      architecture: Architecture.X86_64,
      timeout: Duration.seconds(5),
      memorySize: 128,
      bundling: {
        // Only this package's features: the workspace's other members pull in the AWS SDK
        // and the Encryption SDK.
        cargoLambdaFlags: ["--package", "email-domain-filter", "--locked"],
        environment: props.buildEnvironment,
      },
    });
    const pool = new UserPool(this, "Pool", { signInAliases: { email: true } });
    pool.addTrigger(UserPoolOperation.PRE_SIGN_UP, this.trigger);
  }
}
