use cognito_triggers::pre_token_generation;

fn setup(level: u8) {
    let _ = level;
}

#[pre_token_generation(groups = ["admins"], init = setup)]
async fn handler() {}
