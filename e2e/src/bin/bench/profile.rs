//! `--profile N`: where a cold start and a filter change spend their time. Chromium's sampling
//! profiler over one console load (or filter change), the N functions with the most self time (names need a wasm with its name
//! section, e.g. built with `wasm-opt -g`; otherwise wasm functions show as `$funcN`).

use e2e::webdriver::Session;
use serde_json::{json, Value};
use std::collections::HashMap;

/// Records the page's long animation frames (script, style and layout, render) from the start;
/// once a page, however often the session added it.
const FRAMES: &str = r#"
if (!window.__frames) {
  window.__frames = [];
  new PerformanceObserver((list) => {
    for (const f of list.getEntries()) window.__frames.push(JSON.stringify(f));
  }).observe({ type: 'long-animation-frame', buffered: true });
}
"#;

/// Records the long animation frames of the pages loaded from now on.
pub fn observe_frames(session: &Session) -> Result<(), String> {
    session.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": FRAMES }),
    )?;
    Ok(())
}

/// Starts the profiler, and the record of long animation frames for pages loaded from now on.
pub fn start(session: &Session) -> Result<(), String> {
    observe_frames(session)?;
    start_sampling(session)
}

/// Starts the profiler in the page as it is; its record of long animation frames emptied
/// (the page must have been loaded after [`start`]).
pub fn start_sampling(session: &Session) -> Result<(), String> {
    session.execute("window.__frames = [];", vec![])?;
    session.cdp("Profiler.enable", json!({}))?;
    session.cdp("Profiler.setSamplingInterval", json!({ "interval": 100 }))?;
    session.cdp("Profiler.start", json!({}))?;
    Ok(())
}

/// Stops the profiler and prints the `top` functions by self time.
pub fn stop_and_print(session: &Session, what: &str, top: usize) -> Result<(), String> {
    let stopped = session.cdp("Profiler.stop", json!({}))?;
    let profile = &stopped["profile"];
    let mut name_of = HashMap::new();
    for node in profile["nodes"].as_array().into_iter().flatten() {
        let frame = &node["callFrame"];
        let name = frame["functionName"].as_str().unwrap_or("");
        let url = frame["url"].as_str().unwrap_or("");
        let name = match (name, url) {
            ("", "") => "(anonymous)".to_string(),
            ("", url) => format!("(anonymous) {}", short(url)),
            (name, _) => name.to_string(),
        };
        name_of.insert(node["id"].as_i64().unwrap_or(-1), name);
    }
    let samples = profile["samples"].as_array().cloned().unwrap_or_default();
    let deltas = profile["timeDeltas"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut self_us: HashMap<&str, f64> = HashMap::new();
    // Sample i lasts until sample i + 1: its time is the next delta.
    for (i, sample) in samples.iter().enumerate() {
        let us = deltas.get(i + 1).and_then(Value::as_f64).unwrap_or(0.0);
        let name = name_of
            .get(&sample.as_i64().unwrap_or(-1))
            .map_or("?", String::as_str);
        *self_us.entry(name).or_default() += us;
    }
    let total: f64 = self_us.values().sum();
    let busy: f64 = self_us
        .iter()
        .filter(|(n, _)| **n != "(idle)" && **n != "(program)")
        .map(|(_, us)| us)
        .sum();
    // Time with callees, for the console's own functions: which of them the time is under.
    let mut parent = HashMap::new();
    for node in profile["nodes"].as_array().into_iter().flatten() {
        for child in node["children"].as_array().into_iter().flatten() {
            parent.insert(
                child.as_i64().unwrap_or(-1),
                node["id"].as_i64().unwrap_or(-1),
            );
        }
    }
    let mut inclusive_us: HashMap<&str, f64> = HashMap::new();
    for (i, sample) in samples.iter().enumerate() {
        let us = deltas.get(i + 1).and_then(Value::as_f64).unwrap_or(0.0);
        let mut seen = std::collections::HashSet::new();
        let mut node = sample.as_i64().unwrap_or(-1);
        while let Some(name) = name_of.get(&node) {
            if name.starts_with("tanyi_console::") && seen.insert(name.as_str()) {
                *inclusive_us.entry(name.as_str()).or_default() += us;
            }
            node = parent.get(&node).copied().unwrap_or(-1);
        }
    }
    let mut ranked: Vec<_> = self_us.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!(
        "   profile of one {what}: {:.1} ms sampled, {:.1} ms busy",
        total / 1000.0,
        busy / 1000.0,
    );
    for (name, us) in ranked.into_iter().take(top) {
        let name: String = name.chars().take(110).collect();
        println!("     {:>7.1} ms  {name}", us / 1000.0);
    }
    let mut ranked: Vec<_> = inclusive_us.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    if !ranked.is_empty() {
        println!("   the console's functions, time with callees:");
    }
    for (name, us) in ranked.into_iter().take(top) {
        let name: String = name.chars().take(110).collect();
        println!("     {:>7.1} ms  {name}", us / 1000.0);
    }
    Ok(())
}

/// The long animation frames (over 50 ms) of the load: when, how long, and how much went
/// to scripts, to style and layout, and to rendering.
pub fn print_frames(session: &Session) -> Result<(), String> {
    let frames = session.execute("return window.__frames || [];", vec![])?;
    println!("   long animation frames (ms from the page's navigation start):");
    let frames = frames.as_array().into_iter().flatten();
    for f in frames.filter_map(|f| serde_json::from_str::<Value>(f.as_str()?).ok()) {
        let at = |k: &str| f[k].as_f64().unwrap_or(f64::NAN);
        let (start, duration) = (at("startTime"), at("duration"));
        let end = start + duration;
        let render = at("renderStart");
        let layout = at("styleAndLayoutStart");
        let scripts: Vec<String> = f["scripts"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| {
                format!(
                    "{} {:.1} ms",
                    s["invoker"].as_str().unwrap_or("?"),
                    s["duration"].as_f64().unwrap_or(f64::NAN)
                )
            })
            .collect();
        println!(
            "     {start:>7.1} +{duration:>6.1}: render {:.1} ms, style+layout {:.1} ms; scripts: {}",
            if render > 0.0 { end - render } else { 0.0 },
            if layout > 0.0 { end - layout } else { 0.0 },
            scripts.join("; ")
        );
    }
    Ok(())
}

fn short(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}
