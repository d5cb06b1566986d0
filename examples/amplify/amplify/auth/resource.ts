import { defineAuth } from "@aws-amplify/backend";
import { emailSender } from "./email-sender/resource";
import { preTokenGeneration } from "./pre-token-generation/resource";

/**
 * `PRE_TOKEN_VERSION=V2_0` switches the pool to the access-token trigger, wired in backend.ts:
 * defineAuth can only wire LambdaVersion V1_0, so the V2_0 trigger is not listed here.
 */
export const useV2 = process.env.PRE_TOKEN_VERSION === "V2_0";

/**
 * `KMS_KEY_ARN` (the pool's key for custom senders) wires the Rust custom email sender:
 * Cognito then encrypts every code with that key and hands it to the sender.
 */
const kmsKeyArn = process.env.KMS_KEY_ARN;

export const auth = defineAuth({
  loginWith: { email: true },
  groups: ["amplify_group_1"],
  triggers: useV2 ? {} : { preTokenGeneration },
  ...(kmsKeyArn ? { senders: { email: { handler: emailSender, kmsKeyArn } } } : {}),
});
