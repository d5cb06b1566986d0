import { defineBackend } from "@aws-amplify/backend";
import { ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { auth, useV2 } from "./auth/resource";
import { accessTokenClaims, preTokenGeneration } from "./auth/pre-token-generation/resource";

const backend = defineBackend({ auth, preTokenGeneration, accessTokenClaims });

if (useV2) {
  // defineAuth wires pre token generation as LambdaVersion V1_0 (ID token only). To customize
  // access tokens, set the pool's PreTokenGenerationConfig to the Rust function with
  // LambdaVersion V2_0 (the CDK escape hatch), let Cognito invoke it, and put the pool on the
  // Essentials feature plan, which V2_0 needs.
  const { userPool, cfnResources } = backend.auth.resources;
  const trigger = backend.accessTokenClaims.resources.lambda;
  cfnResources.cfnUserPool.addPropertyOverride("LambdaConfig.PreTokenGenerationConfig", {
    LambdaArn: trigger.functionArn,
    LambdaVersion: "V2_0",
  });
  cfnResources.cfnUserPool.userPoolTier = "ESSENTIALS";
  trigger.addPermission("CognitoPreTokenGeneration", {
    principal: new ServicePrincipal("cognito-idp.amazonaws.com"),
    sourceArn: userPool.userPoolArn,
  });
}
