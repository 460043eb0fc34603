//! Routes as every link and navigation writes them: a job, a job's calls (the job in the path,
//! its filters and page in the query), the leads.

use crate::api::CallQuery;
use std::fmt::Display;

/// A job's page: `/jobs/12`.
pub fn job(job_id: impl Display) -> String {
    format!("/jobs/{job_id}")
}

/// The leads: `/leads`, or `/leads?intent=A&from=...` with a URL query.
pub fn leads(url_query: &str) -> String {
    if url_query.is_empty() {
        "/leads".to_string()
    } else {
        format!("/leads?{url_query}")
    }
}

/// `/jobs/12/calls`, or `/jobs/12/calls?result=BUSY&page=3` with a URL query.
pub fn job_calls(job_id: impl Display, url_query: &str) -> String {
    if url_query.is_empty() {
        format!("/jobs/{job_id}/calls")
    } else {
        format!("/jobs/{job_id}/calls?{url_query}")
    }
}

/// The URL query of a job's calls: the filters and page of `query`, not its job (the path
/// names it). `default_page_size` is the configured one, left out of the URL.
pub fn calls_url_query(query: &CallQuery, default_page_size: u32) -> String {
    let mut query = query.clone();
    query.job_id = None;
    query.to_url(default_page_size)
}

/// The route of a job's calls shown with these filters.
pub fn calls_route(job_id: i64, query: &CallQuery, default_page_size: u32) -> String {
    job_calls(job_id, &calls_url_query(query, default_page_size))
}
