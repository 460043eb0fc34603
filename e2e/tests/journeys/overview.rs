//! The overview against the live stand-in: its totals and rows are the stand-in's own
//! figures, its links open the calls behind them, and each alert appears on data made to
//! trigger it and goes when the stand-in's clock moves past it.

use e2e::journey::console::{duration_text, text_of, wait_path};
use e2e::journey::stand_in::job_status;
use e2e::journey::{Browser, Journey, StandIn, UNLIMITED_RATE};
use e2e::url::query_of;
use mock_api::enums::JobStatus;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

const ROWS: &str = ".tc-overview-jobs tbody tr";
const TASK_CALLS: &str = "/apiOpen/v1/task/getCallRecordInfoList";

/// The browser's calendar day, `days_back` days ago, as `YYYY-MM-DD`.
fn browser_day(b: &Browser, days_back: i64) -> String {
    let day = b.js_args(
        "const d = new Date(); d.setDate(d.getDate() - arguments[0]);\n\
         return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' +\n\
           String(d.getDate()).padStart(2, '0');",
        vec![json!(days_back)],
    );
    text_of(&day)
}

/// Whether the overview lists a job of this status.
fn is_listed(status: Option<JobStatus>) -> bool {
    use JobStatus::*;
    matches!(
        status,
        Some(InProcess | Runnable | UserPause | SystemSuspended | InQueue)
    )
}

fn is_running(status: Option<JobStatus>) -> bool {
    status == Some(JobStatus::InProcess)
}

/// The ids of the jobs `keep` accepts by status.
fn job_ids(api: &StandIn, keep: fn(Option<JobStatus>) -> bool) -> Vec<i64> {
    api.all_jobs()
        .iter()
        .filter(|job| keep(job_status(job)))
        .filter_map(|job| job["robotCallJobId"].as_i64())
        .collect()
}

fn detail(api: &StandIn, job: i64) -> Value {
    api.api_get(
        "/apiOpen/v1/task/getTaskDetail",
        &[("robotCallJobId", job.to_string())],
    )
}

/// A daily series' value for a day, 0 without a point.
fn point(detail: &Value, series: &str, day: &str) -> u64 {
    detail["data"]["callJobStatsInfo"]["callJobStatsBrokenLine"][series]
        .as_array()
        .and_then(|points| points.iter().find(|p| text_of(&p["date"]).starts_with(day)))
        .and_then(|p| p["val"].as_f64())
        .map_or(0, |v| v.round() as u64)
}

/// How many of a job's calls on `day` match `filters`, as the task family's list counts them.
fn count(api: &StandIn, job: i64, day: &str, filters: Value) -> u64 {
    let mut body = json!({
        "robotCallJobId": job,
        "earliestCreationTime": day,
        "latestCreationTime": day,
        "pageNum": 1,
        "pageSize": 1,
    });
    if let (Some(body), Some(filters)) = (body.as_object_mut(), filters.as_object()) {
        body.extend(filters.clone());
    }
    api.api_post(TASK_CALLS, &body)["data"]["totalElements"]
        .as_u64()
        .unwrap_or_else(|| panic!("no count for job {job} on {day}"))
}

fn leads(api: &StandIn, job: i64, day: &str) -> u64 {
    count(api, job, day, json!({ "intentLevels": ["A", "B"] }))
}

/// A day's figures summed over jobs: calls, answered, talk seconds, leads.
#[derive(Default, Debug, PartialEq)]
struct Day {
    calls: u64,
    answered: u64,
    talk: u64,
    leads: u64,
}

