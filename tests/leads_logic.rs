//! The leads list's logic (host): its URL query, reading every job's pages into one list
//! newest first with each call once, a job that grows while it is read, a failing job, calls
//! outside the range, and the limit on matching calls.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use futures::executor::block_on;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use tanyi_console::api::enums::{CallResult, IntentLevel, JobStatus};
use tanyi_console::api::sources::{JobPages, JOBS_PAGE_SIZE};
use tanyi_console::api::{ApiDateTime, ApiError, CallQuery, CallRecord, JobSummary, Page};
use tanyi_console::leads::load::{read_job, read_leads, Source};
use tanyi_console::leads::{LeadsQuery, Phase, ReadState, Reading, MATCH_LIMIT};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

const TODAY: &str = "2026-12-01";

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").expect("a test time")
}

fn call(id: i64, job: i64, started: NaiveDateTime) -> CallRecord {
    CallRecord {
        id: Some(id),
        robot_call_job_id: Some(job),
        start_time: Some(ApiDateTime::parse(
            &started.format("%Y-%m-%d %H:%M:%S").to_string(),
        )),
        ..CallRecord::default()
    }
}

/// A tenant whose jobs' calls are listed newest first, as the API lists them.
#[derive(Default)]
struct Tenant {
    jobs: Vec<(i64, JobStatus)>,
    calls: RefCell<BTreeMap<i64, Vec<CallRecord>>>,
    /// Calls a job gains (at the top) each time one of its pages is asked.
    growing: Option<(i64, usize)>,
    failing: Cell<Option<i64>>,
    next_id: Cell<i64>,
    asked: RefCell<Vec<(i64, u32)>>,
}

impl Tenant {
    /// `n` calls of `job`, one every `minutes` back from `newest`.
    fn add_calls(&self, job: i64, n: usize, newest: NaiveDateTime, minutes: i64) {
        let mut calls = self.calls.borrow_mut();
        let list = calls.entry(job).or_default();
        for k in 0..n {
            let id = self.next_id.get() + 1;
            self.next_id.set(id);
            list.push(call(
                id,
                job,
                newest - Duration::minutes(minutes * k as i64),
            ));
        }
    }

    fn pages_asked(&self, job: i64) -> Vec<u32> {
        self.asked
            .borrow()
            .iter()
            .filter(|(j, _)| *j == job)
            .map(|(_, page)| *page)
            .collect()
    }
}

impl JobPages for Tenant {
    async fn jobs_page(&self, page: u32) -> Result<Page<JobSummary>, ApiError> {
        let size = JOBS_PAGE_SIZE as usize;
        let items = self
            .jobs
            .iter()
            .skip((page as usize - 1) * size)
            .take(size)
            .map(|(id, status)| JobSummary {
                id: Some(*id),
                name: Some(format!("Job {id}")),
                status: Some(status.clone()),
                ..JobSummary::default()
            })
            .collect();
        Ok(Page {
            number: Some(page.into()),
            page_size: Some(JOBS_PAGE_SIZE.into()),
            total: Some(self.jobs.len() as i64),
            pages: None,
            items,
        })
    }
}

impl Source for Tenant {
    async fn calls_page(&self, query: CallQuery) -> Result<Page<CallRecord>, ApiError> {
        let job = query.job_id.expect("one job's calls");
        self.asked.borrow_mut().push((job, query.page));
        if self.failing.get() == Some(job) {
            return Err(ApiError::Network {
                detail: "offline".into(),
            });
        }
        if let Some((growing, n)) = self.growing {
            if growing == job && query.page > 1 {
                let newest = self.calls.borrow()[&job][0]
                    .start_time
                    .as_ref()
                    .and_then(ApiDateTime::value)
                    .expect("a start");
                let fresh = Tenant::default();
                fresh.next_id.set(self.next_id.get());
                fresh.add_calls(job, n, newest + Duration::minutes(n as i64), 1);
                self.next_id.set(fresh.next_id.get());
                let mut calls = self.calls.borrow_mut();
                let list = calls.entry(job).or_default();
                let mut added = fresh.calls.borrow_mut().remove(&job).unwrap_or_default();
                added.append(list);
                *list = added;
            }
        }
        let calls = self.calls.borrow();
        let list = calls.get(&job).cloned().unwrap_or_default();
        let size = query.page_size as usize;
        let items: Vec<CallRecord> = list
            .iter()
            .skip((query.page as usize - 1) * size)
            .take(size)
            .cloned()
            .collect();
        Ok(Page {
            number: Some(query.page.into()),
            page_size: Some(query.page_size.into()),
            total: Some(list.len() as i64),
            pages: None,
            items,
        })
    }
}

fn week() -> LeadsQuery {
    LeadsQuery::new(day(TODAY))
}

fn read(tenant: &Tenant, query: &LeadsQuery) -> Reading {
    let shared = RefCell::new(Reading::new((query.from, query.to)));
    block_on(read_leads(tenant, query, &shared));
    shared.into_inner()
}

