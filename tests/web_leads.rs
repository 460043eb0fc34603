//! The leads list in a browser, against the stand-in API (its fixed data ends 2026-03-27): the
//! filters go into every job's request, the job picker narrows the jobs asked, leads newer
//! than the previous visit are marked and counted in the header, the stop button stops, and
//! over 10,000 matching calls only first pages are read.
#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::{json, Value};
use support::browser::*;
use support::calls::clear_session;
use support::mock::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ROWS: &str = ".tc-leads-table tbody tr";
/// The fixed data's last week.
const WEEK: &str = "from=2026-03-21&to=2026-03-27";

async fn open(path: &str) -> (web_sys::Element, impl Sized) {
    clear_session();
    set_fault(None).await;
    control("/__mock/latency", json!({ "ms": 0, "jitter_ms": 0 })).await;
    clear_requests().await;
    let (page, handle) = mount_at(path, &mock_config(""));
    wait_for("the leads page", &page, |p| exists(p, ".tc-leads-progress")).await;
    (page, handle)
}

async fn wait_phase(page: &web_sys::Element, phase: &str) {
    let css = format!(".tc-leads-progress[data-phase='{phase}']");
    wait_for(&format!("phase {phase}"), page, |p| exists(p, &css)).await;
}

/// The call-list requests the page made.
async fn list_requests() -> Vec<Value> {
    requests_to("/getCallRecordInfoList").await
}

#[wasm_bindgen_test]
async fn the_filters_go_into_every_job_s_request() {
    clear_storage();
    let (page, handle) = open(&format!("/leads?{WEEK}&intent=A&result=ANSWERED,BUSY")).await;
    wait_phase(&page, "finished").await;
    let asked = list_requests().await;
    assert!(!asked.is_empty());
    for request in &asked {
        let body = &request["body"];
        assert_eq!(body["intentLevels"], json!(["A"]), "{body}");
        assert_eq!(
            body["resultStatuses"],
            json!(["ANSWERED", "BUSY"]),
            "{body}"
        );
        assert_eq!(body["earliestCreationTime"], json!("2026-03-21"));
        assert_eq!(body["latestCreationTime"], json!("2026-03-27"));
        assert_eq!(body["pageSize"], json!(100));
    }
    // Every shown lead is of intent A, and started in the week.
    let intents: Vec<String> = page
        .query_selector_all(&format!("{ROWS} .tc-intent .tc-badge"))
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.text_content())
                .collect()
        })
        .unwrap_or_default();
    assert!(!intents.is_empty(), "no leads shown");
    assert!(intents.iter().all(|t| t.starts_with('A')), "{intents:?}");
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn the_job_picker_narrows_the_jobs_asked() {
    clear_storage();
    let (page, handle) = open(&format!("/leads?{WEEK}")).await;
    wait_phase(&page, "finished").await;
    let options = page
        .query_selector_all("input.tc-job-option")
        .map(|l| l.length())
        .unwrap_or(0);
    assert!(options > 2, "the picker offers the jobs that have called");
    // Search narrows what the picker lists.
    let search = find(&page, "input.tc-job-search");
    let job = find(&page, "input.tc-job-option")
        .get_attribute("value")
        .expect("a job id");
    set_input_value(&search, &job);
    sleep(50).await;
    let shown = page
        .query_selector_all("input.tc-job-option")
        .map(|l| l.length())
        .unwrap_or(0);
    assert!(shown >= 1 && shown < options, "{shown} of {options}");
    clear_requests().await;
    click(&page, &format!("input.tc-job-option[value='{job}']"));
    wait_for("the job in the URL", &page, |_| {
        path_and_query().contains(&format!("jobs={job}"))
    })
    .await;
    wait_for_request("/getCallRecordInfoList", |_| true).await;
    wait_phase(&page, "finished").await;
    let asked: Vec<String> = list_requests()
        .await
        .iter()
        .map(|r| r["body"]["robotCallJobId"].to_string())
        .collect();
    assert!(!asked.is_empty());
    assert!(asked.iter().all(|id| *id == job), "{asked:?}");
    let rows_jobs: Vec<String> = row_attrs(&page, "data-job-id");
    assert!(rows_jobs.iter().all(|id| *id == job), "{rows_jobs:?}");
    drop(handle);
    page.remove();
}

