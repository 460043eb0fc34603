//! `/leads`: every interested customer across jobs in one list, newest first, read from each
//! job's calls with the filters (the API has no query across jobs). Rows appear as jobs
//! answer; a failed job can be asked again; the whole list exports as CSV. Leads that came
//! in since the user's previous visit are marked new, and the header says how many.

mod export;
mod filters;
mod reading;
mod table;

use crate::api::time::{date_time_text, parse_date_time};
use crate::api::Precision;
use crate::components::call_filters::today;
use crate::components::call_nav::{save_call_list, CallList};
use crate::components::error_panel::ErrorPanel;
use crate::components::pagination::Pagination;
use crate::i18n::Locale;
use crate::leads::{LeadsQuery, Phase, Reading, MATCH_LIMIT, ROWS_PER_PAGE};
use crate::pages::routes;
use crate::perf;
use crate::state::{storage, use_app};
use chrono::{Local, NaiveDateTime};
use export::LeadsExport;
use filters::LeadsFilters;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use reading::{use_leads, LeadsReading};
use table::LeadsTable;

/// The previous visit to this list in this browser (`None` the first time), and this visit
/// kept as the next one's. Back from one of its calls it is the same visit: the previous one
/// kept when the call opened ([`keep_visit`]).
fn previous_visit() -> Option<NaiveDateTime> {
    let parse = |text: &str| parse_date_time(text).map(|(visit, _)| visit);
    let previous = match storage::LEADS_PREVIOUS_VISIT.load() {
        Some(kept) => {
            storage::LEADS_PREVIOUS_VISIT.remove();
            parse(&kept)
        }
        None => storage::LEADS_VISIT.load().and_then(|text| parse(&text)),
    };
    storage::LEADS_VISIT.save(&date_time_text(
        Local::now().naive_local(),
        Precision::Second,
    ));
    previous
}

/// A lead's call opens: the visit goes on when the user comes back to the list.
fn keep_visit(previous: Option<NaiveDateTime>) {
    let kept = previous.map(|p| date_time_text(p, Precision::Second));
    storage::LEADS_PREVIOUS_VISIT.save(kept.as_deref().unwrap_or(""));
}

/// "23 / 40 个任务已回复，已找到 812 个意向客户".
fn progress_text(reading: &Reading, locale: Locale) -> String {
    let (answered, jobs) = reading.jobs_answered();
    let leads = reading.merged.len();
    match (reading.phase, locale) {
        (Phase::Listing, Locale::ZhCn) => "正在获取任务列表…".into(),
        (Phase::Listing, Locale::En) => "Getting the jobs…".into(),
        (Phase::Reading, Locale::ZhCn) => {
            format!("{answered} / {jobs} 个任务已读完，已找到 {leads} 个意向客户")
        }
        (Phase::Reading, Locale::En) => {
            format!("{answered} of {jobs} jobs, {leads} leads so far")
        }
        (Phase::Stopped, Locale::ZhCn) => {
            format!("已停止：{answered} / {jobs} 个任务，{leads} 个意向客户")
        }
        (Phase::Stopped, Locale::En) => {
            format!("Stopped: {answered} of {jobs} jobs, {leads} leads")
        }
        (Phase::Finished | Phase::OverLimit, Locale::ZhCn) => {
            format!("共 {leads} 个意向客户（{jobs} 个任务）")
        }
        (Phase::Finished | Phase::OverLimit, Locale::En) => {
            format!("{leads} leads from {jobs} jobs")
        }
    }
}

/// What the list says above the limit.
fn over_limit_text(matching: u64, locale: Locale) -> String {
    match locale {
        Locale::ZhCn => format!(
            "符合条件的通话有 {matching} 条，超过 {MATCH_LIMIT} 条，只读取了每个任务的第一页。请缩小日期范围、意向等级、通话结果或任务后再查。"
        ),
        Locale::En => format!(
            "{matching} calls match, over {MATCH_LIMIT}: only each job's first page was read. Narrow the dates, intent levels, results or jobs."
        ),
    }
}

