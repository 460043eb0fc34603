//! Page loads (section 2): the console's calls page (`/jobs/1/calls?size=100`) and the
//! vanilla page, from `about:blank` to the first `tanyi:calls-painted` mark with 100 rows,
//! on two networks (loopback as it is, and 10 Mbit/s with 40 ms through Chromium's network
//! emulation), cold (HTTP cache off) and warm (cache on, primed once). Each round loads the
//! console cold, vanilla cold, the console warm, vanilla warm, so that a slow stretch of the
//! machine hits all four alike. Each load's files from the site are read back from resource
//! timing: how many came from the cache (transferSize 0), to show that warm loads are warm.

use crate::report::{
    budget_line, count_range, kb, mbit_per_s, median, median_ratio, ms, no_budget_line,
    ratio_shown, spread,
};
use crate::{checked, fresh_session, load_average, page_load, print_timeline, profile};
use crate::{CALLS_MARK, CALL_ROWS, ROWS};
use e2e::webdriver::{ChromeDriver, Session};
use serde_json::{json, Value};
use std::path::Path;

/// Chromium's network emulation: latency and throughput, the same each way.
#[derive(Clone, Copy)]
struct Emulation {
    /// Added from a request's start to its response's headers (CDP: "minimum latency").
    latency_ms: f64,
    mbit_per_s: f64,
}

struct Network {
    name: &'static str,
    emulation: Option<Emulation>,
    /// Budgets on console / vanilla, cold and warm (`None`: printed, held to none).
    cold_budget: Option<f64>,
    warm_budget: Option<f64>,
}

const NETWORKS: [Network; 2] = [
    Network {
        name: "loopback",
        emulation: None,
        cold_budget: None,
        warm_budget: Some(1.4),
    },
    Network {
        name: "10 Mbit/s, 40 ms",
        emulation: Some(Emulation {
            latency_ms: 40.0,
            mbit_per_s: 10.0,
        }),
        cold_budget: Some(1.8),
        warm_budget: Some(1.1),
    },
];

/// The files the page loaded from its own origin (the document and its resources; the API
/// is on another origin), as resource timing gives them.
const SITE_FILES: &str = r#"
const origin = location.origin;
const nav = performance.getEntriesByType('navigation')[0];
return [nav, ...performance.getEntriesByType('resource')]
  .filter((e) => e && new URL(e.name).origin === origin)
  .map((e) => ({ path: new URL(e.name).pathname, transfer: e.transferSize,
                 encoded: e.encodedBodySize, decoded: e.decodedBodySize,
                 request: e.requestStart, first: e.responseStart, end: e.responseEnd }));
"#;

/// One load: its time, and what it fetched from the site.
struct Load {
    ms: f64,
    /// Files from the site, and how many of them came from the HTTP cache (no request).
    files: usize,
    cached: usize,
    /// Bytes over the network for them (headers and bodies, as transferSize counts).
    transferred: f64,
    /// The paths of those that did not come from the cache.
    fetched: Vec<String>,
    /// The wasm's resource entry, if the page loaded one.
    wasm: Option<Value>,
}

fn load(session: &Session, url: &str) -> Result<Load, String> {
    let ms = page_load(session, url, CALLS_MARK, CALL_ROWS, ROWS)?;
    let files = session.execute(SITE_FILES, vec![])?;
    let files = files.as_array().cloned().unwrap_or_default();
    let number = |f: &Value, k: &str| f[k].as_f64().unwrap_or(0.0);
    let from_cache = |f: &&Value| number(f, "transfer") == 0.0 && number(f, "decoded") > 0.0;
    Ok(Load {
        ms,
        files: files.len(),
        cached: files.iter().filter(from_cache).count(),
        fetched: files
            .iter()
            .filter(|f| !from_cache(f))
            .map(|f| f["path"].as_str().unwrap_or("?").to_string())
            .collect(),
        transferred: files.iter().map(|f| number(f, "transfer")).sum(),
        wasm: files
            .iter()
            .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(".wasm")))
            .cloned(),
    })
}

