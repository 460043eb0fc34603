//! The running and waiting jobs with today's figures; a row opens its job, today's leads open
//! its calls of intent A + B today. A job whose figures could not be had says why in its row.

use super::links::leads_route;
use crate::components::badge::job_status_badge;
use crate::components::progress::JobProgress;
use crate::components::row_link::open_row;
use crate::format;
use crate::overview::snapshot::{JobLine, Snapshot};
use crate::pages::routes;
use crate::state::use_app;
use leptos::prelude::*;
use std::sync::Arc;

/// The table of the refresh on screen (`shown`). Rows are keyed by job and their cells follow
/// their job's figures, so a refresh redraws only what changed and the focus stays where it
/// was.
#[component]
pub fn JobTable(shown: Memo<Option<Arc<Snapshot>>>) -> impl IntoView {
    let app = use_app();
    let ids = Memo::new(move |_| {
        shown.with(|s| {
            s.as_deref()
                .map(|s| s.lines.iter().map(|line| line.id).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let today = Memo::new(move |_| shown.with(|s| s.as_deref().map(|s| s.today)));
    let titles = column_titles(app);
    let empty = app.t("没有运行中或等待中的任务", "No job is running or waiting");
    move || {
        if ids.with(Vec::is_empty) {
            return view! { <p class="tc-empty">{empty}</p> }.into_any();
        }
        view! {
            <table class="tc-table tc-overview-jobs">
                <thead><tr>{titles.map(|title| view! { <th>{title}</th> }).collect_view()}</tr></thead>
                <tbody>
                    <For each=move || ids.get() key=|id| *id let:id>
                        <JobRow id today line=Memo::new(move |_| {
                            shown.with(|s| s.as_deref().and_then(|s| s.lines.iter().find(|line| line.id == id).cloned()))
                        })/>
                    </For>
                </tbody>
            </table>
        }
        .into_any()
    }
}

/// The columns' titles; each cell also carries its own (`data-label`), which narrow screens
/// show beside the value when a row becomes a card.
fn column_titles(app: crate::state::AppState) -> [&'static str; 6] {
    [
        app.t("任务名称", "Name"),
        app.t("状态", "Status"),
        app.t("进度", "Progress"),
        app.t("今日外呼", "Calls today"),
        app.t("今日接听率 / 总体", "Answer rate today / overall"),
        app.t("今日意向客户", "Leads today"),
    ]
}

#[component]
fn JobRow(
    id: i64,
    today: Memo<Option<chrono::NaiveDate>>,
    /// The job's line of the refresh on screen.
    line: Memo<Option<JobLine>>,
) -> impl IntoView {
    let app = use_app();
    let [_, status, progress, calls, rate, leads_title] = column_titles(app);
    let locale = app.locale();
    let page_size = app.config_untracked().page_size;
    let route = routes::job(id);
    let name = move || {
        line.with(|line| line.as_ref().and_then(|l| l.summary.name.clone()))
            .unwrap_or_else(|| format!("#{id}"))
    };
    let report = move || line.with(|line| line.as_ref().and_then(|l| l.report.clone().ok()));
    let failed =
        Memo::new(move |_| line.with(|line| line.as_ref().is_some_and(|l| l.report.is_err())));
    let summary = move || {
        line.with(|line| line.as_ref().map(|l| l.summary.clone()))
            .unwrap_or_default()
    };
    // The figures' cells stay while the job keeps its figures; their texts follow them.
    let figures = move || {
        if failed.get() {
            let error = line.with(|line| line.as_ref().and_then(|l| l.report.clone().err()));
            let request_id = error
                .as_ref()
                .and_then(|error| error.request_id())
                .map(|rid| format!("{}: {rid}", app.t("请求 ID", "Request ID")));
            return view! {
                <td colspan="3" class="tc-row-error" role="alert">
                    {error.map(|error| error.message(locale))}
                    {request_id.map(|rid| view! { " " <code class="tc-request-id">{rid}</code> })}
                </td>
            }
            .into_any();
        }
        let calls_text = move || {
            report()
                .map(|r| r.today.calls.to_string())
                .unwrap_or_default()
        };
        let rate_text = move || {
            report()
                .map(|r| {
                    let today = (r.today.calls > 0)
                        .then(|| r.today.answered as f64 * 100.0 / r.today.calls as f64);
                    format!(
                        "{} / {}",
                        format::percent(today),
                        format::percent(r.overall_answer_percent)
                    )
                })
                .unwrap_or_default()
        };
        let leads_text = move || {
            report()
                .map(|r| r.leads_today.to_string())
                .unwrap_or_default()
        };
        let leads_href = move || {
            today
                .get()
                .map(|day| app.href(&leads_route(id, day, page_size)))
        };
        view! {
            <td class="tc-num" data-figure="calls" data-label=calls>{calls_text}</td>
            <td class="tc-num" data-figure="answer-rate" data-label=rate>{rate_text}</td>
            <td class="tc-num" data-figure="leads" data-label=leads_title>
                <a href=leads_href>{leads_text}</a>
            </td>
        }
        .into_any()
    };
    let href = app.href(&route);
    let open = open_row(Some(route), || {});
    view! {
        <tr class="tc-row-link" data-job-id=id.to_string() class:tc-row-failed=move || failed.get() on:click=open>
            <td class="tc-job-name-cell"><a href=href>{name}</a></td>
            <td class="tc-status" data-label=status>
                {move || job_status_badge(summary().status.as_ref(), locale)}
            </td>
            <td class="tc-progress-cell" data-label=progress>
                {move || {
                    let summary = summary();
                    view! { <JobProgress completed=summary.completed_task total=summary.task_call_total/> }
                }}
            </td>
            {figures}
        </tr>
    }
}
