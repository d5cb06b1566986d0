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

// The handler of the Amplify Gen 2 example "access-token-claims" reads the event: the user's
// custom:tenant attribute into the access token, a scope, and admins tagged (V2_0).
export const tenantHandler = async (event) => {
  const tenant = event.request.userAttributes["custom:tenant"] ?? "none";
  const admin = (event.request.groupConfiguration?.groupsToOverride ?? []).includes("admins");
  const accessTokenGeneration = {
    claimsToAddOrOverride: admin ? { tenant, role: "admin" } : { tenant },
    scopesToAdd: admin ? ["api/tenant.read", "api/tenant.write"] : ["api/tenant.read"],
  };
  event.response = { claimsAndScopeOverrideDetails: { accessTokenGeneration } };
  return event;
};

// The handler of the Amplify Gen 2 page "Email domain filtering" (pre sign-up), as written
// there: `endsWith`, which also admits evil-amazon.com.
export const emailFilterHandler = async (event) => {
  const email = event.request.userAttributes["email"];
  if (!email.endsWith("amazon.com")) {
    throw new Error("Invalid email domain");
  }
  return event;
};

// A pre authentication handler as people write it in Node.js: a verified email and a known
// app client (the same checks as the Rust handlers of this row).
export const preAuthHandler = async (event) => {
  if (event.callerContext?.clientId !== "1example23456789") {
    throw new Error("Sign-in from this app is not allowed");
  }
  if (event.request.userAttributes?.email_verified !== "true") {
    throw new Error("Verify your email address before signing in");
  }
  return event;
};

// The handler of the Amplify Gen 2 page "Custom message", as written there: the reset email
// in English or Spanish by the user's locale.
export const customMessageHandler = async (event) => {
  if (event.triggerSource === "CustomMessage_ForgotPassword") {
    const locale = event.request.userAttributes["locale"];
    if (locale === "en") {
      event.response.emailMessage = `Your new one-time code is ${event.request.codeParameter}`;
      event.response.emailSubject = "Reset my password";
    } else if (locale === "es") {
      event.response.emailMessage = `Tu nuevo código de un solo uso es ${event.request.codeParameter}`;
      event.response.emailSubject = "Restablecer mi contraseña";
    }
  }
  return event;
};
