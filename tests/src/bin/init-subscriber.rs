//! A trigger whose `init` installs its own global `tracing` subscriber, as users do with
//! `tracing-subscriber`: it must run before the bootstrap's logger, or installing fails.

use cognito_triggers::pre_token_generation;

fn setup() {
    tracing::subscriber::set_global_default(tracing::subscriber::NoSubscriber::default())
        .expect("init runs before the bootstrap installs its logger");
}

#[pre_token_generation(claims(tier = "gold"), init = setup)]
async fn handler() {}