fn row_attrs(page: &web_sys::Element, name: &str) -> Vec<String> {
    page.query_selector_all(ROWS)
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
                .filter_map(|e| e.get_attribute(name))
                .collect()
        })
        .unwrap_or_default()
}

fn set_input_value(input: &web_sys::Element, value: &str) {
    let input: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::dyn_into(input.clone()).expect("an input");
    input.set_value(value);
    let event = web_sys::Event::new("input").expect("an event");
    let _ = input.dispatch_event(&event);
}

fn path_and_query() -> String {
    let location = web_sys::window().expect("a window").location();
    format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

#[wasm_bindgen_test]
async fn leads_newer_than_the_previous_visit_are_marked_and_counted_in_the_header() {
    clear_storage();
    // The previous visit: midday on the data's last day.
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("storage")
        .set_item("tanyi-console.leads-visit", "2026-03-27 12:00:00")
        .expect("kept");
    // The last day's A leads: fewer than a page.
    let (page, handle) = open("/leads?intent=A&from=2026-03-27&to=2026-03-27").await;
    wait_phase(&page, "finished").await;
    let starts = page
        .query_selector_all(&format!("{ROWS} .tc-start a"))
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.text_content())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let marked = page
        .query_selector_all(&format!("{ROWS}.tc-lead-new"))
        .map(|l| l.length() as usize)
        .unwrap_or(0);
    let after: usize = starts
        .iter()
        .filter(|start| start.as_str() > "2026-03-27 12:00:00")
        .count();
    assert!(after > 0, "the data has leads after midday: {starts:?}");
    assert_eq!(marked, after, "marked rows are those after the visit");
    // The whole list fits on the first page here: the header counts the same.
    let total = starts.len();
    assert!(total < 100, "{total}");
    let badge = text_of(&page, ".tc-nav-leads .tc-new-leads").unwrap_or_default();
    assert_eq!(badge.trim(), after.to_string());
    // This visit is now the previous one: kept in the browser.
    let kept = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("tanyi-console.leads-visit").ok().flatten())
        .unwrap_or_default();
    assert!(kept.as_str() > "2026-03-27 12:00:00", "{kept}");
    // Back from a call, it is still this visit: the same leads are marked.
    click(&page, &format!("{ROWS}:first-child .tc-start a"));
    wait_for("the call", &page, |p| exists(p, ".tc-call-header")).await;
    web_sys::window()
        .and_then(|w| w.history().ok())
        .expect("history")
        .back()
        .expect("back");
    wait_phase(&page, "finished").await;
    wait_for("the rows again", &page, |p| exists(p, ROWS)).await;
    let marked_again = page
        .query_selector_all(&format!("{ROWS}.tc-lead-new"))
        .map(|l| l.length() as usize)
        .unwrap_or(0);
    assert_eq!(marked_again, after, "the marks stay after a call");
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn stop_stops_asking_and_keeps_what_was_read() {
    clear_storage();
    set_fault(None).await;
    control("/__mock/latency", json!({ "ms": 300, "jitter_ms": 0 })).await;
    clear_requests().await;
    let (page, handle) = mount_at(&format!("/leads?{WEEK}&intent=&result="), &mock_config(""));
    wait_for("the stop button", &page, |p| exists(p, ".tc-leads-stop")).await;
    sleep(700).await;
    click(&page, ".tc-leads-stop");
    wait_phase(&page, "stopped").await;
    let at_stop = list_requests().await.len();
    sleep(1200).await;
    control("/__mock/latency", json!({ "ms": 0, "jitter_ms": 0 })).await;
    assert_eq!(
        list_requests().await.len(),
        at_stop,
        "asked again after stop"
    );
    assert!(has_text(&page, ".tc-leads-progress", "已停止"));
    assert!(exists(&page, ".tc-leads-again"));
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_recording_plays_on_while_newer_leads_join_the_page() {
    clear_storage();
    set_fault(None).await;
    // Slow answers: the jobs are read over a few seconds, newer leads joining the first page.
    control("/__mock/latency", json!({ "ms": 250, "jitter_ms": 0 })).await;
    clear_requests().await;
    let (page, handle) = mount_at(&format!("/leads?{WEEK}"), &mock_config(""));
    let first_play = format!("{ROWS}:first-child .tc-play");
    wait_for("a lead to play", &page, |p| exists(p, &first_play)).await;
    assert!(
        exists(&page, ".tc-leads-stop"),
        "the reading had already ended"
    );
    let row = find(&page, &format!("{ROWS}:first-child"));
    let call = row.get_attribute("data-call-id").expect("a lead's call id");
    click(&page, &first_play);
    wait_for("its player", &page, |p| exists(p, "audio.tc-row-audio")).await;
    // The player as it was first drawn: a rebuilt row would have a new audio element.
    find(&page, "audio.tc-row-audio")
        .set_attribute("data-first", "")
        .expect("an attribute");
    wait_phase(&page, "finished").await;
    control("/__mock/latency", json!({ "ms": 0, "jitter_ms": 0 })).await;
    let playing_row = format!("tr[data-call-id='{call}']");
    assert!(exists(&page, &playing_row), "the lead left the first page");
    assert!(
        exists(
            &page,
            &format!("{playing_row} audio.tc-row-audio[data-first]")
        ),
        "the recording's player was drawn again while the leads were read"
    );
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn over_ten_thousand_matching_calls_only_first_pages_are_read() {
    clear_storage();
    // Every call of every job over the whole data: 40 jobs × 500 calls.
    let (page, handle) = open("/leads?intent=&result=&from=2020-01-01&to=2026-03-27").await;
    wait_phase(&page, "overlimit").await;
    assert!(has_text(&page, ".tc-leads-over-limit", "超过 10000 条"));
    let pages: Vec<i64> = list_requests()
        .await
        .iter()
        .filter_map(|r| r["body"]["pageNum"].as_i64())
        .collect();
    assert!(!pages.is_empty());
    assert!(pages.iter().all(|p| *p == 1), "{pages:?}");
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn keys_select_and_open_a_lead_and_the_call_page_walks_the_leads() {
    clear_storage();
    let (page, handle) = open(&format!("/leads?{WEEK}")).await;
    wait_phase(&page, "finished").await;
    let ids = row_attrs(&page, "data-call-id");
    assert!(ids.len() >= 3);
    press("j", false);
    press("j", false);
    sleep(30).await;
    let selected = page
        .query_selector("tr.tc-selected")
        .ok()
        .flatten()
        .and_then(|row| row.get_attribute("data-call-id"));
    assert_eq!(selected.as_deref(), Some(ids[1].as_str()));
    press("Enter", false);
    wait_for("the second lead's call", &page, |p| {
        path_and_query() == format!("/calls/{}", ids[1]) && exists(p, ".tc-call-nav")
    })
    .await;
    assert!(has_text(&page, ".tc-back-to-list", "返回意向客户"));
    assert!(has_text(&page, ".tc-call-place", "第 2 /"));
    click(&page, ".tc-call-next");
    wait_for("the third lead", &page, |_| {
        path_and_query() == format!("/calls/{}", ids[2])
    })
    .await;
    // Pressed at once after the click, as a quick user does: k moves on from the third.
    press("k", false);
    wait_for("back to the second", &page, |_| {
        path_and_query() == format!("/calls/{}", ids[1])
    })
    .await;
    drop(handle);
    page.remove();
}
