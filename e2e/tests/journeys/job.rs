//! A job: the KPIs are the stand-in's; the ANSWERED bar opens the answered calls.

use e2e::journey::console::{duration_text, wait_path, wait_rows, CALL_ROWS};
use e2e::journey::Journey;
use e2e::url::query_of;
use serde_json::{json, Value};

pub fn job_kpis_match_and_bars_open_calls(j: &Journey) {
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
    let url = wait_path(&b, &format!("/jobs/{job}/calls"));
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
