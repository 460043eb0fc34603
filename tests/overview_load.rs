//! What the overview asks for at a refresh and what it makes of the answers (host): every
//! page of the job list, each listed job's detail and counts, no count for a day without
//! calls, a job's failure in its own line only, and the totals and alerts of a snapshot.

use chrono::NaiveDate;
use futures::executor::block_on;
use std::cell::RefCell;
use std::collections::BTreeMap;
use tanyi_console::api::enums::{CallResult, IntentLevel, JobStatus};
use tanyi_console::api::sources::{JobPages, JOBS_PAGE_SIZE};
use tanyi_console::api::{
    ApiDateTime, ApiError, CallQuery, DailyPoint, DailySeries, JobDetail, JobStats, JobSummary,
    Page,
};
use tanyi_console::overview::load::{load, Source};
use tanyi_console::overview::snapshot::{JobLine, Snapshot};
use tanyi_console::overview::{AlertTopic, CompletedReadings, JobDay};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

const TODAY: &str = "2026-12-01";
const YESTERDAY: &str = "2026-11-30";

/// A request the overview made, as the fake source saw it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Asked {
    Jobs(u32),
    Detail(i64),
    Leads(i64, String),
    CallerLine(i64, String),
}

/// A tenant: jobs with their status, completed count and per-day (calls, answered, talk)
/// figures; leads and errors per (job, day).
#[derive(Default)]
struct Tenant {
    jobs: Vec<(i64, JobStatus, i64)>,
    days: BTreeMap<i64, Vec<(&'static str, u64, u64, u64)>>,
    answered_rate: BTreeMap<i64, f64>,
    leads: BTreeMap<(i64, &'static str), u64>,
    errors: BTreeMap<(i64, &'static str), u64>,
    failing_detail: Option<i64>,
    asked: RefCell<Vec<Asked>>,
}

fn points(values: impl Iterator<Item = (&'static str, u64)>) -> Vec<DailyPoint> {
    values
        .map(|(date, value)| DailyPoint {
            date: Some(ApiDateTime::parse(&format!("{date} 00:00:00"))),
            value: Some(value as f64),
        })
        .collect()
}

impl Tenant {
    fn asked(&self) -> Vec<Asked> {
        let mut asked = self.asked.borrow().clone();
        asked.sort();
        asked
    }

    fn summary(&self, (id, status, completed): (i64, JobStatus, i64)) -> JobSummary {
        JobSummary {
            id: Some(id),
            name: Some(format!("Job {id}")),
            status: Some(status),
            completed_task: Some(completed),
            task_call_total: Some(1000),
            ..JobSummary::default()
        }
    }
}

fn date_of(query: &CallQuery) -> String {
    assert_eq!(query.from, query.to, "a count is of one day");
    query.from.map(|d| d.to_string()).unwrap_or_default()
}

impl JobPages for Tenant {
    async fn jobs_page(&self, page: u32) -> Result<Page<JobSummary>, ApiError> {
        self.asked.borrow_mut().push(Asked::Jobs(page));
        let size = JOBS_PAGE_SIZE as usize;
        let start = (page as usize - 1) * size;
        let items = self
            .jobs
            .iter()
            .skip(start)
            .take(size)
            .map(|job| self.summary(job.clone()))
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
    async fn job_detail(&self, job_id: i64) -> Result<JobDetail, ApiError> {
        self.asked.borrow_mut().push(Asked::Detail(job_id));
        if self.failing_detail == Some(job_id) {
            return Err(ApiError::Http {
                status: 500,
                excerpt: "Internal Server Error".into(),
                request_id: Some("rid-7".into()),
            });
        }
        let days = self.days.get(&job_id).cloned().unwrap_or_default();
        Ok(JobDetail {
            stats: Some(JobStats {
                answered_rate: self.answered_rate.get(&job_id).copied(),
                daily: Some(DailySeries {
                    task_call_completed_list: points(days.iter().map(|d| (d.0, d.1))),
                    answered_task_list: points(days.iter().map(|d| (d.0, d.2))),
                    chat_duration_total_list: points(days.iter().map(|d| (d.0, d.3))),
                    ..DailySeries::default()
                }),
                ..JobStats::default()
            }),
            ..JobDetail::default()
        })
    }

    async fn call_count(&self, query: CallQuery) -> Result<u64, ApiError> {
        let job = query.job_id.expect("a count is of one job");
        let date = date_of(&query);
        let key = |date: &str| if date == TODAY { TODAY } else { YESTERDAY };
        if query.intents == [IntentLevel::A, IntentLevel::B] && query.results.is_empty() {
            self.asked
                .borrow_mut()
                .push(Asked::Leads(job, date.clone()));
            Ok(self.leads.get(&(job, key(&date))).copied().unwrap_or(0))
        } else if query.results == [CallResult::FromPhoneError, CallResult::SystemError]
            && query.intents.is_empty()
        {
            self.asked
                .borrow_mut()
                .push(Asked::CallerLine(job, date.clone()));
            Ok(self.errors.get(&(job, key(&date))).copied().unwrap_or(0))
        } else {
            panic!("an unexpected count: {query:?}")
        }
    }
}

/// Two running jobs with calls both days, one waiting job that called yesterday only, one
/// paused by the system with no calls, and jobs the overview does not list.
fn tenant() -> Tenant {
    let mut tenant = Tenant {
        jobs: vec![
            (1, JobStatus::Completed, 500),
            (2, JobStatus::InProcess, 320),
            (3, JobStatus::Runnable, 80),
            (4, JobStatus::SystemSuspended, 0),
            (5, JobStatus::NotStarted, 0),
            (6, JobStatus::InProcess, 900),
        ],
        ..Tenant::default()
    };
    tenant
        .days
        .insert(2, vec![(YESTERDAY, 100, 30, 1200), (TODAY, 200, 20, 800)]);
    tenant.days.insert(3, vec![(YESTERDAY, 80, 40, 2000)]);
    tenant
        .days
        .insert(6, vec![(YESTERDAY, 300, 90, 5000), (TODAY, 60, 18, 700)]);
    tenant.answered_rate.insert(2, 30.0);
    tenant.answered_rate.insert(6, 30.0);
    tenant.leads.insert((2, TODAY), 4);
    tenant.leads.insert((2, YESTERDAY), 9);
    tenant.leads.insert((3, YESTERDAY), 7);
    tenant.leads.insert((6, TODAY), 2);
    tenant.leads.insert((6, YESTERDAY), 11);
    tenant.errors.insert((2, TODAY), 50);
    tenant.errors.insert((6, TODAY), 3);
    tenant
}

fn snapshot(tenant: &Tenant, readings: &mut CompletedReadings) -> Snapshot {
    let lines = block_on(load(tenant, day(TODAY))).expect("the job list loads");
    Snapshot::new(day(TODAY), lines, readings)
}

#[test]
fn it_asks_each_listed_job_once_and_counts_only_days_with_calls() {
    let tenant = tenant();
    let lines = block_on(load(&tenant, day(TODAY))).expect("loads");
    let listed: Vec<i64> = lines.iter().map(|line| line.id).collect();
    // Running jobs first, then waiting ones, then the one paused by the system.
    assert_eq!(listed, [2, 6, 3, 4]);
    use Asked::*;
    assert_eq!(
        tenant.asked(),
        [
            Jobs(1),
            Detail(2),
            Detail(3),
            Detail(4),
            Detail(6),
            Leads(2, YESTERDAY.into()),
            Leads(2, TODAY.into()),
            Leads(3, YESTERDAY.into()),
            Leads(6, YESTERDAY.into()),
            Leads(6, TODAY.into()),
            CallerLine(2, TODAY.into()),
            CallerLine(6, TODAY.into()),
        ]
    );
    let two = lines[0].report.as_ref().expect("job 2's figures");
    assert_eq!(
        two.today,
        JobDay {
            calls: 200,
            answered: 20,
            talk_seconds: 800
        }
    );
    assert_eq!(
        (two.leads_today, two.leads_yesterday, two.caller_line_errors),
        (4, 9, 50)
    );
}

#[test]
fn every_page_of_the_job_list_is_read() {
    let tenant = Tenant {
        jobs: (1..=250).map(|id| (id, JobStatus::UserPause, 0)).collect(),
        ..Tenant::default()
    };
    let lines = block_on(load(&tenant, day(TODAY))).expect("loads");
    assert_eq!(lines.len(), 250);
    let pages: Vec<Asked> = tenant
        .asked()
        .into_iter()
        .filter(|asked| matches!(asked, Asked::Jobs(_)))
        .collect();
    assert_eq!(pages, [Asked::Jobs(1), Asked::Jobs(2), Asked::Jobs(3)]);
}

#[test]
fn a_failing_job_detail_fails_its_own_line_only() {
    let mut tenant = tenant();
    tenant.failing_detail = Some(6);
    let mut readings = CompletedReadings::new();
    let snapshot = snapshot(&tenant, &mut readings);
    let failed: Vec<&JobLine> = snapshot
        .lines
        .iter()
        .filter(|line| line.report.is_err())
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].id, 6);
    assert_eq!(
        failed[0]
            .report
            .as_ref()
            .err()
            .and_then(ApiError::request_id),
        Some("rid-7")
    );
    assert_eq!(snapshot.failed(), 1);
    // Its counts are not asked for; the others' figures are all there.
    assert!(!tenant
        .asked()
        .iter()
        .any(|asked| matches!(asked, Asked::Leads(6, _) | Asked::CallerLine(6, _))));
    let totals = snapshot.totals();
    assert_eq!((totals.today.calls, totals.today.leads), (200, Some(4)));
    assert_eq!(totals.today.jobs, 3);
}

#[test]
fn totals_are_the_sums_of_the_listed_jobs_figures() {
    let tenant = tenant();
    let mut readings = CompletedReadings::new();
    let totals = snapshot(&tenant, &mut readings).totals();
    assert_eq!(
        (
            totals.today.calls,
            totals.today.answered,
            totals.today.talk_seconds,
            totals.today.leads
        ),
        (260, 38, 1500, Some(6))
    );
    assert_eq!(
        (
            totals.yesterday.calls,
            totals.yesterday.answered,
            totals.yesterday.talk_seconds,
            totals.yesterday.leads
        ),
        (480, 160, 8200, Some(27))
    );
    assert_eq!(totals.yesterday.date, day(YESTERDAY));
}

#[test]
fn a_snapshot_alerts_and_a_stall_needs_four_equal_readings() {
    let tenant = tenant();
    let mut readings = CompletedReadings::new();
    let topics = |snapshot: &Snapshot| -> Vec<(i64, AlertTopic)> {
        snapshot
            .alerts()
            .iter()
            .map(|alert| (alert.job_id, alert.key().topic))
            .collect()
    };
    let first = snapshot(&tenant, &mut readings);
    // Job 2: 50 of 200 calls failed on the caller line (25 %), and 10 % answered today
    // against 30 % overall. Job 6: 60 calls, 30 % answered. Job 4 is paused by the system.
    assert_eq!(
        topics(&first),
        [
            (2, AlertTopic::CallerLine),
            (2, AlertTopic::AnswerRateDrop),
            (4, AlertTopic::SystemSuspended),
        ]
    );
    let stalled = |snapshot: &Snapshot| -> Vec<i64> {
        topics(snapshot)
            .into_iter()
            .filter(|(_, topic)| *topic == AlertTopic::Stalled)
            .map(|(job, _)| job)
            .collect()
    };
    // Two more refreshes with the same completed counts are not yet a stall; the fourth is.
    snapshot(&tenant, &mut readings);
    assert!(stalled(&snapshot(&tenant, &mut readings)).is_empty());
    assert_eq!(stalled(&snapshot(&tenant, &mut readings)), [2, 6]);
    // Job 2 moves on: only job 6 is still stalled.
    let mut tenant = tenant;
    tenant.jobs[1].2 += 1;
    assert_eq!(stalled(&snapshot(&tenant, &mut readings)), [6]);
}
