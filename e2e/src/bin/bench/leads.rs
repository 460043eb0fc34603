//! The leads list (`/leads`), two ways:
//!
//! 7. The complete list of 40 jobs (about 2,000 leads) with 50 ms of API latency: from
//!    navigation start to every job read and the first page painted, next to its floor,
//!    ceil(requests / 4) × latency (the requests four at a time with nothing else to wait
//!    for; a job's pages follow one another, so the real floor is higher still).
//! 8. Frames while 10,000 rows merge: the console open on another route, a
//!    requestAnimationFrame recorder in the page, then a client-side navigation to a list of
//!    9,984 calls (every call of 32 jobs, 4 pages each) from a stand-in without latency,
//!    pages arriving as fast as it answers: the longest gap between frames, and how many
//!    frames took over 50 ms.

use crate::report::{budget_line, floor_line, median, ms, spread};
use crate::{checked, fresh_session, load_average, NAVIGATE};
use e2e::journey::{Site, StandIn, UNLIMITED_RATE};
use e2e::webdriver::{ChromeDriver, Session};
use serde_json::{json, Value};
use std::path::Path;

const MARK: &str = "tanyi:leads-painted";
const FINISHED: &str = ".tc-leads-progress[data-phase=\"finished\"]";
const JOBS: usize = 40;
const LATENCY_MS: u64 = 50;
/// Requests in flight at most, as the console allows.
const IN_FLIGHT: f64 = 4.0;
/// A frame longer than this is a visible stutter.
const FRAME_BUDGET_MS: f64 = 50.0;
/// Calls a job in the frames' stand-in: its 32 jobs that have called make 9,984 calls, just
/// under the list's limit of 10,000 (above it only first pages are read).
const FRAMES_CALLS_PER_JOB: usize = 312;

/// Waits for the leads' mark with the reading finished; the mark's time, the API requests
/// the page made (resource entries, preflights not counted) with how long each took from
/// its start to its answer's end, and the leads listed.
const WAIT: &str = r#"
const [mark, finished] = arguments;
const done = arguments[arguments.length - 1];
const deadline = performance.now() + 60000;
(function poll() {
  const marks = performance.getEntriesByName(mark, 'mark');
  if (marks.length > 0 && document.querySelector(finished)) {
    const api = performance.getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname.startsWith('/apiOpen/'));
    const total = (document.querySelector('.tc-total') || {}).innerText || '';
    done({ ok: true, at: marks[0].startTime, requests: api.length, total,
           durations: api.map((e) => e.responseEnd - e.startTime) });
  } else if (performance.now() > deadline) {
    const phase = document.querySelector('.tc-leads-progress');
    done({ ok: false, phase: phase ? phase.dataset.phase + ': ' + phase.innerText : null,
           text: document.body.innerText.slice(0, 300) });
  } else {
    setTimeout(poll, 5);
  }
})();
"#;

/// Waits for an element matching the selector.
const WAIT_FOR: &str = r#"
const [selector] = arguments;
const done = arguments[arguments.length - 1];
const deadline = performance.now() + 30000;
(function poll() {
  if (document.querySelector(selector)) {
    done({ ok: true });
  } else if (performance.now() > deadline) {
    done({ ok: false, url: location.href, text: document.body.innerText.slice(0, 300) });
  } else {
    setTimeout(poll, 5);
  }
})();
"#;

/// Starts recording the gaps between animation frames (`window.__frames`).
const FRAMES_START: &str = r#"
const record = { gaps: [], at: [], start: performance.now(), last: performance.now(), on: true };
window.__frames = record;
const tick = (now) => {
  record.gaps.push(now - record.last);
  record.at.push(now - record.start);
  record.last = now;
  if (record.on) requestAnimationFrame(tick);
};
requestAnimationFrame(tick);
"#;

/// Stops the recorder: the gaps (and when each frame ended, ms from the start), the API
/// requests and the leads listed.
const FRAMES_STOP: &str = r#"
const record = window.__frames;
record.on = false;
const requests = performance.getEntriesByType('resource')
  .filter((e) => new URL(e.name).pathname.startsWith('/apiOpen/v1/callRecord/')).length;
const total = (document.querySelector('.tc-total') || {}).innerText || '';
return { gaps: record.gaps, at: record.at, requests, total };
"#;