fn is_newest_first(reading: &Reading) -> bool {
    let leads: Vec<_> = reading.merged.iter().collect();
    leads
        .windows(2)
        .all(|pair| (pair[0].started, pair[0].id) > (pair[1].started, pair[1].id))
}

#[test]
fn the_url_keeps_what_is_not_a_default_and_reads_back_the_same() {
    let today = day(TODAY);
    let defaults = LeadsQuery::new(today);
    assert_eq!(
        (defaults.intents.clone(), defaults.results.clone()),
        (
            vec![IntentLevel::A, IntentLevel::B],
            vec![CallResult::Answered]
        )
    );
    assert_eq!((defaults.from, defaults.to), (day("2026-11-25"), today));
    assert_eq!(defaults.to_url(today), "");
    let chosen = LeadsQuery {
        intents: Vec::new(),
        results: vec![CallResult::Answered, CallResult::Busy],
        from: day("2026-11-01"),
        to: day("2026-11-30"),
        jobs: vec![3, 12],
        page: 4,
    };
    let url = chosen.to_url(today);
    assert_eq!(
        url,
        "intent=&result=ANSWERED,BUSY&from=2026-11-01&to=2026-11-30&jobs=3,12&page=4"
    );
    assert_eq!(LeadsQuery::from_url(&url, today), chosen);
    // Junk keeps the defaults; a range typed backwards is turned round.
    let junk = LeadsQuery::from_url("?intent=Z&from=soon&to=2026-11-20&jobs=x,-1&page=0", today);
    assert_eq!(junk.intents, Vec::<IntentLevel>::new());
    assert_eq!((junk.from, junk.to), (day("2026-11-20"), day("2026-11-25")));
    assert!(junk.jobs.is_empty());
    assert_eq!(junk.page, 1);
    // Each job's request carries the filters, 100 calls a page.
    let request = chosen.job_page(12, 3);
    assert_eq!(
        (request.job_id, request.page, request.page_size),
        (Some(12), 3, 100)
    );
    assert_eq!(
        (request.from, request.to),
        (Some(chosen.from), Some(chosen.to))
    );
    assert_eq!(request.results, chosen.results);
}

#[test]
fn the_folded_filters_count_what_differs_from_the_defaults() {
    let today = day(TODAY);
    let defaults = LeadsQuery::new(today);
    assert_eq!(defaults.changed_filters(today), 0);
    let mut query = defaults.clone();
    query.page = 3;
    assert_eq!(query.changed_filters(today), 0, "the page is not a filter");
    query.results = Vec::new();
    query.from = day("2026-11-01");
    query.jobs = vec![7];
    assert_eq!(query.changed_filters(today), 3);
    // The same range is no longer the default a day later.
    assert_eq!(defaults.changed_filters(day("2026-12-02")), 1);
}

#[test]
fn every_job_s_pages_merge_newest_first_each_call_once() {
    let tenant = Tenant {
        jobs: vec![
            (1, JobStatus::InProcess),
            (2, JobStatus::Completed),
            (3, JobStatus::NotStarted),
            (4, JobStatus::InQueue),
            (5, JobStatus::UserPause),
        ],
        ..Tenant::default()
    };
    tenant.add_calls(1, 250, at("2026-12-01 18:00:00"), 7);
    tenant.add_calls(2, 120, at("2026-11-30 12:00:00"), 11);
    tenant.add_calls(5, 3, at("2026-11-29 09:00:00"), 60);
    let reading = read(&tenant, &week());
    // Jobs that never called are not asked.
    assert_eq!(
        reading.jobs.iter().map(|job| job.id).collect::<Vec<_>>(),
        [1, 2, 5]
    );
    assert_eq!(tenant.pages_asked(1), [1, 2, 3]);
    assert_eq!(tenant.pages_asked(2), [1, 2]);
    assert_eq!(tenant.pages_asked(5), [1]);
    assert_eq!(reading.merged.len(), 373);
    assert!(is_newest_first(&reading));
    let ids: BTreeSet<i64> = reading.merged.ids().into_iter().collect();
    assert_eq!(ids.len(), 373);
    assert_eq!(reading.phase, Phase::Finished);
    assert_eq!(reading.jobs_answered(), (3, 3));
    assert_eq!(reading.matching(), Some(373));
    let first = &reading.merged.iter().next().expect("a lead");
    assert_eq!(
        (first.job_id, first.job_name.as_deref()),
        (1, Some("Job 1"))
    );
}

#[test]
fn calls_outside_the_range_are_left_out_and_a_job_stops_at_the_first_older_page() {
    let tenant = Tenant {
        jobs: vec![(1, JobStatus::InProcess)],
        ..Tenant::default()
    };
    // 900 calls an hour apart from today back 37 days: the range holds 7 days of them.
    tenant.add_calls(1, 900, at("2026-12-01 23:00:00"), 60);
    let query = week();
    let reading = read(&tenant, &query);
    let in_range = reading.merged.iter().all(|lead| {
        let date = lead.started.date();
        date >= query.from && date <= query.to
    });
    assert!(in_range);
    assert_eq!(reading.merged.len(), 7 * 24);
    // 168 calls in the range: pages 1 and 2 (page 2 reaches older calls), not page 9.
    assert_eq!(tenant.pages_asked(1), [1, 2]);
}

