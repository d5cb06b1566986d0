//! Cold starts and peak memory of a bootstrap under a loopback Lambda runtime API, shared by
//! the benchmark binaries.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use cognito_triggers::testing::RuntimeApi;

/// The median of `values`.
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Peak resident memory (`VmHWM`) of a running process, in KiB.
pub fn vm_hwm_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Spawns `program` against a Lambda runtime API on loopback that hands it `event`, and
/// returns (spawn → response delivered, peak RSS in KiB at that moment, response body).
pub fn cold_start(program: &[&Path], event: &[u8]) -> (Duration, u64, Vec<u8>) {
    cold_start_with(program, &[], event)
}

/// [`cold_start`] with more environment variables.
pub fn cold_start_with(
    program: &[&Path],
    env: &[(&str, &str)],
    event: &[u8],
) -> (Duration, u64, Vec<u8>) {
    let api = RuntimeApi::bind().unwrap();
    let mut command = api.command(program[0]);
    command
        .args(&program[1..])
        .envs(env.iter().copied())
        .env("AWS_LAMBDA_LOG_LEVEL", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let start = Instant::now();
    let mut child = command.spawn().unwrap();
    let mut session = api.accept(&mut child, Duration::from_secs(20)).unwrap();
    let answer = session.invoke(event).unwrap();
    let elapsed = session.answered_at().unwrap() - start;
    let rss = vm_hwm_kib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        answer.is_success(),
        "{}",
        String::from_utf8_lossy(answer.body())
    );
    (elapsed, rss, answer.body().to_vec())
}

/// Median cold start, peak RSS and first answer of each program over `runs` spawns; the spawns
/// of the programs alternate, as the per-event batches do, in turns that swap their order
/// (A B, B A, ..), so that neither always follows the other.
pub fn median_cold_starts<const N: usize>(
    programs: [&[&Path]; N],
    event: &[u8],
    runs: usize,
) -> [(f64, u64, Vec<u8>); N] {
    median_cold_starts_with(programs, &[], event, runs)
}

/// [`median_cold_starts`] with more environment variables.
pub fn median_cold_starts_with<const N: usize>(
    programs: [&[&Path]; N],
    env: &[(&str, &str)],
    event: &[u8],
    runs: usize,
) -> [(f64, u64, Vec<u8>); N] {
    let mut times = [(); N].map(|()| Vec::with_capacity(runs));
    let mut rss = [(); N].map(|()| Vec::with_capacity(runs));
    let mut bodies = [(); N].map(|()| Vec::new());
    for turn in 0..runs {
        for step in 0..N {
            let k = if turn % 2 == 0 { step } else { N - 1 - step };
            let (t, r, b) = cold_start_with(programs[k], env, event);
            times[k].push(t.as_secs_f64() * 1000.0);
            rss[k].push(r);
            bodies[k] = b;
        }
    }
    std::array::from_fn(|k| {
        rss[k].sort_unstable();
        let time = median(std::mem::take(&mut times[k]));
        (time, rss[k][runs / 2], std::mem::take(&mut bodies[k]))
    })
}

/// The arguments of the benchmarks that compare two bootstraps: `--ours BOOTSTRAP
/// --handwritten BOOTSTRAP [--quick]`, the paths defaulting to `target/lambda/<name>/bootstrap`;
/// and the number of runs (21, or 5 with `--quick`).
pub fn pair_args(ours: &str, handwritten: &str) -> (PathBuf, PathBuf, usize) {
    let bootstrap = |name: &str| Path::new("target/lambda").join(name).join("bootstrap");
    let (mut ours, mut handwritten, mut runs) = (bootstrap(ours), bootstrap(handwritten), 21);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--ours" => ours = args.next().expect("--ours BOOTSTRAP").into(),
            "--handwritten" => handwritten = args.next().expect("--handwritten BOOTSTRAP").into(),
            "--quick" => runs = 5,
            other => panic!("unknown argument {other}"),
        }
    }
    (ours, handwritten, runs)
}

/// The size of a file in KiB (NaN when it is missing).
pub fn size_kib(path: &Path) -> f64 {
    std::fs::metadata(path).map_or(f64::NAN, |m| m.len() as f64 / 1024.0)
}

/// Prints the rows `(measure, generated, hand-written, unit)` of a two-bootstrap table with
/// their ratio against the ≤ 1.1× target, under `title` (the first column's heading); whether
/// every row meets it.
pub fn print_pair_rows(title: &str, rows: &[(&str, f64, f64, &str)]) -> bool {
    println!(
        "| {title} | generated | hand-written Rust | generated / hand-written | target | met |"
    );
    println!("|---|---:|---:|---:|---|---|");
    let mut all = true;
    for &(measure, a, b, unit) in rows {
        let r = a / b;
        all &= r <= 1.1;
        println!(
            "| {measure} | {a:.2} {unit} | {b:.2} {unit} | {r:.2}× | ≤ 1.1× | {} |",
            if r <= 1.1 { "yes" } else { "no" }
        );
    }
    all
}
