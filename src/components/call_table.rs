//! The table of a job's calls: one row per call, a link to the call, an inline player for
//! answered calls with a recording.

use crate::api::enums::CallResult;
use crate::api::CallRecord;
use crate::components::audio_player::{media_url, MediaUrl, RowPlayer};
use crate::components::badge::{call_result_badge, intent_badge};
use crate::format;
use crate::i18n::Locale;
use crate::state::{use_app, AppState};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

/// What a click in a row landed on.
enum ClickTarget {
    /// A link: it navigates by itself.
    Link,
    /// A control (play, stop, the player): not a navigation.
    Control,
    /// The row itself.
    Row,
}

fn click_target(ev: &leptos::ev::MouseEvent) -> ClickTarget {
    let element = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let inside = |selector: &str| {
        element
            .as_ref()
            .and_then(|e| e.closest(selector).ok().flatten())
            .is_some()
    };
    if inside("a") {
        ClickTarget::Link
    } else if inside("button, audio, input, select") {
        ClickTarget::Control
    } else {
        ClickTarget::Row
    }
}

#[component]
pub fn CallTable(
    records: Vec<CallRecord>,
    locale: Locale,
    /// Whether phone numbers are masked.
    mask: bool,
    /// The call whose recording is playing (one at a time).
    playing: RwSignal<Option<i64>>,
    /// Called before the user leaves for a call (to remember the list).
    on_open: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    // One listener for the whole table rather than one per row: rows stay plain elements.
    let open = move |ev: leptos::ev::MouseEvent| {
        let row = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("tr[data-call-id]").ok().flatten());
        let Some(id) = row.and_then(|r| r.get_attribute("data-call-id")) else {
            return;
        };
        match click_target(&ev) {
            ClickTarget::Control => {}
            ClickTarget::Link => on_open.run(()),
            ClickTarget::Row => {
                on_open.run(());
                navigate(&format!("/calls/{id}"), Default::default());
            }
        }
    };
    let rows = records
        .into_iter()
        .map(|record| call_row(app, record, locale, mask, playing))
        .collect_view();
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
                <tbody on:click=open>{rows}</tbody>
            </table>
        </div>
    }
}

/// One call's row: plain elements (a plain link, which the router turns into a client-side
/// navigation); only an answered call's player is reactive.
fn call_row(
    app: AppState,
    record: CallRecord,
    locale: Locale,
    mask: bool,
    playing: RwSignal<Option<i64>>,
) -> impl IntoView {
    let id_cell = match record.id {
        Some(id) => {
            view! { <a href=app.href(&format!("/calls/{id}"))>{id.to_string()}</a> }.into_any()
        }
        None => view! { <span class="tc-missing">{format::MISSING}</span> }.into_any(),
    };
    let answered = record.result_status == Some(CallResult::Answered);
    let recording = match (record.id, media_url(record.full_audio_url.as_deref())) {
        (Some(id), MediaUrl::Safe(src)) if answered => {
            view! { <RowPlayer id src playing/> }.into_any()
        }
        _ => view! { <span class="tc-missing">{format::MISSING}</span> }.into_any(),
    };
    let concerns = record
        .customer_concern
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| view! { <span class="tc-chip">{c.clone()}</span> })
        .collect_view();
    let read = record.read_status.as_ref().map_or_else(
        || format::MISSING.to_string(),
        |r| r.label(locale).into_owned(),
    );
    view! {
        <tr class="tc-row-link" data-call-id=record.id.map(|id| id.to_string())>
            <td class="tc-call-id">{id_cell}</td>
            <td class="tc-phone">{format::display_phone(record.called_phone_number.as_deref().unwrap_or(""), mask)}</td>
            <td class="tc-result">{call_result_badge(record.result_status.as_ref(), locale)}</td>
            <td class="tc-intent">{intent_badge(record.intent_level.as_ref(), record.intent_level_name.as_deref(), locale)}</td>
            <td class="tc-start">{format::date_time(record.start_time.as_ref())}</td>
            <td class="tc-duration">{format::duration(record.chat_duration)}</td>
            <td class="tc-rounds">{format::count(record.chat_round)}</td>
            <td class="tc-concerns">{concerns}</td>
            <td class="tc-read">{read}</td>
            <td class="tc-recording-cell">{recording}</td>
        </tr>
    }
}
