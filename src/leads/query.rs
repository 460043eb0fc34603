//! What the leads list shows, as its URL query: intent levels, results, the date range, the
//! jobs, and the page of the merged list on screen. Keys at their default are left out.
//!
//! | key      | meaning                                   | default            |
//! |----------|-------------------------------------------|--------------------|
//! | `intent` | intent levels, comma-separated; empty: any | `A,B`              |
//! | `result` | call results, comma-separated; empty: any  | `ANSWERED`         |
//! | `from`   | first day, `YYYY-MM-DD`                    | 6 days before today |
//! | `to`     | last day                                   | today              |
//! | `jobs`   | job ids, comma-separated                   | every job that has made calls |
//! | `page`   | page of the merged list                    | 1                  |

use crate::api::enums::{CallResult, IntentLevel, JobStatus};
use crate::api::query::{join_codes, parse_id, parse_list, parse_page, url_pairs, url_query};
use crate::api::time::{date_text, parse_date};
use crate::api::CallQuery;
use chrono::{Days, NaiveDate};

/// Rows of the merged list on one page of the screen.
pub const ROWS_PER_PAGE: usize = 100;

/// The leads list's filters and page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeadsQuery {
    /// Any of these intent levels; empty: any level.
    pub intents: Vec<IntentLevel>,
    /// Any of these results; empty: any result.
    pub results: Vec<CallResult>,
    /// The first day, included.
    pub from: NaiveDate,
    /// The last day, included.
    pub to: NaiveDate,
    /// These jobs only; empty: every job that has made calls.
    pub jobs: Vec<i64>,
    /// The page of the merged list on screen, from 1.
    pub page: u32,
}

fn default_intents() -> Vec<IntentLevel> {
    vec![IntentLevel::A, IntentLevel::B]
}

fn default_results() -> Vec<CallResult> {
    vec![CallResult::Answered]
}

/// The last 7 days up to `today`.
fn default_range(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (today.checked_sub_days(Days::new(6)).unwrap_or(today), today)
}

/// Whether a job with this status has made calls (so its calls are worth asking for).
pub fn has_made_calls(status: Option<&JobStatus>) -> bool {
    !matches!(status, Some(JobStatus::NotStarted | JobStatus::InQueue))
}

impl LeadsQuery {
    /// The defaults, on `today`: intent A or B, answered, the last 7 days, every job.
    pub fn new(today: NaiveDate) -> LeadsQuery {
        let (from, to) = default_range(today);
        LeadsQuery {
            intents: default_intents(),
            results: default_results(),
            from,
            to,
            jobs: Vec::new(),
            page: 1,
        }
    }

    /// How many filters differ from the defaults on `today` (intents, results, the range,
    /// the jobs): what the folded filters' button counts.
    pub fn changed_filters(&self, today: NaiveDate) -> usize {
        let defaults = LeadsQuery::new(today);
        [
            self.intents != defaults.intents,
            self.results != defaults.results,
            (self.from, self.to) != (defaults.from, defaults.to),
            !self.jobs.is_empty(),
        ]
        .into_iter()
        .filter(|differs| *differs)
        .count()
    }

    /// Reads the URL query (with or without `?`) on `today`. Never fails: what is not
    /// understood keeps its default; a range given backwards is put the right way round.
    pub fn from_url(query: &str, today: NaiveDate) -> LeadsQuery {
        let mut out = LeadsQuery::new(today);
        for (key, value) in url_pairs(query) {
            match key.as_str() {
                "intent" => out.intents = parse_list(&value, IntentLevel::known),
                "result" => out.results = parse_list(&value, CallResult::known),
                "from" => out.from = parse_date(&value).unwrap_or(out.from),
                "to" => out.to = parse_date(&value).unwrap_or(out.to),
                "jobs" => out.jobs = parse_list(&value, parse_id),
                "page" => out.page = parse_page(&value).unwrap_or(1),
                _ => {}
            }
        }
        if out.from > out.to {
            (out.from, out.to) = (out.to, out.from);
        }
        out
    }

    /// The URL query (without `?`), defaults left out.
    pub fn to_url(&self, today: NaiveDate) -> String {
        let defaults = LeadsQuery::new(today);
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if self.intents != defaults.intents {
            pairs.push(("intent", join_codes(self.intents.iter().map(|i| i.code()))));
        }
        if self.results != defaults.results {
            pairs.push(("result", join_codes(self.results.iter().map(|r| r.code()))));
        }
        if (self.from, self.to) != (defaults.from, defaults.to) {
            pairs.push(("from", date_text(self.from)));
            pairs.push(("to", date_text(self.to)));
        }
        if !self.jobs.is_empty() {
            let ids: Vec<String> = self.jobs.iter().map(i64::to_string).collect();
            pairs.push(("jobs", ids.join(",")));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        url_query(&pairs)
    }

    /// The same filters on the first page (a change of filter starts from the top).
    pub fn first_page(&self) -> LeadsQuery {
        LeadsQuery {
            page: 1,
            ..self.clone()
        }
    }

    /// Whether two queries ask for the same calls (they may show different pages).
    pub fn same_filters(&self, other: &LeadsQuery) -> bool {
        self.first_page() == other.first_page()
    }

    /// The request for one page (100 calls) of one job's calls with these filters.
    pub fn job_page(&self, job_id: i64, page: u32) -> CallQuery {
        let mut query = CallQuery::new(crate::api::query::MAX_PAGE_SIZE);
        query.job_id = Some(job_id);
        query.intents = self.intents.clone();
        query.results = self.results.clone();
        query.from = Some(self.from);
        query.to = Some(self.to);
        query.page = page;
        query
    }
}
