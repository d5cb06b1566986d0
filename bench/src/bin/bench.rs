//! The benchmark harness: per-event time, cold start and peak RSS of the generated handler, the
//! hand-written `aws_lambda_events` handler and the Amplify page's Node.js handler, measured
//! side by side in one run, printed as a table of ratios. `bench/run.sh` builds the bootstraps
//! and runs this.
//!
//! Usage: bench --ours BOOTSTRAP --handwritten BOOTSTRAP --node-dir bench/node --events bench/events
//!        [--build-secs OURS,HANDWRITTEN] [--quick]

use std::hint::black_box;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use cognito_triggers_bench::measure::{median, median_cold_starts};
use cognito_triggers_bench::{
    generated_email_filter_event, generated_event, generated_messages_event,
    generated_sign_in_event, generated_tenant_event, handwritten_email_filter_event,
    handwritten_messages_event, handwritten_sign_in_event, handwritten_tenant_event,
    handwritten_v1_event, handwritten_v2_event, lambda_runtime_floor,
};
use serde_json::{json, Value};

struct Args {
    ours: PathBuf,
    handwritten: PathBuf,
    node_dir: PathBuf,
    events: PathBuf,
    build_secs: Option<(f64, f64)>,
    quick: bool,
}

fn args() -> Args {
    let mut args = std::env::args().skip(1);
    let mut parsed = Args {
        ours: PathBuf::from("target/lambda/override-token/bootstrap"),
        handwritten: PathBuf::from("target/lambda/handwritten/bootstrap"),
        node_dir: PathBuf::from("bench/node"),
        events: PathBuf::from("bench/events"),
        build_secs: None,
        quick: false,
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--ours" => parsed.ours = value().into(),
            "--handwritten" => parsed.handwritten = value().into(),
            "--node-dir" => parsed.node_dir = value().into(),
            "--events" => parsed.events = value().into(),
            "--build-secs" => {
                let v = value();
                let (a, b) = v.split_once(',').expect("--build-secs OURS,HANDWRITTEN");
                parsed.build_secs = Some((a.parse().unwrap(), b.parse().unwrap()));
            }
            "--quick" => parsed.quick = true,
            other => panic!("unknown argument {other}"),
        }
    }
    parsed
}

/// One event's trip: payload bytes in, answer bytes out.
type EventFn = fn(&[u8]) -> Vec<u8>;

/// One batch's time per event, in nanoseconds.
#[derive(Clone, Copy, Debug)]
struct Sample {
    /// Wall-clock time.
    wall: f64,
    /// CPU time: of the thread that runs the Rust handlers; of the whole Node.js process.
    cpu: f64,
}

/// Runs one batch of `n` events.
type Batch<'a> = Box<dyn FnMut(usize) -> Sample + 'a>;

/// CPU time this thread has used.
fn thread_cpu() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// A batch of `f` on `body`, timed in this process.
fn rust_batch(f: EventFn, body: &[u8]) -> Batch<'_> {
    Box::new(move |n| {
        let (start, cpu) = (Instant::now(), thread_cpu());
        for _ in 0..n {
            black_box(f(black_box(body)));
        }
        let per_event = |d: Duration| d.as_nanos() as f64 / n as f64;
        Sample {
            wall: per_event(start.elapsed()),
            cpu: per_event(thread_cpu() - cpu),
        }
    })
}

