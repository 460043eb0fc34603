//! Filters: the console's URL query string <-> typed query -> API request parameters or body.
//!
//! The URL is the one source of truth for what a list shows, so each query converts to and
//! from a short, readable query string. Converting never fails: unknown keys are ignored, a
//! bad value is dropped (the default applies), and `from_url(to_url(q)) == q` for any query
//! built from valid values. Defaults (page 1, the configured page size) and empty filters
//! are left out of the URL.
//!
//! Job list (`/jobs?...`):
//!
//! | key      | meaning                          | example              |
//! |----------|----------------------------------|----------------------|
//! | `name`   | name contains                    | `name=%E6%B5%8B`     |
//! | `status` | job status, by name (or 0..7)    | `status=IN_PROCESS`  |
//! | `page`   | page number, from 1              | `page=2`             |
//! | `size`   | page size, 1..=100               | `size=50`            |
//!
//! Call records (`/jobs/:id/calls?...`):
//!
//! | key      | meaning (API field)                               | example                 |
//! |----------|---------------------------------------------------|-------------------------|
//! | `job`    | job id (`robotCallJobId`; usually from the path)  | `job=12`                |
//! | `group`  | customer group id (`customerGroupId`)             | `group=100`             |
//! | `flow`   | dialog flow id (`dialogFlowId`)                   | `flow=3`                |
//! | `result` | call results, comma-separated (`resultStatuses`)  | `result=ANSWERED,BUSY`  |
//! | `intent` | intent levels, comma-separated (`intentLevels`)   | `intent=A,B`            |
//! | `q`      | search words (`searchWords`)                      | `q=%E5%BC%A0`           |
//! | `follow` | follow status (`followStatus`)                    | `follow=FOLLOW_UP`      |
//! | `from`   | created on or after (`earliestCreationTime`)      | `from=2024-05-01`       |
//! | `to`     | created on or before (`latestCreationTime`)       | `to=2024-05-31`         |
//! | `train`  | dialog-training calls (`getTrainTaskList`)        | `train=1`               |
//! | `read`   | read status (`readStatus`)                        | `read=NOT_READ`         |
//! | `dur`    | talk time in seconds, `min-max`, either side open (`chatDurationMin`/`Max`) | `dur=30-120`, `dur=60-` |
//! | `hangup` | who hung up (`hangupBy`)                          | `hangup=PERSON`         |
//! | `page`   | page number, from 1 (`pageNum`)                   | `page=2`                |
//! | `size`   | page size, 1..=100 (`pageSize`)                   | `size=50`               |

use super::enums::{CallResult, FollowStatus, HangupSide, IntentLevel, JobStatus, ReadStatus};
use super::time::{date_text, parse_date};
use crate::config::CallRecordApi;
use crate::i18n::Locale;
use chrono::NaiveDate;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};

/// What a key or value keeps as it is in the console's URL query: letters, digits, `-._~`
/// and the comma (lists stay readable: `result=ANSWERED,BUSY`). Everything else is
/// percent-encoded as UTF-8, so `&`, `=`, `+`, `%`, `#` and Chinese text are safe.
const URL_TEXT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b',');

