//! `cargo xtask build | test | demo | bench`: everything the project does, one line per step.

use std::time::Instant;
use xtask::shell::{command, root, run, say};
use xtask::tools::{self, Need};
use xtask::{build, smoke};

mod demo;

const USAGE: &str = "usage: cargo xtask <command>
  build [--public-url PATH]   release build into dist/ (default public URL /)
  test                        install what is missing, then every check and test
  demo [--port P] [--auth sso|basic|none]
                              the console at P, the signing proxy at P+1, the stand-in API
                              (and its sign-in portal) at P+2; operators sign in (default sso)
  bench [ARGS]                release build, then download size, the gateway's cost, cold start,
                              filter change, decoding, long call and memory against a vanilla-JS
                              baseline, the overview and the leads (bench/README.md); ARGS go to
                              the driver (--cold N --filter N --long N --decode N
                              --navigations N --profile N --gateway N --overview N --leads N)";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => flag(&args, "--public-url").and_then(|url| {
            tools::ensure(&[Need::Build])?;
            build::release(url.as_deref().unwrap_or("/"))
        }),
        Some("test") => test(),
        Some("demo") => flag(&args, "--port").and_then(|port| {
            let port = match port {
                Some(p) => p
                    .parse::<u16>()
                    .map_err(|_| format!("--port {p}: not a port number"))?,
                None => 8080,
            };
            let auth = flag(&args, "--auth")?;
            demo::run(port, auth.as_deref().unwrap_or("sso"))
        }),
        Some("bench") => bench(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    if let Err(message) = result {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

/// The value of `--name VALUE` if given.
fn flag(args: &[String], name: &str) -> Result<Option<String>, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => args
            .get(i + 1)
            .cloned()
            .map(Some)
            .ok_or_else(|| format!("{name} needs a value")),
    }
}

struct Stage {
    name: &'static str,
    outcome: Result<(), String>,
    seconds: f64,
}

fn stage(
    stages: &mut Vec<Stage>,
    name: &'static str,
    f: impl FnOnce() -> Result<(), String>,
) -> bool {
    say(&format!("stage: {name}"));
    let start = Instant::now();
    let outcome = f();
    let ok = outcome.is_ok();
    stages.push(Stage {
        name,
        outcome,
        seconds: start.elapsed().as_secs_f64(),
    });
    ok
}

fn cargo(args: &[&str]) -> std::process::Command {
    let mut cmd = command("cargo");
    cmd.args(args);
    cmd
}

/// The user journeys (e2e/tests/journeys/) in Chromium through nginx, against the release
/// build in dist/ and the same build under a sub-path, built here into target/e2e/.
fn e2e_journeys() -> Result<(), String> {
    let subpath_dist = root().join("target/e2e/dist-subpath");
    build::release_into("/portal/tanyi/", &subpath_dist)?;
    // The memory journey reads the instruments, which only the bench build has.
    let bench_dist = root().join("target/e2e/dist-bench");
    build::bench_into(&bench_dist)?;
    run(
        "cargo test -p e2e --test journeys (headless Chromium, nginx, the stand-in API)",
        cargo(&["test", "-p", "e2e", "--test", "journeys"])
            .env("TANYI_E2E_DIST", build::dist_dir())
            .env("TANYI_E2E_SUBPATH_DIST", &subpath_dist)
            .env("TANYI_E2E_BENCH_DIST", &bench_dist),
    )
}

/// The users' build holds none of the benchmark's instruments.
fn users_build_has_no_instruments() -> Result<(), String> {
    match build::instruments_in(&build::dist_dir())?.as_slice() {
        [] => Ok(()),
        found => Err(format!(
            "dist/ exports the benchmark's instruments {found:?}: build it without the feature bench"
        )),
    }
}

/// `cargo xtask bench`: tools, the users' build in dist/ (whose download it weighs) and the
/// bench build in target/bench/dist (which it runs), then the driver (e2e/src/bin/bench).
/// Budget FAILs are printed by the driver, not errors here.
fn bench(args: &[String]) -> Result<(), String> {
    tools::ensure(&[Need::Build, Need::Browser, Need::Nginx])?;
    build::release("/")?;
    let bench_dist = root().join("target/bench/dist");
    build::bench_into(&bench_dist)?;
    let mut cmd = cargo(&[
        "run",
        "-p",
        "e2e",
        "--release",
        "--bin",
        "bench",
        "--",
        "--users-dist",
    ]);
    cmd.arg(build::dist_dir())
        .arg("--dist")
        .arg(&bench_dist)
        .args(args);
    run(
        "cargo run -p e2e --release --bin bench (headless Chromium, nginx, the stand-in API)",
        &mut cmd,
    )
}

/// Every check, in order of cost; a stage that others need stops the run when it fails.
fn test() -> Result<(), String> {
    let started = Instant::now();
    let mut stages = Vec::new();
    let s = &mut stages;
    let tools_ok = stage(s, "tools", || {
        tools::ensure(&[Need::Build, Need::Browser, Need::Nginx])
    });
    if tools_ok {
        stage(s, "fmt", || {
            run(
                "cargo fmt --check",
                &mut cargo(&["fmt", "--all", "--", "--check"]),
            )
        });
        stage(s, "clippy (host)", || {
            run(
                "cargo clippy --workspace --all-targets -D warnings",
                &mut cargo(&[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ]),
            )
        });
        stage(s, "clippy (wasm32)", || {
            run(
                "cargo clippy -p tanyi-console --target wasm32-unknown-unknown --all-targets --all-features -D warnings",
                &mut cargo(&[
                    "clippy",
                    "-p",
                    "tanyi-console",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--all-targets",
                    // The benchmark's instruments too (feature bench).
                    "--all-features",
                    "--",
                    "-D",
                    "warnings",
                ]),
            )
        });
        stage(s, "host tests", || {
            run(
                "cargo test --workspace",
                &mut cargo(&["test", "--workspace"]),
            )
        });
        stage(s, "browser tests", smoke::browser_tests);
        if stage(s, "release build", || {
            build::release("/").and_then(|()| users_build_has_no_instruments())
        }) {
            stage(s, "release in Chromium", smoke::release_renders);
            stage(s, "e2e journeys", e2e_journeys);
        }
    }

    println!();
    println!("summary:");
    for st in &stages {
        match &st.outcome {
            Ok(()) => println!("  PASS  {:<22} {:>7.1}s", st.name, st.seconds),
            Err(e) => println!("  FAIL  {:<22} {:>7.1}s  {e}", st.name, st.seconds),
        }
    }
    let failed = stages.iter().filter(|s| s.outcome.is_err()).count();
    let passed = stages.len() - failed;
    println!("total {:.1} min", started.elapsed().as_secs_f64() / 60.0);
    println!("stages: {passed} passed, {failed} failed");
    if failed == 0 && tools_ok {
        Ok(())
    } else {
        Err(format!("{failed} stage(s) failed"))
    }
}
