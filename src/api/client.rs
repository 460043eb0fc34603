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
use super::limiter;
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
    calls_request_in(config, config.call_record_api, query)
}

/// `POST getCallRecordInfoList` in the given family.
fn calls_request_in(config: &Config, family: CallRecordApi, query: &CallQuery) -> ApiRequest {
    ApiRequest {
        method: Method::Post,
        url: endpoint_url(config, calls_path(family)),
        params: Vec::new(),
        body: Some(query.to_body(family).to_string()),
    }
}

/// How many calls match `query`: a page of one call from the task family's list, the one
/// whose document has the date filter, whichever family the console shows calls from.
pub fn call_count_request(config: &Config, query: &CallQuery) -> ApiRequest {
    let query = CallQuery {
        page: 1,
        page_size: 1,
        ..query.clone()
    };
    calls_request_in(config, CallRecordApi::Task, &query)
}

/// `GET callDetail` in the configured family.
pub fn call_detail_request(config: &Config, call_id: i64) -> ApiRequest {
    let params = vec![("callRecordId", call_id.to_string())];
    get(config, call_detail_path(config.call_record_api), params)
}

/// Sends a request and returns its answer: now if one of the console's request slots is
/// free ([`limiter::requests`]), else when its turn comes. Aborted after `timeout` (counted
/// from when it leaves) or when the future is dropped, which also gives up its place in the
/// queue. Outside a browser it fails with [`ApiError::Network`].
pub fn send(
    request: &ApiRequest,
    timeout: Duration,
) -> impl Future<Output = Result<Reply, ApiError>> + 'static {
    let slots = limiter::requests();
    let now = slots
        .try_acquire()
        .map(|permit| (permit, fetch(request, timeout)));
    let request = request.clone();
    async move {
        let (_permit, reply) = match now {
            Some((permit, sent)) => (permit, sent.await),
            None => {
                let permit = slots.acquire().await;
                (permit, fetch(&request, timeout).await)
            }
        };
        let reply = reply?;
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

/// How many calls match `query` (`totalElements` of [`call_count_request`]; an answer
/// without a whole, non-negative one is a [`ApiError::Shape`]).
pub fn get_call_count(
    config: &Config,
    query: &CallQuery,
) -> impl Future<Output = Result<u64, ApiError>> + 'static {
    let page = ask(call_count_request(config, query), decode_page::<CallRecord>);
    async move {
        let total = page.await?.total;
        // A count the answer does not give is not 0.
        total
            .and_then(|total| u64::try_from(total).ok())
            .ok_or_else(|| ApiError::Shape {
                path: "data.totalElements".to_string(),
                detail: "a count of calls was expected".to_string(),
                request_id: None,
            })
    }
}

/// One call with its customer and transcript.
pub fn get_call_detail(
    config: &Config,
    call_id: i64,
) -> impl Future<Output = Result<CallDetail, ApiError>> + 'static {
    ask(call_detail_request(config, call_id), decode_item)
}