/// A URL query string (with or without `?`) as decoded pairs, in order. Never fails: `+` is
/// a space, a malformed `%` stays as it is, invalid UTF-8 is replaced, a part without `=`
/// has an empty value and empty parts are skipped.
pub fn url_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |text: &str| {
        percent_decode_str(&text.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    let query = query.strip_prefix('?').unwrap_or(query);
    query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// Pairs as a URL query string (without `?`), keys and values encoded.
pub fn url_query(pairs: &[(&str, String)]) -> String {
    let pair = |(key, value): &(&str, String)| {
        let (key, value) = (
            utf8_percent_encode(key, URL_TEXT),
            utf8_percent_encode(value, URL_TEXT),
        );
        format!("{key}={value}")
    };
    pairs.iter().map(pair).collect::<Vec<_>>().join("&")
}

/// The largest page size the API accepts.
pub const MAX_PAGE_SIZE: u32 = 100;

/// A page size the API accepts: within 1..=100.
pub fn clamp_page_size(size: u32) -> u32 {
    size.clamp(1, MAX_PAGE_SIZE)
}

pub(crate) fn parse_page(text: &str) -> Option<u32> {
    text.trim().parse::<u32>().ok().filter(|page| *page >= 1)
}

fn parse_size(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u64>()
        .ok()
        .filter(|size| *size >= 1)
        .map(|size| clamp_page_size(u32::try_from(size).unwrap_or(MAX_PAGE_SIZE)))
}

/// Walks a URL query: `page` (from 1) and `size` (1..=100) are the paging it returns, every
/// other pair goes to `other`.
fn read_url(query: &str, default_size: u32, mut other: impl FnMut(&str, String)) -> (u32, u32) {
    let (mut page, mut size) = (1, clamp_page_size(default_size));
    for (key, value) in url_pairs(query) {
        match key.as_str() {
            "page" => page = parse_page(&value).unwrap_or(1),
            "size" => size = parse_size(&value).unwrap_or(clamp_page_size(default_size)),
            key => other(key, value),
        }
    }
    (page, size)
}

/// `page` and `size` for a URL query, each left out at its default (1, the configured size).
fn paging_pairs(page: u32, page_size: u32, default_size: u32) -> Vec<(&'static str, String)> {
    let page = (page != 1).then(|| ("page", page.to_string()));
    let size =
        (page_size != clamp_page_size(default_size)).then(|| ("size", page_size.to_string()));
    page.into_iter().chain(size).collect()
}

pub(crate) fn parse_id(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok().filter(|id| *id > 0)
}

fn parse_flag(text: &str) -> Option<bool> {
    match text.trim() {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

/// A comma-separated list of known values, each once, in the order given.
pub(crate) fn parse_list<T: PartialEq>(text: &str, known: impl Fn(&str) -> Option<T>) -> Vec<T> {
    let mut out = Vec::new();
    for item in text.split(',').filter_map(|item| known(item.trim())) {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

pub(crate) fn join_codes<'a>(codes: impl Iterator<Item = &'a str>) -> String {
    codes.collect::<Vec<_>>().join(",")
}

/// `min-max` seconds; either side may be empty. A lone number is a minimum.
fn parse_duration_range(text: &str) -> (Option<u32>, Option<u32>) {
    let number = |s: &str| s.trim().parse::<u32>().ok();
    match text.split_once('-') {
        Some((min, max)) => (number(min), number(max)),
        None => (number(text), None),
    }
}

/// Filters of the job list (`getTasks`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobQuery {
    /// Name contains; empty is no filter.
    pub name: String,
    /// Only jobs in this status.
    pub status: Option<JobStatus>,
    /// Page number, from 1.
    pub page: u32,
    /// Items per page.
    pub page_size: u32,
}

impl JobQuery {
    /// No filters, first page, the configured page size.
    pub fn new(default_page_size: u32) -> JobQuery {
        JobQuery {
            name: String::new(),
            status: None,
            page: 1,
            page_size: clamp_page_size(default_page_size),
        }
    }

    /// Reads the console's URL query string (with or without `?`). Never fails.
    pub fn from_url(query: &str, default_page_size: u32) -> JobQuery {
        let mut out = JobQuery::new(default_page_size);
        (out.page, out.page_size) = read_url(query, default_page_size, |key, value| match key {
            "name" => out.name = value,
            "status" => {
                out.status = JobStatus::known(&value).or_else(|| {
                    value
                        .trim()
                        .parse::<i64>()
                        .ok()
                        .and_then(JobStatus::from_number)
                })
            }
            _ => {}
        });
        out
    }

    /// The console's URL query string (without `?`); empty when everything is default.
    pub fn to_url(&self, default_page_size: u32) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.name.is_empty() {
            pairs.push(("name", self.name.clone()));
        }
        if let Some(status) = &self.status {
            pairs.push(("status", status.code().to_string()));
        }
        pairs.extend(paging_pairs(self.page, self.page_size, default_page_size));
        url_query(&pairs)
    }

    /// The query parameters of `getTasks`: status as its number, page size within 1..=100.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        let name = self.name.trim();
        if !name.is_empty() {
            params.push(("name", name.to_string()));
        }
        if let Some(number) = self.status.as_ref().and_then(JobStatus::number) {
            params.push(("status", number.to_string()));
        }
        params.push(("pageNum", self.page.max(1).to_string()));
        params.push(("pageSize", clamp_page_size(self.page_size).to_string()));
        params
    }
}

/// Filters of a job's call records (`getCallRecordInfoList`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallQuery {
    /// The job (`robotCallJobId`, required by the API).
    pub job_id: Option<i64>,
    /// Customer group (`customerGroupId`).
    pub customer_group_id: Option<i64>,
    /// Dialog flow (`dialogFlowId`).
    pub dialog_flow_id: Option<i64>,
    /// Any of these results (`resultStatuses`); empty is no filter.
    pub results: Vec<CallResult>,
    /// Any of these intent levels (`intentLevels`); empty is no filter.
    pub intents: Vec<IntentLevel>,
    /// Phone number, call record id or customer name (`searchWords`); empty is no filter.
    pub search: String,
    /// Follow status (`followStatus`).
    pub follow_status: Option<FollowStatus>,
    /// Created on or after (`earliestCreationTime`).
    pub from: Option<NaiveDate>,
    /// Created on or before (`latestCreationTime`).
    pub to: Option<NaiveDate>,
    /// Dialog-training calls instead of real ones (`getTrainTaskList`).
    pub train: bool,
    /// Read or not (`readStatus`, callRecord family only).
    pub read_status: Option<ReadStatus>,
    /// Talk time at least, in seconds (`chatDurationMin`, callRecord family only).
    pub min_duration: Option<u32>,
    /// Talk time at most, in seconds (`chatDurationMax`, callRecord family only).
    pub max_duration: Option<u32>,
    /// Who hung up (`hangupBy`, callRecord family only).
    pub hangup_by: Option<HangupSide>,
    /// Page number, from 1.
    pub page: u32,
    /// Items per page.
    pub page_size: u32,
}

/// One filter of the call records, for labels and for telling what a family supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CallFilter {
    /// `customerGroupId`.
    Group,
    /// `dialogFlowId`.
    Flow,
    /// `resultStatuses`.
    Results,
    /// `intentLevels`.
    Intents,
    /// `searchWords`.
    Search,
    /// `followStatus`.
    Follow,
    /// `earliestCreationTime`.
    From,
    /// `latestCreationTime`.
    To,
    /// `getTrainTaskList`.
    Train,
    /// `readStatus`.
    Read,
    /// `chatDurationMin` / `chatDurationMax`.
    Duration,
    /// `hangupBy`.
    Hangup,
}

