//! User journeys through the release build in a real headless Chromium, through the real
//! nginx proxy (site and proxy on two origins), against the stand-in API with auth on.
//!
//! Runs only when `TANYI_E2E_DIST` names a release build (`cargo xtask test` sets it, and
//! `TANYI_E2E_SUBPATH_DIST` for the sub-path build); otherwise it says so and passes.
//! One chromedriver for the suite, one fresh browser and stack per journey, one journey at
//! a time. `cargo test -p e2e --test journeys -- NAME` runs the journeys whose name
//! contains NAME. A failed journey leaves target/e2e/screenshots/<journey>.png.

use e2e::journey::{credentials, Browser, Journey, Pending, Portal, Site, StandIn, Suite, WAIT};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};
use xtask::nginx::{Auth, CredentialsSource, Layout, ProxySettings};

mod gateway;

use gateway::{
    a_viewer_never_sees_a_whole_number_whatever_the_settings_say,
    an_export_that_meets_the_rate_limit_pauses_and_finishes, sign_in_round_trip_keeps_the_url,
};

type Run = fn(&Journey);

/// Each journey under its function's name, in the order they run.
macro_rules! journeys {
    ($($name:ident),* $(,)?) => { &[$((stringify!($name), $name as Run)),*] };
}

const JOURNEYS: &[(&str, Run)] = journeys![
    jobs_list_filters_live_in_the_url,
    job_kpis_match_and_bars_open_calls,
    calls_filters_pages_and_csv_export,
    call_recording_transcript_and_neighbours,
    faults_show_their_message_and_retry_recovers,
    races_end_with_the_last_filter,
    hostile_content_stays_text,
    deploy_under_a_sub_path,
    deploy_in_a_portal_iframe,
    deploy_mounted_in_a_portal_page,
    deploy_disallowed_origin_fails_visibly,
    settings_dead_address_and_reset,
    panic_shows_the_crash_overlay,
    a_long_session_keeps_its_memory,
    sign_in_round_trip_keeps_the_url,
    a_viewer_never_sees_a_whole_number_whatever_the_settings_say,
    an_export_that_meets_the_rate_limit_pauses_and_finishes,
];

