//! The running and waiting jobs with today's figures; a row opens its job, today's leads open
//! its calls of intent A + B today. A job whose figures could not be had says why in its row.

use super::links::{job_route, leads_route};
use crate::components::badge::job_status_badge;
use crate::components::progress::JobProgress;
use crate::components::row_link::open_row;
use crate::format;
use crate::overview::snapshot::{JobLine, Snapshot};
use crate::state::use_app;
use leptos::prelude::*;
use std::sync::Arc;

fn count(value: u64) -> String {
    format::count(i64::try_from(value).ok())
}

#[component]
pub fn JobTable(snapshot: Arc<Snapshot>) -> impl IntoView {
    let app = use_app();
    if snapshot.lines.is_empty() {
        return view! {
            <p class="tc-empty">{app.t("没有运行中或等待中的任务", "No job is running or waiting")}</p>
        }
        .into_any();
    }
    let titles = column_titles(app);
    let rows = snapshot
        .lines
        .iter()
        .map(|line| view! { <JobRow line=line.clone() today=snapshot.today/> })
        .collect_view();
    view! {
        <table class="tc-table tc-overview-jobs">
            <thead><tr>{titles.map(|title| view! { <th>{title}</th> }).collect_view()}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
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
fn JobRow(line: JobLine, today: chrono::NaiveDate) -> impl IntoView {
    let app = use_app();
    let [_, status, progress, calls, rate, leads_title] = column_titles(app);
    let locale = app.locale();
    let route = job_route(line.id);
    let name = line
        .summary
        .name
        .clone()
        .unwrap_or_else(|| format!("#{}", line.id));
    let figures = match &line.report {
        Ok(report) => {
            let rate_today = (report.today.calls > 0)
                .then(|| report.today.answered as f64 * 100.0 / report.today.calls as f64);
            let leads = count(report.leads_today);
            let leads_href = app.href(&leads_route(
                line.id,
                today,
                app.config_untracked().page_size,
            ));
            view! {
                <td class="tc-num" data-figure="calls" data-label=calls>{count(report.today.calls)}</td>
                <td class="tc-num" data-figure="answer-rate" data-label=rate>
                    {format::percent(rate_today)} " / " {format::percent(report.overall_answer_percent())}
                </td>
                <td class="tc-num" data-figure="leads" data-label=leads_title>
                    <a href=leads_href>{leads}</a>
                </td>
            }
            .into_any()
        }
        Err(error) => {
            let request_id = error
                .request_id()
                .map(|id| format!("{}: {id}", app.t("请求 ID", "Request ID")));
            view! {
                <td colspan="3" class="tc-row-error" role="alert">
                    {error.message(locale)}
                    {request_id.map(|id| view! { " " <code class="tc-request-id">{id}</code> })}
                </td>
            }
            .into_any()
        }
    };
    let href = app.href(&route);
    let open = open_row(Some(route), || {});
    view! {
        <tr class="tc-row-link" data-job-id=line.id.to_string() class:tc-row-failed=line.report.is_err() on:click=open>
            <td class="tc-job-name-cell"><a href=href>{name}</a></td>
            <td class="tc-status" data-label=status>{job_status_badge(line.summary.status.as_ref(), locale)}</td>
            <td class="tc-progress-cell" data-label=progress>
                <JobProgress completed=line.summary.completed_task total=line.summary.task_call_total/>
            </td>
            {figures}
        </tr>
    }
}
