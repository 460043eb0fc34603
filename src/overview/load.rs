//! What the overview asks for at each refresh: every page of the job list, then for each
//! listed job its detail and the counts the daily series do not hold (leads today and
//! yesterday, today's caller-line errors). Written against [`Source`], so the plan is tested
//! on the host; [`ApiSource`] asks the API.
//!
//! Every request goes through the console's request slots (at most four in flight, see
//! [`crate::api::limiter`]); they are all started at once and take their turns.

use super::snapshot::{JobLine, JobReport};
use super::totals::{is_listed, job_day, yesterday, LISTED_STATUSES};
use crate::api::client;
use crate::api::enums::{CallResult, IntentLevel};
use crate::api::sources::{all_jobs, patiently, ApiSource, JobPages};
use crate::api::{ApiError, CallQuery, JobDetail, JobSummary};
use chrono::NaiveDate;
use futures::future::{join3, join_all};
use std::future::Future;

/// Where the overview's figures come from.
pub trait Source: JobPages {
    /// A job's detail (`getTaskDetail`).
    fn job_detail(&self, job_id: i64) -> impl Future<Output = Result<JobDetail, ApiError>>;
    /// How many calls match a query (`totalElements` of the task family's call list).
    fn call_count(&self, query: CallQuery) -> impl Future<Output = Result<u64, ApiError>>;
}

impl Source for ApiSource {
    fn job_detail(&self, job_id: i64) -> impl Future<Output = Result<JobDetail, ApiError>> {
        patiently(move || client::get_job_detail(&self.config, job_id))
    }

    fn call_count(&self, query: CallQuery) -> impl Future<Output = Result<u64, ApiError>> {
        patiently(move || client::get_call_count(&self.config, &query))
    }
}

/// The calls of a job on one day, filtered by `filter`.
pub fn day_calls(job_id: i64, date: NaiveDate, filter: impl FnOnce(&mut CallQuery)) -> CallQuery {
    let mut query = CallQuery::new(1);
    query.job_id = Some(job_id);
    query.from = Some(date);
    query.to = Some(date);
    filter(&mut query);
    query
}

/// A job's leads (intent A + B) on a day.
pub fn leads_on(job_id: i64, date: NaiveDate) -> CallQuery {
    day_calls(job_id, date, |query| {
        query.intents = vec![IntentLevel::A, IntentLevel::B]
    })
}

/// A job's calls on a day that failed on the caller line.
pub fn caller_line_errors_on(job_id: i64, date: NaiveDate) -> CallQuery {
    day_calls(job_id, date, |query| {
        query.results = vec![CallResult::FromPhoneError, CallResult::SystemError]
    })
}

/// `count` of `query` when the day had calls; a day without calls has none of any kind, and
/// costs no request.
async fn count_if(source: &impl Source, calls: u64, query: CallQuery) -> Result<u64, ApiError> {
    if calls == 0 {
        Ok(0)
    } else {
        source.call_count(query).await
    }
}

/// A listed job's figures for `today` and the day before.
pub async fn job_report(
    source: &impl Source,
    job_id: i64,
    today: NaiveDate,
) -> Result<JobReport, ApiError> {
    let detail = source.job_detail(job_id).await?;
    let yesterday = yesterday(today);
    let (on_today, on_yesterday) = (job_day(&detail, today), job_day(&detail, yesterday));
    let (leads_today, leads_yesterday, caller_line_errors) = join3(
        count_if(source, on_today.calls, leads_on(job_id, today)),
        count_if(source, on_yesterday.calls, leads_on(job_id, yesterday)),
        count_if(source, on_today.calls, caller_line_errors_on(job_id, today)),
    )
    .await;
    Ok(JobReport {
        overall_answer_percent: detail.stats.and_then(|stats| stats.answered_rate),
        today: on_today,
        yesterday: on_yesterday,
        leads_today: leads_today?,
        leads_yesterday: leads_yesterday?,
        caller_line_errors: caller_line_errors?,
    })
}

/// The jobs the overview lists (with an id), running ones first, each status's jobs in the
/// list's order.
pub fn listed_jobs(jobs: Vec<JobSummary>) -> Vec<(i64, JobSummary)> {
    let mut listed: Vec<(i64, JobSummary)> = jobs
        .into_iter()
        .filter(|job| is_listed(job.status.as_ref()))
        .filter_map(|job| Some((job.id?, job)))
        .collect();
    listed.sort_by_key(|(_, job)| {
        LISTED_STATUSES
            .iter()
            .position(|status| Some(status) == job.status.as_ref())
    });
    listed
}

/// One refresh: the listed jobs, each with its figures or its own error. Fails only when
/// the job list itself cannot be had.
pub async fn load(source: &impl Source, today: NaiveDate) -> Result<Vec<JobLine>, ApiError> {
    let listed = listed_jobs(all_jobs(source).await?);
    let reports = join_all(listed.iter().map(|(id, _)| job_report(source, *id, today))).await;
    Ok(listed
        .into_iter()
        .zip(reports)
        .map(|((id, summary), report)| JobLine {
            id,
            summary,
            report,
        })
        .collect())
}