#[test]
fn a_job_that_grows_while_it_is_read_loses_nothing_and_repeats_nothing() {
    let tenant = Tenant {
        jobs: vec![(1, JobStatus::InProcess)],
        growing: Some((1, 30)),
        ..Tenant::default()
    };
    tenant.add_calls(1, 250, at("2026-12-01 12:00:00"), 2);
    let there_at_start: BTreeSet<i64> = tenant.calls.borrow()[&1]
        .iter()
        .filter_map(|c| c.id)
        .collect();
    let reading = read(&tenant, &week());
    let read_ids: Vec<i64> = reading.merged.ids();
    let unique: BTreeSet<i64> = read_ids.iter().copied().collect();
    assert_eq!(unique.len(), read_ids.len(), "a call twice");
    assert!(
        there_at_start.is_subset(&unique),
        "missing: {:?}",
        there_at_start.difference(&unique).collect::<Vec<_>>()
    );
    // Its first page said 250; the pushed-down calls needed a fourth page.
    assert_eq!(tenant.pages_asked(1), [1, 2, 3, 4]);
    assert!(is_newest_first(&reading));
}

#[test]
fn a_failing_job_is_listed_with_its_error_and_read_again_on_retry() {
    let tenant = Tenant {
        jobs: vec![(1, JobStatus::InProcess), (2, JobStatus::InProcess)],
        ..Tenant::default()
    };
    tenant.add_calls(1, 40, at("2026-12-01 12:00:00"), 5);
    tenant.add_calls(2, 60, at("2026-12-01 11:00:00"), 5);
    tenant.failing.set(Some(2));
    let query = week();
    let shared = RefCell::new(Reading::new((query.from, query.to)));
    block_on(read_leads(&tenant, &query, &shared));
    {
        let reading = shared.borrow();
        assert_eq!(reading.merged.len(), 40, "the other job's leads stay");
        let failures = reading.failures();
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].0.id, 2);
        assert_eq!(reading.phase, Phase::Finished);
        // Its count is not known: the total says what is known.
        assert_eq!(reading.matching(), Some(40));
    }
    tenant.failing.set(None);
    block_on(read_job(&tenant, &query, 2, &shared));
    let reading = shared.borrow();
    assert!(reading.failures().is_empty());
    assert_eq!(reading.merged.len(), 100);
    assert!(reading.jobs.iter().all(|job| job.state == ReadState::Done));
}

#[test]
fn over_the_limit_only_first_pages_are_read() {
    let tenant = Tenant {
        jobs: (1..=3).map(|id| (id, JobStatus::InProcess)).collect(),
        ..Tenant::default()
    };
    for job in 1..=3 {
        tenant.add_calls(job, 3400, at("2026-12-01 23:59:00"), 0);
    }
    let reading = read(&tenant, &week());
    assert_eq!(reading.matching(), Some(10_200));
    assert!(reading.matching() > Some(MATCH_LIMIT));
    assert_eq!(reading.phase, Phase::OverLimit);
    for job in 1..=3 {
        assert_eq!(tenant.pages_asked(job), [1]);
    }
    assert_eq!(reading.merged.len(), 300);
}

#[test]
fn the_csv_is_the_list_newest_first_with_the_job_s_id_and_name_first() {
    use tanyi_console::components::csv_export::{call_csv_header, leads_csv, leads_file_name};
    use tanyi_console::i18n::Locale;
    let tenant = Tenant {
        jobs: vec![(1, JobStatus::InProcess), (2, JobStatus::Completed)],
        ..Tenant::default()
    };
    tenant.add_calls(1, 3, at("2026-12-01 10:00:00"), 30);
    tenant.add_calls(2, 2, at("2026-12-01 10:10:00"), 30);
    let reading = read(&tenant, &week());
    let csv = leads_csv(reading.merged.iter(), Locale::ZhCn, true);
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    let mut header = vec!["任务ID", "任务名称"];
    header.extend(call_csv_header(Locale::ZhCn));
    assert_eq!(lines[0], header.join(","));
    // Newest first across jobs: 10:10 (job 2), 10:00 (job 1), 09:40, 09:30, 09:00.
    let firsts: Vec<(&str, &str, &str)> = lines[1..6]
        .iter()
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            (cells[0], cells[1], cells[2])
        })
        .collect();
    let expected: Vec<(String, String, String)> = reading
        .merged
        .iter()
        .map(|lead| {
            (
                lead.job_id.to_string(),
                format!("Job {}", lead.job_id),
                lead.id.to_string(),
            )
        })
        .collect();
    assert_eq!(
        firsts,
        expected
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        expected.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(),
        ["2", "1", "2", "1", "1"]
    );
    assert_eq!(lines.len(), 7, "header, five rows, and the last line's end");
    assert_eq!(
        leads_file_name(day("2026-11-25"), day(TODAY)),
        "leads-2026-11-25-to-2026-12-01.csv"
    );
}
