//! A job's calls in a browser, against the stand-in API: the table, filters -> URL -> request
//! body, pagination, empty and error states, the inline player, export.
#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::{json, Value};
use support::browser::*;
use support::calls::*;
use support::mock::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Job 1 of the stand-in's data: COMPLETED, 500 calls.
const JOB: i64 = 1;

fn rows(page: &web_sys::Element) -> u32 {
    count(page, ".tc-calls-table tbody tr")
}

async fn start(path: &str, extra_config: &str) -> (web_sys::Element, impl Sized) {
    clear_storage();
    clear_session();
    set_fault(None).await;
    clear_requests().await;
    let (page, handle) = mount_at(path, &mock_config(extra_config));
    wait_for("the calls table", &page, |p| rows(p) > 0).await;
    (page, handle)
}

fn cell(page: &web_sys::Element, row: u32, class: &str) -> String {
    text_of(
        page,
        &format!(".tc-calls-table tbody tr:nth-child({row}) .{class}"),
    )
    .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_table_shows_labels_masked_phones_and_result_badges() {
    let expected = calls_from_mock(json!({ "robotCallJobId": JOB, "pageSize": 20 })).await;
    let (page, handle) = start(&format!("/jobs/{JOB}/calls"), "").await;
    assert_eq!(rows(&page), 20);
    for label in [
        "通话ID",
        "电话号码",
        "通话结果",
        "意向等级",
        "开始时间",
        "通话时长",
        "客户关注点",
        "已读",
    ] {
        assert!(has_text(&page, ".tc-calls-table thead", label), "{label}");
    }
    let total = expected["totalElements"].as_i64().expect("a total");
    assert!(has_text(
        &page,
        ".tc-calls-total",
        &format!("共 {total} 条")
    ));
    let first = &expected["content"][0];
    assert_eq!(
        cell(&page, 1, "tc-call-id"),
        first["callRecordId"].to_string()
    );
    let raw_phone = first["calledPhoneNumber"].as_str().expect("a phone");
    let shown = cell(&page, 1, "tc-phone");
    assert!(
        shown.contains("****") && shown != raw_phone,
        "masked: {shown}"
    );
    assert_eq!(&shown[..3], &raw_phone[..3]);
    assert_eq!(&shown[shown.len() - 4..], &raw_phone[raw_phone.len() - 4..]);
    // Every result badge carries its wire code and shows its label.
    let labels = [
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
    for (i, call) in expected["content"]
        .as_array()
        .expect("calls")
        .iter()
        .enumerate()
    {
        let row = i as u32 + 1;
        let code = call["resultStatus"].as_str().unwrap_or_default();
        let badge = format!(".tc-calls-table tbody tr:nth-child({row}) .tc-result .tc-badge");
        assert_eq!(attribute(&page, &badge, "data-code").as_deref(), Some(code));
        let label = labels.iter().find(|(c, _)| *c == code).map(|(_, l)| *l);
        assert_eq!(text_of(&page, &badge).as_deref(), label, "row {row}");
        // The intent level with the tenant's name for it.
        let name = call["intentLevelName"].as_str().unwrap_or_default();
        assert!(cell(&page, row, "tc-intent").contains(name), "row {row}");
    }
    // A row links to its call.
    let href = attribute(
        &page,
        ".tc-calls-table tbody tr:first-child .tc-call-id a",
        "href",
    );
    assert_eq!(href, Some(format!("/calls/{}", first["callRecordId"])));
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn phones_are_whole_when_the_setting_says_so() {
    let expected = calls_from_mock(json!({ "robotCallJobId": JOB, "pageSize": 20 })).await;
    let (page, handle) = start(
        &format!("/jobs/{JOB}/calls"),
        r#""maskPhoneNumbers": false"#,
    )
    .await;
    let raw_phone = expected["content"][0]["calledPhoneNumber"]
        .as_str()
        .expect("a phone");
    assert_eq!(cell(&page, 1, "tc-phone"), raw_phone);
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn filters_go_to_the_url_and_field_by_field_to_the_request_body() {
    let (page, handle) = start(&format!("/jobs/{JOB}/calls"), "").await;
    let history_before = history_length();

    click(&page, ".tc-filter-results [data-code='ANSWERED']");
    wait_for("the result in the URL", &page, |_| {
        search().contains("result=ANSWERED")
    })
    .await;
    click(&page, ".tc-filter-intents [data-code='A']");
    click(&page, ".tc-filter-intents [data-code='B']");
    wait_for("the intents in the URL", &page, |_| {
        search().contains("intent=A,B")
    })
    .await;
    // The DOM follows the URL once the render effects have run.
    wait_for("the chips on", &page, |p| {
        [
            "results [data-code='ANSWERED']",
            "intents [data-code='A']",
            "intents [data-code='B']",
        ]
        .iter()
        .all(|c| {
            find(p, &format!(".tc-filter-{c}"))
                .class_list()
                .contains("tc-on")
        })
    })
    .await;
    let body = wait_for_list_body("the chips", |b| b["intentLevels"] == json!(["A", "B"])).await;
    assert_eq!(body["resultStatuses"], json!(["ANSWERED"]));
    assert_eq!(body["robotCallJobId"], json!(JOB));
    assert_eq!(body["pageNum"], json!(1));
    assert_eq!(body["pageSize"], json!(20));

    type_into(&page, ".tc-filter-search", "138").await;
    type_into(&page, ".tc-filter-group", "203").await;
    type_into(&page, ".tc-filter-flow", "104").await;
    choose(&page, ".tc-filter-follow", "FOLLOW_UP");
    set_date(&page, ".tc-filter-from", "2026-02-01");
    set_date(&page, ".tc-filter-to", "2026-02-28");
    choose(&page, ".tc-filter-read", "NOT_READ");
    type_into(&page, ".tc-filter-duration-min", "30").await;
    type_into(&page, ".tc-filter-duration-max", "120").await;
    choose(&page, ".tc-filter-hangup", "PERSON");
    let body = wait_for_list_body("every filter", |b| b["hangupBy"] == "PERSON").await;
    let expected = json!({
        "robotCallJobId": JOB,
        "resultStatuses": ["ANSWERED"],
        "intentLevels": ["A", "B"],
        "searchWords": "138",
        "customerGroupId": 203,
        "dialogFlowId": 104,
        "followStatus": "FOLLOW_UP",
        "earliestCreationTime": "2026-02-01",
        "latestCreationTime": "2026-02-28",
        "readStatus": "NOT_READ",
        "chatDurationMin": 30,
        "chatDurationMax": 120,
        "hangupBy": "PERSON",
        "pageNum": 1,
        "pageSize": 20,
    });
    assert_eq!(body, expected, "the body is exactly the filters chosen");
    let url = search();
    for part in [
        "result=ANSWERED",
        "intent=A,B",
        "q=138",
        "group=203",
        "flow=104",
        "follow=FOLLOW_UP",
        "from=2026-02-01",
        "to=2026-02-28",
        "read=NOT_READ",
        "dur=30-120",
        "hangup=PERSON",
    ] {
        assert!(url.contains(part), "{part} in {url}");
    }
    assert_eq!(
        history_length(),
        history_before,
        "filters replace the history entry"
    );

    // A preset fills both dates.
    let today = chrono::Local::now().date_naive();
    let week_ago = today - chrono::Duration::days(6);
    let today_text = today.format("%Y-%m-%d").to_string();
    click(&page, ".tc-preset-last7");
    let body = wait_for_list_body("a preset", |b| {
        b["latestCreationTime"] == today_text.as_str()
    })
    .await;
    assert_eq!(
        body["earliestCreationTime"],
        json!(week_ago.format("%Y-%m-%d").to_string())
    );
    assert_eq!(body["hangupBy"], "PERSON", "the other filters stay");
    wait_for("the preset on", &page, |p| {
        find(p, ".tc-preset-last7").class_list().contains("tc-on")
    })
    .await;

    // Reset: back to no filters.
    click(&page, ".tc-reset");
    wait_for("no filters in the URL", &page, |_| search().is_empty()).await;
    let body = wait_for_list_body("no filters", |b| b.get("resultStatuses").is_none()).await;
    assert_eq!(
        body,
        json!({ "robotCallJobId": JOB, "pageNum": 1, "pageSize": 20 })
    );
    wait_for("the full table", &page, |p| rows(p) == 20).await;
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn the_url_restores_exactly_what_was_shown() {
    let (page, handle) = start(
        &format!("/jobs/{JOB}/calls?result=ANSWERED&intent=A&q=1&page=2&size=10"),
        "",
    )
    .await;
    let body = wait_for_list_body("the URL's query", |b| b["pageNum"] == 2).await;
    assert_eq!(
        body,
        json!({
            "robotCallJobId": JOB,
            "resultStatuses": ["ANSWERED"],
            "intentLevels": ["A"],
            "searchWords": "1",
            "pageNum": 2,
            "pageSize": 10,
        })
    );
    let size: web_sys::HtmlSelectElement = find(&page, ".tc-page-size").unchecked_into();
    assert_eq!(size.value(), "10");
    let search_box: web_sys::HtmlInputElement = find(&page, ".tc-filter-search").unchecked_into();
    assert_eq!(search_box.value(), "1");
    assert!(find(&page, ".tc-filter-intents [data-code='A']")
        .class_list()
        .contains("tc-on"));
    assert!(has_text(&page, ".tc-pagination .tc-current", "2"));
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn pages_and_page_sizes_go_to_the_url_and_the_body() {
    let (page, handle) = start(&format!("/jobs/{JOB}/calls"), "").await;
    click(&page, ".tc-page-next");
    wait_for("page 2 in the URL", &page, |_| search().contains("page=2")).await;
    wait_for_list_body("page 2", |b| b["pageNum"] == 2 && b["pageSize"] == 20).await;
    wait_for("page 2 current", &page, |p| {
        has_text(p, ".tc-pagination .tc-current", "2")
    })
    .await;

    choose(&page, ".tc-page-size", "50");
    wait_for("the size in the URL", &page, |_| {
        search().contains("size=50")
    })
    .await;
    assert!(
        !search().contains("page="),
        "a new page size starts at page 1"
    );
    wait_for_list_body("size 50", |b| b["pageNum"] == 1 && b["pageSize"] == 50).await;
    wait_for("50 rows", &page, |p| rows(p) == 50).await;
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_search_that_matches_nothing_shows_the_empty_state_and_a_reset() {
    clear_storage();
    clear_session();
    set_fault(None).await;
    let (page, handle) = mount_at(
        &format!("/jobs/{JOB}/calls?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E4%BA%BA"),
        &mock_config(""),
    );
    wait_for("the empty state", &page, |p| {
        has_text(p, ".tc-calls-empty", "没有符合条件的通话记录")
    })
    .await;
    click(&page, ".tc-reset-link");
    wait_for("the calls", &page, |p| rows(p) > 0).await;
    assert!(search().is_empty(), "the filters are gone: {}", search());
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_failure_keeps_the_filters_shows_the_message_and_retry_recovers() {
    clear_storage();
    clear_session();
    set_fault(Some("500")).await;
    let (page, handle) = mount_at(&format!("/jobs/{JOB}/calls?result=BUSY"), &mock_config(""));
    wait_for("the error", &page, |p| has_text(p, ".tc-error", "HTTP 500")).await;
    // The proxy-style answer carries its request id in the body, shown in the message.
    assert!(has_text(&page, ".tc-error", "requestId"));
    assert!(find(&page, ".tc-filter-results [data-code='BUSY']")
        .class_list()
        .contains("tc-on"));
    set_fault(None).await;
    click(&page, ".tc-retry");
    wait_for("the table after retry", &page, |p| rows(p) > 0).await;
    assert!(search().contains("result=BUSY"));

    // An API error shows its code, its message and its request id.
    set_fault(Some("412")).await;
    click(&page, ".tc-page-next");
    wait_for("the API error", &page, |p| {
        has_text(p, ".tc-error-code", "412")
    })
    .await;
    assert!(has_text(&page, ".tc-error-message", "参数错误"));
    assert!(!text_of(&page, ".tc-request-id")
        .unwrap_or_default()
        .is_empty());
    set_fault(None).await;
    click(&page, ".tc-retry");
    wait_for("page 2 after retry", &page, |p| rows(p) > 0).await;
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn one_recording_plays_at_a_time() {
    let (page, handle) = start(&format!("/jobs/{JOB}/calls?result=ANSWERED"), "").await;
    wait_for("play buttons", &page, |p| count(p, ".tc-play") >= 2).await;
    // Unanswered rows have no player: here every row is answered and has one.
    assert_eq!(count(&page, ".tc-play"), rows(&page));
    click(&page, ".tc-calls-table tbody tr:nth-child(1) .tc-play");
    wait_for("a player", &page, |p| count(p, "audio.tc-row-audio") == 1).await;
    let first_src = attribute(&page, "audio.tc-row-audio", "src").unwrap_or_default();
    assert!(first_src.starts_with(MOCK), "{first_src}");
    click(&page, ".tc-calls-table tbody tr:nth-child(2) .tc-play");
    wait_for("the other player", &page, |p| {
        count(p, ".tc-calls-table tbody tr:nth-child(2) audio") == 1
    })
    .await;
    assert_eq!(count(&page, "audio"), 1, "starting one stops the other");
    assert_eq!(
        path(),
        format!("/jobs/{JOB}/calls"),
        "playing does not open the call"
    );
    click(&page, ".tc-stop");
    wait_for("no player", &page, |p| count(p, "audio") == 0).await;
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_row_recording_that_fails_to_load_says_so_and_stops() {
    let (page, handle) = start(&format!("/jobs/{JOB}/calls?result=ANSWERED&size=10"), "").await;
    control(
        "/__mock/fault",
        json!({ "fault": "500", "path_prefix": "/recordings" }),
    )
    .await;
    click(&page, ".tc-calls-table tbody tr:nth-child(3) .tc-play");
    wait_for("the load failure", &page, |p| {
        count(
            p,
            ".tc-calls-table tbody tr:nth-child(3) .tc-recording-failed",
        ) == 1
    })
    .await;
    set_fault(None).await;
    assert!(has_text(&page, ".tc-recording-failed", "录音无法加载"));
    assert_eq!(count(&page, ".tc-play"), rows(&page) - 1);
    click(&page, ".tc-stop");
    wait_for("the play button back", &page, |p| {
        count(p, ".tc-play") == rows(p) && count(p, ".tc-recording-failed") == 0
    })
    .await;
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn opening_a_call_remembers_the_list() {
    let (page, handle) = start(&format!("/jobs/{JOB}/calls?result=ANSWERED&size=10"), "").await;
    let ids: Vec<String> = (1..=rows(&page))
        .map(|r| cell(&page, r, "tc-call-id"))
        .collect();
    click(&page, ".tc-calls-table tbody tr:nth-child(3) .tc-start");
    wait_for("the call page", &page, |_| {
        path() == format!("/calls/{}", ids[2])
    })
    .await;
    let stored: Value = serde_json::from_str(
        &session_item("tanyi-console.call-list").expect("the list is remembered"),
    )
    .expect("JSON");
    assert_eq!(stored["jobId"], json!(JOB));
    assert_eq!(stored["query"], json!("result=ANSWERED&size=10"));
    assert_eq!(stored["page"], json!(1));
    let stored_ids: Vec<String> = stored["ids"]
        .as_array()
        .expect("ids")
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(stored_ids, ids);
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn export_walks_every_page_of_the_filter_and_builds_the_csv() {
    // 500 calls of job 1: five pages of 100.
    let (page, handle) = start(&format!("/jobs/{JOB}/calls?intent=A,B,C,D,E,F"), "").await;
    clear_requests().await;
    click(&page, ".tc-export-start");
    wait_for("the export to finish", &page, |p| {
        exists(p, ".tc-export-done")
    })
    .await;
    let walked: Vec<Value> = list_bodies()
        .await
        .into_iter()
        .filter(|b| b["pageSize"] == 100)
        .collect();
    let pages: Vec<i64> = walked
        .iter()
        .filter_map(|b| b["pageNum"].as_i64())
        .collect();
    assert_eq!(pages, vec![1, 2, 3, 4, 5]);
    assert!(walked.iter().all(
        |b| b["intentLevels"] == json!(["A", "B", "C", "D", "E", "F"])
            && b["robotCallJobId"] == json!(JOB)
    ));
    assert_eq!(
        attribute(&page, ".tc-export-done", "data-rows").as_deref(),
        Some("500")
    );
    let name = attribute(&page, ".tc-export-link", "download").unwrap_or_default();
    assert!(
        name.starts_with(&format!("calls-job-{JOB}-")) && name.ends_with(".csv"),
        "{name}"
    );

    // The file itself: BOM, header, 500 rows, CRLF, phones masked.
    let href = attribute(&page, ".tc-export-link", "href").expect("a download link");
    assert!(href.starts_with("blob:"), "{href}");
    let bytes = gloo_net::http::Request::get(&href)
        .send()
        .await
        .expect("the blob")
        .binary()
        .await
        .expect("bytes");
    // Read as bytes: a text decoder would drop the BOM.
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF], "a UTF-8 BOM first");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines.len(), 502, "header, 500 rows, the empty end");
    assert!(lines[0].starts_with("通话ID,电话号码,通话结果,意向等级"));
    let first = calls_from_mock(json!({ "robotCallJobId": JOB, "pageSize": 1 })).await;
    let id = first["content"][0]["callRecordId"].to_string();
    assert!(lines[1].starts_with(&format!("{id},")), "{}", lines[1]);
    assert!(lines[1]
        .split(',')
        .nth(1)
        .unwrap_or_default()
        .contains("****"));
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_rate_limited_export_waits_and_goes_on_with_the_same_page() {
    // 500 calls of job 1: five pages of 100; page 3 is refused once.
    let (page, handle) = start(&format!("/jobs/{JOB}/calls?intent=A,B,C,D,E,F"), "").await;
    control("/__mock/latency", json!({ "ms": 300, "jitter_ms": 0 })).await;
    clear_requests().await;
    click(&page, ".tc-export-start");
    // Page 2 is under way (its fault already decided): the next one gets the 429.
    wait_for_list_body("page 2 of the export", |b| {
        b["pageNum"] == 2 && b["pageSize"] == 100
    })
    .await;
    set_fault_times(
        "429",
        Some("/apiOpen/v1/callRecord/getCallRecordInfoList"),
        1,
    )
    .await;
    wait_for("the export waiting on page 3", &page, |p| {
        has_text(p, ".tc-export-page", "第 3/5 页 · 请求过于频繁，1 秒后继续")
    })
    .await;
    wait_for("the export to finish", &page, |p| {
        exists(p, ".tc-export-done")
    })
    .await;
    control("/__mock/latency", json!({ "ms": 0, "jitter_ms": 0 })).await;
    let pages: Vec<i64> = list_bodies()
        .await
        .into_iter()
        .filter(|b| b["pageSize"] == 100)
        .filter_map(|b| b["pageNum"].as_i64())
        .collect();
    assert_eq!(pages, vec![1, 2, 3, 3, 4, 5], "page 3 asked for again");
    assert_eq!(
        attribute(&page, ".tc-export-done", "data-rows").as_deref(),
        Some("500")
    );
    // Each call in the file once.
    let href = attribute(&page, ".tc-export-link", "href").expect("a download link");
    let text = gloo_net::http::Request::get(&href)
        .send()
        .await
        .expect("the blob")
        .text()
        .await
        .expect("text");
    let ids: Vec<&str> = text
        .split("\r\n")
        .skip(1)
        .filter(|line| !line.is_empty())
        .filter_map(|line| line.split(',').next())
        .collect();
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!((ids.len(), unique.len()), (500, 500));
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn an_export_can_be_cancelled() {
    let (page, handle) = start(&format!("/jobs/{JOB}/calls"), "").await;
    control("/__mock/latency", json!({ "ms": 400, "jitter_ms": 0 })).await;
    clear_requests().await;
    click(&page, ".tc-export-start");
    wait_for("the progress", &page, |p| {
        has_text(p, ".tc-export-page", "/5 页")
    })
    .await;
    click(&page, ".tc-export-cancel");
    wait_for("the export button back", &page, |p| {
        exists(p, ".tc-export-start")
    })
    .await;
    sleep(1500).await;
    let walked = list_bodies()
        .await
        .into_iter()
        .filter(|b| b["pageSize"] == 100)
        .count();
    control("/__mock/latency", json!({ "ms": 0, "jitter_ms": 0 })).await;
    assert!(walked < 5, "the walk stopped after {walked} pages");
    assert!(!exists(&page, ".tc-export-done"));
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn the_task_family_hides_the_later_filters_and_uses_its_own_path() {
    clear_storage();
    clear_session();
    set_fault(None).await;
    clear_requests().await;
    let (page, handle) = mount_at(
        &format!("/jobs/{JOB}/calls?size=25&read=NOT_READ"),
        &format!(r#"{{"apiBaseUrl": "{MOCK}", "callRecordApi": "task"}}"#),
    );
    wait_for("the calls table", &page, |p| rows(p) == 25).await;
    assert_eq!(count(&page, ".tc-later-filters"), 0);
    assert!(has_text(&page, ".tc-unsupported-filters", "已读状态"));
    let sent = requests_to("/task/getCallRecordInfoList").await;
    let body = &sent.last().expect("a task-family request")["body"];
    assert_eq!(
        body,
        &json!({ "robotCallJobId": JOB, "pageNum": 1, "pageSize": 25 })
    );
    let size: web_sys::HtmlSelectElement = find(&page, ".tc-page-size").unchecked_into();
    assert_eq!(size.value(), "25", "a size that is not offered still shows");
    drop(handle);
    page.remove();
}
