//! One page of the merged leads: time, customer, phone, job, intent, talk time, rounds,
//! concerns and the recording. A row opens its call; the call page's previous / next then
//! walk the whole leads list.

use crate::components::badge::intent_badge;
use crate::components::call_row::{playable, recording_cell};
use crate::components::row_link::open_row;
use crate::format;
use crate::hooks::row_keys::{use_row_keys, KeyRow};
use crate::leads::Lead;
use crate::state::use_app;
use chrono::NaiveDateTime;
use leptos::prelude::*;

#[component]
pub fn LeadsTable(
    leads: Vec<Lead>,
    /// Leads that started after this are new (the user's previous visit).
    new_after: Option<NaiveDateTime>,
    /// Whether phone numbers are masked.
    mask: bool,
    /// Runs before the user leaves for a call (to remember the list).
    on_open: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let titles = [
        app.t("时间", "Time"),
        app.t("客户", "Customer"),
        app.t("电话号码", "Phone"),
        app.t("任务", "Job"),
        app.t("意向等级", "Intent level"),
        app.t("通话时长", "Duration"),
        app.t("通话轮次", "Rounds"),
        app.t("客户关注点", "Concerns"),
        app.t("录音", "Recording"),
    ];
    // One recording plays at a time.
    let playing = RwSignal::new(None::<i64>);
    let keys: Vec<KeyRow> = leads
        .iter()
        .map(|lead| KeyRow {
            id: lead.id,
            playable: playable(&lead.call).is_some(),
        })
        .collect();
    let selected = use_row_keys(keys, playing, on_open);
    view! {
        <div class="tc-table-scroll">
            <table class="tc-table tc-leads-table">
                <thead><tr>{titles.map(|title| view! { <th>{title}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {leads.into_iter().enumerate().map(|(index, lead)| {
                        let new = new_after.is_some_and(|visit| lead.started > visit);
                        let selected = Signal::derive(move || selected.get() == Some(index));
                        view! { <LeadRow lead new mask playing on_open selected/> }
                    }).collect_view()}
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
            <td class="tc-start">
                {new.then(|| view! { <span class="tc-badge tc-new">{app.t("新", "New")}</span> " " })}
                <a href=app.href(&route)>{format::date_time(call.start_time.as_ref())}</a>
            </td>
            <td class="tc-customer">{customer}</td>
            <td class="tc-phone">{phone}</td>
            <td class="tc-job">{job}</td>
            <td class="tc-intent">{intent_badge(call.intent_level.as_ref(), call.intent_level_name.as_deref(), locale)}</td>
            <td class="tc-duration">{format::duration(call.chat_duration)}</td>
            <td class="tc-rounds">{format::count(call.chat_round)}</td>
            <td class="tc-concerns">{concerns}</td>
            <td class="tc-recording-cell">{recording_cell(call, playing)}</td>
        </tr>
    }
}
