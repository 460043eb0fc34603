//! One call in a browser, against the stand-in API: header, recordings, transcript search,
//! customer card, hostile data, bad ids, previous/next within the list.
#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::{json, Value};
use support::browser::*;
use support::calls::*;
use support::mock::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const JOB: i64 = 1;

/// Waits until the page shows call `id` at `place` in its list (the route, the data and
/// the navigation all caught up, as a user would see before clicking again).
async fn showing(page: &web_sys::Element, id: i64, place: &str) {
    wait_for(&format!("call {id} at {place}"), page, |p| {
        path() == format!("/calls/{id}")
            && has_text(p, ".tc-call-title", &id.to_string())
            && has_text(p, ".tc-call-place", place)
    })
    .await;
}

/// The newest answered call of job 1 with at least `rounds` rounds, and its detail.
async fn answered_call(rounds: i64) -> (i64, Value) {
    let list = calls_from_mock(json!({
        "robotCallJobId": JOB, "resultStatuses": ["ANSWERED"], "pageSize": 50
    }))
    .await;
    let id = list["content"]
        .as_array()
        .expect("calls")
        .iter()
        .find(|c| c["chatRound"].as_i64().unwrap_or(0) >= rounds)
        .and_then(|c| c["callRecordId"].as_i64())
        .expect("an answered call");
    (id, call_from_mock(id).await)
}

async fn open(path: &str, extra: &str) -> (web_sys::Element, impl Sized) {
    clear_storage();
    clear_session();
    set_fault(None).await;
    let (page, handle) = mount_at(path, &mock_config(extra));
    wait_for("the call", &page, |p| {
        exists(p, ".tc-call-header, .tc-error, .tc-bad-id")
    })
    .await;
    (page, handle)
}

