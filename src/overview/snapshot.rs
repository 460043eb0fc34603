//! One refresh of the overview: the jobs it lists with their figures (or why a job's could
//! not be had), and what the page shows of them: totals, rows' figures, alerts.

use super::alerts::{job_alerts, Alert, JobAlertFigures};
use super::readings::CompletedReadings;
use super::totals::{day_totals, yesterday, JobDay, JobFigures, SideBySide};
use crate::api::{ApiError, JobSummary};
use chrono::NaiveDate;

/// A listed job's figures at a refresh.
#[derive(Clone, Debug, PartialEq)]
pub struct JobReport {
    /// Its overall answer rate in percent (`answeredRate` of its detail), as sent.
    pub overall_answer_percent: Option<f64>,
    /// Its figures today, from the daily series.
    pub today: JobDay,
    /// Its figures yesterday, from the daily series.
    pub yesterday: JobDay,
    /// Its leads (intent A + B) today.
    pub leads_today: u64,
    /// Its leads yesterday.
    pub leads_yesterday: u64,
    /// Today's calls that ended `FROM_PHONE_ERROR` or `SYSTEM_ERROR`.
    pub caller_line_errors: u64,
}

/// One listed job: its entry in the job list, and its figures or the error that kept them.
#[derive(Clone, Debug, PartialEq)]
pub struct JobLine {
    /// The job's id (jobs the list gives without one are not listed).
    pub id: i64,
    /// Its entry in `getTasks`.
    pub summary: JobSummary,
    /// Its figures, or why they could not be had (shown in its own row).
    pub report: Result<JobReport, ApiError>,
}

/// The overview at one refresh.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The browser's calendar day the figures are for.
    pub today: NaiveDate,
    /// The jobs listed, running ones first (in the order of `LISTED_STATUSES`).
    pub lines: Vec<JobLine>,
    /// The running jobs' completed counts up to this refresh, for the "stalled" alert.
    pub readings: CompletedReadings,
}

impl Snapshot {
    /// The refresh's snapshot: `readings` takes this refresh's completed counts (and forgets
    /// jobs no longer listed), and the snapshot keeps a copy of them.
    pub fn new(
        today: NaiveDate,
        lines: Vec<JobLine>,
        readings: &mut CompletedReadings,
    ) -> Snapshot {
        for line in &lines {
            readings.record(
                line.id,
                line.summary.status.as_ref(),
                line.summary.completed_task,
            );
        }
        let listed: Vec<i64> = lines.iter().map(|line| line.id).collect();
        readings.retain_jobs(&listed);
        Snapshot {
            today,
            lines,
            readings: readings.clone(),
        }
    }

    /// The jobs whose figures were had.
    pub fn reports(&self) -> impl Iterator<Item = (&JobLine, &JobReport)> {
        self.lines
            .iter()
            .filter_map(|line| line.report.as_ref().ok().map(|report| (line, report)))
    }

    /// How many listed jobs' figures could not be had (left out of the totals).
    pub fn failed(&self) -> usize {
        self.lines
            .iter()
            .filter(|line| line.report.is_err())
            .count()
    }

    /// Today's and yesterday's totals over the jobs whose figures were had.
    pub fn totals(&self) -> SideBySide {
        let reports = || self.reports().map(|(_, report)| report);
        SideBySide {
            today: day_totals(
                self.today,
                reports().map(|r| JobFigures {
                    day: r.today,
                    leads: Some(r.leads_today),
                }),
            ),
            yesterday: day_totals(
                yesterday(self.today),
                reports().map(|r| JobFigures {
                    day: r.yesterday,
                    leads: Some(r.leads_yesterday),
                }),
            ),
        }
    }

    /// Every listed job's alerts, job after job. A job whose figures could not be had still
    /// alerts on what its list entry says (paused by the system, stalled).
    pub fn alerts(&self) -> Vec<Alert> {
        self.lines
            .iter()
            .flat_map(|line| {
                let report = line.report.as_ref().ok();
                let today = report.map(|report| report.today).unwrap_or_default();
                job_alerts(&JobAlertFigures {
                    job_id: line.id,
                    job_name: line.summary.name.as_deref(),
                    status: line.summary.status.as_ref(),
                    calls_today: today.calls,
                    answered_today: today.answered,
                    caller_line_errors: report.map(|report| report.caller_line_errors),
                    overall_answer_percent: report.and_then(|r| r.overall_answer_percent),
                    completed_readings: self.readings.readings(line.id),
                })
            })
            .collect()
    }
}
