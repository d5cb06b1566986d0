//! Runs one per-event path N times on one event, for instruction counts under callgrind:
//!
//!   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/event-loop generated bench/events/v1-small.json 10000
//!
//! Paths: generated, floor, tenant, email-filter, sign-in, custom-message, handwritten-v1,
//! handwritten-v2, handwritten-tenant, handwritten-email-filter, handwritten-sign-in,
//! handwritten-custom-message.

use cognito_triggers_bench::{
    generated_email_filter_event, generated_event, generated_messages_event,
    generated_sign_in_event, generated_tenant_event, handwritten_email_filter_event,
    handwritten_messages_event, handwritten_sign_in_event, handwritten_tenant_event,
    handwritten_v1_event, handwritten_v2_event, lambda_runtime_floor,
};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, path, file, n] = &args[..] else {
        eprintln!("usage: event-loop PATH EVENT.json N");
        std::process::exit(2);
    };
    let run: fn(&[u8]) -> Vec<u8> = match path.as_str() {
        "generated" => generated_event,
        "floor" => lambda_runtime_floor,
        "tenant" => generated_tenant_event,
        "email-filter" => generated_email_filter_event,
        "sign-in" => generated_sign_in_event,
        "handwritten-sign-in" => handwritten_sign_in_event,
        "custom-message" => generated_messages_event,
        "handwritten-custom-message" => handwritten_messages_event,
        "handwritten-v1" => handwritten_v1_event,
        "handwritten-v2" => handwritten_v2_event,
        "handwritten-tenant" => handwritten_tenant_event,
        "handwritten-email-filter" => handwritten_email_filter_event,
        other => {
            eprintln!("unknown path {other}");
            std::process::exit(2);
        }
    };
    let body = std::fs::read(file).expect("event file");
    let compact =
        serde_json::to_vec(&serde_json::from_slice::<serde_json::Value>(&body).expect("JSON"))
            .expect("compact");
    let n: usize = n.parse().expect("N");
    let mut total = 0;
    for _ in 0..n {
        total += std::hint::black_box(run(std::hint::black_box(&compact))).len();
    }
    println!("{total}");
}
