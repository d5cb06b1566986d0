#!/usr/bin/env bash
# One invocation, all measurements side by side on this machine: per-event time, cold start,
# peak RSS, bootstrap size and clean build time of the generated handler (override-token), the
# hand-written aws_lambda_events handler (bench/src/bin/handwritten.rs) and the Amplify page's
# Node.js handler (bench/node). Prints a markdown table with ratios. Then the `sdk` rows:
# add-user-to-group against a hand-written post confirmation handler making the same AWS SDK
# call, both against cognito-local (bench/src/bin/sdk-bench.rs). Then the `senders` rows: a
# `#[custom_email_sender]` bootstrap against a hand-written sender doing the same Encryption SDK
# decryption, both through moto's KMS (bench/src/bin/sender-bench.rs; moto, pinned, in ./.venv).
#
#   bench/run.sh            full run (two clean release builds: a few minutes)
#   bench/run.sh --quick    fewer iterations, no clean builds
set -euo pipefail
cd "$(dirname "$0")/.."

quick=""
[ "${1:-}" = "--quick" ] && quick="--quick"

CARGO_LAMBDA_VERSION=1.9.2
if ! .venv/bin/cargo-lambda lambda --version 2>/dev/null | grep -q "$CARGO_LAMBDA_VERSION"; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "cargo-lambda==$CARGO_LAMBDA_VERSION"
fi
MOTO_VERSION=5.2.5
if ! .venv/bin/pip show moto 2>/dev/null | grep -q "^Version: $MOTO_VERSION$"; then
  .venv/bin/pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
fi
export PATH="$PWD/.venv/bin:$PATH"
command -v node >/dev/null || { echo "bench needs Node.js (20) on PATH" >&2; exit 1; }

# Each bootstrap built on its own, so that neither gets the other's dependencies or features.
cargo lambda build --release --locked -p override-token >&2
cargo lambda build --release --locked -p cognito-triggers-bench --bin handwritten >&2
# The `sdk` rows: add-user-to-group and its hand-written baseline, each with the AWS SDK.
cargo lambda build --release --locked -p add-user-to-group >&2
cargo lambda build --release --locked -p cognito-triggers-bench --features sdk --bin handwritten-sdk >&2
cargo lambda build --release --locked -p cognito-triggers-bench --features sdk,subscriber --bin handwritten-sdk-logging >&2
# The `senders` rows: both with the AWS Encryption SDK (a long first build).
cargo lambda build --release --locked -p cognito-triggers-bench --features senders --bin generated-sender >&2
cargo lambda build --release --locked -p cognito-triggers-bench --features senders --bin handwritten-sender >&2

build_secs=()
if [ -z "$quick" ]; then
  clean_build() {
    local dir start
    dir=$(mktemp -d)
    start=$(date +%s%N)
    CARGO_TARGET_DIR="$dir" cargo lambda build --release --locked "$@" >&2
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    printf '%d.%03d\n' $((ms / 1000)) $((ms % 1000))
    rm -rf "$dir"
  }
  ours=$(clean_build -p override-token)
  handwritten=$(clean_build -p cognito-triggers-bench --bin handwritten)
  build_secs=(--build-secs "$ours,$handwritten")
fi

cargo run --release --locked -q -p cognito-triggers-bench --bin bench -- \
  --ours target/lambda/override-token/bootstrap \
  --handwritten target/lambda/handwritten/bootstrap \
  --node-dir bench/node --events bench/events ${build_secs[@]+"${build_secs[@]}"} $quick

echo
cargo run --release --locked -q -p cognito-triggers-bench --features sdk --bin sdk-bench -- \
  --ours target/lambda/add-user-to-group/bootstrap \
  --handwritten target/lambda/handwritten-sdk/bootstrap $quick

echo
echo "Against the hand-written SDK handler that logs (lambda_runtime's default subscriber):"
echo
cargo run --release --locked -q -p cognito-triggers-bench --features sdk --bin sdk-bench -- \
  --ours target/lambda/add-user-to-group/bootstrap \
  --handwritten target/lambda/handwritten-sdk-logging/bootstrap $quick

echo
cargo run --release --locked -q -p cognito-triggers-bench --features senders --bin sender-bench -- \
  --ours target/lambda/generated-sender/bootstrap \
  --handwritten target/lambda/handwritten-sender/bootstrap $quick
