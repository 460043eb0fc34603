//! One page of the merged leads: time, customer, phone, job, intent, talk time, rounds,
//! concerns and the recording. A row opens its call; the call page's previous / next then
//! walk the whole leads list.

use crate::components::badge::intent_badge;
use crate::components::call_row::{playable, recording_cell};
use crate::components::row_link::open_row;
use crate::format;
use crate::hooks::row_keys::{use_row_keys, KeyRow};
use crate::i18n::Locale;
use crate::leads::Lead;
use crate::state::use_app;
use chrono::NaiveDateTime;
use leptos::prelude::*;

/// The columns' titles, in order (the table's head, and each cell's title on a phone's card).
fn column_titles(locale: Locale) -> [&'static str; 9] {
    [
        locale.pick("时间", "Time"),
        locale.pick("客户", "Customer"),
        locale.pick("电话号码", "Phone"),
        locale.pick("任务", "Job"),
        locale.pick("意向等级", "Intent level"),
        locale.pick("通话时长", "Duration"),
        locale.pick("通话轮次", "Rounds"),
        locale.pick("客户关注点", "Concerns"),
        locale.pick("录音", "Recording"),
    ]
}

/// The page's leads, keyed by call: while jobs are still being read, a newer lead joins the
/// page without the other rows being built again (a recording playing in one plays on, the
/// keys' selection stays on its call).
#[component]
pub fn LeadsTable(
    leads: Memo<Vec<Lead>>,
    /// Leads that started after this are new (the user's previous visit).
    new_after: Option<NaiveDateTime>,
    /// Whether phone numbers are masked.
    mask: bool,
    /// Runs before the user leaves for a call (to remember the list).
    on_open: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let titles = column_titles(app.locale());
    // One recording plays at a time.
    let playing = RwSignal::new(None::<i64>);
    let keys = Signal::derive(move || {
        leads.with(|leads| {
            leads
                .iter()
                .map(|lead| KeyRow {
                    id: lead.id,
                    playable: playable(&lead.call).is_some(),
                })
                .collect()
        })
    });
    let selected = use_row_keys(keys, playing, on_open);
    view! {
        <div class="tc-table-scroll">
            <table class="tc-table tc-leads-table">
                <thead><tr>{titles.map(|title| view! { <th>{title}</th> }).collect_view()}</tr></thead>
                <tbody>
                    <For each=move || leads.get() key=|lead| lead.id children=move |lead: Lead| {
                        let (id, new) = (lead.id, new_after.is_some_and(|visit| lead.started > visit));
                        let selected = Signal::derive(move || selected.get() == Some(id));
                        view! { <LeadRow lead new mask playing on_open selected/> }
                    }/>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn LeadRow(
    lead: Lead,
    new: bool,
    mask: bool,
    playing: RwSignal<Option<i64>>,
    on_open: Callback<()>,
    selected: Signal<bool>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let titles = column_titles(locale);
    let call = &lead.call;
    let route = format!("/calls/{}", lead.id);
    let customer = call
        .customer_person
        .as_ref()
        .and_then(|person| person.name.clone())
        .unwrap_or_else(|| format::MISSING.to_string());
    let phone = format::display_phone(call.called_phone_number.as_deref().unwrap_or(""), mask);
    let job = lead
        .job_name
        .as_deref()
        .map_or_else(|| format!("#{}", lead.job_id), str::to_string);
    let concerns = call
        .customer_concern
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| view! { <span class="tc-chip">{c.clone()}</span> })
        .collect_view();
    view! {
        <tr class="tc-row-link" class:tc-lead-new=new class:tc-selected=move || selected.get()
            aria-current=move || selected.get().then_some("true") data-call-id=lead.id.to_string()
            data-job-id=lead.job_id.to_string() on:click=open_row(Some(route.clone()), move || on_open.run(()))>
            <td class="tc-start" data-label=titles[0]>
                {new.then(|| view! { <span class="tc-badge tc-new">{app.t("新", "New")}</span> " " })}
                <a href=app.href(&route)>{format::date_time(call.start_time.as_ref())}</a>
            </td>
            <td class="tc-customer" data-label=titles[1]>{customer}</td>
            <td class="tc-phone" data-label=titles[2]>{phone}</td>
            <td class="tc-job" data-label=titles[3]>{job}</td>
            <td class="tc-intent" data-label=titles[4]>{intent_badge(call.intent_level.as_ref(), call.intent_level_name.as_deref(), locale)}</td>
            <td class="tc-duration" data-label=titles[5]>{format::duration(call.chat_duration)}</td>
            <td class="tc-rounds" data-label=titles[6]>{format::count(call.chat_round)}</td>
            <td class="tc-concerns" data-label=titles[7]>{concerns}</td>
            <td class="tc-recording-cell" data-label=titles[8]>{recording_cell(call, playing)}</td>
        </tr>
    }
}
