//! The API as the console's fan-out reads it (the overview, the leads): every page of the
//! job list, and [`ApiSource`], the browser's requests with a 429 waited out. The readers are
//! written against traits, so what they ask for is tested on the host with a fake.

use super::model::{JobSummary, Page};
use super::query::JobQuery;
use super::{client, ApiError};
use crate::config::Config;
use futures::future::try_join_all;
use std::future::Future;

/// Jobs asked per page of `getTasks` (the most a page of the call lists holds).
pub const JOBS_PAGE_SIZE: u32 = 100;

/// Pages of `getTasks` read at most: 5,000 jobs. A tenant with more sees the first ones.
pub const MAX_JOB_PAGES: u32 = 50;

/// Where pages of the job list come from.
pub trait JobPages {
    /// A page of the job list (`getTasks`), from 1, [`JOBS_PAGE_SIZE`] jobs a page.
    fn jobs_page(&self, page: u32) -> impl Future<Output = Result<Page<JobSummary>, ApiError>>;
}

/// Every job of the list, over all its pages (the first page says how many there are; the
/// others are asked together).
pub async fn all_jobs(source: &impl JobPages) -> Result<Vec<JobSummary>, ApiError> {
    let first = source.jobs_page(1).await?;
    let pages = first.page_count(JOBS_PAGE_SIZE).min(MAX_JOB_PAGES);
    let rest = try_join_all((2..=pages).map(|page| source.jobs_page(page))).await?;
    let mut jobs = first.items;
    for page in rest {
        jobs.extend(page.items);
    }
    Ok(jobs)
}

/// The API, with the configuration in effect; a 429 is waited out and asked again.
pub struct ApiSource {
    /// The configuration the requests are made with.
    pub config: Config,
}

/// Asks with `ask` until the answer is not "too many requests".
pub(crate) async fn patiently<T, Fut: Future<Output = Result<T, ApiError>>>(
    ask: impl Fn() -> Fut,
) -> Result<T, ApiError> {
    client::retrying(ask(), ask, |_| {}).await
}

impl JobPages for ApiSource {
    fn jobs_page(&self, page: u32) -> impl Future<Output = Result<Page<JobSummary>, ApiError>> {
        let query = JobQuery {
            page,
            page_size: JOBS_PAGE_SIZE,
            ..JobQuery::new(JOBS_PAGE_SIZE)
        };
        patiently(move || client::get_jobs(&self.config, &query))
    }
}
