//! Calls: filters against the stand-in, paging, page size, CSV export.

use e2e::csv::parse_csv;
use e2e::journey::console::{
    chip, click_page, duration_text, text_of, wait_param, wait_param_from_page_1, wait_rows,
    wait_url, CALL_ROWS,
};
use e2e::journey::stand_in::CALLS_PATH;
use e2e::journey::Journey;
use e2e::url::{param, query_of};
use mock_api::enums::{ReadStatus, ResultStatus};
use serde_json::{json, Value};

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

/// The calls export's columns (zh-CN); the leads export writes them after its job columns.
pub const CSV_HEADER: [&str; 10] = [
    "通话ID",
    "电话号码",
    "通话结果",
    "意向等级",
    "开始时间",
    "通话时长",
    "通话时长（秒）",
    "通话轮次",
    "客户关注点",
    "已读状态",
];

/// A call as the CSV export writes it (zh-CN, phone numbers masked); the leads export
/// writes the same after its job columns.
pub fn expected_csv_row(call: &Value) -> Vec<String> {
    let phone = text_of(&call["calledPhoneNumber"]);
    let masked = if phone.len() == 11 && phone.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}****{}", &phone[..3], &phone[7..])
    } else {
        String::new()
    };
    let result = text_of(&call["resultStatus"]);
    let result_label = ResultStatus::from_name(&result)
        .map(|r| r.label().to_string())
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
    let read = call["readStatus"]
        .as_str()
        .and_then(ReadStatus::from_name)
        .map_or("—", ReadStatus::label);
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

pub fn calls_filters_pages_and_csv_export(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let job = 2i64;
    let calls = api.all_calls(job, &json!({}));
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
    wait_param(&b, "page", "2");
    b.select(".tc-calls-toolbar .tc-page-size", "100");
    let (hundred, _) = api.call_ids(&json!({"robotCallJobId": job, "pageNum": 1, "pageSize": 100}));
    assert_eq!(hundred.len(), 100);
    wait_rows(&b, "100 calls a page", CALL_ROWS, "data-call-id", &hundred);
    wait_param_from_page_1(&b, "size", "100");

    // Export: results chosen so that 201..=300 calls match, three pages of 100.
    let count = |set: &[&str]| {
        calls
            .iter()
            .filter(|c| set.contains(&text_of(&c["resultStatus"]).as_str()))
            .count()
    };
    let codes: Vec<&str> = ResultStatus::ALL.iter().map(|r| r.name()).collect();
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
    let expected = api.all_calls(job, &filter);
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
    let file = b.downloaded("the downloaded CSV", |name| {
        name.starts_with(&format!("calls-job-{job}-")) && name.ends_with(".csv")
    });
    let text = std::fs::read_to_string(&file).expect("the CSV is UTF-8");
    assert!(
        text.starts_with('\u{feff}'),
        "the CSV starts with a BOM for Excel"
    );
    let table = parse_csv(&text);
    assert_eq!(table[0], CSV_HEADER);
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