/// The Amplify handler in a Node.js process that stays up while one event is measured (its JIT
/// stays warm) and runs a batch when asked.
struct Node {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Node {
    fn start(node_dir: &Path) -> Node {
        let mut child = Command::new("node")
            .arg(node_dir.join("per-event.mjs"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("node");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Node {
            child,
            stdin,
            stdout,
        }
    }

    fn batch(&mut self, event: &Path, version: &str, n: usize) -> Sample {
        let request = json!({"file": event, "version": version, "n": n});
        writeln!(self.stdin, "{request}").expect("node stdin");
        let mut line = String::new();
        self.stdout.read_line(&mut line).expect("node stdout");
        let answer: Value = serde_json::from_str(&line).expect("node answer");
        let ns = |key: &str| {
            answer[key]
                .as_f64()
                .unwrap_or_else(|| panic!("{key} in {line}"))
        };
        Sample {
            wall: ns("wall_ns"),
            cpu: ns("cpu_ns"),
        }
    }
}

/// Node.js processes for one event, each warmed up by a batch of its own; the batches go
/// round them. One process's JIT may settle faster or slower than another's (per-event times
/// of one event differ by up to 1.7× between processes), so the median is taken over several.
/// Each process's batch CPU times go to `per_process`, for the report.
fn node_batches<'a>(
    node_dir: &Path,
    event: &'a Path,
    version: &'a str,
    n: usize,
    per_process: &'a mut [Vec<f64>],
) -> Batch<'a> {
    let mut nodes: Vec<Node> = per_process.iter().map(|_| Node::start(node_dir)).collect();
    for node in &mut nodes {
        node.batch(event, version, n);
    }
    let mut next = 0;
    Box::new(move |n| {
        next = (next + 1) % nodes.len();
        let sample = nodes[next].batch(event, version, n);
        per_process[next].push(sample.cpu);
        sample
    })
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Each batch runner's samples over `rounds` rounds of `n` events each, after a warm-up
/// batch. A round is `slices` turns in which every runner runs `n / slices` events, so that a
/// change of the machine's speed during a round (this VM's can double or halve within
/// seconds) falls on all runners alike and samples of one round can be compared.
fn per_event(
    mut runners: Vec<Batch<'_>>,
    n: usize,
    rounds: usize,
    slices: usize,
) -> Vec<Vec<Sample>> {
    let slice = n / slices;
    for run in &mut runners {
        run(slice);
    }
    let mut results = vec![Vec::with_capacity(rounds); runners.len()];
    for _ in 0..rounds {
        let mut sums = vec![(0.0, 0.0); runners.len()];
        for _ in 0..slices {
            for (run, (wall, cpu)) in runners.iter_mut().zip(&mut sums) {
                let sample = run(slice);
                *wall += sample.wall;
                *cpu += sample.cpu;
            }
        }
        for (results, (wall, cpu)) in results.iter_mut().zip(sums) {
            results.push(Sample {
                wall: wall / slices as f64,
                cpu: cpu / slices as f64,
            });
        }
    }
    results
}

/// Round by round, `a`'s time over `b`'s, of the measure `of`.
fn per_round(a: &[Sample], b: &[Sample], of: fn(&Sample) -> f64) -> Vec<f64> {
    a.iter().zip(b).map(|(a, b)| of(a) / of(b)).collect()
}

fn cpu(s: &Sample) -> f64 {
    s.cpu
}

fn wall(s: &Sample) -> f64 {
    s.wall
}

/// The median of the measure `of` over the samples.
fn median_of(samples: &[Sample], of: fn(&Sample) -> f64) -> f64 {
    median(samples.iter().map(of).collect())
}

struct Row {
    measure: String,
    ours: f64,
    handwritten: f64,
    node: Option<f64>,
    unit: &'static str,
    target_handwritten: f64,
    target_node: Option<f64>,
    /// For per-event rows: the medians of the round-by-round ratios (to hand-written, to
    /// Node.js), which the ratio columns show in place of the ratios of the medians.
    per_round: Option<(f64, f64)>,
}

fn ratio(a: f64, b: f64) -> f64 {
    a / b
}

/// The per-event target against Node.js: generated / Node.js at most this.
const NODE_TARGET: f64 = 0.2;
/// Generated / Node.js per event for handlers that read the event.
const READS_TARGET: f64 = 0.3;

/// Per-event samples of one event, runner by runner.
struct EventSamples {
    file: String,
    ours: Vec<Sample>,
    handwritten: Vec<Sample>,
    floor: Vec<Sample>,
    node: Vec<Sample>,
    /// Generated / Node.js CPU time, round by round, lowest first.
    ours_to_node: Vec<f64>,
    /// CPU-time medians of each Node.js process, fastest first.
    node_processes: Vec<f64>,
}

fn main() {
    let args = args();
    let (n, batches, slices, runs, node_processes) = if args.quick {
        (2_000, 3, 4, 5, 3)
    } else {
        (20_000, 21, 10, 21, 7)
    };
    let expected_response = json!({"claimsOverrideDetails": {
        "claimsToAddOrOverride": {"amplfy_attribute": "amplify_gen_2"},
        "groupOverrideDetails": {"groupsToOverride": ["amplify_group_1"]}
    }});
    let mut rows = Vec::new();
    let mut events = Vec::new();

    // (label, event file, Node.js handler, generated, hand-written, target vs Node.js). The
    // first four answer the same for every user; the last four read the event.
    let scenarios: [(&str, &str, &str, EventFn, EventFn, f64); 9] = [
        (
            "",
            "v1-small.json",
            "v1",
            generated_event,
            handwritten_v1_event,
            NODE_TARGET,
        ),
        (
            "",
            "v1-large.json",
            "v1",
            generated_event,
            handwritten_v1_event,
            NODE_TARGET,
        ),
        (
            "",
            "v2-small.json",
            "v2",
            generated_event,
            handwritten_v2_event,
            NODE_TARGET,
        ),
        (
            "",
            "v2-large.json",
            "v2",
            generated_event,
            handwritten_v2_event,
            NODE_TARGET,
        ),
        (
            "reads the event: access-token-claims, ",
            "v2-small.json",
            "tenant",
            generated_tenant_event,
            handwritten_tenant_event,
            READS_TARGET,
        ),
        (
            "reads the event: access-token-claims, ",
            "v2-large.json",
            "tenant",
            generated_tenant_event,
            handwritten_tenant_event,
            READS_TARGET,
        ),
        (
            "reads the event: email-domain-filter, ",
            "psu-signup.json",
            "email",
            generated_email_filter_event,
            handwritten_email_filter_event,
            READS_TARGET,
        ),
        (
            "reads the event: pre authentication checks, ",
            "pre-auth.json",
            "preauth",
            generated_sign_in_event,
            handwritten_sign_in_event,
            READS_TARGET,
        ),
        (
            "reads the event: custom-message, ",
            "cm-forgot-password-es.json",
            "message",
            generated_messages_event,
            handwritten_messages_event,
            READS_TARGET,
        ),
    ];
    for (label, file, version, generated, handwritten, node_target) in scenarios {
        let path = args.events.join(file);
        let body = std::fs::read(&path).unwrap();
        let compact = serde_json::to_vec(&serde_json::from_slice::<Value>(&body).unwrap()).unwrap();
        let ours_bytes = generated(&compact);
        let ours_out: Value = serde_json::from_slice(&ours_bytes).unwrap();
        let hw_out: Value = serde_json::from_slice(&handwritten(&compact)).unwrap();
        if version == "v1" {
            assert_eq!(
                ours_out["response"], expected_response,
                "generated handler output"
            );
        }
        // The handlers that read the event answer alike (the hand-written one also writes the
        // nulls and empty parts of its types).
        let access = |v: &Value| {
            v["response"]["claimsAndScopeOverrideDetails"]["accessTokenGeneration"].clone()
        };
        match version {
            "tenant" => {
                assert_eq!(
                    access(&ours_out)["claimsToAddOrOverride"],
                    access(&hw_out)["claimsToAddOrOverride"]
                );
                assert_eq!(
                    access(&ours_out)["scopesToAdd"],
                    access(&hw_out)["scopesToAdd"]
                );
            }
            // Accepted: the event goes back unchanged.
            "preauth" => assert_eq!(ours_out, serde_json::from_slice::<Value>(&compact).unwrap()),
            "message" => {
                assert_eq!(
                    ours_out["response"]["emailSubject"],
                    "Restablecer mi contraseña"
                );
                assert_eq!(ours_out["response"], hw_out["response"]);
            }
            // (aws_lambda_events writes `validationData: null` back as `{}`.)
            "email" => assert_eq!(
                ours_out["request"]["userAttributes"],
                hw_out["request"]["userAttributes"]
            ),
            _ => {}
        }
        let compact_path = std::env::temp_dir().join(format!("cognito-triggers-bench-{file}"));
        std::fs::write(&compact_path, &compact).unwrap();
        let mut per_process = vec![Vec::new(); node_processes];
        let times = per_event(
            vec![
                rust_batch(generated, &compact),
                rust_batch(handwritten, &compact),
                rust_batch(lambda_runtime_floor, &compact),
                node_batches(&args.node_dir, &compact_path, version, n, &mut per_process),
            ],
            n,
            batches,
            slices,
        );
        let [ours, handwritten, floor, node]: [Vec<Sample>; 4] =
            times.try_into().expect("four runners");
        let mut node_processes: Vec<f64> = per_process
            .into_iter()
            .filter(|times| !times.is_empty())
            .map(median)
            .collect();
        node_processes.sort_by(f64::total_cmp);
        let mut ours_to_node = per_round(&ours, &node, cpu);
        ours_to_node.sort_by(f64::total_cmp);
        rows.push(Row {
            measure: format!(
                "per event, {label}{file} ({} B in, {} B out)",
                compact.len(),
                ours_bytes.len()
            ),
            ours: median_of(&ours, cpu) / 1000.0,
            handwritten: median_of(&handwritten, cpu) / 1000.0,
            node: Some(median_of(&node, cpu) / 1000.0),
            unit: "µs",
            target_handwritten: 0.5,
            target_node: Some(node_target),
            per_round: Some((
                median(per_round(&ours, &handwritten, cpu)),
                median(ours_to_node.clone()),
            )),
        });
        events.push(EventSamples {
            file: format!("{label}{file}"),
            ours,
            handwritten,
            floor,
            node,
            ours_to_node,
            node_processes,
        });
    }

    let event = std::fs::read(args.events.join("v1-small.json")).unwrap();
    let node = PathBuf::from("node");
    let node_bootstrap = args.node_dir.join("bootstrap.mjs");
    let [(ours_ms, ours_rss, ours_body), (hw_ms, hw_rss, _)] =
        median_cold_starts([&[&args.ours], &[&args.handwritten]], &event, runs);
    // Node.js on its own, after them: its exit (~44 MiB to free) does not fall on the two compared.
    let [(node_ms, node_rss, node_body)] =
        median_cold_starts([&[&node, &node_bootstrap]], &event, runs);
    let ours_answer: Value = serde_json::from_slice(&ours_body).unwrap();
    let node_answer: Value = serde_json::from_slice(&node_body).unwrap();
    assert_eq!(ours_answer["response"], expected_response);
    assert_eq!(
        node_answer["response"]["claimsOverrideDetails"]["claimsToAddOrOverride"],
        expected_response["claimsOverrideDetails"]["claimsToAddOrOverride"]
    );
    rows.push(Row {
        measure: "cold start: spawn → first response".into(),
        ours: ours_ms,
        handwritten: hw_ms,
        node: Some(node_ms),
        unit: "ms",
        target_handwritten: 1.1,
        target_node: None,
        per_round: None,
    });
    rows.push(Row {
        measure: "peak RSS at first response".into(),
        ours: ours_rss as f64 / 1024.0,
        handwritten: hw_rss as f64 / 1024.0,
        node: Some(node_rss as f64 / 1024.0),
        unit: "MiB",
        target_handwritten: 1.1,
        target_node: None,
        per_round: None,
    });
    let size = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| m.len() as f64 / 1024.0)
            .unwrap_or(f64::NAN)
    };
    rows.push(Row {
        measure: "bootstrap size (cargo lambda build --release)".into(),
        ours: size(&args.ours),
        handwritten: size(&args.handwritten),
        node: None,
        unit: "KiB",
        target_handwritten: 1.1,
        target_node: None,
        per_round: None,
    });
    if let Some((ours, hw)) = args.build_secs {
        rows.push(Row {
            measure: "clean build (cargo lambda build --release)".into(),
            ours,
            handwritten: hw,
            node: None,
            unit: "s",
            target_handwritten: f64::INFINITY,
            target_node: None,
            per_round: None,
        });
    }