fn emulate(session: &Session, emulation: Option<Emulation>) -> Result<(), String> {
    // CDP takes throughput in bytes a second; -1 turns throttling off.
    let (latency, throughput) = match emulation {
        Some(e) => (e.latency_ms, e.mbit_per_s * 1e6 / 8.0),
        None => (0.0, -1.0),
    };
    session.cdp(
        "Network.emulateNetworkConditions",
        json!({
            "offline": false,
            "latency": latency,
            "downloadThroughput": throughput,
            "uploadThroughput": throughput,
        }),
    )?;
    Ok(())
}

fn cache(session: &Session, on: bool) -> Result<(), String> {
    session.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": !on }))?;
    Ok(())
}

/// Which of the build's copies of `path` (`NAME.br`, `NAME.gz`, `NAME`) has `bytes` bytes.
fn copy_sent(dist: &Path, path: &str, bytes: u64) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let size = |suffix: &str| {
        std::fs::metadata(dist.join(format!("{name}{suffix}")))
            .map(|m| m.len())
            .ok()
    };
    match bytes {
        b if Some(b) == size(".br") => "the .br file",
        b if Some(b) == size(".gz") => "the .gz file",
        b if Some(b) == size("") => "the file as it is",
        _ => "none of the build's copies",
    }
}

/// One page's loads in one mode: times, and the files from the cache.
fn print_loads(what: &str, loads: &[Load]) {
    let times: Vec<f64> = loads.iter().map(|l| l.ms).collect();
    let cached: Vec<usize> = loads.iter().map(|l| l.cached).collect();
    let files: Vec<usize> = loads.iter().map(|l| l.files).collect();
    let transferred: Vec<f64> = loads.iter().map(|l| l.transferred).collect();
    println!(
        "       {what:<8} {}; site files from the cache {} of {}, {} over the network (median)",
        spread(&times),
        count_range(&cached),
        count_range(&files),
        kb(median(&transferred).unwrap_or(f64::NAN) as u64)
    );
    if let Some(last) = loads.last().filter(|l| l.cached > 0) {
        println!(
            "                over the network in the last: {}",
            last.fetched.join(", ")
        );
    }
}

/// One fetch of `path` alone, bypassing the cache: ms from the call to the last byte, and
/// the bytes as sent (a check of the emulation: latency + bytes / throughput).
const LONE_FETCH: &str = r#"
const [path] = arguments;
const done = arguments[arguments.length - 1];
const url = new URL(path, location.href).href;
performance.clearResourceTimings();
const t0 = performance.now();
fetch(url, { cache: 'no-store' }).then((r) => r.arrayBuffer()).then(() => {
  const ms = performance.now() - t0;
  const entry = performance.getEntriesByName(url).pop();
  done({ ok: true, ms, bytes: entry ? entry.encodedBodySize : null });
}, (e) => done({ ok: false, error: String(e) }));
"#;

/// The wasm in the cold console loads: its size as sent and which copy that is, how long it
/// took from its request to its last byte; then one fetch of it alone, for the throughput
/// the network gives (it shares the network with the other files in a load).
fn print_wasm(
    session: &Session,
    dist: &Path,
    loads: &[Load],
    emulation: Option<Emulation>,
) -> Result<(), String> {
    let entries: Vec<&Value> = loads.iter().filter_map(|l| l.wasm.as_ref()).collect();
    let Some(first) = entries.first() else {
        println!("       the console's wasm: no resource entry");
        return Ok(());
    };
    let at = |e: &Value, k: &str| e[k].as_f64().unwrap_or(f64::NAN);
    let path = first["path"].as_str().unwrap_or("");
    let bytes = at(first, "encoded");
    let whole: Vec<f64> = entries
        .iter()
        .map(|e| at(e, "end") - at(e, "request"))
        .collect();
    println!(
        "       the console's wasm in a cold load: {} as sent ({}), request to last byte {} (median)",
        kb(bytes as u64),
        copy_sent(dist, path, bytes as u64),
        ms(median(&whole)),
    );
    let lone = checked(
        "fetching the wasm alone",
        session.execute_async(LONE_FETCH, vec![json!(path)])?,
    )?;
    let (took, sent) = (at(&lone, "ms"), at(&lone, "bytes"));
    let latency = emulation.map_or(0.0, |e| e.latency_ms);
    let rate = mbit_per_s(sent, took - latency);
    println!(
        "       the wasm fetched alone: {} in {} = {latency} ms + {} Mbit/s{}",
        kb(sent as u64),
        ms(Some(took)),
        rate.map_or_else(|| "n/a".into(), |r| format!("{r:.1}")),
        emulation.map_or_else(String::new, |e| format!(
            " (the emulation: {} ms, {} Mbit/s)",
            e.latency_ms, e.mbit_per_s
        )),
    );
    Ok(())
}

