use cognito_triggers::pre_token_generation;

struct Service;

impl Service {
    #[pre_token_generation(groups = ["admins"], main = false)]
    fn handler(&self) {}
}

fn main() {}