#[wasm_bindgen_test]
async fn a_call_shows_its_header_recordings_transcript_and_customer() {
    let (id, call) = answered_call(3).await;
    let (page, handle) = open(&format!("/calls/{id}"), "").await;
    assert!(has_text(&page, ".tc-call-title", &id.to_string()));
    let phone = call["customerPerson"]["phoneNumber"]
        .as_str()
        .expect("a phone");
    let shown = text_of(&page, ".tc-call-phone").unwrap_or_default();
    assert!(
        shown.contains("****") && !shown.contains(phone),
        "masked: {shown}"
    );
    assert!(has_text(&page, ".tc-call-facts", "已接听"));
    assert!(has_text(
        &page,
        ".tc-call-facts",
        call["intentLevelName"].as_str().unwrap_or_default()
    ));
    assert_eq!(
        attribute(&page, ".tc-call-job-link", "href"),
        Some(format!("/jobs/{JOB}"))
    );
    // The breadcrumbs lead back through the call's job, which the URL does not name.
    wait_for("the job in the breadcrumbs", &page, |p| {
        has_text(p, ".tc-breadcrumbs", "通话记录")
    })
    .await;
    assert_eq!(
        text_of(&page, ".tc-breadcrumbs").unwrap_or_default(),
        format!("任务列表 › 任务 #{JOB} › 通话记录 › 通话 #{id}")
    );
    assert_eq!(
        attribute(&page, ".tc-breadcrumbs a[href$='/calls']", "href"),
        Some(format!("/jobs/{JOB}/calls"))
    );
    // Both recordings, http(s) only, with skip buttons and a download link.
    assert_eq!(count(&page, "audio.tc-audio"), 2);
    for src in all_attributes(&page, "src") {
        assert!(
            src.starts_with("http://") || src.starts_with("https://"),
            "{src}"
        );
    }
    assert_eq!(
        attribute(&page, ".tc-recording-full audio", "src").as_deref(),
        call["fullAudioUrl"].as_str()
    );
    assert_eq!(
        attribute(
            &page,
            ".tc-recording-customer .tc-recording-download",
            "href"
        )
        .as_deref(),
        call["customerAudioUrl"].as_str()
    );
    assert_eq!(count(&page, ".tc-skip-back"), 2);
    // The transcript: one bubble per turn, robot and person on their sides.
    let turns = call["callDetailList"].as_array().expect("turns");
    assert_eq!(count(&page, ".tc-turn") as usize, turns.len());
    assert_eq!(
        count(&page, ".tc-turn-robot") as usize,
        turns.iter().filter(|t| t["type"] == "ROBOT").count()
    );
    assert!(has_text(&page, ".tc-turn-robot .tc-speaker", "机器人"));
    assert!(has_text(&page, ".tc-turn-person .tc-speaker", "客户"));
    // The customer card, properties included.
    let person = &call["customerPerson"];
    assert!(has_text(
        &page,
        ".tc-customer",
        person["name"].as_str().unwrap_or_default()
    ));
    for (key, value) in person["properties"].as_object().expect("properties") {
        assert!(has_text(&page, ".tc-properties", key));
        assert!(has_text(
            &page,
            ".tc-properties",
            value.as_str().unwrap_or_default()
        ));
    }
    assert!(has_text(
        &page,
        ".tc-analysis-text",
        call["analysisBasis"].as_str().unwrap_or_default()
    ));
    // Not opened from a list: no previous/next.
    assert_eq!(count(&page, ".tc-call-nav"), 0);
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn phones_are_whole_when_the_setting_says_so() {
    let (id, call) = answered_call(1).await;
    let (page, handle) = open(&format!("/calls/{id}"), r#""maskPhoneNumbers": false"#).await;
    let phone = call["customerPerson"]["phoneNumber"]
        .as_str()
        .expect("a phone");
    assert!(has_text(&page, ".tc-call-phone", phone));
    assert!(has_text(&page, ".tc-customer-facts", phone));
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn the_transcript_search_highlights_every_match() {
    let (id, call) = answered_call(3).await;
    let (page, handle) = open(&format!("/calls/{id}"), "").await;
    // A word the robot says: the first two characters of its first line.
    let first: String = call["callDetailList"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .chars()
        .take(2)
        .collect();
    let expected: usize = call["callDetailList"]
        .as_array()
        .expect("turns")
        .iter()
        .map(|t| {
            t["text"]
                .as_str()
                .unwrap_or_default()
                .matches(first.as_str())
                .count()
        })
        .sum();
    assert!(expected > 0);
    type_into(&page, ".tc-transcript-search", &first).await;
    wait_for("the marks", &page, |p| {
        count(p, "mark.tc-match") as usize == expected
    })
    .await;
    assert!(has_text(
        &page,
        ".tc-match-count",
        &format!("{expected} 处匹配")
    ));
    let marks = page.query_selector_all("mark.tc-match").expect("marks");
    for i in 0..marks.length() {
        assert_eq!(
            marks.item(i).and_then(|m| m.text_content()),
            Some(first.clone())
        );
    }
    type_into(&page, ".tc-transcript-search", "").await;
    wait_for("no marks", &page, |p| count(p, "mark") == 0).await;
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn hostile_data_stays_text_and_bad_addresses_never_reach_the_dom() {
    let (id, _) = answered_call(1).await;
    clear_storage();
    clear_session();
    set_fault(Some("hostile")).await;
    let (page, handle) = mount_at(&format!("/calls/{id}"), &mock_config(""));
    wait_for("the hostile call", &page, |p| count(p, ".tc-turn") == 2000).await;
    set_fault(None).await;
    // javascript:, data: and tab-split addresses are reported, never used.
    assert_eq!(count(&page, "audio"), 0);
    assert_eq!(count(&page, ".tc-recording-invalid"), 2);
    assert!(has_text(&page, ".tc-recording-invalid", "录音地址无效"));
    for value in all_attributes(&page, "src")
        .into_iter()
        .chain(all_attributes(&page, "href"))
    {
        let lower = value.to_ascii_lowercase().replace(['\t', '\n', ' '], "");
        assert!(
            !lower.starts_with("javascript:") && !lower.starts_with("data:"),
            "{value}"
        );
    }
    // Markup in the text stays text.
    assert_eq!(
        count(&page, "script, img, iframe, svg, marquee, style, b, i"),
        0
    );
    assert!(has_text(
        &page,
        ".tc-turns",
        "<script>alert(\"xss\")</script>"
    ));
    // Searching 2,000 turns stays quick.
    let started = js_sys::Date::now();
    type_into(&page, ".tc-transcript-search", "alert").await;
    wait_for("the marks", &page, |p| count(p, "mark.tc-match") > 100).await;
    let took = js_sys::Date::now() - started;
    assert!(took < 4000.0, "searching took {took} ms");
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_missing_or_failing_recording_says_so() {
    let list = calls_from_mock(json!({
        "robotCallJobId": JOB, "resultStatuses": ["BUSY"], "pageSize": 1
    }))
    .await;
    let busy = list["content"][0]["callRecordId"]
        .as_i64()
        .expect("a busy call");
    let (page, handle) = open(&format!("/calls/{busy}"), "").await;
    assert_eq!(count(&page, ".tc-recording-missing"), 2);
    assert!(has_text(&page, ".tc-recording-full", "无录音"));
    assert_eq!(count(&page, "audio"), 0);
    drop(handle);
    page.remove();

    // A call no other test plays: its recording is in no cache the fault would not reach.
    let deeper = calls_from_mock(json!({
        "robotCallJobId": JOB, "resultStatuses": ["ANSWERED"], "pageSize": 10, "pageNum": 4
    }))
    .await;
    let id = deeper["content"][3]["callRecordId"]
        .as_i64()
        .expect("an answered call");
    control(
        "/__mock/fault",
        json!({ "fault": "500", "path_prefix": "/recordings" }),
    )
    .await;
    let (page, handle) = mount_at(&format!("/calls/{id}"), &mock_config(""));
    wait_for("the load failures", &page, |p| {
        count(p, ".tc-recording-failed") == 2
    })
    .await;
    set_fault(None).await;
    assert!(has_text(&page, ".tc-recording-full", "录音无法加载"));
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn the_speed_applies_to_both_players_and_is_remembered() {
    let (id, _) = answered_call(1).await;
    let (page, handle) = open(&format!("/calls/{id}"), "").await;
    choose(&page, ".tc-rate", "1.5");
    let rates = || {
        let players = page.query_selector_all("audio").expect("players");
        (0..players.length())
            .filter_map(|i| players.item(i))
            .map(|p| {
                p.unchecked_into::<web_sys::HtmlMediaElement>()
                    .playback_rate()
            })
            .collect::<Vec<f64>>()
    };
    wait_for("the speed", &page, |_| rates() == vec![1.5, 1.5]).await;
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("tanyi-console.playback-rate").ok().flatten());
    assert_eq!(stored.as_deref(), Some("1.5"));
    drop(handle);
    page.remove();
    // A new page starts at the remembered speed.
    let (page, handle) = mount_at(&format!("/calls/{id}"), &mock_config(""));
    wait_for("the players", &page, |p| count(p, "audio") == 2).await;
    let select: web_sys::HtmlSelectElement = find(&page, ".tc-rate").unchecked_into();
    assert_eq!(select.value(), "1.5");
    drop(handle);
    page.remove();
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_failure_shows_the_api_message_and_retry_recovers() {
    let (id, _) = answered_call(1).await;
    clear_storage();
    set_fault(Some("412")).await;
    let (page, handle) = mount_at(&format!("/calls/{id}"), &mock_config(""));
    wait_for("the error", &page, |p| has_text(p, ".tc-error-code", "412")).await;
    assert!(!text_of(&page, ".tc-request-id")
        .unwrap_or_default()
        .is_empty());
    set_fault(None).await;
    click(&page, ".tc-retry");
    wait_for("the call", &page, |p| count(p, ".tc-call-header") == 1).await;
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn previous_and_next_walk_the_list_across_pages() {
    clear_storage();
    clear_session();
    set_fault(None).await;
    let query = "result=ANSWERED&size=10";
    let page1 = calls_from_mock(json!({
        "robotCallJobId": JOB, "resultStatuses": ["ANSWERED"], "pageSize": 10, "pageNum": 1
    }))
    .await;
    let page2 = calls_from_mock(json!({
        "robotCallJobId": JOB, "resultStatuses": ["ANSWERED"], "pageSize": 10, "pageNum": 2
    }))
    .await;
    let id_at =
        |data: &Value, i: usize| data["content"][i]["callRecordId"].as_i64().expect("an id");
    let (last_of_1, first_of_2, second_of_2) =
        (id_at(&page1, 9), id_at(&page2, 0), id_at(&page2, 1));

    let (page, handle) = mount_at(&format!("/jobs/{JOB}/calls?{query}"), &mock_config(""));
    wait_for("the list", &page, |p| {
        count(p, ".tc-calls-table tbody tr") == 10
    })
    .await;
    click(
        &page,
        ".tc-calls-table tbody tr:nth-child(10) .tc-call-id a",
    );
    wait_for("the last call of page 1", &page, |p| {
        path() == format!("/calls/{last_of_1}") && count(p, ".tc-call-nav") == 1
    })
    .await;
    assert!(has_text(&page, ".tc-call-place", "第 10 /"));
    assert_eq!(
        attribute(&page, ".tc-back-to-list", "href"),
        Some(format!("/jobs/{JOB}/calls?{query}"))
    );
    // At the page edge, next fetches page 2.
    click(&page, ".tc-call-next");
    wait_for("the first call of page 2", &page, |p| {
        path() == format!("/calls/{first_of_2}")
            && has_text(p, ".tc-call-title", &first_of_2.to_string())
    })
    .await;
    wait_for("its place", &page, |p| {
        has_text(p, ".tc-call-place", "第 11 /")
    })
    .await;
    click(&page, ".tc-call-next");
    showing(&page, second_of_2, "第 12 /").await;
    click(&page, ".tc-call-prev");
    showing(&page, first_of_2, "第 11 /").await;
    click(&page, ".tc-call-prev");
    showing(&page, last_of_1, "第 10 /").await;
    // The list link follows the page the call is on.
    wait_for("the list link", &page, |p| {
        attribute(p, ".tc-back-to-list", "href") == Some(format!("/jobs/{JOB}/calls?{query}"))
    })
    .await;
    drop(handle);
    page.remove();
}
