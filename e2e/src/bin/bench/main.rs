//! `cargo xtask bench`: the console's bytes as served, cold and warm loads on two networks,
//! filter change, long call and memory in headless Chromium, against a hand-written
//! vanilla-JS page doing the same calls table (bench/vanilla.html); the gateway, the overview
//! and the leads. See bench/README.md.
//!
//!     cargo run -p e2e --release --bin bench -- [--dist target/bench/dist]
//!         [--users-dist dist] [--cold N] [--filter N]
//!         [--long N] [--decode N] [--navigations N] [--profile N] [--gateway N] [--overview N] [--leads N]
//!
//! Exits non-zero only when the bench could not run; budget FAILs are printed.

mod bytes;
mod decode;
mod gateway;
mod leads;
mod loads;
mod overview;
mod profile;
mod report;

use e2e::journey::{serve_stand_in_if_asked, Site, StandIn};
use e2e::webdriver::{ChromeDriver, Session};
use report::{
    budget_line, filter_rounds, growth, mb, median, median_ratio, ms, no_budget_line, percent,
    ratio_shown, spread,
};
use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

const CALLS_MARK: &str = "tanyi:calls-painted";
const CALL_MARK: &str = "tanyi:call-painted";
const JOB: i64 = 1;
const ROWS: usize = 100;
const LONG_TURNS: usize = mock_api::faults::LONG_TURNS;
const CHIP: &str = ".tc-filter-results .tc-filter-chip[data-code=\"ANSWERED\"]";
const CALL_ROWS: &str = "tr[data-call-id]";

struct Args {
    /// The build that runs: the bench build, with its instruments (feature `bench`).
    dist: PathBuf,
    /// The build whose bytes as served are weighed: the users' (default: `dist`).
    users_dist: Option<PathBuf>,
    /// Rounds of page loads (each: console and vanilla, cold and warm) on each network.
    cold: usize,
    filter: usize,
    long: usize,
    /// Decodes of one page of 100 calls.
    decode: usize,
    navigations: usize,
    /// How many functions `--profile` prints (0: no profile).
    profile: usize,
    /// Rounds of the gateway's page timing.
    gateway: usize,
    /// Cold loads of the overview of 40 running jobs.
    overview: usize,
    /// Cold loads of the leads of 40 jobs, and rounds of the frames while 10,000 merge.
    leads: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        dist: xtask::shell::root().join("target/bench/dist"),
        users_dist: None,
        cold: 10,
        filter: 20,
        long: 5,
        decode: 20,
        navigations: 200,
        profile: 0,
        gateway: 60,
        overview: 5,
        leads: 5,
    };
    let mut it = std::env::args().skip(1);
    while let Some(name) = it.next() {
        let value = it.next().ok_or_else(|| format!("{name} needs a value"))?;
        let count = || {
            value
                .parse::<usize>()
                .map_err(|_| format!("{name} {value}: not a count"))
        };
        match name.as_str() {
            "--dist" => args.dist = xtask::shell::root().join(&value),
            "--users-dist" => args.users_dist = Some(xtask::shell::root().join(&value)),
            "--cold" => args.cold = count()?.max(1),
            "--filter" => args.filter = count()?.max(1),
            "--long" => args.long = count()?.max(1),
            "--navigations" => args.navigations = count()?.max(40),
            "--decode" => args.decode = count()?.max(1),
            "--profile" => args.profile = count()?,
            "--gateway" => args.gateway = count()?.max(5),
            "--overview" => args.overview = count()?.max(1),
            "--leads" => args.leads = count()?.max(1),
            _ => return Err(format!("unknown argument {name}")),
        }
    }
    Ok(args)
}

