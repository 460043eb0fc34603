//! The pure parts of the calls pages (host): CSV text, date presets, transcript highlight,
//! previous/next arithmetic, recording addresses, routes, the table's rows as HTML.

use chrono::NaiveDate;
use tanyi_console::api::enums::{CallResult, IntentLevel, ReadStatus, Speaker};
use tanyi_console::api::time::ApiDateTime;
use tanyi_console::api::{CallQuery, CallRecord, Page};
use tanyi_console::components::audio_player::{
    media_url, parse_rate, rate_text, skip_to, MediaUrl,
};
use tanyi_console::components::badge::Badge;
use tanyi_console::components::call_columns::{csv_columns, table_columns, titles};
use tanyi_console::components::call_export::progress_text;
use tanyi_console::components::call_filters::{
    parse_id_text, parse_seconds_text, toggled, DatePreset, Typed,
};
use tanyi_console::components::call_nav::{CallList, Direction, Step};
use tanyi_console::components::call_row::playable;
use tanyi_console::components::csv_export::{
    call_csv_header, call_csv_row, calls_csv, csv_field, export_file_name, CsvWriter,
};
use tanyi_console::components::customer_card::{attribute_text, gender_text};
use tanyi_console::components::transcript::{
    count_matches, finds, highlight, speaker_side, Segment,
};
use tanyi_console::format::intent_text;
use tanyi_console::i18n::Locale;
use tanyi_console::pages::parse_id;
use tanyi_console::pages::routes::calls_route;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn record(id: i64) -> CallRecord {
    CallRecord {
        id: Some(id),
        called_phone_number: Some("18817501728".into()),
        result_status: Some(CallResult::Answered),
        intent_level: Some(IntentLevel::A),
        intent_level_name: Some("很好".into()),
        start_time: Some(ApiDateTime::parse("2018-08-04 11:57:33")),
        chat_duration: Some(93),
        chat_round: Some(16),
        customer_concern: vec!["价格".into(), "位置".into()],
        read_status: Some(ReadStatus::NotRead),
        ..CallRecord::default()
    }
}

// ---- CSV ----

#[test]
fn plain_fields_stay_as_they_are() {
    assert_eq!(csv_field("价格"), "价格");
    assert_eq!(csv_field(""), "");
    assert_eq!(csv_field("188****1728"), "188****1728");
}

#[test]
fn fields_with_commas_quotes_or_line_breaks_are_quoted() {
    assert_eq!(csv_field("a,b"), "\"a,b\"");
    assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    assert_eq!(csv_field("cr\rhere"), "\"cr\rhere\"");
}

#[test]
fn spreadsheet_formulas_are_neutralised() {
    assert_eq!(csv_field("=1+2"), "'=1+2");
    assert_eq!(csv_field("+86 188"), "'+86 188");
    assert_eq!(csv_field("-5"), "'-5");
    assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(csv_field("\tx"), "'\tx");
    // Neutralised and quoted: the quote goes inside the quotes.
    assert_eq!(
        csv_field("=HYPERLINK(\"http://x\",\"y\")"),
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
    );
    // Only at the start.
    assert_eq!(csv_field("a=b"), "a=b");
}

#[test]
fn a_document_starts_with_a_bom_and_ends_lines_with_crlf() {
    let mut csv = CsvWriter::new();
    csv.row(["a", "b,c"]);
    csv.row(["中文", "=x"]);
    assert_eq!(csv.finish(), "\u{feff}a,\"b,c\"\r\n中文,'=x\r\n");
}

#[test]
fn the_calls_csv_has_the_table_columns_and_masks_phones() {
    let text = calls_csv(&[record(1000001), record(1000002)], Locale::ZhCn, true);
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(
        lines.len(),
        4,
        "header, two rows, and the empty rest: {lines:?}"
    );
    assert_eq!(
        lines[0],
        "通话ID,电话号码,通话结果,意向等级,开始时间,通话时长,通话时长（秒）,通话轮次,客户关注点,已读状态"
    );
    assert_eq!(
        lines[1],
        "1000001,188****1728,已接听,A · 很好,2018-08-04 11:57:33,1:33,93,16,价格、位置,未读"
    );
    assert_eq!(lines[3], "");
    let plain = calls_csv(&[record(1)], Locale::En, false);
    assert!(
        plain.contains("\r\n1,18817501728,Answered,A · 很好,"),
        "{plain}"
    );
    assert!(plain.contains("价格; 位置,Unread\r\n"), "{plain}");
}