impl CallFilter {
    /// Every filter, in the URL's order.
    pub const ALL: [CallFilter; 12] = [
        CallFilter::Group,
        CallFilter::Flow,
        CallFilter::Results,
        CallFilter::Intents,
        CallFilter::Search,
        CallFilter::Follow,
        CallFilter::From,
        CallFilter::To,
        CallFilter::Train,
        CallFilter::Read,
        CallFilter::Duration,
        CallFilter::Hangup,
    ];

    /// The filter's key in the console's URL.
    pub fn url_key(self) -> &'static str {
        match self {
            CallFilter::Group => "group",
            CallFilter::Flow => "flow",
            CallFilter::Results => "result",
            CallFilter::Intents => "intent",
            CallFilter::Search => "q",
            CallFilter::Follow => "follow",
            CallFilter::From => "from",
            CallFilter::To => "to",
            CallFilter::Train => "train",
            CallFilter::Read => "read",
            CallFilter::Duration => "dur",
            CallFilter::Hangup => "hangup",
        }
    }

    /// The filter's name in the user's language.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            CallFilter::Group => locale.pick("客户分组", "Customer group"),
            CallFilter::Flow => locale.pick("话术", "Dialog flow"),
            CallFilter::Results => locale.pick("通话结果", "Call result"),
            CallFilter::Intents => locale.pick("意向等级", "Intent level"),
            CallFilter::Search => locale.pick("关键字", "Search"),
            CallFilter::Follow => locale.pick("跟进状态", "Follow-up"),
            CallFilter::From => locale.pick("开始日期", "From"),
            CallFilter::To => locale.pick("结束日期", "To"),
            CallFilter::Train => locale.pick("话术训练", "Dialog training"),
            CallFilter::Read => locale.pick("已读状态", "Read"),
            CallFilter::Duration => locale.pick("通话时长", "Talk time"),
            CallFilter::Hangup => locale.pick("挂断方", "Hung up by"),
        }
    }

    /// Whether only the later callRecord family supports the filter (the task family's
    /// document does not have it).
    pub fn call_record_only(self) -> bool {
        matches!(
            self,
            CallFilter::Read | CallFilter::Duration | CallFilter::Hangup
        )
    }

    /// Whether a family of endpoints supports the filter.
    pub fn supported_by(self, api: CallRecordApi) -> bool {
        match api {
            CallRecordApi::CallRecord => true,
            CallRecordApi::Task => !self.call_record_only(),
        }
    }
}

