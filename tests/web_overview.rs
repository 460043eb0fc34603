//! The overview in a browser, against the stand-in API: it refreshes by itself with its
//! figures kept on screen, not while the tab is hidden, a job whose detail fails shows its
//! error in its own row, and the console never has more than four requests in flight.
#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::{json, Value};
use support::browser::*;
use support::mock::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ROWS: &str = ".tc-overview-jobs tbody tr";

/// How many times the overview asked for the job list.
async fn job_list_requests() -> usize {
    requests_to("/getTasks").await.len()
}

/// Whether a job's status (sent as a name or as a code) is one the overview lists.
fn is_listed(status: &Value) -> bool {
    const LISTED: [(&str, i64); 5] = [
        ("IN_PROCESS", 1),
        ("RUNNABLE", 3),
        ("USER_PAUSE", 4),
        ("SYSTEM_SUSPENDED", 5),
        ("IN_QUEUE", 7),
    ];
    LISTED
        .iter()
        .any(|(name, code)| status.as_str() == Some(name) || status.as_i64() == Some(*code))
}

/// The stand-in's jobs in the statuses the overview lists, as ids.
async fn listed_job_ids() -> Vec<i64> {
    let jobs = get_json("/apiOpen/v1/task/getTasks?pageNum=1&pageSize=100").await;
    jobs["data"]["content"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|job| is_listed(&job["status"]))
        .filter_map(|job| job["robotCallJobId"].as_i64())
        .collect()
}

/// The console at `path`, once the overview's rows show.
async fn open(path: &str) -> (web_sys::Element, impl Sized) {
    clear_storage();
    set_fault(None).await;
    control("/__mock/latency", json!({ "ms": 0, "jitter_ms": 0 })).await;
    clear_requests().await;
    let (page, handle) = mount_at(path, &mock_config(""));
    wait_for("the overview's rows", &page, |p| exists(p, ROWS)).await;
    (page, handle)
}

/// Waits up to `ms` for the job list to have been asked `n` times; returns how many.
async fn wait_for_list_requests(n: usize, ms: i32) -> usize {
    let mut waited = 0;
    while job_list_requests().await < n && waited < ms {
        sleep(50).await;
        waited += 50;
    }
    job_list_requests().await
}

#[wasm_bindgen_test]
async fn it_refreshes_by_itself_keeping_its_figures_on_screen() {
    let listed = listed_job_ids().await;
    let (page, handle) = open("/overview?refresh=1").await;
    assert_eq!(
        page.query_selector_all(ROWS)
            .map(|l| l.length())
            .unwrap_or(0) as usize,
        listed.len(),
        "one row per running or waiting job"
    );
    assert!(has_text(&page, ".tc-updated-at", "更新于"));
    assert_eq!(job_list_requests().await, 1);
    // A keyboard user on a job's link keeps the focus there through the refreshes.
    let link = find(&page, &format!("{ROWS} .tc-job-name-cell a"));
    link.dyn_ref::<web_sys::HtmlElement>()
        .expect("a link")
        .focus()
        .expect("focus");
    let mut waited = 0;
    while job_list_requests().await < 2 && waited < 3000 {
        assert!(exists(&page, ROWS), "the rows went away while refreshing");
        assert!(exists(&page, ".tc-totals"), "the totals went away");
        assert!(
            !exists(&page, ".tc-loading"),
            "a loading state replaced the page"
        );
        sleep(20).await;
        waited += 20;
    }
    assert!(
        waited >= 700,
        "refreshed after {waited} ms, not about a second"
    );
    assert!(
        job_list_requests().await >= 2,
        "no refresh after {waited} ms"
    );
    sleep(300).await;
    assert!(link.is_connected(), "the row was drawn again");
    assert_eq!(
        document().active_element().as_ref(),
        Some(&link),
        "the focus left the job's link"
    );
    // "Refresh now" asks at once.
    let asked = wait_for_list_requests(3, 3000).await;
    click(&page, ".tc-refresh-now");
    assert!(wait_for_list_requests(asked + 1, 400).await > asked);
    // Leaving the page stops its timer.
    drop(handle);
    page.remove();
    sleep(300).await;
    let left = job_list_requests().await;
    sleep(2000).await;
    assert_eq!(
        job_list_requests().await,
        left,
        "asked again after the page went"
    );
}

#[wasm_bindgen_test]
async fn a_hidden_tab_does_not_refresh_and_refreshes_at_once_when_it_shows() {
    let (page, handle) = open("/overview?refresh=1").await;
    set_tab_hidden(true);
    sleep(2500).await;
    let hidden = job_list_requests().await;
    set_tab_hidden(false);
    assert_eq!(hidden, 1, "refreshed while the tab was hidden");
    assert_eq!(
        wait_for_list_requests(2, 400).await,
        2,
        "no refresh at once when the tab showed again"
    );
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_failing_job_detail_shows_its_error_in_its_own_row_only() {
    clear_storage();
    let listed = listed_job_ids().await;
    let failing = listed[1];
    control(
        "/__mock/fault",
        json!({ "fault": "500", "path_prefix": "/apiOpen/v1/task/getTaskDetail", "job": failing }),
    )
    .await;
    clear_requests().await;
    let (page, handle) = mount_at("/overview?refresh=0", &mock_config(""));
    wait_for("the overview's rows", &page, |p| exists(p, ROWS)).await;
    let failed_rows = page
        .query_selector_all(&format!("{ROWS}.tc-row-failed"))
        .map(|l| l.length())
        .unwrap_or(0);
    assert_eq!(failed_rows, 1, "rows with an error");
    let row = find(&page, &format!("{ROWS}[data-job-id='{failing}']"));
    let row_error = text_of(&row, ".tc-row-error").unwrap_or_default();
    assert!(
        row_error.contains("500"),
        "the row says what failed: {row_error}"
    );
    // Every other row has its figures, the totals say one job is missing, and the page
    // itself did not fail.
    for id in listed.iter().filter(|id| **id != failing) {
        let other = find(&page, &format!("{ROWS}[data-job-id='{id}']"));
        assert!(
            exists(&other, "[data-figure='calls']"),
            "job {id} lost its figures"
        );
    }
    assert!(has_text(&page, ".tc-totals-missing", "1 个任务未能加载"));
    assert!(!exists(&page, ".tc-error"), "the whole page failed");
    set_fault(None).await;
    drop(handle);
    page.remove();
}

/// The most requests the stand-in received within any `window_ms`.
fn most_within(requests: &[Value], window_ms: i64) -> usize {
    let times: Vec<i64> = requests
        .iter()
        .filter_map(|r| r["timeMs"].as_i64())
        .collect();
    times
        .iter()
        .map(|start| {
            times
                .iter()
                .filter(|t| **t >= *start && **t < start + window_ms)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[wasm_bindgen_test]
async fn never_more_than_four_requests_in_flight() {
    clear_storage();
    set_fault(None).await;
    // Each answer takes 400 ms: requests that arrive within 300 ms of each other were in
    // flight together.
    control("/__mock/latency", json!({ "ms": 400, "jitter_ms": 0 })).await;
    let listed = listed_job_ids().await;
    clear_requests().await;
    let (page, handle) = mount_at("/overview?refresh=0", &mock_config(""));
    wait_for("the overview's rows", &page, |p| exists(p, ROWS)).await;
    control("/__mock/latency", json!({ "ms": 0, "jitter_ms": 0 })).await;
    let details = requests_to("/getTaskDetail").await;
    assert_eq!(details.len(), listed.len());
    let together = most_within(&details, 300);
    assert_eq!(together, 4, "at most four at once, and four used");
    drop(handle);
    page.remove();
}
