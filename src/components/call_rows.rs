//! The calls table's rows as HTML text: 100 rows are handed to the browser in one call
//! (see `crate::markup`), which is most of what a new page of calls costs to show.
//! The table (`call_table`) puts them in and handles their clicks.

use crate::api::enums::CallResult;
use crate::api::CallRecord;
use crate::components::audio_player::{media_url, MediaUrl};
use crate::components::badge::Badge;
use crate::format;
use crate::i18n::Locale;
use crate::markup::Markup;
use std::collections::HashMap;

/// What the rows show, besides the calls.
pub struct RowOptions<'a> {
    pub locale: Locale,
    /// Whether phone numbers are masked.
    pub mask: bool,
    /// The address of a route (the console may sit under a base path).
    pub href: &'a dyn Fn(&str) -> String,
}

/// The rows of some calls, and what their play buttons play.
pub struct Rows {
    /// The rows, in order, as HTML.
    pub html: String,
    /// The recording of each call whose row has a play button.
    pub recordings: HashMap<i64, String>,
}

/// The rows of these calls, in order.
pub fn rows_markup(records: &[CallRecord], options: &RowOptions) -> Rows {
    let mut html = Markup::with_capacity(records.len() * 900);
    let mut recordings = HashMap::new();
    for record in records {
        let recording = record.id.zip(playable(record));
        row(&mut html, record, recording.is_some(), options);
        recordings.extend(recording);
    }
    Rows {
        html: html.finish(),
        recordings,
    }
}

/// The recording address of a call that can be played in its row: an answered call with a
/// safe (`http:`/`https:`) recording.
fn playable(record: &CallRecord) -> Option<String> {
    if record.result_status != Some(CallResult::Answered) {
        return None;
    }
    match media_url(record.full_audio_url.as_deref()) {
        MediaUrl::Safe(src) => Some(src),
        _ => None,
    }
}

fn missing(html: &mut Markup) {
    html.element("span", &[("class", "tc-missing")], format::MISSING);
}

fn badge(html: &mut Markup, badge: Option<Badge>) {
    match badge {
        // The whole text on hover: a long unknown value is cut short in the badge.
        Some(badge) => {
            let class = badge.class();
            let attributes = [
                ("class", class.as_str()),
                ("data-code", badge.code.as_str()),
                ("title", badge.label.as_str()),
            ];
            html.element("span", &attributes, &badge.label);
        }
        None => missing(html),
    }
}

fn cell(html: &mut Markup, class: &str, text: &str) {
    html.element("td", &[("class", class)], text);
}

/// One call's row; `playable`: it gets a play button.
fn row(html: &mut Markup, record: &CallRecord, playable: bool, options: &RowOptions) {
    let locale = options.locale;
    let id = record.id.map(|id| id.to_string());
    match &id {
        Some(id) => html.open("tr", &[("class", "tc-row-link"), ("data-call-id", id)]),
        None => html.open("tr", &[("class", "tc-row-link")]),
    };

    html.open("td", &[("class", "tc-call-id")]);
    match &id {
        Some(id) => {
            let href = (options.href)(&format!("/calls/{id}"));
            html.element("a", &[("href", &href)], id);
        }
        None => missing(html),
    }
    html.close("td");

    let phone = record.called_phone_number.as_deref().unwrap_or("");
    cell(
        html,
        "tc-phone",
        &format::display_phone(phone, options.mask),
    );

    html.open("td", &[("class", "tc-result")]);
    let result = record.result_status.as_ref();
    badge(html, result.map(|r| Badge::call_result(r, locale)));
    html.close("td");

    html.open("td", &[("class", "tc-intent")]);
    let name = record.intent_level_name.as_deref();
    let intent = record.intent_level.as_ref();
    badge(html, intent.map(|l| Badge::intent(l, name, locale)));
    html.close("td");

    cell(
        html,
        "tc-start",
        &format::date_time(record.start_time.as_ref()),
    );
    cell(html, "tc-duration", &format::duration(record.chat_duration));
    cell(html, "tc-rounds", &format::count(record.chat_round));

    html.open("td", &[("class", "tc-concerns")]);
    for concern in record
        .customer_concern
        .iter()
        .filter(|c| !c.trim().is_empty())
    {
        html.element("span", &[("class", "tc-chip")], concern);
    }
    html.close("td");

    let read = record.read_status.as_ref().map(|r| r.label(locale));
    cell(html, "tc-read", read.as_deref().unwrap_or(format::MISSING));

    html.open("td", &[("class", "tc-recording-cell")]);
    if playable {
        play_button(html, locale);
    } else {
        missing(html);
    }
    html.close("td");
    html.close("tr");
}

/// A row's play button.
pub fn play_button(html: &mut Markup, locale: Locale) {
    let attributes = [("type", "button"), ("class", "tc-link-button tc-play")];
    html.element("button", &attributes, locale.pick("▶ 播放", "▶ Play"));
}

/// A row's player: the recording (playing) and a stop button.
pub fn player(src: &str, locale: Locale) -> String {
    let mut html = Markup::with_capacity(400);
    html.open("span", &[("class", "tc-row-player")]);
    let audio = [
        ("class", "tc-row-audio"),
        ("controls", ""),
        ("autoplay", ""),
        ("preload", "auto"),
        ("src", src),
    ];
    html.open("audio", &audio).close("audio");
    let stop = [("type", "button"), ("class", "tc-link-button tc-stop")];
    html.element("button", &stop, locale.pick("停止", "Stop"));
    html.close("span");
    html.finish()
}

/// What a player shows beside the recording once it failed to load.
pub fn load_failed(locale: Locale) -> String {
    let mut html = Markup::with_capacity(100);
    let attributes = [("class", "tc-recording-failed"), ("role", "alert")];
    html.element(
        "span",
        &attributes,
        locale.pick("录音无法加载", "Could not load"),
    );
    html.finish()
}

/// A row's play button, as HTML.
pub fn play_button_markup(locale: Locale) -> String {
    let mut html = Markup::with_capacity(100);
    play_button(&mut html, locale);
    html.finish()
}
