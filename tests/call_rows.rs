//! The calls table's rows as the browser receives them (one HTML text for all rows): what each
//! cell shows, and that text from the API can never become markup.

use tanyi_console::api::enums::{CallResult, IntentLevel, ReadStatus};
use tanyi_console::api::time::ApiDateTime;
use tanyi_console::api::CallRecord;
use tanyi_console::components::call_rows::{
    load_failed, play_button_markup, player, rows_markup, RowOptions,
};
use tanyi_console::i18n::Locale::{self, En, ZhCn};
use tanyi_console::markup::Markup;

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
        customer_concern: vec!["价格".into(), " ".into(), "位置".into()],
        read_status: Some(ReadStatus::NotRead),
        full_audio_url: Some("https://rec.example.com/1.wav".into()),
        ..CallRecord::default()
    }
}

fn rows(records: &[CallRecord], locale: Locale, mask: bool) -> String {
    let href = |route: &str| format!("/console{route}");
    rows_markup(
        records,
        &RowOptions {
            locale,
            mask,
            href: &href,
        },
    )
}

#[test]
fn a_row_shows_every_column() {
    assert_eq!(
        rows(&[record(47)], ZhCn, true),
        concat!(
            r#"<tr class="tc-row-link" data-call-id="47">"#,
            r#"<td class="tc-call-id"><a href="/console/calls/47">47</a></td>"#,
            r#"<td class="tc-phone">188****1728</td>"#,
            r#"<td class="tc-result"><span class="tc-badge tc-tone-green" data-code="ANSWERED" title="已接听">已接听</span></td>"#,
            r#"<td class="tc-intent"><span class="tc-badge tc-tone-green" data-code="A" title="A · 很好">A · 很好</span></td>"#,
            r#"<td class="tc-start">2018-08-04 11:57:33</td>"#,
            r#"<td class="tc-duration">1:33</td>"#,
            r#"<td class="tc-rounds">16</td>"#,
            r#"<td class="tc-concerns"><span class="tc-chip">价格</span><span class="tc-chip">位置</span></td>"#,
            r#"<td class="tc-read">未读</td>"#,
            r#"<td class="tc-recording-cell"><button type="button" class="tc-link-button tc-play">▶ 播放</button></td>"#,
            "</tr>"
        )
    );
}

#[test]
fn rows_follow_the_language_and_the_phone_setting() {
    let html = rows(&[record(1)], En, false);
    assert!(
        html.contains(r#"<td class="tc-phone">18817501728</td>"#),
        "{html}"
    );
    assert!(html.contains(">Answered</span>"), "{html}");
    assert!(
        html.contains(r#"<td class="tc-read">Unread</td>"#),
        "{html}"
    );
    assert!(html.contains(">▶ Play</button>"), "{html}");
}

#[test]
fn absent_values_show_the_missing_mark() {
    let html = rows(&[CallRecord::default()], ZhCn, true);
    assert_eq!(
        html,
        concat!(
            r#"<tr class="tc-row-link">"#,
            r#"<td class="tc-call-id"><span class="tc-missing">—</span></td>"#,
            r#"<td class="tc-phone">—</td>"#,
            r#"<td class="tc-result"><span class="tc-missing">—</span></td>"#,
            r#"<td class="tc-intent"><span class="tc-missing">—</span></td>"#,
            r#"<td class="tc-start">—</td>"#,
            r#"<td class="tc-duration">—</td>"#,
            r#"<td class="tc-rounds">—</td>"#,
            r#"<td class="tc-concerns"></td>"#,
            r#"<td class="tc-read">—</td>"#,
            r#"<td class="tc-recording-cell"><span class="tc-missing">—</span></td>"#,
            "</tr>"
        )
    );
}

#[test]
fn only_answered_calls_with_a_web_recording_get_a_play_button() {
    let unanswered = CallRecord {
        result_status: Some(CallResult::NoAnswer),
        ..record(1)
    };
    let script = CallRecord {
        full_audio_url: Some("javascript:alert(1)".into()),
        ..record(2)
    };
    let none = CallRecord {
        full_audio_url: None,
        ..record(3)
    };
    for call in [unanswered, script, none] {
        let html = rows(&[call], ZhCn, true);
        assert!(!html.contains("tc-play"), "{html}");
        assert!(html.contains(r#"<td class="tc-recording-cell"><span class="tc-missing">"#));
    }
    let html = rows(&[record(4), record(5)], ZhCn, true);
    assert_eq!(html.matches("tc-play").count(), 2);
    assert_eq!(html.matches("<tr ").count(), 2);
}

#[test]
fn text_from_the_api_never_becomes_markup() {
    let hostile = CallRecord {
        called_phone_number: Some("<b>1</b>".into()),
        intent_level: Some(IntentLevel::Other("\"><img src=x onerror=alert(1)>".into())),
        intent_level_name: None,
        customer_concern: vec!["<script>alert('x')</script>".into(), "a & b".into()],
        start_time: Some(ApiDateTime::parse("<i>soon</i>")),
        ..record(9)
    };
    let html = rows(&[hostile], ZhCn, false);
    for tag in ["<b>", "<img", "<script", "<i>"] {
        assert!(!html.contains(tag), "{tag} in {html}");
    }
    assert!(
        html.contains(r#"<td class="tc-phone">&lt;b&gt;1&lt;/b&gt;</td>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"data-code="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;""#),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"tc-chip\">&lt;script&gt;alert('x')&lt;/script&gt;</span><span class=\"tc-chip\">a &amp; b</span>"),
        "{html}"
    );
    assert!(html.contains("&lt;i&gt;soon&lt;/i&gt;"), "{html}");
}

#[test]
fn the_player_and_its_messages() {
    let html = player("https://rec.example.com/a.wav?x=1&y=\"2\"", ZhCn);
    assert_eq!(
        html,
        concat!(
            r#"<span class="tc-row-player">"#,
            r#"<audio class="tc-row-audio" controls="" autoplay="" preload="auto" src="https://rec.example.com/a.wav?x=1&amp;y=&quot;2&quot;"></audio>"#,
            r#"<button type="button" class="tc-link-button tc-stop">停止</button>"#,
            "</span>"
        )
    );
    assert!(player("https://r/a.wav", En).contains(">Stop</button>"));
    assert_eq!(
        load_failed(ZhCn),
        r#"<span class="tc-recording-failed" role="alert">录音无法加载</span>"#
    );
    assert_eq!(
        play_button_markup(En),
        r#"<button type="button" class="tc-link-button tc-play">▶ Play</button>"#
    );
}

#[test]
fn markup_escapes_every_value() {
    let mut html = Markup::default();
    html.element(
        "span",
        &[("title", "1 < 2 & 'x' \"y\"")],
        "</span><b> \"q\"",
    );
    assert_eq!(
        html.finish(),
        r#"<span title="1 &lt; 2 &amp; 'x' &quot;y&quot;">&lt;/span&gt;&lt;b&gt; "q"</span>"#
    );
}