impl CallQuery {
    /// No filters, first page, the configured page size.
    pub fn new(default_page_size: u32) -> CallQuery {
        CallQuery {
            job_id: None,
            customer_group_id: None,
            dialog_flow_id: None,
            results: Vec::new(),
            intents: Vec::new(),
            search: String::new(),
            follow_status: None,
            from: None,
            to: None,
            train: false,
            read_status: None,
            min_duration: None,
            max_duration: None,
            hangup_by: None,
            page: 1,
            page_size: clamp_page_size(default_page_size),
        }
    }

    /// Reads the console's URL query string (with or without `?`). Never fails.
    pub fn from_url(query: &str, default_page_size: u32) -> CallQuery {
        let mut out = CallQuery::new(default_page_size);
        (out.page, out.page_size) = read_url(query, default_page_size, |key, value| match key {
            "job" => out.job_id = parse_id(&value),
            "group" => out.customer_group_id = parse_id(&value),
            "flow" => out.dialog_flow_id = parse_id(&value),
            "result" => out.results = parse_list(&value, CallResult::known),
            "intent" => out.intents = parse_list(&value, IntentLevel::known),
            "q" => out.search = value,
            "follow" => out.follow_status = FollowStatus::known(&value),
            "from" => out.from = parse_date(&value),
            "to" => out.to = parse_date(&value),
            "train" => out.train = parse_flag(&value).unwrap_or(false),
            "read" => out.read_status = ReadStatus::known(&value),
            "dur" => (out.min_duration, out.max_duration) = parse_duration_range(&value),
            "hangup" => out.hangup_by = HangupSide::known(&value),
            _ => {}
        });
        out
    }

