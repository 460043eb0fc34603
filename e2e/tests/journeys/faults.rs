//! Faults: each page shows the message and request id, never panics, retry recovers. Races:
//! quick filter changes over random latency end with the last filter's answer.

use e2e::journey::console::{
    answered_call, chip, ids, page_params, pages, wait_error, wait_rows, wait_url, CALL_ROWS,
    JOB_ROWS,
};
use e2e::journey::{Browser, Journey, WAIT};
use e2e::url::param;
use mock_api::enums::{IntentLevel, JobStatus, ResultStatus};
use serde_json::json;
use std::time::{Duration, Instant};

pub fn faults_show_their_message_and_retry_recovers(j: &Journey) {
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

pub fn races_end_with_the_last_filter(j: &Journey) {
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
    let chips: Vec<(&str, &str)> = ResultStatus::ALL
        .iter()
        .map(|r| ("tc-filter-results", r.name()))
        .chain(
            IntentLevel::ALL
                .iter()
                .map(|i| ("tc-filter-intents", i.name())),
        )
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
    let statuses: Vec<&str> = JobStatus::ALL.iter().map(|s| s.name()).collect();
    let mut last = 0;
    for _ in 0..30 {
        let mut next = random.below(statuses.len());
        if next == last {
            next = (next + 1) % statuses.len();
        }
        last = next;
        b.select(".tc-job-status", statuses[next]);
    }
    let mut params = vec![("status", JobStatus::ALL[last].code().to_string())];
    params.extend(page_params(1, 20));
    let expected = api.job_ids(&params);
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