fn main() {
    e2e::journey::serve_stand_in_if_asked();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        for (name, _) in JOURNEYS {
            println!("{name}: test");
        }
        return;
    }
    if args.iter().any(|a| a == "--ignored") {
        return;
    }
    // libtest's arguments, as `cargo test -- ...` passes them to every test binary.
    let (mut filters, mut skips) = (Vec::new(), Vec::new());
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--skip" => skips.extend(rest.next()),
            "--test-threads" | "--color" | "--format" | "--logfile" | "-Z" => {
                rest.next();
            }
            flag if flag.starts_with('-') => {}
            filter => filters.push(filter),
        }
    }
    let suite = match Suite::from_env() {
        None => {
            println!(
                "journeys: skipped (set TANYI_E2E_DIST to a release build; `cargo xtask test` does)"
            );
            return;
        }
        Some(Err(e)) => {
            eprintln!("journeys: cannot start: {e}");
            std::process::exit(1);
        }
        Some(Ok(suite)) => suite,
    };
    let chosen: Vec<&(&str, Run)> = JOURNEYS
        .iter()
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(*f)))
        .filter(|(name, _)| !skips.iter().any(|s| name.contains(s.as_str())))
        .collect();
    println!("\nrunning {} journeys", chosen.len());
    let started = Instant::now();
    let mut failed = Vec::new();
    for (name, run) in chosen {
        let start = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| run(&Journey::new(&suite, name))));
        let seconds = start.elapsed().as_secs_f64();
        match outcome {
            Ok(()) => println!("journey {name} ... ok ({seconds:.1} s)"),
            Err(_) => {
                println!("journey {name} ... FAILED ({seconds:.1} s)");
                failed.push(*name);
            }
        }
    }
    drop(suite);
    println!(
        "\njourneys: {} failed; {:.1} s in all",
        failed.len(),
        started.elapsed().as_secs_f64()
    );
    if !failed.is_empty() {
        println!("failed: {}", failed.join(", "));
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------------------------------
// Helpers

/// The decoded `key=value` pairs of a URL's query string.
fn query_of(url: &str) -> Vec<(String, String)> {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    let query = query.split('#').next().unwrap_or("");
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(b), _) => {
                out.push(b);
                i += 3;
            }
            (None, b'+') => {
                out.push(b' ');
                i += 1;
            }
            (None, b) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The value of `key` in a URL's query.
fn param(url: &str, key: &str) -> Option<String> {
    query_of(url)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// The path of a URL (no origin, no query).
fn path_of(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
    path.split(['?', '#']).next().unwrap_or("/").to_string()
}

/// The numbers in attribute `attr` of the elements `css`, in order.
fn ids(b: &Browser, css: &str, attr: &str) -> Vec<i64> {
    b.attrs(css, attr)
        .iter()
        .filter_map(|v| v.as_str().and_then(|s| s.parse().ok()))
        .collect()
}

/// Clicks the page-number button `n` under a list.
fn click_page(b: &Browser, n: u32) {
    b.wait(&format!("a click on page {n}"), || {
        let buttons = b
            .session()
            .find_all(".tc-pagination .tc-page-number")
            .map_err(|e| e.to_string())?;
        for button in buttons {
            let text = b.js_args("return arguments[0].innerText;", vec![button.json()]);
            if text.as_str().map(str::trim) == Some(n.to_string().as_str()) {
                return b.session().click(&button).map_err(|e| e.to_string());
            }
        }
        Err("no such page button".into())
    })
}

const JOB_ROWS: &str = ".tc-jobs-table tbody tr";
pub(crate) const CALL_ROWS: &str = ".tc-calls-table tbody tr";

/// Waits until the rows `css` carry exactly `expected` ids (`attr`), in order.
fn wait_rows(b: &Browser, what: &str, css: &str, attr: &str, expected: &[i64]) {
    b.wait(what, || {
        let shown = ids(b, css, attr);
        if shown == expected {
            Ok(())
        } else {
            Err(format!("{shown:?}, expected {expected:?}"))
        }
    });
}

/// The job ids the stand-in lists for these `getTasks` parameters.
fn job_ids(api: &StandIn, params: &[(&str, String)]) -> Vec<i64> {
    let envelope = api.api_get("/apiOpen/v1/task/getTasks", params);
    envelope["data"]["content"]
        .as_array()
        .map(|jobs| {
            jobs.iter()
                .filter_map(|j| j["robotCallJobId"].as_i64())
                .collect()
        })
        .unwrap_or_default()
}

fn page_params(page: u32, size: u32) -> Vec<(&'static str, String)> {
    vec![
        ("pageNum", page.to_string()),
        ("pageSize", size.to_string()),
    ]
}

/// Waits until the URL satisfies `check`; the URL.
fn wait_url(b: &Browser, what: &str, check: impl Fn(&str) -> bool) -> String {
    b.wait(what, || {
        let url = b.url();
        if check(&url) {
            Ok(url)
        } else {
            Err(url)
        }
    })
}

/// `1:33`, `1:02:03`, as the console writes a number of seconds.
fn duration_text(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// What the error panel shows, once it shows.
fn wait_error(b: &Browser, within: Duration) -> String {
    b.wait_within(within, "an error panel", || {
        b.text(".tc-error").ok_or_else(|| {
            b.text(".tc-main")
                .unwrap_or_default()
                .chars()
                .take(200)
                .collect::<Pending>()
        })
    })
}

// ---------------------------------------------------------------------------------------
// 1. The jobs list: filters in the URL, reload, back and forward.

fn jobs_list_filters_live_in_the_url(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let b = j.browser();
    b.goto(&stack.url("/jobs"));
    let all = job_ids(api, &page_params(1, 20));
    assert_eq!(all.len(), 20, "the stand-in has 40 jobs");
    wait_rows(&b, "the first page of jobs", JOB_ROWS, "data-job-id", &all);

    // Page 2.
    click_page(&b, 2);
    let page2 = job_ids(api, &page_params(2, 20));
    wait_rows(&b, "the second page", JOB_ROWS, "data-job-id", &page2);
    wait_url(&b, "page=2 in the URL", |u| {
        param(u, "page").as_deref() == Some("2")
    });

    // Status: IN_PROCESS is status 1 for the API; back to page 1.
    b.select(".tc-job-status", "IN_PROCESS");
    let mut status = vec![("status", "1".to_string())];
    status.extend(page_params(1, 20));
    let in_process = job_ids(api, &status);
    assert!(!in_process.is_empty(), "some job is in process");
    wait_rows(&b, "jobs in process", JOB_ROWS, "data-job-id", &in_process);
    let url = wait_url(&b, "status in the URL", |u| {
        param(u, "status").as_deref() == Some("IN_PROCESS")
    });
    assert_eq!(
        param(&url, "page"),
        None,
        "a new filter starts at page 1: {url}"
    );
    let badges = b.attrs(&format!("{JOB_ROWS} .tc-badge"), "data-code");
    assert!(
        badges.iter().all(|c| c == "IN_PROCESS"),
        "every row is in process: {badges:?}"
    );

    // Name: a piece of the first in-process job's name.
    let detail = api.api_get(
        "/apiOpen/v1/task/getTaskDetail",
        &[("robotCallJobId", in_process[0].to_string())],
    );
    let full_name = detail["data"]["robotCallJob"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let piece: String = full_name.chars().take(2).collect();
    assert!(!piece.is_empty(), "job {} has a name", in_process[0]);
    b.type_text(".tc-job-name", &piece);
    let mut named = vec![("name", piece.clone()), ("status", "1".to_string())];
    named.extend(page_params(1, 20));
    let by_name = job_ids(api, &named);
    assert!(by_name.contains(&in_process[0]));
    wait_rows(
        &b,
        "jobs by name and status",
        JOB_ROWS,
        "data-job-id",
        &by_name,
    );
    let url = wait_url(&b, "name in the URL", |u| {
        param(u, "name").as_deref() == Some(piece.as_str())
    });
    let names = b.texts(&format!("{JOB_ROWS} .tc-job-name-cell"));
    assert!(
        names
            .iter()
            .all(|n| n.to_lowercase().contains(&piece.to_lowercase())),
        "every name contains {piece:?}: {names:?}"
    );

    // Reload: the same list, the same controls.
    b.reload();
    wait_rows(
        &b,
        "the same list after reload",
        JOB_ROWS,
        "data-job-id",
        &by_name,
    );
    assert_eq!(b.url(), url);
    let controls = || {
        let v = b.js("return [document.querySelector('.tc-job-name').value,\n\
                     document.querySelector('.tc-job-status').value];");
        (
            v[0].as_str().unwrap_or_default().to_string(),
            v[1].as_str().unwrap_or_default().to_string(),
        )
    };
    b.wait("the controls to show the filters", || {
        let c = controls();
        if c == (piece.clone(), "IN_PROCESS".to_string()) {
            Ok(())
        } else {
            Err(format!("{c:?}"))
        }
    });

    // Back and forward walk the same steps.
    let steps: [(&str, &[i64], &str, &str); 4] = [
        ("name and status", &by_name, piece.as_str(), "IN_PROCESS"),
        ("status", &in_process, "", "IN_PROCESS"),
        ("page 2", &page2, "", ""),
        ("page 1", &all, "", ""),
    ];
    let check = |(what, rows, name, status): (&str, &[i64], &str, &str)| {
        wait_rows(
            &b,
            &format!("the list of step {what}"),
            JOB_ROWS,
            "data-job-id",
            rows,
        );
        b.wait(&format!("the controls of step {what}"), || {
            let c = controls();
            if c == (name.to_string(), status.to_string()) {
                Ok(())
            } else {
                Err(format!("{c:?}"))
            }
        });
    };
    for step in &steps[1..] {
        b.back();
        check(*step);
    }
    assert_eq!(path_of(&b.url()), "/jobs");
    assert_eq!(query_of(&b.url()), Vec::<(String, String)>::new());
    for step in steps.iter().rev().skip(1) {
        b.forward();
        check(*step);
    }
    assert_eq!(b.url(), url);

    // The "next page" button, from a fresh list.
    b.goto(&stack.url("/jobs"));
    wait_rows(&b, "the first page again", JOB_ROWS, "data-job-id", &all);
    b.click(".tc-pagination .tc-page-next");
    wait_rows(
        &b,
        "page 2 after \"next page\"",
        JOB_ROWS,
        "data-job-id",
        &page2,
    );
}

// ---------------------------------------------------------------------------------------
// 2. A job: the KPIs are the stand-in's; the ANSWERED bar opens the answered calls.

fn job_kpis_match_and_bars_open_calls(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    // Job 2 is IN_PROCESS: progress is below 100 %, every figure differs.
    let job = 2;
    let detail = api.api_get(
        "/apiOpen/v1/task/getTaskDetail",
        &[("robotCallJobId", job.to_string())],
    );
    let stats = &detail["data"]["callJobStatsInfo"];
    let number = |key: &str| {
        stats[key]
            .as_f64()
            .unwrap_or_else(|| panic!("{key}: {stats}"))
    };
    let count = |key: &str| {
        stats[key]
            .as_i64()
            .unwrap_or_else(|| panic!("{key}: {stats}"))
    };
    let expected = [
        ("progress", format!("{:.2}%", number("taskProgress"))),
        ("answered-rate", format!("{:.2}%", number("answeredRate"))),
        ("answered", count("answeredTask").to_string()),
        ("completed", count("completedTask").to_string()),
        ("total", count("taskCallTotal").to_string()),
        ("talk-time", duration_text(count("chatDurationTotal"))),
    ];

    let b = j.browser();
    b.goto(&stack.url(&format!("/jobs/{job}")));
    for (key, value) in &expected {
        let css = format!(".tc-kpi[data-kpi=\"{key}\"] .tc-kpi-value");
        b.wait(&format!("KPI {key} = {value}"), || match b.text(&css) {
            Some(shown) if shown.trim() == value => Ok(()),
            other => Err(format!("{other:?}")),
        });
    }
    // Every bar of the results and intent charts carries the stand-in's count.
    for (chart, key) in [("dialResult", "ANSWERED"), ("intentLevel", "A")] {
        let counts = stats[chart].as_object().cloned().unwrap_or_default();
        for (code, n) in counts {
            let css = format!(".tc-bar[data-key=\"{code}\"] .tc-bar-value");
            let shown = b.text(&css);
            assert_eq!(
                shown.as_deref().map(str::trim),
                Some(n.to_string().as_str()),
                "{chart} bar {code} (checked beside {key})"
            );
        }
    }

    // Click the ANSWERED bar.
    api.reset();
    b.click(".tc-bar[data-key=\"ANSWERED\"] .tc-bar-button");
    let url = wait_url(&b, "the calls page", |u| {
        path_of(u) == format!("/jobs/{job}/calls")
    });
    assert_eq!(
        query_of(&url),
        vec![("result".to_string(), "ANSWERED".to_string())],
        "{url}"
    );
    let body = json!({
        "robotCallJobId": job,
        "resultStatuses": ["ANSWERED"],
        "pageNum": 1,
        "pageSize": 20,
    });
    let (answered, total) = api.call_ids(&body);
    assert_eq!(total, count("answeredTask"));
    wait_rows(
        &b,
        "the answered calls",
        CALL_ROWS,
        "data-call-id",
        &answered,
    );
    let results = b.attrs(&format!("{CALL_ROWS} .tc-result .tc-badge"), "data-code");
    assert!(
        results.iter().all(|r| r == "ANSWERED"),
        "every row is answered: {results:?}"
    );
    let sent: Vec<Value> = api
        .app_requests()
        .into_iter()
        .filter(|r| r["path"] == "/apiOpen/v1/callRecord/getCallRecordInfoList")
        .map(|r| r["body"].clone())
        .collect();
    assert!(
        sent.contains(&body),
        "the app asked for exactly {body}; it sent {sent:?}"
    );
}

// ---------------------------------------------------------------------------------------
// 3. Calls: filters against the stand-in, paging, page size, CSV export.

const CALLS_PATH: &str = "/apiOpen/v1/callRecord/getCallRecordInfoList";
const RESULTS: [(&str, &str); 10] = [
    ("ANSWERED", "已接听"),
    ("NO_ANSWER", "未接"),
    ("BUSY", "占线"),
    ("POWER_OFF", "关机"),
    ("OUT_OF_SERVICE", "被叫停机"),
    ("REFUSED", "拒接"),
    ("VACANT_NUMBER", "空号"),
    ("CAN_NOT_CONNECT", "无法接通"),
    ("FROM_PHONE_ERROR", "主叫号码不可用"),
    ("SYSTEM_ERROR", "外呼失败"),
];

/// Every call of a job that matches `filters`, as the stand-in lists them (100 a page).
pub(crate) fn all_calls(api: &StandIn, job: i64, filters: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for page in 1.. {
        let mut body = filters.clone();
        body["robotCallJobId"] = json!(job);
        body["pageNum"] = json!(page);
        body["pageSize"] = json!(100);
        let envelope = api.api_post(CALLS_PATH, &body);
        let items = envelope["data"]["content"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let pages = envelope["data"]["pages"].as_i64().unwrap_or(0);
        out.extend(items);
        if page >= pages {
            break;
        }
    }
    out
}

fn text_of(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// The values most frequent first (ties: first seen first).
fn by_frequency(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(k, _)| *k == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.into_iter().map(|(k, _)| k).collect()
}

/// Fields of a CSV document (quotes and doubled quotes, CRLF lines), BOM removed.
pub(crate) fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// A call as the CSV export writes it (zh-CN, phone numbers masked).
fn expected_csv_row(call: &Value) -> Vec<String> {
    let phone = text_of(&call["calledPhoneNumber"]);
    let masked = if phone.len() == 11 && phone.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}****{}", &phone[..3], &phone[7..])
    } else {
        String::new()
    };
    let result = text_of(&call["resultStatus"]);
    let result_label = RESULTS
        .iter()
        .find(|(code, _)| *code == result)
        .map(|(_, label)| label.to_string())
        .unwrap_or(result);
    let level = text_of(&call["intentLevel"]);
    let name = text_of(&call["intentLevelName"]);
    let intent = if name.trim().is_empty() {
        level
    } else {
        format!("{level} · {name}")
    };
    let concerns: Vec<String> = call["customerConcern"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(text_of)
                .filter(|c| !c.trim().is_empty())
                .collect()
        })
        .unwrap_or_default();
    let read = match call["readStatus"].as_str() {
        Some("HAS_READ") => "已读",
        Some("NOT_READ") => "未读",
        _ => "—",
    };
    let seconds = call["chatDuration"].as_i64().unwrap_or(-1);
    vec![
        call["callRecordId"].to_string(),
        masked,
        result_label,
        intent,
        text_of(&call["startTime"]),
        duration_text(seconds),
        seconds.to_string(),
        call["chatRound"].to_string(),
        if concerns.is_empty() {
            "—".to_string()
        } else {
            concerns.join("、")
        },
        read.to_string(),
    ]
}

fn chip(group: &str, code: &str) -> String {
    format!(".{group} .tc-filter-chip[data-code=\"{code}\"]")
}

fn calls_filters_pages_and_csv_export(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let job = 2i64;
    let calls = all_calls(api, job, &json!({}));
    assert_eq!(calls.len(), 500, "job {job} has 500 calls");

    // Filters chosen from the data so that some calls, not all, match each step.
    let results = by_frequency(
        calls
            .iter()
            .map(|c| text_of(&c["resultStatus"]))
            .filter(|r| r != "ANSWERED"),
    );
    let results = ["ANSWERED".to_string(), results[0].clone()];
    let matching: Vec<&Value> = calls
        .iter()
        .filter(|c| results.contains(&text_of(&c["resultStatus"])))
        .collect();
    let intents = by_frequency(matching.iter().map(|c| text_of(&c["intentLevel"])));
    let intents = [intents[0].clone(), intents[1].clone()];
    let mut days: Vec<String> = matching
        .iter()
        .filter(|c| intents.contains(&text_of(&c["intentLevel"])))
        .map(|c| text_of(&c["startTime"])[..10].to_string())
        .collect();
    days.sort();
    let (from, to) = (
        days[days.len() / 4].clone(),
        days[days.len() * 3 / 4].clone(),
    );
    let in_range = matching
        .iter()
        .find(|c| {
            let day = &text_of(&c["startTime"])[..10];
            intents.contains(&text_of(&c["intentLevel"]))
                && day >= from.as_str()
                && day <= to.as_str()
        })
        .expect("a call in the range");
    let phone = text_of(&in_range["calledPhoneNumber"]);
    let words = phone[phone.len() - 2..].to_string();

    let b = j.browser();
    b.goto(&stack.url(&format!("/jobs/{job}/calls")));
    let (first, total) =
        api.call_ids(&json!({"robotCallJobId": job, "pageNum": 1, "pageSize": 20}));
    assert_eq!(total, 500);
    wait_rows(&b, "the job's calls", CALL_ROWS, "data-call-id", &first);
    for r in &results {
        b.click(&chip("tc-filter-results", r));
    }
    for i in &intents {
        b.click(&chip("tc-filter-intents", i));
    }
    b.set_value(".tc-filter-from", &from);
    b.set_value(".tc-filter-to", &to);
    b.type_text(".tc-filter-search", &format!("{words}\u{E007}"));
    let body = json!({
        "robotCallJobId": job,
        "resultStatuses": results,
        "intentLevels": intents,
        "earliestCreationTime": from,
        "latestCreationTime": to,
        "searchWords": words,
        "pageNum": 1,
        "pageSize": 20,
    });
    let (filtered, filtered_total) = api.call_ids(&body);
    assert!(filtered.contains(&in_range["callRecordId"].as_i64().unwrap_or(0)));
    wait_rows(
        &b,
        "the filtered calls",
        CALL_ROWS,
        "data-call-id",
        &filtered,
    );
    let url = b.url();
    let expected_query = [
        ("result", results.join(",")),
        ("intent", intents.join(",")),
        ("q", words.clone()),
        ("from", from.clone()),
        ("to", to.clone()),
    ];
    for (key, value) in &expected_query {
        assert_eq!(
            param(&url, key).as_deref(),
            Some(value.as_str()),
            "{key} in {url}"
        );
    }
    // What each row shows agrees with the filters.
    let shown = b.js(&format!(
        "return Array.from(document.querySelectorAll('{CALL_ROWS}')).map(tr => [\n\
           tr.querySelector('.tc-result .tc-badge')?.dataset.code,\n\
           tr.querySelector('.tc-intent .tc-badge')?.dataset.code,\n\
           tr.querySelector('.tc-start').innerText.slice(0, 10)]);"
    ));
    for row in shown.as_array().cloned().unwrap_or_default() {
        let (r, i, day) = (text_of(&row[0]), text_of(&row[1]), text_of(&row[2]));
        assert!(results.contains(&r) && intents.contains(&i), "row {row}");
        assert!(day >= from && day <= to, "row {row} outside {from}..{to}");
    }
    let total_text = b.text(".tc-calls-total").unwrap_or_default();
    assert!(
        total_text.contains(&filtered_total.to_string()),
        "{total_text}"
    );
    let sent: Vec<Value> = api
        .app_requests()
        .into_iter()
        .filter(|r| r["path"] == CALLS_PATH)
        .map(|r| r["body"].clone())
        .collect();
    assert_eq!(sent.last(), Some(&body), "the app's last request");

    // Reload: the same rows, the same chips pressed.
    b.reload();
    wait_rows(
        &b,
        "the filtered calls after reload",
        CALL_ROWS,
        "data-call-id",
        &filtered,
    );
    let pressed = b.attrs(".tc-filter-chip[aria-pressed=\"true\"]", "data-code");
    let mut expected_pressed: Vec<Value> =
        results.iter().chain(&intents).map(|c| json!(c)).collect();
    expected_pressed.sort_by_key(|v| v.to_string());
    let mut pressed_sorted = pressed.clone();
    pressed_sorted.sort_by_key(|v| v.to_string());
    assert_eq!(pressed_sorted, expected_pressed);

    // Paging: no filters, page 2, then 100 a page.
    b.click(".tc-reset");
    wait_rows(&b, "all calls again", CALL_ROWS, "data-call-id", &first);
    wait_url(&b, "no filters in the URL", |u| query_of(u).is_empty());
    click_page(&b, 2);
    let (second, _) = api.call_ids(&json!({"robotCallJobId": job, "pageNum": 2, "pageSize": 20}));
    wait_rows(&b, "page 2", CALL_ROWS, "data-call-id", &second);
    wait_url(&b, "page=2", |u| param(u, "page").as_deref() == Some("2"));
    b.select(".tc-calls-toolbar .tc-page-size", "100");
    let (hundred, _) = api.call_ids(&json!({"robotCallJobId": job, "pageNum": 1, "pageSize": 100}));
    assert_eq!(hundred.len(), 100);
    wait_rows(&b, "100 calls a page", CALL_ROWS, "data-call-id", &hundred);
    let url = wait_url(&b, "size=100", |u| {
        param(u, "size").as_deref() == Some("100")
    });
    assert_eq!(
        param(&url, "page"),
        None,
        "a new page size starts at page 1: {url}"
    );

    // Export: results chosen so that 201..=300 calls match, three pages of 100.
    let count = |set: &[&str]| {
        calls
            .iter()
            .filter(|c| set.contains(&text_of(&c["resultStatus"]).as_str()))
            .count()
    };
    let codes: Vec<&str> = RESULTS.iter().map(|(c, _)| *c).collect();
    let mut sets: Vec<Vec<&str>> = codes.iter().map(|c| vec![*c]).collect();
    for (i, a) in codes.iter().enumerate() {
        for b2 in &codes[i + 1..] {
            sets.push(vec![a, b2]);
        }
    }
    for (i, a) in codes.iter().enumerate() {
        for (k, b2) in codes.iter().enumerate().skip(i + 1) {
            for c in &codes[k + 1..] {
                sets.push(vec![a, b2, c]);
            }
        }
    }
    let set = sets
        .into_iter()
        .find(|s| (201..=300).contains(&count(s)))
        .expect("some results make three pages");
    for r in &set {
        b.click(&chip("tc-filter-results", r));
    }
    let filter = json!({ "resultStatuses": set });
    let expected = all_calls(api, job, &filter);
    let first_hundred: Vec<i64> = expected
        .iter()
        .take(100)
        .filter_map(|c| c["callRecordId"].as_i64())
        .collect();
    wait_rows(
        &b,
        "the calls to export",
        CALL_ROWS,
        "data-call-id",
        &first_hundred,
    );
    b.click(".tc-export-start");
    let rows = b.wait_js(
        "the export to finish",
        "document.querySelector('.tc-export-done')?.dataset.rows",
    );
    assert_eq!(rows, json!(expected.len().to_string()));
    let file = b.wait("the downloaded CSV", || {
        let entries = std::fs::read_dir(b.downloads.path()).map_err(|e| e.to_string())?;
        let names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names
            .iter()
            .find(|n| n.starts_with(&format!("calls-job-{job}-")) && n.ends_with(".csv"))
            .map(|n| b.downloads.path().join(n))
            .ok_or_else(|| format!("{names:?}"))
    });
    let text = std::fs::read_to_string(&file).expect("the CSV is UTF-8");
    assert!(
        text.starts_with('\u{feff}'),
        "the CSV starts with a BOM for Excel"
    );
    let table = parse_csv(&text);
    assert_eq!(
        table[0],
        [
            "通话ID",
            "电话号码",
            "通话结果",
            "意向等级",
            "开始时间",
            "通话时长",
            "通话时长（秒）",
            "通话轮次",
            "客户关注点",
            "已读状态"
        ]
    );
    assert_eq!(table.len() - 1, expected.len(), "one line per call");
    for (line, call) in table[1..].iter().zip(&expected) {
        let mut want = expected_csv_row(call);
        if want[1].is_empty() {
            want[1] = line[1].clone();
            assert!(line[1].contains("****"), "a masked phone: {line:?}");
        }
        assert_eq!(line, &want, "the CSV line of call {}", call["callRecordId"]);
    }
}

// ---------------------------------------------------------------------------------------
// 4. A call: the recording, its speed, the transcript search, previous and next.

/// The full recording's player state: `[readyState, duration, currentTime, seeking, playbackRate]`.
const AUDIO_STATE: &str = "const a = document.querySelector('.tc-recording-full audio');\n\
    return a ? [a.readyState, a.duration, a.currentTime, a.seeking, a.playbackRate] : null;";

fn audio_state(b: &Browser) -> Option<(i64, f64, f64, bool, f64)> {
    let v = b.js(AUDIO_STATE);
    Some((
        v.get(0)?.as_i64()?,
        v[1].as_f64().unwrap_or(f64::NAN),
        v[2].as_f64().unwrap_or(f64::NAN),
        v[3].as_bool().unwrap_or(true),
        v[4].as_f64().unwrap_or(f64::NAN),
    ))
}

/// Waits until the full recording's metadata is loaded; its duration.
fn wait_audio_metadata(b: &Browser) -> f64 {
    b.wait("the recording's metadata", || match audio_state(b) {
        Some((ready, duration, ..)) if ready >= 1 && duration.is_finite() => Ok(duration),
        other => Err(format!("{other:?}")),
    })
}

fn call_recording_transcript_and_neighbours(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let job = 2i64;
    let list = |page: u32| {
        api.api_post(
            CALLS_PATH,
            &json!({"robotCallJobId": job, "resultStatuses": ["ANSWERED"], "pageNum": page, "pageSize": 20}),
        )["data"]
            .clone()
    };
    let page1 = list(1);
    let items = page1["content"].as_array().cloned().unwrap_or_default();
    let ids1: Vec<i64> = items
        .iter()
        .filter_map(|c| c["callRecordId"].as_i64())
        .collect();
    let total = page1["totalElements"].as_i64().unwrap_or(0);
    assert_eq!(ids1.len(), 20, "job {job} has over 20 answered calls");
    let ids2: Vec<i64> = list(2)["content"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c["callRecordId"].as_i64())
                .collect()
        })
        .unwrap_or_default();
    // The longest call of the page, not the last: it has a neighbour on the same page.
    let k = (0..19)
        .max_by_key(|&i| items[i]["chatDuration"].as_i64().unwrap_or(0))
        .unwrap_or(0);
    let id = ids1[k];

    let b = j.browser();
    b.goto(&stack.url(&format!("/jobs/{job}/calls?result=ANSWERED")));
    wait_rows(&b, "the answered calls", CALL_ROWS, "data-call-id", &ids1);
    b.click(&format!("{CALL_ROWS}[data-call-id=\"{id}\"] .tc-call-id a"));
    wait_url(&b, "the call's page", |u| {
        path_of(u) == format!("/calls/{id}")
    });
    let detail = api.api_get(
        "/apiOpen/v1/callRecord/callDetail",
        &[("callRecordId", id.to_string())],
    );
    let detail = &detail["data"];
    let chat_duration = detail["chatDuration"].as_f64().unwrap_or(0.0);
    b.wait_js(
        "the call's title",
        &format!("document.querySelector('.tc-call-title')?.innerText.includes('{id}')"),
    );

    // The recording: metadata, then a seek to the middle fetched by Range.
    let duration = wait_audio_metadata(&b);
    assert!(
        (duration - chat_duration).abs() <= 1.0,
        "the recording lasts {duration} s, the call {chat_duration} s"
    );
    api.reset();
    let target = duration / 2.0;
    b.js(&format!(
        "document.querySelector('.tc-recording-full audio').currentTime = {target};"
    ));
    b.wait("the seek to the middle", || match audio_state(&b) {
        Some((ready, _, now, false, _)) if ready >= 2 && (now - target).abs() < 1.0 => Ok(()),
        other => Err(format!("{other:?}")),
    });
    let ranges: Vec<String> = api
        .app_requests()
        .iter()
        .filter(|r| text_of(&r["path"]).ends_with("/ai_user.wav"))
        .map(|r| text_of(&r["headers"]["range"]))
        .collect();
    let from_middle = ranges.iter().any(|r| {
        r.strip_prefix("bytes=")
            .and_then(|r| r.split('-').next())
            .and_then(|n| n.parse::<f64>().ok())
            .is_some_and(|n| n > duration * 16000.0 / 4.0)
    });
    assert!(
        from_middle,
        "the seek fetched the middle by Range: {ranges:?}"
    );

    // The speed survives a reload.
    b.select(".tc-rate", "1.5");
    b.wait("the player at 1.5x", || match audio_state(&b) {
        Some((.., 1.5)) => Ok(()),
        other => Err(format!("{other:?}")),
    });
    b.reload();
    wait_audio_metadata(&b);
    b.wait("1.5x after reload", || {
        let chosen = b.js("return document.querySelector('.tc-rate').value;");
        match audio_state(&b) {
            Some((.., rate)) if rate == 1.5 && chosen == json!("1.5") => Ok(()),
            other => Err(format!("{other:?}, menu {chosen}")),
        }
    });

    // Transcript search: a piece of what the customer said, every match marked.
    let turns = detail["callDetailList"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    b.wait("every turn of the transcript", || {
        let n = b.js("return document.querySelectorAll('.tc-turn').length;");
        if n == json!(turns.len()) {
            Ok(())
        } else {
            Err(format!("{n} of {}", turns.len()))
        }
    });
    let needle: String = turns
        .iter()
        .filter(|t| t["type"] == "PERSON")
        .map(|t| text_of(&t["text"]))
        .find(|t| t.chars().count() >= 2)
        .map(|t| t.chars().take(2).collect())
        .expect("the customer said something");
    let expected: usize = turns
        .iter()
        .map(|t| {
            text_of(&t["text"])
                .to_ascii_lowercase()
                .matches(&needle.to_ascii_lowercase())
                .count()
        })
        .sum();
    b.type_text(".tc-transcript-search", &format!("{needle}\u{E007}"));
    b.wait("the matches marked", || {
        let marks = b.texts(".tc-turns mark.tc-match");
        let count = b.text(".tc-match-count").unwrap_or_default();
        if marks.len() == expected
            && marks.iter().all(|m| *m == needle)
            && count.contains(&format!("{expected} 处匹配"))
        {
            Ok(())
        } else {
            Err(format!(
                "{} marks {:?}, count {count:?}",
                marks.len(),
                marks.iter().take(3).collect::<Vec<_>>()
            ))
        }
    });

    // Previous and next within the list it was opened from.
    let place = |n: usize| format!("第 {n} / {total} 条");
    let on_call = |id: i64, n: usize| {
        wait_url(&b, &format!("call {id}"), |u| {
            path_of(u) == format!("/calls/{id}")
        });
        b.wait(&format!("call {id} at place {n}"), || {
            let title = b.text(".tc-call-title").unwrap_or_default();
            let shown = b.text(".tc-call-place").unwrap_or_default();
            if title.contains(&id.to_string()) && shown == place(n) {
                Ok(())
            } else {
                Err(format!("{title:?} {shown:?}"))
            }
        });
    };
    on_call(id, k + 1);
    b.click(".tc-call-next");
    on_call(ids1[k + 1], k + 2);
    b.click(".tc-call-prev");
    on_call(id, k + 1);
    // At the end of the page, "next" fetches the next page.
    b.click(".tc-back-to-list");
    wait_rows(&b, "the list again", CALL_ROWS, "data-call-id", &ids1);
    assert_eq!(param(&b.url(), "result").as_deref(), Some("ANSWERED"));
    b.click(&format!(
        "{CALL_ROWS}[data-call-id=\"{}\"] .tc-call-id a",
        ids1[19]
    ));
    on_call(ids1[19], 20);
    b.click(".tc-call-next");
    on_call(ids2[0], 21);
    b.click(".tc-call-prev");
    on_call(ids1[19], 20);
    // The first call of the list has no previous one.
    b.click(".tc-back-to-list");
    wait_rows(&b, "the list once more", CALL_ROWS, "data-call-id", &ids1);
    b.click(&format!(
        "{CALL_ROWS}[data-call-id=\"{}\"] .tc-call-id a",
        ids1[0]
    ));
    on_call(ids1[0], 1);
    assert_eq!(
        b.js("return document.querySelector('.tc-call-prev').disabled;"),
        json!(true)
    );
}

// ---------------------------------------------------------------------------------------
// 5. Faults: each page shows the message and request id, never panics, retry recovers.

/// The console's four pages: name, path, what shows once its data is in.
fn pages(call: i64) -> [(&'static str, String, &'static str); 4] {
    [
        ("jobs", "/jobs".to_string(), JOB_ROWS),
        ("job", "/jobs/2".to_string(), ".tc-kpis"),
        ("calls", "/jobs/2/calls".to_string(), CALL_ROWS),
        ("call", format!("/calls/{call}"), ".tc-call-header"),
    ]
}

/// The first answered call of job 2.
fn answered_call(api: &StandIn) -> i64 {
    let (ids, _) = api.call_ids(
        &json!({"robotCallJobId": 2, "resultStatuses": ["ANSWERED"], "pageNum": 1, "pageSize": 1}),
    );
    ids[0]
}

fn faults_show_their_message_and_retry_recovers(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let call = answered_call(api);
    let b = j.browser();
    // A failed load is expected under a fault; anything else on the console is not.
    b.allow_console("Failed to load resource");
    // (fault, what the message must say, whether the answer carries a request id)
    let faults: [(&str, &[&str], bool); 5] = [
        ("500", &["HTTP 500"], true),
        ("garbage", &["不是 JSON"], false),
        (
            "html",
            &["不是 JSON", "502 Bad Gateway", "apiBaseUrl"],
            false,
        ),
        (
            "401",
            &["401", "mock fault: 认证失败 (401)", "appKey"],
            true,
        ),
        ("412", &["412", "mock fault: 参数错误 (412)"], true),
    ];
    let mut failures = Vec::new();
    for (fault, says, has_id) in faults {
        for (page, path, data) in pages(call) {
            api.fault(Some(fault), None);
            b.goto(&stack.url(&path));
            let what = format!("{fault} on the {page} page");
            let error = wait_error(&b, WAIT);
            for text in says {
                if !error.contains(text) {
                    failures.push(format!("{what}: the message lacks {text:?}: {error:?}"));
                }
            }
            let id = b.text(".tc-error .tc-request-id");
            let id_ok = id
                .as_deref()
                .is_some_and(|id| id.len() == 8 && id.chars().all(|c| c.is_ascii_alphabetic()));
            if has_id && !id_ok {
                failures.push(format!(
                    "{what}: no request id shown ({id:?}); the panel says {error:?}"
                ));
            }
            if !has_id && id.is_some() {
                failures.push(format!("{what}: a request id {id:?} out of nowhere"));
            }
            if b.exists("main h1 + center, .tc-main center, .tc-main title") {
                failures.push(format!("{what}: the HTML answer became markup"));
            }
            failures.extend(b.problems().into_iter().map(|p| format!("{what}: {p}")));
            // The fault stops; retry shows the data.
            api.fault(None, None);
            b.click(".tc-error .tc-retry");
            b.wait(&format!("{what}: the data after retry"), || {
                match (b.exists(data), b.exists(".tc-error")) {
                    (true, false) => Ok(()),
                    state => Err(format!("{state:?}")),
                }
            });
        }
    }
    // Once: no answer at all. The app gives up after its 15 s.
    api.fault(Some("timeout"), None);
    b.goto(&stack.url("/jobs/2/calls"));
    let error = wait_error(&b, Duration::from_secs(30));
    if !error.contains("请求超时") || !error.contains("15") {
        failures.push(format!("timeout: the message does not say so: {error:?}"));
    }
    api.fault(None, None);
    b.click(".tc-error .tc-retry");
    b.element(CALL_ROWS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------
// 6. Races: quick filter changes over random latency end with the last filter's answer.

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn races_end_with_the_last_filter(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let job = 2i64;
    let b = j.browser();
    // A superseded request is aborted by the app: the browser may log it.
    b.allow_console("net::ERR_ABORTED");

    // Calls: 30 chip clicks; each changes the filter and starts a request.
    b.goto(&stack.url(&format!("/jobs/{job}/calls")));
    b.element(CALL_ROWS);
    api.latency(20, 600);
    let chips: Vec<(&str, &str)> = RESULTS
        .iter()
        .map(|(c, _)| ("tc-filter-results", *c))
        .chain(["A", "B", "C", "D", "E", "F"].map(|c| ("tc-filter-intents", c)))
        .collect();
    let mut random = Lcg(20260327);
    let (mut results, mut intents): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for _ in 0..30 {
        let (group, code) = chips[random.below(chips.len())];
        b.click(&chip(group, code));
        let list = if group == "tc-filter-results" {
            &mut results
        } else {
            &mut intents
        };
        match list.iter().position(|c| *c == code) {
            Some(i) => {
                list.remove(i);
            }
            None => list.push(code),
        }
    }
    let mut body = json!({"robotCallJobId": job, "pageNum": 1, "pageSize": 20});
    if !results.is_empty() {
        body["resultStatuses"] = json!(results);
    }
    if !intents.is_empty() {
        body["intentLevels"] = json!(intents);
    }
    let (expected, total) = api.call_ids(&body);
    let url = wait_url(&b, "the last filter in the URL", |u| {
        param(u, "result").unwrap_or_default() == results.join(",")
            && param(u, "intent").unwrap_or_default() == intents.join(",")
    });
    wait_rows(
        &b,
        &format!("the answer to the last filter {body}"),
        CALL_ROWS,
        "data-call-id",
        &expected,
    );
    let settled = |b: &Browser| {
        let shown = ids(b, CALL_ROWS, "data-call-id");
        let total_text = b.text(".tc-calls-total").unwrap_or_default();
        (
            shown == expected && (total == 0 || total_text.contains(&total.to_string())),
            shown,
            total_text,
        )
    };
    // Answers to older filters still on their way (up to 620 ms) must not replace it.
    let hold = Instant::now();
    while hold.elapsed() < Duration::from_millis(1500) {
        let (ok, shown, total_text) = settled(&b);
        assert!(ok, "an older answer replaced the last one: {shown:?} {total_text:?}, expected {expected:?} ({url})");
        std::thread::sleep(Duration::from_millis(50));
    }

    // Jobs: 30 status choices in a row.
    b.goto(&stack.url("/jobs"));
    b.element(JOB_ROWS);
    let statuses = [
        "NOT_STARTED",
        "IN_PROCESS",
        "COMPLETED",
        "RUNNABLE",
        "USER_PAUSE",
        "SYSTEM_SUSPENDED",
        "TERMINATE",
        "IN_QUEUE",
    ];
    let mut last = 0;
    for _ in 0..30 {
        let mut next = random.below(statuses.len());
        if next == last {
            next = (next + 1) % statuses.len();
        }
        last = next;
        b.select(".tc-job-status", statuses[next]);
    }
    let mut params = vec![("status", last.to_string())];
    params.extend(page_params(1, 20));
    let expected = job_ids(api, &params);
    wait_rows(
        &b,
        &format!("the jobs {}", statuses[last]),
        JOB_ROWS,
        "data-job-id",
        &expected,
    );
    let hold = Instant::now();
    while hold.elapsed() < Duration::from_millis(1500) {
        let shown = ids(&b, JOB_ROWS, "data-job-id");
        assert_eq!(
            shown, expected,
            "an older answer replaced the jobs {}",
            statuses[last]
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(param(&b.url(), "status").as_deref(), Some(statuses[last]));
}

// ---------------------------------------------------------------------------------------
// 7. Hostile content: rendered as text or a clear error, no script, no unsafe URL.

/// Every `src`/`href` in the page (frames included as elements) that is not http(s), and
/// elements that only injected markup would create.
const UNSAFE_IN_DOM: &str = r#"
const bad = [];
for (const e of document.querySelectorAll('[src], [href], [action], [formaction], [poster], [data]')) {
  for (const name of ['src', 'href', 'action', 'formaction', 'poster', 'data']) {
    const raw = e.getAttribute(name);
    if (raw === null) continue;
    let protocol;
    try { protocol = new URL(raw, document.baseURI).protocol; } catch (_) { protocol = 'unparsable'; }
    if (protocol !== 'http:' && protocol !== 'https:') bad.push(e.tagName + ' ' + name + '=' + raw.slice(0, 60));
  }
}
const root = document.querySelector('.tanyi-console') || document.body;
for (const e of root.querySelectorAll('script, iframe, img, object, embed, marquee, style, b, i, svg:not(figure.tc-line-chart svg), [onerror], [onload], [onclick]')) {
  bad.push('element ' + e.outerHTML.slice(0, 80));
}
return bad;
"#;

fn hostile_content_stays_text(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let call = answered_call(api);
    // Every answer, recordings included.
    api.fault(Some("hostile"), Some("/"));
    let b = j.browser();
    let mut outcome = Vec::new();
    for (page, path, data) in pages(call) {
        b.goto(&stack.url(&path));
        let shown = b.wait(&format!("the {page} page with hostile data"), || {
            let loading = b.exists(".tc-loading-bar.tc-active");
            match (loading, b.exists(data), b.exists(".tc-error")) {
                (false, true, _) => Ok("data"),
                (false, _, true) => Ok("error"),
                state => Err(format!("{state:?}")),
            }
        });
        let unsafe_dom = b.js(UNSAFE_IN_DOM);
        assert_eq!(
            unsafe_dom,
            json!([]),
            "the {page} page holds unsafe markup or URLs"
        );
        let text = b.text(".tc-main").unwrap_or_default();
        if shown == "error" {
            let error = b.text(".tc-error").unwrap_or_default();
            assert!(
                error.contains("格式不符") || error.contains("JSON"),
                "the {page} page's error is not clear: {error}"
            );
        } else {
            assert!(
                text.contains("<script>alert(")
                    || text.contains("<img src=x")
                    || text.contains("<b>"),
                "the {page} page shows the markup as text"
            );
        }
        outcome.push(format!("{page}: {shown}"));
        b.assert_clean();
    }
    // The call page: the 2,000-turn transcript renders, and searching markup marks text.
    if b.exists(".tc-call-header") {
        b.wait("the long transcript", || {
            let n = b.js("return document.querySelectorAll('.tc-turn').length;");
            if n == json!(2000) {
                Ok(())
            } else {
                Err(n.to_string())
            }
        });
        let players = b.js("return document.querySelectorAll('audio').length;");
        assert_eq!(
            players,
            json!(0),
            "no player for javascript:/data: recordings"
        );
        let invalid = b.texts(".tc-recording-invalid");
        assert_eq!(
            invalid.len(),
            2,
            "both recordings are flagged as invalid: {invalid:?}"
        );
        b.type_text(".tc-transcript-search", "<script>\u{E007}");
        b.wait("marked markup", || {
            let marks = b.texts("mark.tc-match");
            if !marks.is_empty() && marks.iter().all(|m| m.eq_ignore_ascii_case("<script>")) {
                Ok(())
            } else {
                Err(format!("{} marks", marks.len()))
            }
        });
        assert_eq!(b.js(UNSAFE_IN_DOM), json!([]));
    }
    println!("  hostile content: {}", outcome.join(", "));
}

// ---------------------------------------------------------------------------------------
// 8. Deployment: a sub-path, an iframe of another origin, a portal page, CORS.

const SUB_PATH: &str = "/portal/tanyi";

fn deploy_under_a_sub_path(j: &Journey) {
    let dist =
        j.suite.subpath_dist.clone().expect(
            "TANYI_E2E_SUBPATH_DIST: a build for /portal/tanyi/ (cargo xtask test makes one)",
        );
    let stack = j.stack(|p| {
        p.dist = dist;
        p.public_url = format!("{SUB_PATH}/");
    });
    let api = &stack.stand_in;
    let call = answered_call(api);
    let b = j.browser();

    // A deep link, loaded cold and reloaded.
    let (answered, _) = api.call_ids(
        &json!({"robotCallJobId": 2, "resultStatuses": ["ANSWERED"], "pageNum": 1, "pageSize": 20}),
    );
    b.goto(&stack.url(&format!("{SUB_PATH}/jobs/2/calls?result=ANSWERED")));
    wait_rows(
        &b,
        "the deep-linked calls",
        CALL_ROWS,
        "data-call-id",
        &answered,
    );
    b.reload();
    wait_rows(
        &b,
        "the calls after reload",
        CALL_ROWS,
        "data-call-id",
        &answered,
    );
    // Links stay under the prefix.
    let href = b.attrs(&format!("{CALL_ROWS} .tc-call-id a"), "href");
    assert_eq!(href[0], json!(format!("{SUB_PATH}/calls/{}", answered[0])));
    b.click(&format!("{CALL_ROWS} .tc-call-id a"));
    wait_url(&b, "the call under the prefix", |u| {
        path_of(u) == format!("{SUB_PATH}/calls/{}", answered[0])
    });
    b.element(".tc-call-header");
    b.reload();
    b.element(".tc-call-header");
    b.goto(&stack.url(&format!("{SUB_PATH}/calls/{call}")));
    b.element(".tc-call-header");
    b.click(&format!(".tc-nav a[href=\"{SUB_PATH}/jobs\"]"));
    wait_url(&b, "the jobs under the prefix", |u| {
        path_of(u) == format!("{SUB_PATH}/jobs")
    });
    b.element(JOB_ROWS);
    // The bare prefix lands on the jobs.
    b.goto(&stack.url(SUB_PATH));
    wait_url(&b, "the prefix's start page", |u| {
        path_of(u) == format!("{SUB_PATH}/jobs")
    });
    b.element(JOB_ROWS);
    // Every asset came from under the prefix (nothing at the root, which is not ours).
    let assets = b.js(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name))\n\
           .filter(u => u.origin === location.origin).map(u => u.pathname);",
    );
    for path in assets.as_array().cloned().unwrap_or_default() {
        assert!(
            text_of(&path).starts_with(&format!("{SUB_PATH}/")),
            "asset {path} outside the prefix"
        );
    }
}

/// A portal page of another origin framing the console's `/jobs`.
fn frame_page(site: String) -> impl Fn(&str) -> Option<String> + Send + 'static {
    move |path| {
        (path == "/").then(|| {
            format!(
                "<!DOCTYPE html><html><head><meta charset=utf-8><link rel=icon href=\"data:,\"><title>Portal</title></head>\n\
                 <body><h1>Portal</h1><iframe id=\"console\" src=\"{site}/jobs\" width=\"1200\" height=\"700\"></iframe></body></html>"
            )
        })
    }
}

fn deploy_in_a_portal_iframe(j: &Journey) {
    // The portals need the site's address, the site needs the portal's origin: ports first.
    let (portal_port, other_port) = (e2e::free_port(), e2e::free_port());
    let portal_origin = format!("http://127.0.0.1:{portal_port}");
    let stack = j.stack(|p| p.frame_ancestors = format!("'self' {portal_origin}"));
    let portal = Portal::start_on(portal_port, frame_page(stack.url("")));
    let other = Portal::start_on(other_port, frame_page(stack.url("")));
    let api = &stack.stand_in;
    let jobs = job_ids(api, &page_params(1, 20));

    let b = j.browser();
    b.goto(portal.url());
    let frame = b.element("#console");
    b.session()
        .switch_to_frame(Some(&frame))
        .expect("into the frame");
    wait_rows(&b, "the jobs in the frame", JOB_ROWS, "data-job-id", &jobs);
    b.click(&format!(
        "{JOB_ROWS}[data-job-id=\"{}\"] .tc-job-name-cell a",
        jobs[0]
    ));
    b.element(".tc-kpis");
    let inside = b.js("return location.pathname;");
    assert_eq!(inside, json!(format!("/jobs/{}", jobs[0])));
    b.session()
        .switch_to_frame(None)
        .expect("back to the portal");
    assert_eq!(b.text("h1").as_deref(), Some("Portal"));

    // A page of an origin not in frame-ancestors gets no console.
    b.allow_console("violates the following Content Security Policy directive: \"frame-ancestors");
    b.goto(other.url());
    let frame = b.element("#console");
    b.wait("the browser to refuse the frame", || {
        let refused = b.console().iter().any(|l| {
            l.message.contains(&format!("Framing '{}/'", stack.url("")))
                && l.message.contains("frame-ancestors")
        });
        if refused {
            Ok(())
        } else {
            Err("no refusal on the console yet".into())
        }
    });
    b.session()
        .switch_to_frame(Some(&frame))
        .expect("into the refused frame");
    assert!(
        !b.exists(".tanyi-console"),
        "the console ran in a frame of {}",
        other.url()
    );
    b.session().switch_to_frame(None).expect("back to the top");
}

/// A portal page that mounts the console into its `#tanyi-console` with embed.js, under
/// `/portal/ops/tanyi`, with its own styles on bare elements.
fn embed_page(site: String) -> impl Fn(&str) -> Option<String> + Send + 'static {
    move |path| {
        (path == "/portal/ops/tanyi" || path.starts_with("/portal/ops/tanyi/")).then(|| {
            format!(
                "<!DOCTYPE html><html><head><meta charset=utf-8><link rel=icon href=\"data:,\"><title>Ops portal</title>\n\
                 <style>body {{ font-family: serif; }} h1 {{ color: rgb(10, 20, 30); font-size: 40px; }}\n\
                 table {{ border-spacing: 7px; }} button {{ background: rgb(200, 0, 0); }} a {{ color: rgb(0, 128, 0); }}</style></head>\n\
                 <body><h1 class=\"portal-title\">Ops portal</h1>\n\
                 <table class=\"portal-table\"><tr><td>portal cell</td></tr></table>\n\
                 <div id=\"tanyi-console\" data-config-url=\"{site}/config.json\" data-base-path=\"/portal/ops/tanyi\"></div>\n\
                 <script type=\"module\" src=\"{site}/embed.js\"></script></body></html>"
            )
        })
    }
}

fn deploy_mounted_in_a_portal_page(j: &Journey) {
    let portal_port = e2e::free_port();
    let portal_origin = format!("http://127.0.0.1:{portal_port}");
    let origin = portal_origin.clone();
    let stack = j.stack(move |p| p.allowed_origins = vec![origin]);
    let portal = Portal::start_on(portal_port, embed_page(stack.url("")));
    let api = &stack.stand_in;
    let b = j.browser();

    b.goto(&format!("{}/portal/ops/tanyi/jobs/2", portal.url()));
    b.element("#tanyi-console .tc-kpis");
    let calls_link = b.attrs("#tanyi-console .tc-to-calls", "href");
    assert_eq!(calls_link, vec![json!("/portal/ops/tanyi/jobs/2/calls")]);
    b.click("#tanyi-console .tc-to-calls");
    let (first, _) = api.call_ids(&json!({"robotCallJobId": 2, "pageNum": 1, "pageSize": 20}));
    wait_rows(
        &b,
        "the calls on the portal page",
        &format!("#tanyi-console {CALL_ROWS}"),
        "data-call-id",
        &first,
    );
    assert_eq!(path_of(&b.url()), "/portal/ops/tanyi/jobs/2/calls");
    b.reload();
    wait_rows(
        &b,
        "the calls after reload",
        &format!("#tanyi-console {CALL_ROWS}"),
        "data-call-id",
        &first,
    );

    // Every stylesheet of the build is on the page.
    let index = std::fs::read_to_string(j.suite.dist.join("index.html")).expect("index.html");
    let built: BTreeSet<String> = index
        .split('"')
        .filter(|part| part.ends_with(".css"))
        .map(|part| part.rsplit('/').next().unwrap_or(part).to_string())
        .collect();
    let loaded: BTreeSet<String> = b
        .js("return Array.from(document.styleSheets).map(s => s.href || '').filter(h => h);")
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|h| {
            text_of(h)
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let missing: Vec<&String> = built.difference(&loaded).collect();
    assert!(
        missing.is_empty(),
        "embed.js did not load {missing:?} (the build has {built:?})"
    );

    // Styles: the portal's stay the portal's, the console's stay the console's.
    let style = |css: &str, property: &str| {
        text_of(&b.js_args(
            "return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1]);",
            vec![json!(css), json!(property)],
        ))
    };
    assert_eq!(style(".portal-title", "color"), "rgb(10, 20, 30)");
    assert_eq!(style(".portal-title", "font-size"), "40px");
    assert_eq!(style(".portal-table", "border-spacing"), "7px");
    assert!(style("body", "font-family").contains("serif"));
    assert_ne!(
        style("#tanyi-console h1", "font-size"),
        "40px",
        "the portal's h1 size leaked in"
    );
    assert_ne!(
        style("#tanyi-console h1", "color"),
        "rgb(10, 20, 30)",
        "the portal's h1 colour leaked in"
    );
    assert_ne!(
        style("#tanyi-console .tc-crumb a", "color"),
        "rgb(0, 128, 0)",
        "the portal's link colour leaked in"
    );
    for button in [".tc-export-start", ".tc-filter-chip", ".tc-lang"] {
        let css = format!("#tanyi-console {button}");
        assert_ne!(
            style(&css, "background-color"),
            "rgb(200, 0, 0)",
            "the portal's button style reached {button}"
        );
    }
    // Requests went through the proxy, signed, with no browser origin or cookie.
    let sent = api.app_requests();
    assert!(!sent.is_empty());
    for r in &sent {
        let headers = &r["headers"];
        assert!(headers.get("signature").is_some(), "unsigned: {r}");
        assert!(
            headers.get("origin").is_none() && headers.get("cookie").is_none(),
            "{r}"
        );
    }
}

fn deploy_disallowed_origin_fails_visibly(j: &Journey) {
    let stack = j.stack(|_| {});
    // The same build on another origin, configured for the same proxy, which does not list it.
    let mut settings = ProxySettings::new(
        stack.stand_in.url(),
        CredentialsSource::Values(credentials()),
        Auth::None,
    );
    settings.api_origin = Some(stack.site.api_url().to_string());
    let elsewhere = Site::start(
        &j.suite.dist,
        settings,
        Layout::SameOrigin {
            port: e2e::free_port(),
        },
        &json!({ "apiBaseUrl": stack.site.api_url() }),
    );
    let b = j.browser();
    b.allow_console("blocked by CORS policy");
    b.allow_console("Failed to load resource");
    b.allow_console("net::ERR_FAILED");
    b.goto(&elsewhere.url("/jobs"));
    let error = wait_error(&b, WAIT);
    assert!(
        error.contains("CORS") && error.contains("apiBaseUrl"),
        "the message names the cause: {error}"
    );
    assert!(!b.exists(JOB_ROWS));
    let blocked = b
        .console()
        .iter()
        .any(|l| l.message.contains("has been blocked by CORS policy"));
    assert!(blocked, "the browser blocked the answer for CORS");
    // The console's own origin still works.
    b.goto(&stack.url("/jobs"));
    b.element(JOB_ROWS);
}

// ---------------------------------------------------------------------------------------
// 9. Settings: a dead API address gives a clear error; reset recovers.

fn settings_dead_address_and_reset(j: &Journey) {
    let stack = j.stack(|_| {});
    let b = j.browser();
    b.goto(&stack.url("/settings"));
    let dead = format!("http://127.0.0.1:{}", e2e::free_port());
    b.type_text(".tc-api-base-url", &format!("{dead}\u{E007}"));
    b.element(".tc-setting[data-key=apiBaseUrl] .tc-source-override");
    assert_eq!(b.text(".tc-api-url").as_deref(), Some(dead.as_str()));

    // The browser refuses (CSP connect-src) or nothing answers: either is a failed fetch.
    b.allow_console("violates the following Content Security Policy directive: \"connect-src");
    b.allow_console("Refused to connect");
    b.allow_console("net::ERR_");
    b.allow_console("Failed to fetch");
    b.click(".tc-nav a[href=\"/jobs\"]");
    let error = wait_error(&b, WAIT);
    assert!(
        error.contains("无法连接接口服务") && error.contains("apiBaseUrl"),
        "the error says the API cannot be reached and what to check: {error}"
    );
    assert!(!b.exists(JOB_ROWS));
    b.reload();
    let error = wait_error(&b, WAIT);
    assert!(error.contains("无法连接接口服务"), "{error}");

    b.goto(&stack.url("/settings"));
    b.click(".tc-reset-settings");
    b.element(".tc-setting[data-key=apiBaseUrl] .tc-source-file");
    assert_eq!(b.text(".tc-api-url").as_deref(), Some(stack.site.api_url()));
    b.click(".tc-nav a[href=\"/jobs\"]");
    let all = job_ids(&stack.stand_in, &page_params(1, 20));
    wait_rows(&b, "the jobs after reset", JOB_ROWS, "data-job-id", &all);
    b.reload();
    wait_rows(&b, "the jobs after reload", JOB_ROWS, "data-job-id", &all);
}

// ---------------------------------------------------------------------------------------
// A panic shows the "something went wrong" overlay, whose button reloads.

fn panic_shows_the_crash_overlay(j: &Journey) {
    let stack = j.stack(|_| {});
    let b = j.browser();
    b.goto(&stack.url("/jobs"));
    b.element(JOB_ROWS);
    b.allow_panic();
    b.allow_console("RuntimeError: unreachable");
    // The panic unwinds into the script as a JavaScript error: expected.
    let _ = b
        .session()
        .execute("window.wasmBindings.simulate_crash();", Vec::new());
    let text = b.wait("the crash overlay", || {
        b.text("#tanyi-console-crashed")
            .ok_or_else(|| "no overlay".to_string())
    });
    assert!(
        text.contains("出错了") && text.contains("Something went wrong"),
        "{text}"
    );
    let visible = b.js(
        "const r = document.getElementById('tanyi-console-crashed').getBoundingClientRect();\n\
         const d = document.documentElement;\n\
         return r.width >= d.clientWidth - 1 && r.height >= d.clientHeight - 1;",
    );
    assert_eq!(visible, json!(true), "the overlay covers the page");
    b.click("#tanyi-console-crashed button");
    b.wait("the reloaded page without the overlay", || {
        if b.exists("#tanyi-console-crashed") {
            Err("overlay still there".into())
        } else if !b.exists(JOB_ROWS) {
            Err("no rows yet".into())
        } else {
            Ok(())
        }
    });
}

// ---------------------------------------------------------------------------------------
// A long session: page after page, the console's memory stays where it was.

/// A client-side navigation, as the router's own links and the browser's back button make.
const NAVIGATE: &str = "history.pushState(null, '', arguments[0]);\n\
    dispatchEvent(new PopStateEvent('popstate', { state: null }));";

fn a_long_session_keeps_its_memory(j: &Journey) {
    let stack = j.stack(|_| {});
    let call = answered_call(&stack.stand_in);
    let b = j.browser();
    b.goto(&stack.url("/jobs"));
    b.element(JOB_ROWS);
    let heap = || {
        // Requests still under way hold memory for a moment; let them finish.
        std::thread::sleep(Duration::from_millis(300));
        b.js("return window.wasmBindings.wasm_heap_bytes();")
            .as_f64()
            .unwrap_or(f64::NAN)
    };
    let (warm_up, measured) = (20usize, 100u32);
    let mut at_start = 0.0;
    for n in 1..=warm_up + measured as usize {
        let cycle = pages(call);
        let (page, path, data) = &cycle[n % cycle.len()];
        b.js_args(NAVIGATE, vec![json!(path)]);
        b.wait(&format!("navigation {n}: the {page} page's data"), || {
            let here = b.js("return location.pathname;");
            match (here.as_str() == Some(path.as_str()), b.exists(data)) {
                (true, true) => Ok(()),
                state => Err(format!("{state:?}")),
            }
        });
        if n == warm_up {
            at_start = heap();
        }
    }
    let growth = (heap() - at_start) / f64::from(measured);
    println!("the wasm heap grew {growth:.0} bytes a navigation");
    // Today about 300 bytes a navigation (leptos_router's own); each page visit leaked
    // 2 to 9 KB before pages stopped subscribing to the never-changing configuration.
    assert!(
        growth < 1500.0,
        "the wasm heap grew {growth:.0} bytes a navigation over {measured} navigations"
    );
    assert!(b.problems().is_empty(), "{:?}", b.problems());
}
