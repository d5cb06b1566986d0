import { defineBackend } from "@aws-amplify/backend";
import { ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { auth, useV2 } from "./auth/resource";
import {
  accessTokenClaims,
  addUserToGroup,
  attributeValidation,
  customMessage,
  emailDomainFilter,
  emailSender,
  federationMapping,
  passwordlessCode,
  preTokenGeneration,
  signInSuite,
  userMigration,
} from "./functions/resource";

const backend = defineBackend({
  auth,
  emailDomainFilter,
  attributeValidation,
  addUserToGroup,
  signInSuite,
  customMessage,
  passwordlessCode,
  userMigration,
  preTokenGeneration,
  accessTokenClaims,
  emailSender,
  federationMapping,
});

const { userPool, cfnResources } = backend.auth.resources;

/** Lets Cognito invoke `fn` for this pool. */
function invokableByCognito(id: string, fn: typeof backend.federationMapping.resources.lambda) {
  fn.addPermission(id, {
    principal: new ServicePrincipal("cognito-idp.amazonaws.com"),
    sourceArn: userPool.userPoolArn,
  });
}

// Inbound federation is not among defineAuth's triggers: set the pool's LambdaConfig directly
// (V1_0 is the only version Cognito accepts for it).
cfnResources.cfnUserPool.addPropertyOverride("LambdaConfig.InboundFederation", {
  LambdaArn: backend.federationMapping.resources.lambda.functionArn,
  LambdaVersion: "V1_0",
});
invokableByCognito("CognitoInboundFederation", backend.federationMapping.resources.lambda);

if (useV2) {
  // defineAuth wires pre token generation as LambdaVersion V1_0 (ID token only). To customize
  // access tokens, set the pool's PreTokenGenerationConfig to the Rust function with
  // LambdaVersion V2_0 (the CDK escape hatch), let Cognito invoke it, and put the pool on the
  // Essentials feature plan, which V2_0 needs.
  cfnResources.cfnUserPool.addPropertyOverride("LambdaConfig.PreTokenGenerationConfig", {
    LambdaArn: backend.accessTokenClaims.resources.lambda.functionArn,
    LambdaVersion: "V2_0",
  });
  cfnResources.cfnUserPool.userPoolTier = "ESSENTIALS";
  invokableByCognito("CognitoPreTokenGeneration", backend.accessTokenClaims.resources.lambda);
}
