//! Where the overview's rows and alerts lead: a job, or its calls filtered to what the figure
//! counts (the same queries the counts were made with).

use crate::api::CallQuery;
use crate::overview::load::{caller_line_errors_on, day_calls, leads_on};
use crate::overview::{Alert, AlertKind};
use crate::pages::routes;
use chrono::NaiveDate;

/// A job's calls of `query`, at the configured page size.
fn calls(job_id: i64, query: CallQuery, page_size: u32) -> String {
    let query = CallQuery { page_size, ..query };
    routes::calls_route(job_id, &query, page_size)
}

/// A job's leads (intent A + B) on `day`.
pub fn leads_route(job_id: i64, day: NaiveDate, page_size: u32) -> String {
    calls(job_id, leads_on(job_id, day), page_size)
}

/// What an alert leads to: the calls behind it, or the job when it is about the job.
pub fn alert_route(alert: &Alert, today: NaiveDate, page_size: u32) -> String {
    let job = alert.job_id;
    match alert.kind {
        AlertKind::SystemSuspended | AlertKind::Stalled { .. } => routes::job(job),
        AlertKind::CallerLine { .. } => calls(job, caller_line_errors_on(job, today), page_size),
        // Today's calls: what was answered and what was not.
        AlertKind::AnswerRateDrop { .. } => calls(job, day_calls(job, today, |_| {}), page_size),
    }
}