impl Day {
    fn shown(&self) -> [(&'static str, String); 5] {
        let rate = if self.calls == 0 {
            "—".to_string()
        } else {
            format!("{:.2}%", self.answered as f64 * 100.0 / self.calls as f64)
        };
        [
            ("calls", self.calls.to_string()),
            ("answered", self.answered.to_string()),
            ("answer-rate", rate),
            ("leads", self.leads.to_string()),
            ("talk-time", duration_text(self.talk as i64)),
        ]
    }
}

pub fn overview_totals_and_rows_are_the_stand_in_s_figures(j: &Journey) {
    let stack = j.stack(|p| {
        p.mock.live = true;
        p.config.insert("refreshSeconds".into(), json!(0));
    });
    let api = &stack.stand_in;
    // The stand-in's figures must not move while the page and the test read them.
    api.control("/__mock/clock", json!({ "paused": true }));
    let b = j.browser();
    b.goto(&stack.url("/"));
    wait_path(&b, "/overview");
    b.element(ROWS);
    let (today, yesterday) = (browser_day(&b, 0), browser_day(&b, 1));

    let listed = job_ids(api, is_listed);
    let shown_rows: Vec<i64> = b
        .attrs(ROWS, "data-job-id")
        .iter()
        .filter_map(|id| text_of(id).parse().ok())
        .collect();
    assert_eq!(
        shown_rows.iter().collect::<BTreeSet<_>>(),
        listed.iter().collect::<BTreeSet<_>>(),
        "one row per running or waiting job"
    );
    let (mut on_today, mut on_yesterday) = (Day::default(), Day::default());
    let mut with_leads = None;
    for &job in &listed {
        let detail = detail(api, job);
        for (day, sum) in [(&today, &mut on_today), (&yesterday, &mut on_yesterday)] {
            let calls = point(&detail, "taskCallCompletedList", day);
            sum.calls += calls;
            sum.answered += point(&detail, "answeredTaskList", day);
            sum.talk += point(&detail, "chatDurationTotalList", day);
            sum.leads += if calls > 0 { leads(api, job, day) } else { 0 };
        }
        let row = format!("{ROWS}[data-job-id=\"{job}\"]");
        let calls_today = point(&detail, "taskCallCompletedList", &today);
        let leads_today = if calls_today > 0 {
            leads(api, job, &today)
        } else {
            0
        };
        assert_eq!(
            b.text(&format!("{row} [data-figure=\"calls\"]"))
                .map(|t| t.trim().to_string()),
            Some(calls_today.to_string()),
            "job {job}'s calls today"
        );
        assert_eq!(
            b.text(&format!("{row} [data-figure=\"leads\"] a"))
                .map(|t| t.trim().to_string()),
            Some(leads_today.to_string()),
            "job {job}'s leads today"
        );
        if leads_today > 0 {
            with_leads = Some((job, leads_today));
        }
    }
    assert!(
        on_today.calls > 0,
        "the live stand-in's running jobs made calls today"
    );
    for (day, sums) in [("tc-today", &on_today), ("tc-yesterday", &on_yesterday)] {
        for (key, value) in sums.shown() {
            let css = format!(".tc-kpi[data-total=\"{key}\"] .{day}");
            assert_eq!(
                b.text(&css).map(|t| t.trim().to_string()),
                Some(value.clone()),
                "{key} ({day})"
            );
        }
    }

    // No count was asked for a day on which a job made no calls.
    for asked in api.app_requests() {
        if text_of(&asked["path"]).ends_with("/getCallRecordInfoList") {
            let body = &asked["body"];
            let job = body["robotCallJobId"].as_i64().unwrap_or_default();
            let day = text_of(&body["earliestCreationTime"]);
            let calls = point(&detail(api, job), "taskCallCompletedList", &day);
            assert!(calls > 0, "counted job {job} on {day}, a day without calls");
        }
    }

    // Today's leads of a job open its calls of intent A + B today: as many as the row said.
    let (job, n) = with_leads.expect("a job with leads today");
    b.click(&format!(
        "{ROWS}[data-job-id=\"{job}\"] [data-figure=\"leads\"] a"
    ));
    let url = wait_path(&b, &format!("/jobs/{job}/calls"));
    let query = query_of(&url);
    for (key, value) in [
        ("intent", "A,B"),
        ("from", today.as_str()),
        ("to", today.as_str()),
    ] {
        assert!(
            query.iter().any(|(k, v)| k == key && v == value),
            "{key}={value} in {url}"
        );
    }
    b.wait(&format!("{n} calls listed"), || match b.text(".tc-total") {
        Some(text) if text.contains(&n.to_string()) => Ok(()),
        other => Err(format!("{other:?}")),
    });
    b.assert_clean();
}

/// The alerts on screen: (kind, job) with whether each is marked new.
fn alerts_shown(b: &Browser) -> Vec<(String, i64, bool)> {
    let found = b.js(
        "return [...document.querySelectorAll('.tc-alert')].map(a =>\n\
           [a.dataset.alert, Number(a.dataset.jobId), a.classList.contains('tc-alert-new')]);",
    );
    found
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|a| {
            (
                text_of(&a[0]),
                a[1].as_i64().unwrap_or(0),
                a[2].as_bool() == Some(true),
            )
        })
        .collect()
}

fn has_alert(b: &Browser, kind: &str, job: i64) -> bool {
    alerts_shown(b)
        .iter()
        .any(|(k, j, _)| k == kind && *j == job)
}

fn wait_alert(b: &Browser, kind: &str, job: i64, shown: bool) {
    let what = format!(
        "the {kind} alert of job {job} {}",
        if shown { "shown" } else { "gone" }
    );
    b.wait(&what, || {
        if has_alert(b, kind, job) == shown {
            Ok(())
        } else {
            Err(format!("{:?}", alerts_shown(b)))
        }
    });
}

fn incident(api: &StandIn, job: i64, kind: &str, for_s: u64) {
    api.control(
        "/__mock/incident",
        json!({ "job": job, "kind": kind, "for_s": for_s }),
    );
}