    /// The console's URL query string (without `?`); empty when everything is default.
    pub fn to_url(&self, default_page_size: u32) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut push = |key: &'static str, value: Option<String>| {
            if let Some(value) = value {
                pairs.push((key, value));
            }
        };
        push("job", self.job_id.map(|id| id.to_string()));
        push("group", self.customer_group_id.map(|id| id.to_string()));
        push("flow", self.dialog_flow_id.map(|id| id.to_string()));
        push(
            "result",
            (!self.results.is_empty()).then(|| join_codes(self.results.iter().map(|r| r.code()))),
        );
        push(
            "intent",
            (!self.intents.is_empty()).then(|| join_codes(self.intents.iter().map(|i| i.code()))),
        );
        push("q", (!self.search.is_empty()).then(|| self.search.clone()));
        push(
            "follow",
            self.follow_status.as_ref().map(|f| f.code().to_string()),
        );
        push("from", self.from.map(date_text));
        push("to", self.to.map(date_text));
        push("train", self.train.then(|| "1".to_string()));
        push(
            "read",
            self.read_status.as_ref().map(|r| r.code().to_string()),
        );
        push(
            "dur",
            match (self.min_duration, self.max_duration) {
                (None, None) => None,
                (min, max) => Some(format!(
                    "{}-{}",
                    min.map(|m| m.to_string()).unwrap_or_default(),
                    max.map(|m| m.to_string()).unwrap_or_default()
                )),
            },
        );
        push(
            "hangup",
            self.hangup_by.as_ref().map(|h| h.code().to_string()),
        );
        pairs.extend(paging_pairs(self.page, self.page_size, default_page_size));
        url_query(&pairs)
    }

    /// The filters in use (not the job, page or page size).
    pub fn active_filters(&self) -> Vec<CallFilter> {
        CallFilter::ALL
            .into_iter()
            .filter(|filter| match filter {
                CallFilter::Group => self.customer_group_id.is_some(),
                CallFilter::Flow => self.dialog_flow_id.is_some(),
                CallFilter::Results => !self.results.is_empty(),
                CallFilter::Intents => !self.intents.is_empty(),
                CallFilter::Search => !self.search.trim().is_empty(),
                CallFilter::Follow => self.follow_status.is_some(),
                CallFilter::From => self.from.is_some(),
                CallFilter::To => self.to.is_some(),
                CallFilter::Train => self.train,
                CallFilter::Read => self.read_status.is_some(),
                CallFilter::Duration => self.min_duration.is_some() || self.max_duration.is_some(),
                CallFilter::Hangup => self.hangup_by.is_some(),
            })
            .collect()
    }

    /// Whether any filter is in use.
    pub fn has_filters(&self) -> bool {
        !self.active_filters().is_empty()
    }

    /// The filters in use that a family of endpoints does not support (they are left out
    /// of its request, so the UI should say so).
    pub fn unsupported_filters(&self, api: CallRecordApi) -> Vec<CallFilter> {
        self.active_filters()
            .into_iter()
            .filter(|filter| !filter.supported_by(api))
            .collect()
    }

    /// Whether the query uses filters that only the callRecord family supports.
    pub fn uses_call_record_only_filters(&self) -> bool {
        self.active_filters()
            .into_iter()
            .any(CallFilter::call_record_only)
    }

    /// The same job and page size with no filters, on page 1.
    pub fn cleared(&self) -> CallQuery {
        CallQuery {
            job_id: self.job_id,
            ..CallQuery::new(self.page_size)
        }
    }

    /// The JSON body of `getCallRecordInfoList`: empty filters left out, dates as
    /// `YYYY-MM-DD`, page size within 1..=100, and for the task family without the
    /// filters it does not support.
    pub fn to_body(&self, api: CallRecordApi) -> Value {
        let mut body = Map::new();
        let supported = |filter: CallFilter| filter.supported_by(api);
        if let Some(id) = self.customer_group_id {
            body.insert("customerGroupId".into(), id.into());
        }
        if let Some(id) = self.job_id {
            body.insert("robotCallJobId".into(), id.into());
        }
        if let Some(id) = self.dialog_flow_id {
            body.insert("dialogFlowId".into(), id.into());
        }
        if !self.results.is_empty() {
            let codes = self.results.iter().map(|r| Value::from(r.code()));
            body.insert("resultStatuses".into(), Value::Array(codes.collect()));
        }
        if !self.intents.is_empty() {
            let codes = self.intents.iter().map(|i| Value::from(i.code()));
            body.insert("intentLevels".into(), Value::Array(codes.collect()));
        }
        let search = self.search.trim();
        if !search.is_empty() {
            body.insert("searchWords".into(), search.into());
        }
        if let Some(follow) = &self.follow_status {
            body.insert("followStatus".into(), follow.code().into());
        }
        if let Some(date) = self.from {
            body.insert("earliestCreationTime".into(), date_text(date).into());
        }
        if let Some(date) = self.to {
            body.insert("latestCreationTime".into(), date_text(date).into());
        }
        if self.train {
            body.insert("getTrainTaskList".into(), true.into());
        }
        if supported(CallFilter::Read) {
            if let Some(read) = &self.read_status {
                body.insert("readStatus".into(), read.code().into());
            }
        }
        if supported(CallFilter::Duration) {
            if let Some(min) = self.min_duration {
                body.insert("chatDurationMin".into(), min.into());
            }
            if let Some(max) = self.max_duration {
                body.insert("chatDurationMax".into(), max.into());
            }
        }
        if supported(CallFilter::Hangup) {
            if let Some(side) = &self.hangup_by {
                body.insert("hangupBy".into(), side.code().into());
            }
        }
        body.insert("pageNum".into(), self.page.max(1).into());
        body.insert("pageSize".into(), clamp_page_size(self.page_size).into());
        Value::Object(body)
    }
}
