import { defineAuth } from "@aws-amplify/backend";
import { preTokenGeneration } from "./pre-token-generation/resource";

/**
 * `PRE_TOKEN_VERSION=V2_0` switches the pool to the access-token trigger, wired in backend.ts:
 * defineAuth can only wire LambdaVersion V1_0, so the V2_0 trigger is not listed here.
 */
export const useV2 = process.env.PRE_TOKEN_VERSION === "V2_0";

export const auth = defineAuth({
  loginWith: { email: true },
  groups: ["amplify_group_1"],
  triggers: useV2 ? {} : { preTokenGeneration },
});
