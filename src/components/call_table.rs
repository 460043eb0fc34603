//! The table of a job's calls: one row per call, a link to the call, an inline player for
//! answered calls with a recording.
//!
//! The rows are static HTML written in one go (`call_rows`); one set of listeners on the
//! table body opens calls and plays recordings, and the player is put into its row by hand.

use crate::api::CallRecord;
use crate::components::call_rows::{
    load_failed, play_button_markup, player, rows_markup, RowOptions,
};
use crate::i18n::Locale;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

/// What a click in a row landed on.
enum ClickTarget {
    /// A row's play button.
    Play,
    /// A player's stop button.
    Stop,
    /// A link: it navigates by itself.
    Link,
    /// Another control (the player): not a navigation.
    Control,
    /// The row itself.
    Row,
}

fn click_target(element: Option<&web_sys::Element>) -> ClickTarget {
    let inside = |selector: &str| {
        element
            .and_then(|e| e.closest(selector).ok().flatten())
            .is_some()
    };
    if inside(".tc-play") {
        ClickTarget::Play
    } else if inside(".tc-stop") {
        ClickTarget::Stop
    } else if inside("a") {
        ClickTarget::Link
    } else if inside("button, audio, input, select") {
        ClickTarget::Control
    } else {
        ClickTarget::Row
    }
}

fn event_element(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// Replaces what a call's recording cell holds.
fn set_recording_cell(body: &web_sys::Element, id: i64, html: &str) {
    let selector = format!("tr[data-call-id=\"{id}\"] .tc-recording-cell");
    if let Ok(Some(cell)) = body.query_selector(&selector) {
        cell.set_inner_html(html);
    }
}

/// The table body an event was heard on.
fn listening_body(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

#[component]
pub fn CallTable(
    records: Vec<CallRecord>,
    locale: Locale,
    /// Whether phone numbers are masked.
    mask: bool,
    /// Called before the user leaves for a call (to remember the list).
    on_open: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let href = move |route: &str| app.href(route);
    let rows = rows_markup(
        &records,
        &RowOptions {
            locale,
            mask,
            href: &href,
        },
    );
    let recordings = rows.recordings;
    // The call whose recording is playing: one at a time, none in a new table.
    let playing = StoredValue::new(None::<i64>);
    // Moves the player; the row it leaves gets its play button back.
    let play = move |body: &web_sys::Element, next: Option<(i64, &str)>| {
        if let Some(id) = playing.get_value() {
            set_recording_cell(body, id, &play_button_markup(locale));
        }
        if let Some((id, src)) = next {
            set_recording_cell(body, id, &player(src, locale));
        }
        playing.set_value(next.map(|(id, _)| id));
    };

    // One listener for the whole table rather than one per row.
    let click = move |ev: leptos::ev::MouseEvent| {
        let element = event_element(&ev);
        let id = element
            .as_ref()
            .and_then(|e| e.closest("tr[data-call-id]").ok().flatten())
            .and_then(|row| row.get_attribute("data-call-id"));
        let (Some(id), Some(body)) = (id, listening_body(&ev)) else {
            return;
        };
        match click_target(element.as_ref()) {
            ClickTarget::Play => {
                let call = id.parse::<i64>().ok();
                let src = call.and_then(|call| recordings.get(&call));
                if let (Some(call), Some(src)) = (call, src) {
                    play(&body, Some((call, src)));
                }
            }
            ClickTarget::Stop => play(&body, None),
            ClickTarget::Control => {}
            ClickTarget::Link => on_open.run(()),
            ClickTarget::Row => {
                on_open.run(());
                navigate(&format!("/calls/{id}"), Default::default());
            }
        }
    };
    // Media events do not bubble: the table body hears them while they travel down.
    let ended = move |ev: web_sys::Event| {
        if let Some(body) = listening_body(&ev) {
            play(&body, None);
        }
    };
    let failed = move |ev: leptos::ev::ErrorEvent| {
        let player = event_element(&ev)
            .filter(|e| e.matches("audio.tc-row-audio").unwrap_or(false))
            .and_then(|audio| audio.parent_element());
        if let Some(player) = player {
            if let Ok(None) = player.query_selector(".tc-recording-failed") {
                let _ = player.insert_adjacent_html("beforeend", &load_failed(locale));
            }
        }
    };

    view! {
        <div class="tc-table-scroll">
            <table class="tc-table tc-calls-table">
                <thead>
                    <tr>
                        <th>{locale.pick("通话ID", "Call ID")}</th>
                        <th>{locale.pick("电话号码", "Phone")}</th>
                        <th>{locale.pick("通话结果", "Result")}</th>
                        <th>{locale.pick("意向等级", "Intent level")}</th>
                        <th>{locale.pick("开始时间", "Started")}</th>
                        <th>{locale.pick("通话时长", "Duration")}</th>
                        <th>{locale.pick("轮次", "Rounds")}</th>
                        <th>{locale.pick("客户关注点", "Concerns")}</th>
                        <th>{locale.pick("已读", "Read")}</th>
                        <th>{locale.pick("录音", "Recording")}</th>
                    </tr>
                </thead>
                <tbody inner_html=rows.html on:click=click
                    on:ended:capture=ended on:error:capture=failed></tbody>
            </table>
        </div>
    }
}