/// `共 2,054 条` → 2054.
fn count_of(total: &Value) -> Option<u64> {
    let digits: String = total
        .as_str()?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// nginx serving `dist` with the proxy's rate limit lifted (rounds follow each other faster
/// than it refills; one reading of the frames' list asks 129 requests at once).
fn site(dist: &Path, stand_in: &StandIn) -> Site {
    let config =
        json!({ "callRecordApi": "callRecord", "maskPhoneNumbers": true, "locale": "zh-CN" });
    Site::console(dist, stand_in, config, |s| s.rate_limit = UNLIMITED_RATE)
}

/// 7: cold loads of the complete list; its budget line.
fn complete_list(
    dist: &Path,
    driver: &ChromeDriver,
    rounds: usize,
    profile: usize,
) -> Result<String, String> {
    // Live mode, the default 40 jobs (9 of them running: a whole day of calls yesterday),
    // seven days up to yesterday: about 2,000 leads, the same whatever the hour.
    let stand_in = StandIn::start(&mock_api::Options {
        seed: 42,
        jobs: JOBS,
        live: true,
        ..Default::default()
    });
    let site = site(dist, &stand_in);
    stand_in.reset();
    stand_in.latency(LATENCY_MS, 0);
    // The live stand-in's today, `days` days back, `YYYY-MM-DD`.
    let today = stand_in.today();
    let day = |days| mock_api::time::date(mock_api::time::day_start(today - days));
    let (from, to) = (day(7), day(1));
    let running = stand_in
        .job_ids(&[
            ("status", "1".into()),
            ("pageNum", "1".into()),
            ("pageSize", "100".into()),
        ])
        .len();
    let path = format!("/leads?from={from}&to={to}");
    let url = site.url(&path);
    let session = fresh_session(driver)?;
    let load = || -> Result<Value, String> {
        session.goto("about:blank")?;
        session.goto(&url)?;
        let value = session.execute_async(WAIT, vec![json!(MARK), json!(FINISHED)])?;
        checked(&format!("loading {path}"), value)
    };
    let (mut times, mut durations, mut requests, mut leads) = (Vec::new(), Vec::new(), 0, None);
    let load_average = load_average();
    for _ in 0..rounds {
        let value = load()?;
        times.push(value["at"].as_f64().unwrap_or(f64::NAN));
        requests = value["requests"].as_u64().unwrap_or(0);
        leads = count_of(&value["total"]);
        durations.extend(
            value["durations"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_f64),
        );
    }
    let floor = (requests as f64 / IN_FLIGHT).ceil() * LATENCY_MS as f64;
    println!();
    println!(
        "7. leads: {JOBS} jobs ({running} running), {LATENCY_MS} ms API latency, {path}, navigation start to every job read and painted ({MARK}); {load_average}"
    );
    println!(
        "   {} leads; {}",
        leads.map_or_else(|| "?".into(), |n| n.to_string()),
        spread(&times)
    );
    println!(
        "   {requests} API requests; floor ceil({requests} / 4) × {LATENCY_MS} ms = {}",
        ms(Some(floor))
    );
    println!(
        "   an API request, its start to its answer's end (latency included): {}",
        spread(&durations)
    );
    if profile > 0 {
        crate::profile::start(&session)?;
        load()?;
        crate::profile::stop_and_print(&session, "leads cold load", profile)?;
        crate::print_timeline(&session, "leads")?;
    }
    Ok(floor_line(
        &format!(
            "leads of {JOBS} jobs ({} leads), time / floor",
            leads.map_or_else(|| "?".into(), |n| n.to_string())
        ),
        &times,
        floor,
    ))
}

/// One round of 8: the longest frame, frames over the budget, frames, requests, leads.
fn frames_round(session: &Session, site: &Site, path: &str) -> Result<Value, String> {
    session.goto("about:blank")?;
    session.goto(&site.url("/jobs"))?;
    let value = session.execute_async(WAIT_FOR, vec![json!("tr[data-job-id]")])?;
    checked("the jobs page", value)?;
    session.execute(FRAMES_START, vec![])?;
    let value = session.execute_async(
        NAVIGATE,
        vec![json!(path), json!(FINISHED), json!(1), json!(MARK)],
    )?;
    checked(&format!("navigating to {path}"), value)?;
    Ok(session.execute(FRAMES_STOP, vec![])?)
}

/// 8: frames while 10,000 rows merge; its budget line.
fn frames(dist: &Path, driver: &ChromeDriver, rounds: usize) -> Result<String, String> {
    let stand_in = StandIn::start(&mock_api::Options {
        seed: 42,
        jobs: JOBS,
        calls_per_job: FRAMES_CALLS_PER_JOB,
        ..Default::default()
    });
    let site = site(dist, &stand_in);
    stand_in.reset();
    // Every call of the fixed data (it ends 2026-03-27).
    let path = "/leads?intent=&result=&from=2025-01-01&to=2026-03-27";
    let session = fresh_session(driver)?;
    let mut longest = Vec::new();
    println!();
    println!(
        "8. frames while the leads merge: {path} (every call: {FRAMES_CALLS_PER_JOB} for each job that has called), no API latency, a client-side navigation from /jobs to the list finished ({MARK}); {}",
        load_average()
    );
    for round in 1..=rounds {
        let value = frames_round(&session, &site, path)?;
        let gaps: Vec<f64> = value["gaps"]
            .as_array()
            .map(|g| g.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        let max = gaps.iter().copied().fold(0.0, f64::max);
        let at: Vec<f64> = value["at"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        // The long frames: how long, and when each ended (ms from the navigation).
        let long: Vec<String> = gaps
            .iter()
            .zip(&at)
            .filter(|(gap, _)| **gap > FRAME_BUDGET_MS)
            .map(|(gap, at)| format!("{gap:.0} ms at {at:.0}"))
            .collect();
        let span: f64 = gaps.iter().sum();
        println!(
            "   round {round}: {} rows merged from {} requests in {}; {} frames, longest {}, {} over {FRAME_BUDGET_MS} ms ({}), median {}",
            count_of(&value["total"]).map_or_else(|| "?".into(), |n| n.to_string()),
            value["requests"].as_u64().unwrap_or(0),
            ms(Some(span)),
            gaps.len(),
            ms(Some(max)),
            long.len(),
            long.join(", "),
            ms(median(&gaps)),
        );
        longest.push(max);
    }
    let worst = longest.iter().copied().fold(f64::NAN, f64::max);
    Ok(budget_line(
        "frames while 10,000 leads merge, longest",
        worst.is_finite().then_some(worst),
        &format!("{} (worst of {rounds} rounds)", ms(Some(worst))),
        "50 ms",
        FRAME_BUDGET_MS,
    ))
}

/// Prints sections 7 and 8; their budget lines.
/// With `profile` > 0, also one more load of 7 under the profiler: its `profile` functions
/// with the most self time, and its timeline.
pub fn run(
    dist: &Path,
    driver: &ChromeDriver,
    rounds: usize,
    profile: usize,
) -> Result<Vec<String>, String> {
    Ok(vec![
        complete_list(dist, driver, rounds, profile)?,
        frames(dist, driver, rounds)?,
    ])
}