/// Prints section 2 and returns its budget lines, and its figures held to no budget.
pub fn run(
    driver: &ChromeDriver,
    dist: &Path,
    console_url: &str,
    vanilla_url: &str,
    rounds: usize,
    profile_top: usize,
) -> Result<(Vec<String>, Vec<String>), String> {
    let session = fresh_session(driver)?;
    let pages = [("console", console_url), ("vanilla", vanilla_url)];
    // Prime the cache: one load of each with it on.
    cache(&session, true)?;
    for (_, url) in pages {
        load(&session, url)?;
    }
    println!();
    println!(
        "2. page loads: about:blank to {ROWS} rows painted ({CALLS_MARK}), {rounds} rounds of console and vanilla cold (HTTP cache off), then warm (on; primed once); {}",
        load_average()
    );
    let (mut budgets, mut figures) = (Vec::new(), Vec::new());
    for network in &NETWORKS {
        emulate(&session, network.emulation)?;
        // [cold, warm] × [console, vanilla]
        let mut loads: [[Vec<Load>; 2]; 2] = Default::default();
        for _ in 0..rounds {
            for (mode, on) in [(0, false), (1, true)] {
                cache(&session, on)?;
                for (page, (_, url)) in pages.iter().enumerate() {
                    loads[mode][page].push(load(&session, url)?);
                }
            }
        }
        let emulation = network.emulation.map_or_else(
            || "no emulation".to_string(),
            |e| {
                format!(
                    "Network.emulateNetworkConditions: latency {} ms, {} bytes/s each way",
                    e.latency_ms,
                    e.mbit_per_s * 1e6 / 8.0
                )
            },
        );
        println!("   {} ({emulation}; {})", network.name, load_average());
        for (mode, name, budget) in [
            (0, "cold", network.cold_budget),
            (1, "warm", network.warm_budget),
        ] {
            let [console, vanilla] = &loads[mode];
            let times = |l: &[Load]| l.iter().map(|l| l.ms).collect::<Vec<f64>>();
            let (c, v) = (times(console), times(vanilla));
            println!("     {name}  console / vanilla {}", ratio_shown(&c, &v));
            print_loads("console", console);
            print_loads("vanilla", vanilla);
            let what = format!("{name} start, {}, console / vanilla", network.name);
            // A warm load whose wasm came over the network measured something else.
            let fetched = console
                .iter()
                .filter(|l| {
                    l.wasm
                        .as_ref()
                        .is_none_or(|w| w["transfer"].as_f64() != Some(0.0))
                })
                .count();
            let (ratio, shown) = match (mode, fetched) {
                (1, n) if n > 0 => (
                    None,
                    format!(
                        "{}, NOT WARM: the wasm came over the network in {n} of {} loads",
                        ratio_shown(&c, &v),
                        console.len()
                    ),
                ),
                _ => (median_ratio(&c, &v), ratio_shown(&c, &v)),
            };
            match budget {
                Some(max) => {
                    budgets.push(budget_line(&what, ratio, &shown, &format!("{max}x"), max))
                }
                None => figures.push(no_budget_line(&what, &shown)),
            }
        }
        print_wasm(&session, dist, &loads[0][0], network.emulation)?;
        // Where a cold load's time goes: one more of each, its timeline.
        cache(&session, false)?;
        for (what, url) in pages {
            page_load(&session, url, CALLS_MARK, CALL_ROWS, ROWS)?;
            print_timeline(&session, &format!("{what}, cold, {}", network.name))?;
        }
        if profile_top > 0 && network.emulation.is_none() {
            for (what, url) in pages {
                profile::start(&session)?;
                page_load(&session, url, CALLS_MARK, CALL_ROWS, ROWS)?;
                profile::stop_and_print(&session, &format!("{what} cold load"), profile_top)?;
                profile::print_frames(&session)?;
            }
        }
    }
    emulate(&session, None)?;
    Ok((budgets, figures))
}
