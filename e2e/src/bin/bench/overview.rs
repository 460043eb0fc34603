//! The overview of 40 running jobs with 50 ms of API latency: from navigation start to the
//! complete overview painted, next to its floor, ceil(requests / 4) × latency, the time the
//! requests take four at a time with nothing else to wait for.

use crate::fresh_session;
use crate::report::{floor_line, ms, spread};
use e2e::journey::{Site, StandIn, UNLIMITED_RATE};
use e2e::webdriver::ChromeDriver;
use serde_json::json;
use std::path::Path;

const MARK: &str = "tanyi:overview-painted";
const JOBS: usize = 40;
const LATENCY_MS: u64 = 50;
/// Requests in flight at most, as the console allows.
const IN_FLIGHT: f64 = 4.0;

/// The API requests the page made (its resource entries under `/apiOpen/`).
const API_REQUESTS: &str = r#"
return performance.getEntriesByType('resource')
  .filter((e) => new URL(e.name).pathname.startsWith('/apiOpen/')).length;
"#;

/// Prints the overview section and returns its budget line.
pub fn run(dist: &Path, driver: &ChromeDriver, rounds: usize) -> Result<String, String> {
    let stand_in = StandIn::start(&mock_api::Options {
        seed: 42,
        jobs: JOBS,
        running: JOBS,
        calls_per_job: 200,
        live: true,
        ..Default::default()
    });
    // Rounds follow each other faster than the limit refills; the default's burst (200)
    // covers one load (161 requests).
    let site = Site::console(dist, &stand_in, json!({ "refreshSeconds": 0 }), |s| {
        s.rate_limit = UNLIMITED_RATE;
    });
    stand_in.latency(LATENCY_MS, 0);
    let url = site.url("/overview");
    let session = fresh_session(driver)?;
    let (mut times, mut requests) = (Vec::new(), 0);
    for _ in 0..rounds {
        times.push(crate::page_load(
            &session,
            &url,
            MARK,
            ".tc-overview-jobs tbody tr",
            JOBS,
        )?);
        requests = session.execute(API_REQUESTS, vec![])?.as_u64().unwrap_or(0);
    }
    let floor = (requests as f64 / IN_FLIGHT).ceil() * LATENCY_MS as f64;
    println!();
    println!(
        "6. overview: {JOBS} running jobs, {LATENCY_MS} ms API latency, navigation start to complete ({MARK})"
    );
    println!("   {}", spread(&times));
    println!(
        "   {requests} API requests; floor ceil({requests} / 4) × {LATENCY_MS} ms = {}",
        ms(Some(floor))
    );
    Ok(floor_line(
        &format!("overview of {JOBS} running jobs, time / floor"),
        &times,
        floor,
    ))
}
