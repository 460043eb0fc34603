//! The overview's day totals across jobs (from each job's daily series) and which jobs it lists.

use crate::api::enums::{DailySeriesKind, JobStatus};
use crate::api::model::{JobDetail, JobStats};
use chrono::{Days, NaiveDate};

/// The statuses the overview lists, in the order it shows them; any other (an unknown one
/// included) is left out.
pub const LISTED_STATUSES: [JobStatus; 5] = [
    JobStatus::InProcess,
    JobStatus::InQueue,
    JobStatus::Runnable,
    JobStatus::SystemSuspended,
    JobStatus::UserPause,
];

/// Whether the overview lists a job with this status (a job without one is not listed).
pub fn is_listed(status: Option<&JobStatus>) -> bool {
    status.is_some_and(|status| LISTED_STATUSES.contains(status))
}

/// One job's figures for one day, from its daily series; 0 where the series has no point
/// for the day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JobDay {
    /// Calls made (`taskCallCompletedList`).
    pub calls: u64,
    /// Calls answered (`answeredTaskList`).
    pub answered: u64,
    /// Talk time in seconds (`chatDurationTotalList`).
    pub talk_seconds: u64,
}

/// A series' value for a day as a whole non-negative number; `None` when the series has no
/// usable point for that day (the first point of the day counts, as the chart shows it).
fn point_on(stats: &JobStats, kind: DailySeriesKind, date: NaiveDate) -> Option<u64> {
    let point = stats
        .series(kind)
        .iter()
        .find(|point| point.date.as_ref().and_then(|d| d.date()) == Some(date))?;
    let value = point.value.filter(|value| value.is_finite())?;
    // Counts and seconds arrive as JSON numbers; a negative one is nonsense, read as 0.
    Some(value.max(0.0).round() as u64)
}

/// A job's figures for a day (all 0 when it has no stats or no point for that day).
pub fn job_day(detail: &JobDetail, date: NaiveDate) -> JobDay {
    let Some(stats) = detail.stats.as_ref() else {
        return JobDay::default();
    };
    let on = |kind| point_on(stats, kind, date).unwrap_or(0);
    JobDay {
        calls: on(DailySeriesKind::CallsCompleted),
        answered: on(DailySeriesKind::CallsAnswered),
        talk_seconds: on(DailySeriesKind::TalkTimeTotal),
    }
}

/// One job as a day's totals take it: its figures that day and its leads (intent A + B),
/// counted elsewhere (`None` while not known).
#[derive(Clone, Copy, Debug)]
pub struct JobFigures {
    /// Its calls, answers and talk time that day.
    pub day: JobDay,
    /// Its leads that day, `None` while not known.
    pub leads: Option<u64>,
}

/// The totals across jobs for one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayTotals {
    /// The day.
    pub date: NaiveDate,
    /// Calls made.
    pub calls: u64,
    /// Calls answered.
    pub answered: u64,
    /// Talk time in seconds.
    pub talk_seconds: u64,
    /// Leads (intent A + B): `None` unless every job's count is known (a partial sum
    /// would pass for the whole).
    pub leads: Option<u64>,
    /// How many jobs were added up.
    pub jobs: usize,
}

impl DayTotals {
    /// Answered of calls, as a percentage (`25.0` is 25 %); `None` with no calls.
    pub fn answer_rate(&self) -> Option<f64> {
        (self.calls > 0).then(|| self.answered as f64 * 100.0 / self.calls as f64)
    }
}

/// The totals of the given jobs' figures for a day.
pub fn day_totals<I>(date: NaiveDate, jobs: I) -> DayTotals
where
    I: IntoIterator<Item = JobFigures>,
{
    let mut totals = DayTotals {
        date,
        calls: 0,
        answered: 0,
        talk_seconds: 0,
        leads: Some(0),
        jobs: 0,
    };
    for job in jobs {
        totals.calls = totals.calls.saturating_add(job.day.calls);
        totals.answered = totals.answered.saturating_add(job.day.answered);
        totals.talk_seconds = totals.talk_seconds.saturating_add(job.day.talk_seconds);
        totals.leads = totals
            .leads
            .zip(job.leads)
            .map(|(sum, leads)| sum.saturating_add(leads));
        totals.jobs += 1;
    }
    totals
}

/// Today's totals and yesterday's, to show side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SideBySide {
    /// Today's totals.
    pub today: DayTotals,
    /// Yesterday's totals.
    pub yesterday: DayTotals,
}

/// The day before `today` (the first day chrono knows has none: it is then its own, never in
/// real data).
pub fn yesterday(today: NaiveDate) -> NaiveDate {
    today.checked_sub_days(Days::new(1)).unwrap_or(today)
}