fn main() {
    serve_stand_in_if_asked();
    let result = parse_args().and_then(|args| run(&args));
    if let Err(message) = result {
        eprintln!("bench: {message}");
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------------------------------
// The site: a copy of the build plus bench/, so the baseline is same-origin with the console

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            fs::copy(&path, &target).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// The `<link rel="stylesheet" ...>` tags of the build's index.html.
fn stylesheet_links(index: &str) -> String {
    index
        .split('<')
        .filter(|tag| tag.starts_with("link ") && tag.contains("rel=\"stylesheet\""))
        .map(|tag| format!("<{}", tag.trim_end()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn prepare_site(dist: &Path) -> Result<PathBuf, String> {
    let index = fs::read_to_string(dist.join("index.html")).map_err(|e| {
        format!(
            "{}/index.html: {e} (run `cargo xtask build` first)",
            dist.display()
        )
    })?;
    let site = xtask::shell::root().join("target/bench/site");
    let _ = fs::remove_dir_all(&site);
    copy_dir(dist, &site)?;
    let bench = xtask::shell::root().join("bench");
    let html = fs::read_to_string(bench.join("vanilla.html"))
        .map_err(|e| format!("bench/vanilla.html: {e}"))?;
    let html = html.replace(
        "<!-- tanyi:css (replaced by the bench with the console's stylesheet link) -->",
        &stylesheet_links(&index),
    );
    fs::create_dir_all(site.join("bench")).map_err(|e| format!("{e}"))?;
    fs::write(site.join("bench/vanilla.html"), html).map_err(|e| format!("{e}"))?;
    fs::copy(bench.join("vanilla.js"), site.join("bench/vanilla.js"))
        .map_err(|e| format!("bench/vanilla.js: {e}"))?;
    Ok(site)
}

// ---------------------------------------------------------------------------------------
// In-page scripts

/// Waits until mark `name` is set with `rows` elements matching the selector (or any number,
/// for null); the mark's time (ms from navigation start). Pages keep only a name's latest mark.
const WAIT_MARK: &str = r#"
const [name, selector, rows] = arguments;
const done = arguments[arguments.length - 1];
const deadline = performance.now() + 30000;
(function poll() {
  const marks = performance.getEntriesByName(name, 'mark');
  const n = document.querySelectorAll(selector).length;
  if (marks.length > 0 && (rows === null || n === rows)) {
    done({ ok: true, at: marks[marks.length - 1].startTime, rows: n });
  } else if (performance.now() > deadline) {
    done({ ok: false, marks: marks.length, rows: n, url: location.href,
           text: (document.body ? document.body.innerText : '').slice(0, 300) });
  } else {
    setTimeout(poll, 5);
  }
})();
"#;

/// Clicks the chip, then waits for the next calls mark with `rows` rows: the time from just
/// before the click to that mark, and how many rows show an ANSWERED badge.
const TOGGLE: &str = r#"
const [chip, name, selector, rows] = arguments;
const done = arguments[arguments.length - 1];
const button = document.querySelector(chip);
if (!button) { done({ ok: false, text: 'no chip ' + chip }); return; }
const t0 = performance.now();
button.click();
const deadline = t0 + 30000;
(function poll() {
  // The pages keep only the latest mark of a name: a new one is one set after the click.
  const marks = performance.getEntriesByName(name, 'mark').filter((m) => m.startTime > t0);
  const n = document.querySelectorAll(selector).length;
  if (marks.length > 0 && n === rows) {
    const answered = document.querySelectorAll(selector + ' .tc-result .tc-badge[data-code="ANSWERED"]').length;
    done({ ok: true, ms: marks[0].startTime - t0, answered });
  } else if (performance.now() > deadline) {
    done({ ok: false, marks: marks.length, rows: n });
  } else {
    setTimeout(poll, 5);
  }
})();
"#;

/// The table's rows as text cells plus the classes of what each cell holds, for parity.
const ROWS_SHAPE: &str = r#"
return Array.from(document.querySelectorAll(arguments[0])).map(tr =>
  Array.from(tr.cells).map(td => [td.className, td.textContent.trim(),
    Array.from(td.children).map(c => c.tagName + '.' + c.className + '|' + (c.getAttribute('data-code') || '')).join(' ')]));
"#;

/// A client-side navigation (history.pushState + popstate), then waits for the page's
/// content (`selector` at least `min` times, and a new `mark` when given).
const NAVIGATE: &str = r#"
const [path, selector, min, mark] = arguments;
const done = arguments[arguments.length - 1];
const t0 = performance.now();
history.pushState(null, '', path);
dispatchEvent(new PopStateEvent('popstate', { state: null }));
const deadline = performance.now() + 30000;
(function poll() {
  const n = document.querySelectorAll(selector).length;
  const marked = !mark || performance.getEntriesByName(mark, 'mark').some((m) => m.startTime > t0);
  if (n >= min && marked) {
    done({ ok: true });
  } else if (performance.now() > deadline) {
    done({ ok: false, n, url: location.href, text: document.body.innerText.slice(0, 300) });
  } else {
    setTimeout(poll, 5);
  }
})();
"#;

/// Two full collections (with --expose-gc) around a pause, then the JS heap and the wasm
/// memory (read every 20 navigations; the budget compares the 20th with the last).
const MEMORY: &str = r#"
const done = arguments[arguments.length - 1];
gc();
setTimeout(() => {
  gc();
  done({ heap: performance.memory.usedJSHeapSize, wasm: window.wasmBindings.wasm_memory_bytes(), live: window.wasmBindings.wasm_heap_bytes(), handles: window.wasmBindings.wasm_js_handles ? window.wasmBindings.wasm_js_handles() : null });
}, 300);
"#;

/// The page's timeline after a cold load: each request (start and end, ms from navigation
/// start) and the marks, to show where the cold start goes.
const TIMELINE: &str = r#"
const short = (url) => url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '').slice(-48);
const rows = performance.getEntriesByType('resource').map((e) => ({
  what: short(e.name), start: e.startTime, end: e.responseEnd,
}));
const nav = performance.getEntriesByType('navigation')[0];
if (nav) {
  rows.unshift({ what: 'index.html', start: 0, end: nav.responseEnd });
  rows.push({ what: 'DOMContentLoaded', start: nav.domContentLoadedEventStart, end: nav.domContentLoadedEventEnd });
}
for (const m of performance.getEntriesByType('mark')) {
  rows.push({ what: 'mark ' + m.name, start: m.startTime, end: m.startTime });
}
rows.sort((a, b) => a.start - b.start);
return rows;
"#;

fn print_timeline(session: &Session, title: &str) -> Result<(), String> {
    println!("   timeline, {title} (ms from navigation start):");
    let rows = session.execute(TIMELINE, vec![])?;
    for row in rows.as_array().into_iter().flatten() {
        println!(
            "     {:>7.1} - {:>7.1}  {}",
            row["start"].as_f64().unwrap_or(f64::NAN),
            row["end"].as_f64().unwrap_or(f64::NAN),
            row["what"].as_str().unwrap_or("?")
        );
    }
    Ok(())
}

fn checked(what: &str, value: Value) -> Result<Value, String> {
    if value["ok"] == json!(true) {
        Ok(value)
    } else {
        Err(format!("{what}: {value}"))
    }
}

/// Loads `url` from about:blank (cold or warm as the session's HTTP cache is set: off unless
/// a section turns it on) and waits for the first `mark` with `rows` rows of `selector`: ms
/// from navigation start.
fn page_load(
    session: &Session,
    url: &str,
    mark: &str,
    selector: &str,
    rows: usize,
) -> Result<f64, String> {
    session.goto("about:blank")?;
    session.goto(url)?;
    let value =
        session.execute_async(WAIT_MARK, vec![json!(mark), json!(selector), json!(rows)])?;
    let value = checked(&format!("loading {url}"), value)?;
    value["at"]
        .as_f64()
        .ok_or_else(|| format!("loading {url}: no mark time in {value}"))
}

/// The machine's load average over the last minute, as `/proc/loadavg` says (the figures
/// depend on it: the browser, nginx and the stand-in share the machine).
fn load_average() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, usize::from);
    match std::fs::read_to_string("/proc/loadavg") {
        Ok(text) => format!(
            "load average {} on {cpus} CPUs",
            text.split_whitespace().next().unwrap_or("?")
        ),
        Err(_) => format!("{cpus} CPUs"),
    }
}

fn fresh_session(driver: &ChromeDriver) -> Result<Session, String> {
    // The bench downloads nothing; the memory flags make heap readings exact and gc() callable.
    let memory_flags = ["--enable-precise-memory-info", "--js-flags=--expose-gc"];
    let session = Session::with_flags(driver, &std::env::temp_dir(), &memory_flags)?;
    session.cdp("Network.enable", json!({}))?;
    session.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))?;
    Ok(session)
}

