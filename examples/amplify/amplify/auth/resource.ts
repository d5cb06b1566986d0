import { defineAuth } from "@aws-amplify/backend";
import {
  addUserToGroup,
  customMessage,
  emailDomainFilter,
  emailSender,
  passwordlessCode,
  preTokenGeneration,
  signInSuite,
  userMigration,
} from "../functions/resource";

/**
 * `PRE_TOKEN_VERSION=V2_0` switches the pool to the access-token trigger, wired in backend.ts:
 * defineAuth can only wire LambdaVersion V1_0, so the V2_0 trigger is not listed here.
 */
export const useV2 = process.env.PRE_TOKEN_VERSION === "V2_0";

/**
 * `KMS_KEY_ARN` (the pool's key for custom senders) wires the Rust custom email sender:
 * Cognito then encrypts every code with that key and hands it to the sender (and no longer
 * calls the custom message trigger for emails).
 */
const kmsKeyArn = process.env.KMS_KEY_ARN;

/** Every Rust example trigger that defineAuth can wire; inbound federation is in backend.ts. */
export const auth = defineAuth({
  loginWith: { email: true },
  groups: ["amplify_group_1", "EVERYONE"],
  triggers: {
    preSignUp: emailDomainFilter,
    postConfirmation: addUserToGroup,
    preAuthentication: signInSuite,
    customMessage,
    defineAuthChallenge: passwordlessCode,
    createAuthChallenge: passwordlessCode,
    verifyAuthChallengeResponse: passwordlessCode,
    userMigration,
    ...(useV2 ? {} : { preTokenGeneration }),
  },
  access: (allow) => [allow.resource(addUserToGroup).to(["addUserToGroup"])],
  ...(kmsKeyArn ? { senders: { email: { handler: emailSender, kmsKeyArn } } } : {}),
});
