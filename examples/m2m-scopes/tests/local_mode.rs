//! The example in local mode on its built-in V3 client credentials sample.

use cognito_triggers_tests::run_local;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_m2m-scopes");

#[test]
fn client_credentials_get_only_an_access_token() {
    let output = run_local(BIN, &["--claims"], None);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tokens: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(tokens.get("id_token").is_none());
    let access = &tokens["access_token"];
    assert_eq!(access["scope"], "solar-system-data/asteroids.read");
    assert_eq!(access["machine"], true);
    assert_eq!(access["environment"], "dev");
    assert_eq!(access["sub"], access["client_id"]);
    assert!(access.get("username").is_none() && access.get("cognito:groups").is_none());
}

#[test]
fn readable_output_says_there_is_no_id_token() {
    let output = run_local(BIN, &[], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("No ID token: a client credentials grant issues only an access token."),
        "{text}"
    );
    assert!(text.contains("TokenGeneration_ClientCredentials"));
}