#[component]
pub fn LeadsPage() -> impl IntoView {
    let app = use_app();
    let location = use_location();
    let query = Memo::new(move |_| LeadsQuery::from_url(&location.search.get(), today()));
    let navigate = use_navigate();
    let show = Callback::new(move |next: LeadsQuery| {
        navigate(
            &routes::leads(&next.to_url(today())),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });
    let leads = use_leads(query);
    let new_after = previous_visit();
    // The header's count of new leads follows the list as it grows.
    Effect::new(move |_| {
        let new = leads.with(|reading| {
            new_after.map(|visit| {
                // The merged leads are newest first: the new ones lead the list.
                reading
                    .merged
                    .iter()
                    .take_while(|lead| lead.started > visit)
                    .count()
            })
        });
        app.new_leads.set(new);
    });
    // The benchmark's mark (only a build with the feature bench sets it): every job read.
    perf::mark_when_painted(perf::LEADS_PAINTED, move || {
        leads.with(|reading| reading.phase == Phase::Finished)
    });
    let mask = app.config_untracked().mask_phone_numbers;
    let remember = Callback::new(move |_: ()| {
        let url = query.get_untracked().to_url(today());
        let ids = leads.with_untracked(|reading| reading.merged.ids());
        save_call_list(&CallList::leads(url, ids));
        keep_visit(new_after);
    });
    // The picker's jobs: a memo, so a frame of new leads does not draw the picker again.
    let candidates = Memo::new(move |_| leads.with(|reading| reading.candidates.clone()));
    let page = Memo::new(move |_| query.get().page);
    let rows = Memo::new(move |_| {
        let page = page.get();
        leads.with(|reading| reading.merged.page(page, ROWS_PER_PAGE))
    });
    view! {
        <section class="tc-page tc-leads">
            <h1>{app.t("意向客户", "Leads")}</h1>
            <LeadsFilters query on_change=show candidates/>
            <Status leads/>
            {move || leads.with(|reading| reading.failed.clone()).map(|error| view! {
                <ErrorPanel error retry=Callback::new(move |_: ()| leads.restart())/>
            })}
            <Failures leads/>
            <div class="tc-toolbar">
                <LeadsExport leads/>
            </div>
            <Show when=move || rows.with(|rows| !rows.is_empty()) fallback=move || {
                let finished = move || leads.with(|r| matches!(r.phase, Phase::Finished | Phase::OverLimit | Phase::Stopped));
                move || finished().then(|| view! {
                    <p class="tc-empty">{app.t("没有符合条件的意向客户", "No leads match")}</p>
                })
            }>
                <LeadsTable leads=rows new_after mask on_open=remember/>
            </Show>
            <Pagination
                current=Signal::derive(move || page.get())
                total_pages=Signal::derive(move || leads.with(|r| r.merged.pages(ROWS_PER_PAGE)))
                total_rows=Signal::derive(move || leads.with(|r| r.merged.len() as u64))
                on_page=Callback::new(move |p: u32| {
                    let mut next = query.get_untracked();
                    next.page = p;
                    show.run(next);
                })/>
        </section>
    }
}

/// How far the reading is, with a stop button while it runs (and a restart once stopped),
/// or the limit's message.
#[component]
fn Status(leads: LeadsReading) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let stop = app.t("停止", "Stop");
    let again = app.t("重新读取", "Read again");
    // The buttons follow the phase only: every frame of new leads changes the text, and a
    // button drawn again between a press and its release would lose the click.
    let phase = Memo::new(move |_| leads.with(|r| r.phase));
    view! {
        <div class="tc-leads-status" role="status">
            <span class="tc-leads-progress" data-phase=move || phase.get().code()>
                {move || leads.with(|r| progress_text(r, locale))}
            </span>
            {move || matches!(phase.get(), Phase::Listing | Phase::Reading).then(|| view! {
                <button type="button" class="tc-button tc-button-plain tc-leads-stop" on:click=move |_| leads.stop()>{stop}</button>
            })}
            {move || (phase.get() == Phase::Stopped).then(|| view! {
                <button type="button" class="tc-button tc-button-plain tc-leads-again" on:click=move |_| leads.restart()>{again}</button>
            })}
            {move || (phase.get() == Phase::OverLimit).then(|| view! {
                <p class="tc-leads-over-limit" role="alert">
                    {move || over_limit_text(leads.with(|r| r.matching()).unwrap_or(0), locale)}
                </p>
            })}
        </div>
    }
}

/// The jobs whose reading failed, each with why and a retry; the other jobs' rows stay.
#[component]
fn Failures(leads: LeadsReading) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let retry = app.t("重试", "Retry");
    // Drawn again only when the failures change, not with every frame of new leads.
    let failures = Memo::new(move |_| {
        leads.with(|r| {
            r.failures()
                .into_iter()
                .map(|(job, error)| {
                    let name = job
                        .name
                        .as_deref()
                        .map_or_else(|| format!("#{}", job.id), str::to_string);
                    (job.id, name, error.message(locale))
                })
                .collect::<Vec<(i64, String, String)>>()
        })
    });
    move || {
        let failures = failures.get();
        (!failures.is_empty()).then(|| view! {
            <section class="tc-card tc-leads-failures" role="alert">
                <h2>{app.t("读取失败的任务", "Jobs that could not be read")}</h2>
                <ul>
                    {failures.into_iter().map(|(id, name, message)| view! {
                        <li data-job-id=id.to_string()>
                            <span class="tc-job">{name}</span> "：" <span class="tc-error-message">{message}</span> " "
                            <button type="button" class="tc-button tc-button-plain tc-leads-retry" on:click=move |_| leads.retry(id)>{retry}</button>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