/// The body of the last calls-list request the stand-in saw from a browser.
fn last_list_body(stand_in: &StandIn) -> Value {
    stand_in
        .last_calls_request()
        .map(|r| r["body"].clone())
        .unwrap_or(Value::Null)
}

fn run(args: &Args) -> Result<(), String> {
    println!(
        "bench: the console (dist: {}) in headless Chromium",
        args.dist.display()
    );
    println!();

    // The stack: the stand-in (fixed seed, no latency; 2,000 calls a job so that ANSWERED
    // alone fills 100 rows), nginx with the site copy and the proxy, chromedriver.
    let site_dir = prepare_site(&args.dist)?;
    let stand_in = StandIn::start(&mock_api::Options {
        seed: 42,
        jobs: 40,
        calls_per_job: 2000,
        ..Default::default()
    });
    let bytes_lines = bytes::run(args.users_dist.as_ref().unwrap_or(&args.dist), &stand_in)?;
    let gateway_line = gateway::run(args.gateway)?;
    let site = Site::console(
        &site_dir,
        &stand_in,
        json!({
            "callRecordApi": "callRecord",
            "maskPhoneNumbers": true,
            "locale": "zh-CN",
            "pageSize": 20,
        }),
        |_| {},
    );
    stand_in.reset();
    let driver = ChromeDriver::start().map_err(|e| format!("chromedriver: {e}"))?;
    let console_url = site.url(&format!("/jobs/{JOB}/calls?size={ROWS}"));
    let vanilla_url = site.url(&format!("/bench/vanilla.html?job={JOB}&size={ROWS}"));

    // Parity: same request body, same rows.
    let session = fresh_session(&driver)?;
    page_load(&session, &console_url, CALLS_MARK, CALL_ROWS, ROWS)?;
    let console_body = last_list_body(&stand_in);
    let console_rows = session.execute(ROWS_SHAPE, vec![json!(CALL_ROWS)])?;
    page_load(&session, &vanilla_url, CALLS_MARK, CALL_ROWS, ROWS)?;
    let vanilla_body = last_list_body(&stand_in);
    let vanilla_rows = session.execute(ROWS_SHAPE, vec![json!(CALL_ROWS)])?;
    println!();
    println!("parity (console vs vanilla)");
    if console_body == vanilla_body && !console_body.is_null() {
        println!("   request: same body {console_body}");
    } else {
        println!("   request: DIFFERENT: console {console_body}, vanilla {vanilla_body}");
    }
    let first_difference = console_rows
        .as_array()
        .zip(vanilla_rows.as_array())
        .map(|(c, v)| (0..c.len().max(v.len())).find(|&i| c.get(i) != v.get(i)));
    match first_difference {
        Some(None) => println!(
            "   rows: the same {} rows (cell classes, text, badge codes)",
            console_rows.as_array().map_or(0, Vec::len)
        ),
        Some(Some(i)) => println!(
            "   rows: DIFFERENT at row {i}: console {} / vanilla {}",
            console_rows[i], vanilla_rows[i]
        ),
        None => println!("   rows: could not read them"),
    }
    drop(session);

    // 2. Page loads: cold and warm, on loopback and at 10 Mbit/s with 40 ms.
    let (load_budgets, load_figures) = loads::run(
        &driver,
        &args.dist,
        &console_url,
        &vanilla_url,
        args.cold,
        args.profile,
    )?;
    let session = fresh_session(&driver)?;

    // 3. Filter change: the ANSWERED chip on, off, on, ... in rounds that alternate the two
    // pages (a fresh load each), so that a slower stretch of the machine hits both alike.
    let toggles = |url: &str, count: usize, samples: &mut Vec<f64>| -> Result<(), String> {
        page_load(&session, url, CALLS_MARK, CALL_ROWS, ROWS)?;
        for i in 0..count {
            let value = session.execute_async(
                TOGGLE,
                vec![
                    json!(CHIP),
                    json!(CALLS_MARK),
                    json!(CALL_ROWS),
                    json!(ROWS),
                ],
            )?;
            let value = checked(&format!("filter change {i} on {url}"), value)?;
            let on = i % 2 == 0;
            let answered = value["answered"].as_u64().unwrap_or(0) as usize;
            if on != (answered == ROWS) {
                return Err(format!(
                    "filter change {i} on {url}: {answered} ANSWERED rows with the chip {}",
                    if on { "on" } else { "off" }
                ));
            }
            samples.push(value["ms"].as_f64().unwrap_or(f64::NAN));
            thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    };
    let (mut filter_console, mut filter_vanilla) = (Vec::new(), Vec::new());
    for count in filter_rounds(args.filter) {
        toggles(&console_url, count, &mut filter_console)?;
        toggles(&vanilla_url, count, &mut filter_vanilla)?;
    }
    println!();
    println!("3. filter change: ANSWERED chip clicked to the next {ROWS} rows painted");
    println!("   console {}", spread(&filter_console));
    println!("   vanilla {}", spread(&filter_vanilla));
    let filter_ratio = median_ratio(&filter_console, &filter_vanilla);
    if args.profile > 0 {
        // Where a filter change's time goes: one more of each page, sampled.
        for (what, url) in [("console", &console_url), ("vanilla", &vanilla_url)] {
            profile::observe_frames(&session)?;
            page_load(&session, url, CALLS_MARK, CALL_ROWS, ROWS)?;
            profile::start_sampling(&session)?;
            let toggle = vec![
                json!(CHIP),
                json!(CALLS_MARK),
                json!(CALL_ROWS),
                json!(ROWS),
            ];
            checked("filter change", session.execute_async(TOGGLE, toggle)?)?;
            profile::stop_and_print(&session, &format!("{what} filter change"), args.profile)?;
            profile::print_frames(&session)?;
        }
    }

    page_load(&session, &console_url, CALLS_MARK, CALL_ROWS, ROWS)?;
    let decode_line = decode::run(&session, &stand_in, args.decode)?;

    // 4. Long call: an answered call of the job with the `long` fault (500 turns).
    let answered = stand_in.call_ids(&json!({
        "robotCallJobId": JOB, "resultStatuses": ["ANSWERED"], "pageNum": 1, "pageSize": 1
    }));
    let call_id = answered
        .0
        .first()
        .copied()
        .ok_or("the stand-in has no answered call in job 1")?;
    stand_in.fault(Some("long"), Some("/apiOpen/v1/callRecord/callDetail"));
    let call_url = site.url(&format!("/calls/{call_id}"));
    let mut long = Vec::new();
    for _ in 0..args.long {
        long.push(page_load(
            &session, &call_url, CALL_MARK, ".tc-turn", LONG_TURNS,
        )?);
    }
    stand_in.fault(None, None);
    println!();
    println!("4. long call: /calls/{call_id} with {LONG_TURNS} turns, navigation start to painted ({CALL_MARK})");
    println!("   console {}", spread(&long));
    drop(session);

    // 5. Memory over client-side navigations among the four pages.
    let session = fresh_session(&driver)?;
    session.goto(&site.url("/jobs"))?;
    let pages: [(String, &str, usize, Option<&str>); 4] = [
        ("/jobs".into(), "tr[data-job-id]", 1, None),
        (format!("/jobs/{JOB}"), ".tc-kpi", 1, None),
        (
            format!("/jobs/{JOB}/calls?size={ROWS}"),
            CALL_ROWS,
            ROWS,
            Some(CALLS_MARK),
        ),
        (format!("/calls/{call_id}"), ".tc-turn", 1, Some(CALL_MARK)),
    ];
    let mut readings = Vec::new();
    for n in 1..=args.navigations {
        let (path, selector, min, mark) = &pages[n % pages.len()];
        let value = session.execute_async(
            NAVIGATE,
            vec![json!(path), json!(selector), json!(min), json!(mark)],
        )?;
        checked(&format!("navigation {n} to {path}"), value)?;
        if n % 20 == 0 || n == args.navigations {
            let value = session.execute_async(MEMORY, vec![])?;
            let heap = value["heap"].as_f64().unwrap_or(f64::NAN);
            let wasm = value["wasm"].as_f64().unwrap_or(f64::NAN);
            let live = value["live"].as_f64().unwrap_or(f64::NAN);
            let handles = value["handles"].as_f64().unwrap_or(f64::NAN);
            readings.push((n, heap, wasm, live, handles));
        }
    }
    let (first, last) = match (readings.first(), readings.last()) {
        (Some(first), Some(last)) if readings.len() > 1 => (*first, *last),
        _ => return Err(format!("memory readings: {readings:?}")),
    };
    let heap_growth = growth(first.1, last.1);
    let wasm_growth = growth(first.2, last.2);
    println!();
    println!(
        "5. memory after client-side navigations (jobs, job, calls, call; gc() before each reading)"
    );
    for (n, heap, wasm, live, handles) in &readings {
        // Builds from before the count was exported have none.
        let handles = if handles.is_finite() {
            handles.to_string()
        } else {
            "n/a".to_string()
        };
        println!(
            "   after {n:>3}: JS heap {}, wasm memory {} (of which in use {}), JS values held by wasm {handles}",
            mb(*heap),
            mb(*wasm),
            mb(*live)
        );
    }
    let live_growth = last.3 - first.3;
    println!(
        "   wasm heap in use, navigation {} to {}: {:+.1} KB ({:+.0} bytes a navigation)",
        first.0,
        last.0,
        live_growth / 1000.0,
        live_growth / (last.0 - first.0) as f64
    );

    let overview_line = overview::run(&args.dist, &driver, args.overview)?;
    let leads_lines = leads::run(&args.dist, &driver, args.leads, args.profile)?;

    println!();
    println!("budgets ({})", load_average());
    let nav = args.navigations;
    // (what, measured, as shown, the budget as written, the budget)
    let budgets = [
        (
            "filter change, console / vanilla".to_string(),
            filter_ratio,
            ratio_shown(&filter_console, &filter_vanilla),
            "1.3x",
            1.3,
        ),
        (
            format!("JS heap growth, navigation 20 to {nav}"),
            heap_growth,
            percent(heap_growth),
            "10 %",
            0.10,
        ),
        (
            format!("wasm memory growth, navigation 20 to {nav}"),
            wasm_growth,
            percent(wasm_growth),
            "10 %",
            0.10,
        ),
    ];
    for line in bytes_lines.iter().chain(&load_budgets) {
        println!("{line}");
    }
    for (name, value, shown, limit, max) in &budgets {
        println!("{}", budget_line(name, *value, shown, limit, *max));
    }
    for line in [&overview_line].into_iter().chain(&leads_lines) {
        println!("{line}");
    }
    println!("{gateway_line}");
    for line in &load_figures {
        println!("{line}");
    }
    println!("{}", no_budget_line("long call", &ms(median(&long))));
    println!("{decode_line}");
    drop(site);
    Ok(())
}
