//! Compile-time contract of the trigger attributes: what compiles, and the exact errors of
//! what must not. Regenerate the `.stderr` files with `TRYBUILD=overwrite` and review the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
    cases.pass("ui/pre_sign_up/pass/*.rs");
    cases.compile_fail("ui/pre_sign_up/fail/*.rs");
    cases.pass("ui/lifecycle/pass/*.rs");
    cases.compile_fail("ui/lifecycle/fail/*.rs");
    cases.pass("ui/custom_message/pass/*.rs");
    cases.compile_fail("ui/custom_message/fail/*.rs");
    cases.pass("ui/custom_auth/pass/*.rs");
    cases.compile_fail("ui/custom_auth/fail/*.rs");
    cases.pass("ui/migration/pass/*.rs");
    cases.compile_fail("ui/migration/fail/*.rs");
    cases.compile_fail("ui/senders/fail/*.rs");
}