pub fn overview_alerts_appear_on_trouble_and_go_with_the_clock(j: &Journey) {
    let stack = j.stack(|p| {
        p.mock.live = true;
        // A refresh a second asks about a hundred requests a second: the journey is about
        // the alerts, not the proxy's limit.
        p.rate_limit = Some(UNLIMITED_RATE);
    });
    let api = &stack.stand_in;
    api.control("/__mock/clock", json!({ "paused": true }));
    let b = j.browser();
    // A page is needed for the browser's date.
    b.goto(&stack.url("/settings"));
    let today = browser_day(&b, 0);
    let running = job_ids(api, is_running);
    assert!(running.len() >= 4, "four running jobs: {running:?}");
    let (line, falling, suspended, stalled) = (running[0], running[1], running[2], running[3]);
    // A share of today's calls alerts from 50 calls: let the clock run until both jobs
    // have made them (a running job calls at least every 40 s).
    let made = [line, falling]
        .iter()
        .map(|job| point(&detail(api, *job), "taskCallCompletedList", &today))
        .min()
        .unwrap_or(0);
    if made < 60 {
        api.control("/__mock/clock", json!({ "advance_s": (60 - made) * 40 }));
    }
    incident(api, line, "caller_line", 600);
    incident(api, falling, "answer_drop", 600);
    incident(api, suspended, "system_suspended", 600);

    b.goto(&stack.url("/overview?refresh=1"));
    b.element(ROWS);
    for (kind, job) in [
        ("caller-line", line),
        ("answer-rate", falling),
        ("system-suspended", suspended),
    ] {
        wait_alert(&b, kind, job, true);
    }
    // Nothing was seen before: all new. The caller-line alert leads to those calls today.
    assert!(alerts_shown(&b).iter().all(|(_, _, new)| *new));
    let href = b.attrs(
        &format!(".tc-alert[data-alert=\"caller-line\"][data-job-id=\"{line}\"] a"),
        "href",
    );
    let query = query_of(&text_of(&href[0]));
    assert!(
        query
            .iter()
            .any(|(k, v)| k == "result" && v == "FROM_PHONE_ERROR,SYSTEM_ERROR"),
        "{href:?}"
    );
    assert!(
        query.iter().any(|(k, v)| k == "from" && *v == today),
        "{href:?}"
    );
    let errors = count(
        api,
        line,
        &today,
        json!({ "resultStatuses": ["FROM_PHONE_ERROR", "SYSTEM_ERROR"] }),
    );
    let calls = point(&detail(api, line), "taskCallCompletedList", &today);
    let sentence = b
        .text(&format!(
            ".tc-alert[data-alert=\"caller-line\"][data-job-id=\"{line}\"] .tc-alert-text"
        ))
        .unwrap_or_default();
    assert!(
        sentence.contains(&format!("{errors}/{calls}")),
        "{sentence} ({errors} of {calls})"
    );

    // Looked at: after a reload the same alerts are listed, no longer new.
    b.reload();
    wait_alert(&b, "caller-line", line, true);
    let again = alerts_shown(&b);
    assert!(
        again
            .iter()
            .filter(|(kind, _, _)| kind != "stalled")
            .all(|(_, _, new)| !new),
        "{again:?}"
    );

    // The clock passes the incidents' end: each alert goes at the next refresh.
    api.control("/__mock/clock", json!({ "advance_s": 700 }));
    for (kind, job) in [
        ("caller-line", line),
        ("answer-rate", falling),
        ("system-suspended", suspended),
    ] {
        wait_alert(&b, kind, job, false);
    }

    // Time passes (a minute of the stand-in's clock a second), and one job stops calling:
    // its completed count stands still over three refreshes while every other one moves.
    incident(api, stalled, "stalled", 900);
    let ticking = Arc::new(AtomicBool::new(true));
    let clock = {
        let (ticking, url) = (Arc::clone(&ticking), api.url());
        std::thread::spawn(move || {
            while ticking.load(Ordering::Relaxed) {
                let _ = e2e::request(
                    "POST",
                    &format!("{url}/__mock/clock"),
                    &[("Content-Type", "application/json")],
                    Some(br#"{"advance_s": 15}"#),
                );
                std::thread::sleep(Duration::from_millis(250));
            }
        })
    };
    let stalled_jobs = || -> Vec<i64> {
        alerts_shown(&b)
            .into_iter()
            .filter(|(kind, _, _)| kind == "stalled")
            .map(|(_, job, _)| job)
            .collect()
    };
    // (While the clock stood still, every running job was stalled.)
    b.wait(
        "only the job that stopped is stalled",
        || match stalled_jobs() {
            jobs if jobs == [stalled] => Ok(()),
            jobs => Err(format!("{jobs:?}")),
        },
    );
    for _ in 0..3 {
        std::thread::sleep(Duration::from_millis(700));
        assert_eq!(
            stalled_jobs(),
            [stalled],
            "a moving job was taken for stalled"
        );
    }
    // Once the clock passes the incident's end the job calls again and the alert goes.
    b.wait_within(
        Duration::from_secs(40),
        "the stalled alert gone",
        || match stalled_jobs() {
            jobs if jobs.is_empty() => Ok(()),
            jobs => Err(format!("{jobs:?}")),
        },
    );
    ticking.store(false, Ordering::Relaxed);
    let _ = clock.join();
    b.assert_clean();
}
