// The handler of the Amplify Gen 2 page "Override ID token claims"
// (amplify/auth/pre-token-generation/handler.ts), as Node.js runs it.
export const handler = async (event) => {
  event.response = {
    claimsOverrideDetails: {
      groupOverrideDetails: {
        groupsToOverride: ["amplify_group_1"],
      },
      claimsToAddOrOverride: {
        amplfy_attribute: "amplify_gen_2",
      },
    },
  };
  return event;
};

// The same page for a pool on LambdaVersion V2_0.
export const handlerV2 = async (event) => {
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: {
        claimsToAddOrOverride: { amplfy_attribute: "amplify_gen_2" },
      },
      groupOverrideDetails: { groupsToOverride: ["amplify_group_1"] },
    },
  };
  return event;
};
