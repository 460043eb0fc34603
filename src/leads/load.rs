//! Reading the leads: the job list, then every chosen job's calls with the filters, page
//! after page, all jobs at once (each request takes one of the console's four slots). Every
//! page joins the list as it comes ([`Shared`]), so rows appear as jobs answer.
//!
//! A job is read until a page is short (fewer than 100 calls) or reaches calls older than
//! the range, not up to the page count its first page gave: a running job adds calls at the
//! top while it is read, which pushes its oldest calls onto a page the count did not have.

use super::progress::Reading;
use super::query::{has_made_calls, LeadsQuery};
use crate::api::client;
use crate::api::query::MAX_PAGE_SIZE;
use crate::api::sources::{all_jobs, patiently, ApiSource, JobPages};
use crate::api::{ApiError, CallQuery, CallRecord, JobSummary, Page};
use futures::future::join_all;
use std::cell::RefCell;
use std::future::Future;
use std::sync::Arc;

/// Pages of one job read at most (100,000 calls), whatever the API keeps sending.
pub const MAX_PAGES: u32 = 1000;

/// Where the leads come from.
pub trait Source: JobPages {
    /// A page of a job's calls.
    fn calls_page(
        &self,
        query: CallQuery,
    ) -> impl Future<Output = Result<Page<CallRecord>, ApiError>>;
}

impl Source for ApiSource {
    fn calls_page(
        &self,
        query: CallQuery,
    ) -> impl Future<Output = Result<Page<CallRecord>, ApiError>> {
        patiently(move || client::get_calls(&self.config, &query))
    }
}

/// The reading as the page keeps it; `None` once the page is gone (the reading then stops).
pub trait Shared {
    /// Changes the reading and tells whoever shows it.
    fn update<R>(&self, change: impl FnOnce(&mut Reading) -> R) -> Option<R>;
}

impl Shared for RefCell<Reading> {
    fn update<R>(&self, change: impl FnOnce(&mut Reading) -> R) -> Option<R> {
        Some(change(&mut self.borrow_mut()))
    }
}

/// A job as the leads name it: its id and name.
pub type JobName = (i64, Option<Arc<str>>);

/// Every job that has made calls, and of those the jobs to read: the ones named, else all.
pub fn chosen_jobs(jobs: Vec<JobSummary>, named: &[i64]) -> (Vec<JobName>, Vec<JobName>) {
    let candidates: Vec<JobName> = jobs
        .into_iter()
        .filter(|job| has_made_calls(job.status.as_ref()))
        .filter_map(|job| Some((job.id?, job.name.map(Arc::from))))
        .collect();
    let chosen = candidates
        .iter()
        .filter(|(id, _)| named.is_empty() || named.contains(id))
        .cloned()
        .collect();
    (chosen, candidates)
}

/// Reads page `number` of a job into the list: whether the job has more to read.
async fn read_page(
    source: &impl Source,
    query: &LeadsQuery,
    job_id: i64,
    number: u32,
    shared: &impl Shared,
) -> Option<bool> {
    match source.calls_page(query.job_page(job_id, number)).await {
        Ok(page) => {
            let short = page.items.len() < MAX_PAGE_SIZE as usize;
            let added = shared.update(|reading| reading.page_read(job_id, number, page))?;
            let more = !short && !added.past_range && number < MAX_PAGES;
            if !more {
                shared.update(|reading| reading.job_done(job_id))?;
            }
            Some(more)
        }
        Err(error) => {
            shared.update(|reading| reading.job_failed(job_id, error))?;
            Some(false)
        }
    }
}

/// Reads a job's pages from `from` on until it is done or failed.
async fn read_rest(
    source: &impl Source,
    query: &LeadsQuery,
    job_id: i64,
    from: u32,
    shared: &impl Shared,
) {
    let mut number = from;
    while read_page(source, query, job_id, number, shared).await == Some(true) {
        number += 1;
    }
}

/// Reads one job from its first page (a failed job asked again).
pub async fn read_job(source: &impl Source, query: &LeadsQuery, job_id: i64, shared: &impl Shared) {
    shared.update(|reading| reading.retrying(job_id));
    read_rest(source, query, job_id, 1, shared).await;
}

/// Reads the leads of `query` into `shared`: every job's first page, then, unless more than
/// [`super::progress::MATCH_LIMIT`] calls match, the rest.
pub async fn read_leads(source: &impl Source, query: &LeadsQuery, shared: &impl Shared) {
    let (jobs, candidates) = match all_jobs(source).await {
        Ok(jobs) => chosen_jobs(jobs, &query.jobs),
        Err(error) => {
            shared.update(|reading| reading.listing_failed(error));
            return;
        }
    };
    let ids: Vec<i64> = jobs.iter().map(|(id, _)| *id).collect();
    if shared
        .update(|reading| reading.listed(jobs, candidates))
        .is_none()
    {
        return;
    }
    let first = join_all(
        ids.iter()
            .map(|id| read_page(source, query, *id, 1, shared)),
    )
    .await;
    match shared.update(|reading| reading.over_limit()) {
        Some(false) => {}
        Some(true) => {
            shared.update(Reading::stop_at_limit);
            return;
        }
        None => return,
    }
    join_all(
        ids.iter()
            .zip(first)
            .filter(|(_, more)| *more == Some(true))
            .map(|(id, _)| read_rest(source, query, *id, 2, shared)),
    )
    .await;
}
