//! One function per endpoint: typed query in, typed model or [`ApiError`] out.
//!
//! Building a request ([`jobs_request`], ...) and decoding its answer
//! ([`super::reply`], [`super::envelope`]) are pure and tested on the host; only [`send`]
//! needs a browser. Every request is aborted after [`DEFAULT_TIMEOUT`] and when its future is
//! dropped; run it through a [`super::slot::Ticket`] to have a newer request for the same view
//! supersede it, and through [`retrying`] to have it asked again after "too many requests".

use super::envelope::{decode_item, decode_page};
use super::error::ApiError;
use super::fetch::{fetch, resolve, sleep};
use super::model::{CallDetail, CallRecord, JobDetail, JobSummary, Page};
use super::query::{CallQuery, JobQuery};
use super::reply::Reply;
use super::session;
use crate::config::{CallRecordApi, Config};
use std::future::Future;
use std::time::Duration;

pub use super::fetch::Method;

/// How long a request may take before it is aborted.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// The job list (task family only).
pub const JOBS_PATH: &str = "/apiOpen/v1/task/getTasks";
/// A job's detail and statistics (task family only).
pub const JOB_DETAIL_PATH: &str = "/apiOpen/v1/task/getTaskDetail";

/// The path of the call-record list in the configured family.
pub fn calls_path(api: CallRecordApi) -> &'static str {
    match api {
        CallRecordApi::CallRecord => "/apiOpen/v1/callRecord/getCallRecordInfoList",
        CallRecordApi::Task => "/apiOpen/v1/task/getCallRecordInfoList",
    }
}

/// The path of a call's detail in the configured family.
pub fn call_detail_path(api: CallRecordApi) -> &'static str {
    match api {
        CallRecordApi::CallRecord => "/apiOpen/v1/callRecord/callDetail",
        CallRecordApi::Task => "/apiOpen/v1/task/callDetail",
    }
}

/// A request ready to send: everything but the network. The URL is put together once, by
/// the browser, from the address and the query parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiRequest {
    /// `GET` or `POST`.
    pub method: Method,
    /// The address, without a query.
    pub url: String,
    /// The query parameters of a `GET`, not yet encoded.
    pub params: Vec<(&'static str, String)>,
    /// The JSON body of a `POST`.
    pub body: Option<String>,
}

/// The address of a path under the configured base (`""` is the console's own origin).
pub fn endpoint_url(config: &Config, path: &str) -> String {
    let base = config.api_base_url.trim().trim_end_matches('/');
    format!("{base}{path}")
}

/// A `GET` of `path` with these query parameters.
fn get(config: &Config, path: &str, params: Vec<(&'static str, String)>) -> ApiRequest {
    ApiRequest {
        method: Method::Get,
        url: endpoint_url(config, path),
        params,
        body: None,
    }
}

/// `GET getTasks`.
pub fn jobs_request(config: &Config, query: &JobQuery) -> ApiRequest {
    get(config, JOBS_PATH, query.to_params())
}

/// `GET getTaskDetail`.
pub fn job_detail_request(config: &Config, job_id: i64) -> ApiRequest {
    let params = vec![("robotCallJobId", job_id.to_string())];
    get(config, JOB_DETAIL_PATH, params)
}

/// `POST getCallRecordInfoList` in the configured family.
pub fn calls_request(config: &Config, query: &CallQuery) -> ApiRequest {
    ApiRequest {
        method: Method::Post,
        url: endpoint_url(config, calls_path(config.call_record_api)),
        params: Vec::new(),
        body: Some(query.to_body(config.call_record_api).to_string()),
    }
}

/// `GET callDetail` in the configured family.
pub fn call_detail_request(config: &Config, call_id: i64) -> ApiRequest {
    let params = vec![("callRecordId", call_id.to_string())];
    get(config, call_detail_path(config.call_record_api), params)
}

/// Sends a request, now, and returns its answer. Aborted after `timeout` or when the future is
/// dropped. Outside a browser it fails with [`ApiError::Network`].
pub fn send(
    request: &ApiRequest,
    timeout: Duration,
) -> impl Future<Output = Result<Reply, ApiError>> + 'static {
    let sent = fetch(request, timeout);
    async move {
        let reply = sent.await?;
        // Every answer of the proxy, error or not, says who is signed in.
        session::publish(reply.session());
        Ok(reply)
    }
}

/// A sign-in address made absolute against the address the request went to (the proxy may
/// send it relative to its own origin); any other error as it is.
pub fn resolve_sign_in(error: ApiError, request_url: &str) -> ApiError {
    match error {
        ApiError::SignIn { url, request_id } => ApiError::SignIn {
            url: resolve(&url, request_url).unwrap_or(url),
            request_id,
        },
        other => other,
    }
}

/// Sends `request` and decodes its answer with `decode`.
fn ask<T>(
    request: ApiRequest,
    decode: impl FnOnce(u16, &str) -> Result<T, ApiError> + 'static,
) -> impl Future<Output = Result<T, ApiError>> + 'static {
    let sent = send(&request, DEFAULT_TIMEOUT);
    async move {
        let reply = sent.await?;
        reply
            .decode(decode)
            .map_err(|error| resolve_sign_in(error, &request.url))
    }
}

/// Asks until the answer is not "too many requests": after each 429 it waits the seconds
/// the answer said, telling `waiting` how many are left (each second, then `None`), and asks
/// again with `again`. Dropping the future stops it, wait included (a superseded
/// [`super::slot::Ticket`] does).
pub async fn retrying<T, Fut>(
    first: Fut,
    again: impl Fn() -> Fut,
    waiting: impl Fn(Option<u32>),
) -> Result<T, ApiError>
where
    Fut: Future<Output = Result<T, ApiError>>,
{
    let mut answer = first.await;
    while let Err(ApiError::RateLimited { seconds }) = answer {
        for left in (1..=seconds).rev() {
            waiting(Some(left));
            sleep(Duration::from_secs(1)).await;
        }
        waiting(None);
        answer = again().await;
    }
    answer
}

/// One page of jobs (the request leaves when this is called, as with each `get_`).
pub fn get_jobs(
    config: &Config,
    query: &JobQuery,
) -> impl Future<Output = Result<Page<JobSummary>, ApiError>> + 'static {
    ask(jobs_request(config, query), decode_page)
}

/// A job's settings and statistics.
pub fn get_job_detail(
    config: &Config,
    job_id: i64,
) -> impl Future<Output = Result<JobDetail, ApiError>> + 'static {
    ask(job_detail_request(config, job_id), decode_item)
}

/// One page of a job's call records.
pub fn get_calls(
    config: &Config,
    query: &CallQuery,
) -> impl Future<Output = Result<Page<CallRecord>, ApiError>> + 'static {
    ask(calls_request(config, query), decode_page)
}

/// One call with its customer and transcript.
pub fn get_call_detail(
    config: &Config,
    call_id: i64,
) -> impl Future<Output = Result<CallDetail, ApiError>> + 'static {
    ask(call_detail_request(config, call_id), decode_item)
}
