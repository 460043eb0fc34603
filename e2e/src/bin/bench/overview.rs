//! The overview of 40 running jobs with 50 ms of API latency: from navigation start to the
//! complete overview painted, next to its floor, ceil(requests / 4) × latency, the time the
//! requests take four at a time with nothing else to wait for.

use crate::report::{budget_line, median, ms, spread};
use crate::{checked, console_site, fresh_session};
use e2e::journey::StandIn;
use e2e::webdriver::ChromeDriver;
use serde_json::json;
use std::path::Path;

const MARK: &str = "tanyi:overview-painted";
const JOBS: usize = 40;
const LATENCY_MS: u64 = 50;
/// Requests in flight at most, as the console allows.
const IN_FLIGHT: f64 = 4.0;

/// Waits for the overview's mark with every job's row; the mark's time and how many API
/// requests the page made.
const WAIT: &str = r#"
const [mark, rows] = arguments;
const done = arguments[arguments.length - 1];
const deadline = performance.now() + 60000;
(function poll() {
  const marks = performance.getEntriesByName(mark, 'mark');
  const n = document.querySelectorAll('.tc-overview-jobs tbody tr').length;
  if (marks.length > 0 && n === rows) {
    const requests = performance.getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname.startsWith('/apiOpen/')).length;
    done({ ok: true, at: marks[0].startTime, requests });
  } else if (performance.now() > deadline) {
    done({ ok: false, rows: n, text: document.body.innerText.slice(0, 300) });
  } else {
    setTimeout(poll, 5);
  }
})();
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
    let site = console_site(dist, &stand_in, json!({ "refreshSeconds": 0 }), true);
    stand_in.control(
        "/__mock/latency",
        json!({ "ms": LATENCY_MS, "jitter_ms": 0 }),
    );
    let url = site.url("/overview");
    let session = fresh_session(driver)?;
    let (mut times, mut requests) = (Vec::new(), 0);
    for _ in 0..rounds {
        session.goto("about:blank")?;
        session.goto(&url)?;
        let value = session.execute_async(WAIT, vec![json!(MARK), json!(JOBS)])?;
        let value = checked("loading the overview", value)?;
        times.push(value["at"].as_f64().unwrap_or(f64::NAN));
        requests = value["requests"].as_u64().unwrap_or(0);
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
    let ratio = median(&times).map(|t| t / floor);
    Ok(budget_line(
        "overview of 40 running jobs, time / floor",
        ratio,
        &format!(
            "{} ({} / {})",
            ratio.map_or_else(|| "n/a".into(), |r| format!("{r:.2}x")),
            ms(median(&times)),
            ms(Some(floor))
        ),
        "1.5x",
        1.5,
    ))
}