#[test]
fn the_table_and_the_csv_title_their_columns_from_one_list() {
    let csv = call_csv_header(Locale::ZhCn);
    let table = titles(table_columns(), Locale::ZhCn);
    // The same titles in the same order, but for the recording (the table's own) and talk
    // time in seconds (the CSV's own).
    let shared = |titles: &[&'static str]| -> Vec<&'static str> {
        let own = ["录音", "通话时长（秒）"];
        titles
            .iter()
            .copied()
            .filter(|t| !own.contains(t))
            .collect()
    };
    assert_eq!(shared(&table), shared(&csv));
    assert_eq!((table.len(), table.last()), (10, Some(&"录音")));
    let row = call_csv_row(&record(1), Locale::En, true);
    assert_eq!(row.len(), csv_columns().count());
}

#[test]
fn missing_values_in_a_row_are_dashes_and_hostile_text_is_neutralised() {
    let empty = call_csv_row(&CallRecord::default(), Locale::ZhCn, true);
    assert_eq!(empty.len(), 10);
    assert!(empty.iter().all(|f| f == "—"), "{empty:?}");
    let hostile = CallRecord {
        customer_concern: vec!["=cmd|' /C calc'!A0".into()],
        intent_level_name: Some("@evil".into()),
        ..CallRecord::default()
    };
    let text = calls_csv(&[hostile], Locale::ZhCn, true);
    assert!(text.contains(",'=cmd|' /C calc'!A0,"), "{text}");
    // An intent name sent without a level is the whole field: neutralised too.
    assert!(text.contains(",'@evil,"), "{text}");
}

#[test]
fn intent_text_matches_the_badge() {
    let cases = [
        (Some(IntentLevel::B), Some("一般")),
        (Some(IntentLevel::B), Some("  ")),
        (Some(IntentLevel::B), None),
        (None, Some("高意向")),
        (None, Some(" ")),
        (None, None),
    ];
    for (level, name) in cases {
        let record = CallRecord {
            intent_level: level.clone(),
            intent_level_name: name.map(str::to_string),
            ..CallRecord::default()
        };
        let csv = call_csv_row(&record, Locale::ZhCn, true)[3].clone();
        let badge = Badge::intent_of(level.as_ref(), name, Locale::ZhCn);
        let badge_text = badge.map_or_else(|| "—".to_string(), |b| b.label);
        let case = format!("{level:?} named {name:?}");
        assert_eq!(badge_text, csv, "the badge and the CSV, for {case}");
        assert_eq!(intent_text(level.as_ref(), name, Locale::ZhCn), csv);
    }
    assert_eq!(
        intent_text(Some(&IntentLevel::B), Some("一般"), Locale::ZhCn),
        "B · 一般"
    );
    assert_eq!(
        intent_text(Some(&IntentLevel::B), Some("  "), Locale::ZhCn),
        "B级(一般)"
    );
    assert_eq!(intent_text(None, Some("高意向"), Locale::ZhCn), "高意向");
    assert_eq!(intent_text(None, None, Locale::En), "—");
    let named = Badge::intent_of(None, Some("高意向"), Locale::ZhCn).expect("a badge");
    assert_eq!((named.tone, named.code.as_str()), ("tc-tone-grey", ""));
}

#[test]
fn the_file_is_named_after_the_job_and_the_day() {
    assert_eq!(
        export_file_name(12, day(2026, 3, 7)),
        "calls-job-12-2026-03-07.csv"
    );
    assert_eq!(progress_text(3, Some(12), None, Locale::ZhCn), "第 3/12 页");
    assert_eq!(progress_text(1, None, None, Locale::En), "Page 1");
    // Waiting after "too many requests", on the same page.
    assert_eq!(
        progress_text(3, Some(12), Some(2), Locale::ZhCn),
        "第 3/12 页 · 请求过于频繁，2 秒后继续"
    );
    assert_eq!(
        progress_text(3, Some(12), Some(2), Locale::En),
        "Page 3 of 12 · rate limited, continuing in 2 s"
    );
}

// ---- Date presets ----

#[test]
fn date_presets_are_ranges_seen_from_today() {
    let today = day(2026, 3, 27);
    assert_eq!(DatePreset::Today.range(today), (today, today));
    assert_eq!(
        DatePreset::Yesterday.range(today),
        (day(2026, 3, 26), day(2026, 3, 26))
    );
    assert_eq!(
        DatePreset::Last7Days.range(today),
        (day(2026, 3, 21), today)
    );
    assert_eq!(DatePreset::ThisMonth.range(today), (day(2026, 3, 1), today));
    // Across a month and a year boundary.
    assert_eq!(
        DatePreset::Yesterday.range(day(2026, 1, 1)),
        (day(2025, 12, 31), day(2025, 12, 31))
    );
    assert_eq!(
        DatePreset::Last7Days.range(day(2026, 3, 3)),
        (day(2026, 2, 25), day(2026, 3, 3))
    );
}

#[test]
fn a_range_is_recognised_as_its_preset() {
    let today = day(2026, 3, 27);
    assert_eq!(
        DatePreset::matching(Some(day(2026, 3, 21)), Some(today), today),
        Some(DatePreset::Last7Days)
    );
    assert_eq!(
        DatePreset::matching(Some(day(2026, 3, 20)), Some(today), today),
        None
    );
    assert_eq!(DatePreset::matching(None, Some(today), today), None);
}

#[test]
fn chips_toggle_and_number_boxes_check_their_text() {
    let on = toggled(&[CallResult::Busy], &CallResult::Answered);
    assert_eq!(on, vec![CallResult::Busy, CallResult::Answered]);
    assert_eq!(toggled(&on, &CallResult::Busy), vec![CallResult::Answered]);
    assert_eq!(parse_id_text(" 12 "), Typed::Value(12));
    assert_eq!(parse_id_text(""), Typed::Blank);
    assert_eq!(parse_id_text("0"), Typed::Invalid);
    assert_eq!(parse_id_text("abc"), Typed::Invalid);
    assert_eq!(parse_seconds_text("0"), Typed::Value(0));
    assert_eq!(parse_seconds_text("-3"), Typed::Invalid);
    assert_eq!(parse_seconds_text("1.5"), Typed::Invalid);
}

// ---- Highlight ----

fn pieces(text: &str, needle: &str) -> Vec<(String, bool)> {
    highlight(text, needle)
        .into_iter()
        .map(|Segment { text, matched }| (text.to_string(), matched))
        .collect()
}

#[test]
fn highlight_splits_around_every_match() {
    assert_eq!(
        pieces("价格太贵了，价格", "价格"),
        vec![
            ("价格".into(), true),
            ("太贵了，".into(), false),
            ("价格".into(), true)
        ]
    );
    assert_eq!(count_matches("价格太贵了，价格", "价格"), 2);
    assert_eq!(
        pieces("Hello WORLD", "world"),
        vec![("Hello ".into(), false), ("WORLD".into(), true)]
    );
    assert_eq!(pieces("aaaa", "aa").iter().filter(|p| p.1).count(), 2);
    assert_eq!(count_matches("aaaa", "aa"), 2);
}

#[test]
fn a_search_finds_what_the_highlight_marks() {
    // The leads' job search and the transcript's search follow one rule.
    assert!(finds("Spring 春季回访 A", "spring"));
    assert!(finds("春季回访", " 回访 "));
    assert!(!finds("春季回访", "秋季"));
    assert!(!finds("春季回访", "  "));
    for (text, needle) in [
        ("Hello WORLD", "world"),
        ("价格太贵了", "太贵"),
        ("aaaa", "b"),
    ] {
        assert_eq!(finds(text, needle), count_matches(text, needle) > 0);
    }
}

#[test]
fn highlight_without_a_match_or_needle_is_the_whole_text() {
    assert_eq!(pieces("你好", "再见"), vec![("你好".into(), false)]);
    assert_eq!(pieces("你好", "  "), vec![("你好".into(), false)]);
    assert_eq!(count_matches("你好", ""), 0);
    assert_eq!(pieces("", "x"), vec![("".into(), false)]);
    // Markup is just text to search in.
    assert_eq!(
        pieces("<b>x</b>", "<b>"),
        vec![("<b>".into(), true), ("x</b>".into(), false)]
    );
}

#[test]
fn highlight_pieces_join_back_to_the_text() {
    for (text, needle) in [
        ("喂，您好, （停顿2s），您好", "您好"),
        ("ÄÖÜ äöü ẞ", "ö"),
        ("👨‍👩‍👧 emoji 👨‍👩‍👧", "emoji"),
        ("abcABCabc", "BC"),
    ] {
        let joined: String = highlight(text, needle).iter().map(|s| s.text).collect();
        assert_eq!(joined, text);
    }
}

#[test]
fn speakers_take_sides() {
    assert_eq!(speaker_side(Some(&Speaker::Robot)), "robot");
    assert_eq!(speaker_side(Some(&Speaker::Person)), "person");
    assert_eq!(
        speaker_side(Some(&Speaker::Other("SYSTEM".into()))),
        "other"
    );
    assert_eq!(speaker_side(None), "other");
}

// ---- Previous / next ----

fn list(ids: &[i64], page: u32, pages: u32) -> CallList {
    CallList {
        job_id: 7,
        query: format!("result=ANSWERED&page={page}"),
        ids: ids.to_vec(),
        page,
        pages,
        page_size: 3,
        total: 8,
        leads_query: None,
    }
}

#[test]
fn the_leads_list_walks_all_its_calls_and_leads_back_to_its_query() {
    let leads = CallList::leads("intent=A&jobs=3".into(), vec![9, 4, 7]);
    assert_eq!(leads.step(9, Direction::Previous), Step::None);
    assert_eq!(leads.step(9, Direction::Next), Step::Call(4));
    assert_eq!(leads.step(7, Direction::Next), Step::None);
    assert_eq!(leads.position(4), Some((2, 3)));
    assert_eq!(leads.route(), "/leads?intent=A&jobs=3");
    assert_eq!(CallList::leads(String::new(), vec![1]).route(), "/leads");
    // Kept and read back (the call page reads it from the tab's storage).
    assert_eq!(CallList::from_json(&leads.to_json()), Some(leads));
    // A job's list stored before this field existed still reads.
    let older = r#"{"jobId":7,"query":"","ids":[1],"page":1,"pages":1,"pageSize":20,"total":1}"#;
    assert!(CallList::from_json(older).is_some());
}

#[test]
fn moving_within_a_page() {
    let l = list(&[11, 12, 13], 2, 3);
    assert_eq!(l.step(12, Direction::Previous), Step::Call(11));
    assert_eq!(l.step(12, Direction::Next), Step::Call(13));
    assert_eq!(l.position(12), Some((5, 8)));
}

#[test]
fn at_a_page_edge_the_neighbouring_page_is_needed() {
    let l = list(&[11, 12, 13], 2, 3);
    assert_eq!(l.step(11, Direction::Previous), Step::FetchPage(1));
    assert_eq!(l.step(13, Direction::Next), Step::FetchPage(3));
    let first = list(&[1, 2, 3], 1, 3);
    assert_eq!(first.step(1, Direction::Previous), Step::None);
    let last = list(&[21, 22], 3, 3);
    assert_eq!(last.step(22, Direction::Next), Step::None);
    assert_eq!(
        last.step(99, Direction::Next),
        Step::None,
        "not in the list"
    );
}

#[test]
fn the_neighbouring_page_keeps_the_filters() {
    let l = list(&[11, 12, 13], 2, 3);
    let q = l.page_query(3, 20);
    assert_eq!(q.job_id, Some(7));
    assert_eq!(q.results, vec![CallResult::Answered]);
    assert_eq!((q.page, q.page_size), (3, 3));
    let found = Page {
        total: Some(8),
        pages: Some(3),
        items: vec![record(21), record(22)],
        ..Page::default()
    };
    let moved = l.moved_to(3, &found, 20);
    assert_eq!(moved.page, 3);
    assert_eq!(moved.ids, vec![21, 22]);
    assert!(moved.query.contains("page=3"), "{}", moved.query);
    assert!(!moved.query.contains("job="), "{}", moved.query);
    assert_eq!(moved.route(), format!("/jobs/7/calls?{}", moved.query));
    assert_eq!(moved.step(21, Direction::Previous), Step::FetchPage(2));
}

#[test]
fn a_stored_list_survives_the_round_trip_and_junk_is_no_list() {
    let l = list(&[1, 2], 1, 1);
    assert_eq!(CallList::from_json(&l.to_json()), Some(l));
    assert_eq!(CallList::from_json("not json"), None);
    assert_eq!(CallList::from_json("{\"jobId\":\"x\"}"), None);
    assert_eq!(CallList::from_json("null"), None);
}

#[test]
fn the_list_remembered_from_a_page_of_calls() {
    let mut query = CallQuery::from_url("result=ANSWERED&page=2&size=10", 20);
    query.job_id = Some(7);
    let page = Page {
        number: Some(2),
        page_size: Some(10),
        total: Some(25),
        pages: None,
        items: vec![record(5), CallRecord::default(), record(6)],
    };
    let l = CallList::of(7, &query, &page, 20);
    assert_eq!(l.ids, vec![5, 6], "calls without an id are skipped");
    assert_eq!((l.page, l.pages, l.page_size, l.total), (2, 3, 10, 25));
    assert_eq!(l.query, "result=ANSWERED&page=2&size=10");
    assert_eq!(page.page_count(10), 3);
}

// ---- Routes and ids ----

#[test]
fn ids_in_the_address_are_positive_whole_numbers() {
    assert_eq!(parse_id(Some("42")), Some(42));
    assert_eq!(parse_id(Some(" 7 ")), Some(7));
    for bad in [
        "abc",
        "0",
        "-1",
        "1.5",
        "",
        "99999999999999999999",
        "<script>",
    ] {
        assert_eq!(parse_id(Some(bad)), None, "{bad}");
    }
    assert_eq!(parse_id(None), None);
}

#[test]
fn the_calls_route_carries_the_filters_but_not_the_job() {
    let mut query = CallQuery::new(20);
    query.job_id = Some(3);
    assert_eq!(calls_route(3, &query, 20), "/jobs/3/calls");
    query.intents = vec![IntentLevel::A, IntentLevel::B];
    query.page = 2;
    assert_eq!(
        calls_route(3, &query, 20),
        "/jobs/3/calls?intent=A,B&page=2"
    );
}

// ---- Recordings ----

#[test]
fn only_http_and_https_addresses_may_play() {
    let safe = "https://oss.example.com/a/ai_user.wav";
    assert_eq!(media_url(Some(safe)), MediaUrl::Safe(safe.into()));
    assert_eq!(
        media_url(Some(" HTTP://127.0.0.1:9000/r.wav ")),
        MediaUrl::Safe("HTTP://127.0.0.1:9000/r.wav".into())
    );
    assert_eq!(media_url(None), MediaUrl::Missing);
    assert_eq!(media_url(Some("  ")), MediaUrl::Missing);
    for bad in [
        "javascript:alert(1)",
        " javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "/recordings/x.wav",
        "recordings/x.wav",
        "//evil.example/x.wav",
        "http://",
        "https:///x.wav",
        "http://a b/x.wav",
        "http:\\\\evil/x.wav",
        "ftp://host/x.wav",
    ] {
        assert_eq!(media_url(Some(bad)), MediaUrl::Invalid, "{bad:?}");
    }
}

#[test]
fn playback_speed_is_one_of_the_offered_ones() {
    assert_eq!(parse_rate(Some("1.5")), 1.5);
    assert_eq!(parse_rate(Some("0.5")), 0.5);
    assert_eq!(parse_rate(Some("3")), 1.0);
    assert_eq!(parse_rate(Some("NaN")), 1.0);
    assert_eq!(parse_rate(None), 1.0);
    assert_eq!(rate_text(1.0), "1x");
    assert_eq!(rate_text(1.25), "1.25x");
}

#[test]
fn skipping_stays_within_the_recording() {
    assert_eq!(skip_to(10.0, 5.0, 60.0), 15.0);
    assert_eq!(skip_to(2.0, -5.0, 60.0), 0.0);
    assert_eq!(skip_to(58.0, 5.0, 60.0), 60.0);
    assert_eq!(skip_to(58.0, 5.0, f64::NAN), 63.0);
    assert_eq!(skip_to(f64::NAN, 5.0, 60.0), 5.0);
}

#[test]
fn gender_codes_read_as_words() {
    assert_eq!(gender_text(Some("FEMALE"), Locale::ZhCn), "女");
    assert_eq!(gender_text(Some("male"), Locale::En), "Male");
    assert_eq!(gender_text(Some("X"), Locale::ZhCn), "X");
    assert_eq!(gender_text(None, Locale::ZhCn), "—");
}

#[test]
fn attributes_read_as_name_and_value_or_as_json() {
    let pair = serde_json::json!({ "name": "回访时间", "value": "明天上午" });
    assert_eq!(attribute_text(&pair), "回访时间：明天上午");
    assert_eq!(attribute_text(&serde_json::json!("高意向")), "高意向");
    assert_eq!(attribute_text(&serde_json::json!(42)), "42");
    assert_eq!(
        attribute_text(&serde_json::json!({ "nested": ["<b>deep</b>"] })),
        "{\"nested\":[\"<b>deep</b>\"]}"
    );
    assert_eq!(attribute_text(&serde_json::Value::Null), "—");
}

// ---- The table's rows ----

#[test]
fn only_answered_calls_with_a_web_recording_can_play_in_their_row() {
    let answered = CallRecord {
        full_audio_url: Some(" https://rec.example.com/1.wav ".into()),
        ..record(1)
    };
    assert_eq!(
        playable(&answered).as_deref(),
        Some("https://rec.example.com/1.wav")
    );
    let unanswered = CallRecord {
        result_status: Some(CallResult::NoAnswer),
        ..answered.clone()
    };
    let script = CallRecord {
        full_audio_url: Some("javascript:alert(1)".into()),
        ..answered.clone()
    };
    let none = CallRecord {
        full_audio_url: None,
        ..answered
    };
    for call in [unanswered, script, none] {
        assert_eq!(playable(&call), None, "{call:?}");
    }
}
