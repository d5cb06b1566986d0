import { defineFunction } from "@aws-amplify/backend";
import { Duration } from "aws-cdk-lib";
import { Architecture, Code, Function, Runtime } from "aws-cdk-lib/aws-lambda";
import { fileURLToPath } from "node:url";

// The Rust bootstrap, built from the repository root with
//   cargo lambda build --release -p email-sender
const target = fileURLToPath(new URL("../../../../../target/lambda/", import.meta.url));

/**
 * The custom email sender (examples/email-sender): decrypts Cognito's code with the pool's KMS
 * key and sends it with SES. Amplify grants it `kms:Decrypt` on the key given as
 * `senders.email.kmsKeyArn`; give it `ses:SendEmail` and set `SENDER_EMAIL` and `KMS_KEY_ARN`.
 */
export const emailSender = defineFunction((scope) =>
  new Function(scope, "email-sender", {
    runtime: Runtime.PROVIDED_AL2023,
    architecture: Architecture.X86_64,
    handler: "bootstrap",
    code: Code.fromAsset(`${target}email-sender`),
    timeout: Duration.seconds(10),
    memorySize: 256,
    environment: {
      KMS_KEY_ARN: process.env.KMS_KEY_ARN ?? "",
      SENDER_EMAIL: process.env.SENDER_EMAIL ?? "",
    },
  }),
);
