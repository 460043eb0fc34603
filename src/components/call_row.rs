//! One call in the calls table: its cells, a link to the call, and for an answered call with a
//! recording a play button, or the player while it plays.

use crate::api::enums::CallResult;
use crate::api::CallRecord;
use crate::components::audio_player::{media_url, MediaUrl, RowPlayer};
use crate::components::badge::{call_result_badge, intent_badge};
use crate::components::call_columns::CallColumn;
use crate::components::row_link::open_row;
use crate::format;
use crate::state::use_app;
use leptos::prelude::*;

/// The recording address of a call that can be played in its row: an answered call with a
/// safe (`http:`/`https:`) recording.
pub fn playable(record: &CallRecord) -> Option<String> {
    if record.result_status != Some(CallResult::Answered) {
        return None;
    }
    match media_url(record.full_audio_url.as_deref()) {
        MediaUrl::Safe(src) => Some(src),
        _ => None,
    }
}

/// A row's recording: a play button for a playable call, the player while it plays (one row
/// of the table at a time, `playing`), else —.
pub fn recording_cell(record: &CallRecord, playing: RwSignal<Option<i64>>) -> AnyView {
    match (record.id, playable(record)) {
        (Some(id), Some(src)) => {
            let stop = Callback::new(move |()| playing.set(None));
            let play_label = use_app().t("▶ 播放", "▶ Play");
            (move || match playing.get() == Some(id) {
                true => view! { <RowPlayer src=src.clone() stop/> }.into_any(),
                false => view! {
                    <button type="button" class="tc-link-button tc-play"
                        on:click=move |_| playing.set(Some(id))>{play_label}</button>
                }
                .into_any(),
            })
            .into_any()
        }
        _ => missing(),
    }
}

fn missing() -> AnyView {
    view! { <span class="tc-missing">{format::MISSING}</span> }.into_any()
}

/// A row of the calls table. `playing` is the table's: the call whose recording plays.
#[component]
pub fn CallRow(
    record: CallRecord,
    /// Whether phone numbers are masked.
    mask: bool,
    playing: RwSignal<Option<i64>>,
    /// Runs before the user leaves for the call (to remember the list).
    on_open: Callback<()>,
    /// Whether the keys have selected this row.
    #[prop(optional, into)]
    selected: Signal<bool>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let id = record.id;
    let route = id.map(|id| format!("/calls/{id}"));
    let link = match (id, &route) {
        (Some(id), Some(route)) => view! { <a href=app.href(route)>{id}</a> }.into_any(),
        _ => missing(),
    };
    let phone = format::display_phone(record.called_phone_number.as_deref().unwrap_or(""), mask);
    let intent = intent_badge(
        record.intent_level.as_ref(),
        record.intent_level_name.as_deref(),
        locale,
    );
    let concerns = record
        .customer_concern
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| view! { <span class="tc-chip">{c.clone()}</span> })
        .collect_view();
    let read = record
        .read_status
        .as_ref()
        .map(|r| r.label(locale).into_owned());
    let recording = recording_cell(&record, playing);
    // Each cell's column title, shown on a phone's card.
    let title = move |column: CallColumn| column.title(locale);
    view! {
        <tr class="tc-row-link" class:tc-selected=move || selected.get()
            aria-current=move || selected.get().then_some("true") data-call-id=id.map(|id| id.to_string())
            on:click=open_row(route, move || on_open.run(()))>
            <td class="tc-call-id" data-label=title(CallColumn::Id)>{link}</td>
            <td class="tc-phone" data-label=title(CallColumn::Phone)>{phone}</td>
            <td class="tc-result" data-label=title(CallColumn::Result)>{call_result_badge(record.result_status.as_ref(), locale)}</td>
            <td class="tc-intent" data-label=title(CallColumn::Intent)>{intent}</td>
            <td class="tc-start" data-label=title(CallColumn::Started)>{format::date_time(record.start_time.as_ref())}</td>
            <td class="tc-duration" data-label=title(CallColumn::Duration)>{format::duration(record.chat_duration)}</td>
            <td class="tc-rounds" data-label=title(CallColumn::Rounds)>{format::count(record.chat_round)}</td>
            <td class="tc-concerns" data-label=title(CallColumn::Concerns)>{concerns}</td>
            <td class="tc-read" data-label=title(CallColumn::Read)>{read.unwrap_or_else(|| format::MISSING.to_string())}</td>
            <td class="tc-recording-cell" data-label=title(CallColumn::Recording)>{recording}</td>
        </tr>
    }
}
