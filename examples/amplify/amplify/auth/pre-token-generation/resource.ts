import { defineFunction } from "@aws-amplify/backend";
import { Duration } from "aws-cdk-lib";
import { Architecture, Code, Function, Runtime } from "aws-cdk-lib/aws-lambda";
import { fileURLToPath } from "node:url";

// The Rust bootstraps, built from the repository root with
//   cargo lambda build --release -p override-token -p access-token-claims
// (cargo lambda builds for x86_64 by default; add --arm64 and use Architecture.ARM_64 for Graviton).
const target = fileURLToPath(new URL("../../../../../target/lambda/", import.meta.url));

function rustTrigger(name: string) {
  return defineFunction((scope) =>
    new Function(scope, name, {
      runtime: Runtime.PROVIDED_AL2023,
      architecture: Architecture.X86_64,
      handler: "bootstrap",
      code: Code.fromAsset(`${target}${name}`),
      // Cognito waits 5 seconds for a trigger; the Rust handler answers in microseconds.
      timeout: Duration.seconds(5),
      memorySize: 128,
    }),
  );
}

/** The Amplify page "Override ID token claims", in Rust (V1_0, what defineAuth wires). */
export const preTokenGeneration = rustTrigger("override-token");

/** Access token claims for an API authorizer: needs the pool's LambdaVersion V2_0 (backend.ts). */
export const accessTokenClaims = rustTrigger("access-token-claims");
