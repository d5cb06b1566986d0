import { defineFunction } from "@aws-amplify/backend";
import { Duration } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Architecture, Code, Function, Runtime } from "aws-cdk-lib/aws-lambda";
import { fileURLToPath } from "node:url";

// The Rust bootstraps, built from the repository root with
//   cargo lambda build --release -p override-token -p email-domain-filter -p ...
// (one `-p` per example below; cargo lambda builds for x86_64 by default: add --arm64 and use
// Architecture.ARM_64 for Graviton). Each lands in target/lambda/<package>/bootstrap.
const target = fileURLToPath(new URL("../../../../target/lambda/", import.meta.url));

interface RustFunctionOptions {
  /** Seconds. Cognito waits 5 seconds for a trigger (the custom senders are invoked asynchronously). */
  readonly timeout?: number;
  readonly memorySize?: number;
  readonly environment?: Record<string, string>;
  /** IAM actions the function needs, on every resource (narrow them for production). */
  readonly actions?: string[];
}

/** A Lambda function running the bootstrap of the example package `name`. */
function rustFunction(name: string, options: RustFunctionOptions = {}) {
  return defineFunction((scope) => {
    const fn = new Function(scope, name, {
      runtime: Runtime.PROVIDED_AL2023,
      architecture: Architecture.X86_64,
      handler: "bootstrap",
      code: Code.fromAsset(`${target}${name}`),
      timeout: Duration.seconds(options.timeout ?? 5),
      memorySize: options.memorySize ?? 128,
      environment: options.environment,
    });
    if (options.actions) {
      fn.addToRolePolicy(new PolicyStatement({ actions: options.actions, resources: ["*"] }));
    }
    return fn;
  });
}

/** Pre sign-up: the Amplify page "Email domain filtering", without its `endsWith` bug. */
export const emailDomainFilter = rustFunction("email-domain-filter");

/** Pre sign-up, the other page: "User attribute validation" (13 or older). Wire one of the two. */
export const attributeValidation = rustFunction("attribute-validation");

/**
 * Post confirmation: the Amplify page "Add user to group" (`EVERYONE`), on confirmed sign-ups
 * only. Its `AdminAddUserToGroup` permission is granted in auth/resource.ts (`access`).
 */
export const addUserToGroup = rustFunction("add-user-to-group");

/**
 * Pre authentication (the email address must be verified). The same bootstrap also serves pre
 * sign-up and post confirmation, routed by `triggerSource`: one function for three triggers.
 */
export const signInSuite = rustFunction("sign-in-suite", {
  actions: ["cognito-idp:AdminAddUserToGroup"],
});

/** Custom message: the Amplify page "Custom message" (Spanish reset email) and a branded sign-up email. */
export const customMessage = rustFunction("custom-message");

/**
 * Define, create and verify auth challenge in one bootstrap: an emailed one-time code (SES v2,
 * from `SENDER_EMAIL`, a verified identity).
 */
export const passwordlessCode = rustFunction("passwordless-code", {
  environment: { SENDER_EMAIL: process.env.SENDER_EMAIL ?? "" },
  actions: ["ses:SendEmail"],
});

/** User migration from a legacy store of bcrypt hashes (the function answers within 4 s). */
export const userMigration = rustFunction("user-migration", { memorySize: 256 });

/** Pre token generation: the Amplify page "Override ID token claims" (V1_0, what defineAuth wires). */
export const preTokenGeneration = rustFunction("override-token");

/** Access token claims for an API authorizer: needs the pool's LambdaVersion V2_0 (backend.ts). */
export const accessTokenClaims = rustFunction("access-token-claims");

/**
 * The custom email sender: decrypts Cognito's code with the pool's KMS key and sends it with
 * SES. Amplify grants it `kms:Decrypt` on the key given as `senders.email.kmsKeyArn`.
 */
export const emailSender = rustFunction("email-sender", {
  timeout: 10,
  memorySize: 256,
  environment: {
    KMS_KEY_ARN: process.env.KMS_KEY_ARN ?? "",
    SENDER_EMAIL: process.env.SENDER_EMAIL ?? "",
  },
  actions: ["ses:SendEmail"],
});

/** Inbound federation: OIDC and SAML claims mapped to user attributes (wired in backend.ts). */
export const federationMapping = rustFunction("federation-mapping");