    println!("| measure | generated | hand-written Rust | Node.js 20 | generated / hand-written | generated / Node.js | target | met |");
    println!("|---|---:|---:|---:|---:|---:|---|---|");
    let mut all_met = true;
    for row in &rows {
        let (r_hw, r_node) = match row.per_round {
            Some((hw, node)) => (hw, Some(node)),
            None => (
                ratio(row.ours, row.handwritten),
                row.node.map(|n| ratio(row.ours, n)),
            ),
        };
        let mut targets = Vec::new();
        let mut met = true;
        if row.target_handwritten.is_finite() {
            targets.push(format!("≤ {}× hand-written", row.target_handwritten));
            met &= r_hw <= row.target_handwritten;
        }
        if let (Some(t), Some(r)) = (row.target_node, r_node) {
            targets.push(format!("≤ {t}× Node"));
            met &= r <= t;
        }
        let target = if targets.is_empty() {
            "—".to_owned()
        } else {
            targets.join(", ")
        };
        let met_text = if targets.is_empty() {
            "—"
        } else if met {
            "yes"
        } else {
            "no"
        };
        all_met &= met;
        let fmt = |v: f64| format!("{v:.2} {}", row.unit);
        println!(
            "| {} | {} | {} | {} | {:.2}× | {} | {} | {} |",
            row.measure,
            fmt(row.ours),
            fmt(row.handwritten),
            row.node.map_or("—".into(), fmt),
            r_hw,
            r_node.map_or("—".into(), |r| format!("{r:.3}×")),
            target,
            met_text
        );
    }
    println!();
    println!("all targets met: {}", if all_met { "yes" } else { "no" });
    println!();
    println!("The floor of lambda_runtime's per-event path (the payload decoded as one raw JSON value and written back, no handler), CPU time, same run:");
    println!();
    println!(
        "| event | floor | generated | generated − floor | floor / Node.js | generated / Node.js |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for e in &events {
        let (floor, ours) = (median_of(&e.floor, cpu), median_of(&e.ours, cpu));
        println!(
            "| {} | {:.2} µs | {:.2} µs | {:.2} µs | {:.3}× | {:.3}× |",
            e.file,
            floor / 1000.0,
            ours / 1000.0,
            (ours - floor) / 1000.0,
            median(per_round(&e.floor, &e.node, cpu)),
            median(e.ours_to_node.clone()),
        );
    }
    println!();
    println!(
        "Generated / Node.js round by round ({} rounds per event), same run:",
        batches
    );
    println!();
    println!("| event | CPU time: lowest | median | highest | rounds over {NODE_TARGET}× | wall-clock: median | highest |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for e in &events {
        let by_cpu = &e.ours_to_node;
        let mut by_wall = per_round(&e.ours, &e.node, wall);
        by_wall.sort_by(f64::total_cmp);
        println!(
            "| {} | {:.3}× | {:.3}× | {:.3}× | {} | {:.3}× | {:.3}× |",
            e.file,
            by_cpu[0],
            median(by_cpu.clone()),
            by_cpu[by_cpu.len() - 1],
            by_cpu.iter().filter(|&&r| r > NODE_TARGET).count(),
            median(by_wall.clone()),
            by_wall[by_wall.len() - 1],
        );
    }
    println!();
    println!("Wall-clock medians per event, same run:");
    println!();
    println!("| event | generated | hand-written Rust | floor | Node.js |");
    println!("|---|---:|---:|---:|---:|");
    for e in &events {
        let us = |samples: &[Sample]| format!("{:.2} µs", median_of(samples, wall) / 1000.0);
        println!(
            "| {} | {} | {} | {} | {} |",
            e.file,
            us(&e.ours),
            us(&e.handwritten),
            us(&e.floor),
            us(&e.node)
        );
    }
    println!();
    println!("Node.js CPU time per event in each of its processes (median of that process's batches), same run:");
    println!();
    println!("| event | each Node.js process, fastest to slowest |");
    println!("|---|---|");
    for e in &events {
        let each: Vec<String> = e
            .node_processes
            .iter()
            .map(|ns| format!("{:.2}", ns / 1000.0))
            .collect();
        println!("| {} | {} µs |", e.file, each.join(", "));
    }
}
