// With `main = false` and a wrong argument, the only error is the argument's: the static is
// still generated, so code that uses it compiles.
use cognito_triggers::pre_sign_up;

#[pre_sign_up(require = ["sub"], main = false)]
fn handler() {}

fn main() {
    let _ = HANDLER.name();
}
