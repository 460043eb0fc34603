//! The overview's alerts, each a pure function of given figures, their sentences in both
//! languages, and which of them are new since the user last looked.

use crate::api::enums::JobStatus;
use crate::i18n::Locale;
use std::collections::BTreeSet;

/// Caller-line errors (`FROM_PHONE_ERROR` + `SYSTEM_ERROR`) alert above this share of the
/// day's calls, in percent (exactly this much does not).
pub const CALLER_LINE_PERCENT: u64 = 20;

/// Calls a job must have made today before a share of them alerts (its caller-line errors,
/// its answer rate): just after midnight a handful of calls swings either way (the stand-in's
/// ordinary data reaches 28 % caller-line errors over a job's first 20 calls of a day, and
/// stays under 20 % from 50 on).
pub const MIN_CALLS_TODAY: u64 = 50;

/// Readings of a running job's completed count that must all be equal for it to count as
/// stalled: the current one and the three refreshes before it.
pub const STALLED_READINGS: usize = 4;

/// What an alert is about, without its figures: with the job id, an alert's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AlertTopic {
    /// The job is paused by the system.
    SystemSuspended,
    /// Too many of today's calls failed on the caller line.
    CallerLine,
    /// Today's answer rate is under half the job's overall one.
    AnswerRateDrop,
    /// A running job's completed count has not moved.
    Stalled,
}

/// An alert's kind with the figures its sentence shows.
#[derive(Clone, Debug, PartialEq)]
pub enum AlertKind {
    /// The job is `SYSTEM_SUSPENDED`.
    SystemSuspended,
    /// `errors` (`FROM_PHONE_ERROR` + `SYSTEM_ERROR`) of today's `calls`.
    CallerLine { errors: u64, calls: u64 },
    /// Today `answered` of `calls`; the job's overall rate in percent.
    AnswerRateDrop {
        answered: u64,
        calls: u64,
        overall_percent: f64,
    },
    /// The completed count stayed at `completed` over `refreshes` refreshes.
    Stalled { completed: i64, refreshes: usize },
}

impl AlertTopic {
    /// Every topic, in the order alerts are listed.
    pub const ALL: [AlertTopic; 4] = [
        AlertTopic::SystemSuspended,
        AlertTopic::CallerLine,
        AlertTopic::AnswerRateDrop,
        AlertTopic::Stalled,
    ];

    /// The topic's code: kept in the browser with the alerts seen, and in the page's markup.
    pub fn code(self) -> &'static str {
        match self {
            AlertTopic::SystemSuspended => "system-suspended",
            AlertTopic::CallerLine => "caller-line",
            AlertTopic::AnswerRateDrop => "answer-rate",
            AlertTopic::Stalled => "stalled",
        }
    }

    /// The topic of a code; `None` for any other text.
    pub fn from_code(code: &str) -> Option<AlertTopic> {
        AlertTopic::ALL
            .into_iter()
            .find(|topic| topic.code() == code)
    }
}

impl AlertKind {
    /// The kind without its figures.
    pub fn topic(&self) -> AlertTopic {
        match self {
            AlertKind::SystemSuspended => AlertTopic::SystemSuspended,
            AlertKind::CallerLine { .. } => AlertTopic::CallerLine,
            AlertKind::AnswerRateDrop { .. } => AlertTopic::AnswerRateDrop,
            AlertKind::Stalled { .. } => AlertTopic::Stalled,
        }
    }
}

/// An alert's identity: a new alert is one whose key the user has not seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AlertKey {
    /// What it is about.
    pub topic: AlertTopic,
    /// The job.
    pub job_id: i64,
}

/// One alert: the job it is about and what is wrong, with the figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    /// The job's id.
    pub job_id: i64,
    /// The job's name, when it has one.
    pub job_name: Option<String>,
    /// What is wrong.
    pub kind: AlertKind,
}

/// A share in percent for a sentence: whole when it is whole (`35%`), else one decimal
/// (`20.5%`), so a share just over a threshold never reads as the threshold itself.
fn share(part: f64, whole: f64) -> String {
    let percent = part * 100.0 / whole;
    if (percent - percent.round()).abs() < 1e-9 {
        format!("{percent:.0}%")
    } else {
        format!("{percent:.1}%")
    }
}

/// A percentage as sent, trimmed the same way.
fn percent_text(percent: f64) -> String {
    share(percent, 100.0)
}

impl Alert {
    /// The alert's identity (kind and job).
    pub fn key(&self) -> AlertKey {
        AlertKey {
            topic: self.kind.topic(),
            job_id: self.job_id,
        }
    }

    /// The job as the sentences name it: its name, else `#id`.
    pub fn job_label(&self) -> String {
        match self.job_name.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => name.to_string(),
            _ => format!("#{}", self.job_id),
        }
    }

    /// The alert's sentence in the user's language, with its figures.
    pub fn sentence(&self, locale: Locale) -> String {
        let job = self.job_label();
        match (&self.kind, locale) {
            (AlertKind::SystemSuspended, Locale::ZhCn) => format!("任务『{job}』已被系统暂停"),
            (AlertKind::SystemSuspended, Locale::En) => {
                format!("Job {job} was paused by the system")
            }
            (AlertKind::CallerLine { errors, calls }, locale) => {
                let share = share(*errors as f64, *calls as f64);
                match locale {
                    Locale::ZhCn => {
                        format!("任务『{job}』今日主叫线路异常占 {share}（{errors}/{calls} 通）")
                    }
                    Locale::En => format!(
                        "Job {job}: caller-line errors are {} of today's calls ({errors} of {calls})",
                        share.replace('%', " %")
                    ),
                }
            }
            (
                AlertKind::AnswerRateDrop {
                    answered,
                    calls,
                    overall_percent,
                },
                locale,
            ) => {
                let today = share(*answered as f64, *calls as f64);
                let overall = percent_text(*overall_percent);
                match locale {
                    Locale::ZhCn => format!(
                        "任务『{job}』今日接听率 {today}（{answered}/{calls} 通），不到总体接听率 {overall} 的一半"
                    ),
                    Locale::En => format!(
                        "Job {job}: today's answer rate is {} ({answered} of {calls}), under half its overall {}",
                        today.replace('%', " %"),
                        overall.replace('%', " %")
                    ),
                }
            }
            (
                AlertKind::Stalled {
                    completed,
                    refreshes,
                },
                Locale::ZhCn,
            ) => format!("任务『{job}』进行中，但已完成数连续 {refreshes} 次刷新未变（{completed}）"),
            (
                AlertKind::Stalled {
                    completed,
                    refreshes,
                },
                Locale::En,
            ) => format!(
                "Job {job} is running but its completed count has not moved over the last {refreshes} refreshes ({completed})"
            ),
        }
    }

    /// The sentence in both languages, Chinese first.
    pub fn sentences(&self) -> [String; 2] {
        [self.sentence(Locale::ZhCn), self.sentence(Locale::En)]
    }
}

fn alert(job_id: i64, job_name: Option<&str>, kind: AlertKind) -> Alert {
    Alert {
        job_id,
        job_name: job_name.map(str::to_string),
        kind,
    }
}

/// The alert for a job paused by the system.
pub fn system_suspended(
    job_id: i64,
    job_name: Option<&str>,
    status: Option<&JobStatus>,
) -> Option<Alert> {
    (status == Some(&JobStatus::SystemSuspended))
        .then(|| alert(job_id, job_name, AlertKind::SystemSuspended))
}

/// The alert for caller-line trouble: `FROM_PHONE_ERROR` plus `SYSTEM_ERROR` make up over
/// 20 % of the job's calls today, once it has made at least 50.
pub fn caller_line_trouble(
    job_id: i64,
    job_name: Option<&str>,
    calls_today: u64,
    errors: u64,
) -> Option<Alert> {
    // Whole numbers, so exactly 20 % is exactly 20 %.
    let over = u128::from(errors) * 100 > u128::from(calls_today) * u128::from(CALLER_LINE_PERCENT);
    (calls_today >= MIN_CALLS_TODAY && over).then(|| {
        alert(
            job_id,
            job_name,
            AlertKind::CallerLine {
                errors,
                calls: calls_today,
            },
        )
    })
}

/// The alert for a drop in answers: today's answer rate is under half the job's overall
/// rate (`overall_percent`, `9.47` is 9.47 %), once the job has made at least 50 calls today.
pub fn answer_rate_drop(
    job_id: i64,
    job_name: Option<&str>,
    calls_today: u64,
    answered_today: u64,
    overall_percent: Option<f64>,
) -> Option<Alert> {
    let overall = overall_percent.filter(|rate| rate.is_finite() && *rate > 0.0)?;
    if calls_today < MIN_CALLS_TODAY {
        return None;
    }
    let today = answered_today as f64 * 100.0 / calls_today as f64;
    (today < overall / 2.0).then(|| {
        alert(
            job_id,
            job_name,
            AlertKind::AnswerRateDrop {
                answered: answered_today,
                calls: calls_today,
                overall_percent: overall,
            },
        )
    })
}

/// The alert for a running job that has stopped making progress: `readings` are its
/// completed counts at the last refreshes, newest last; the last four (the current one and
/// the three before it) must all be equal. Only an `IN_PROCESS` job can be stalled.
pub fn stalled(
    job_id: i64,
    job_name: Option<&str>,
    status: Option<&JobStatus>,
    readings: &[i64],
) -> Option<Alert> {
    if status != Some(&JobStatus::InProcess) || readings.len() < STALLED_READINGS {
        return None;
    }
    let last = &readings[readings.len() - STALLED_READINGS..];
    let current = *last.last()?;
    last.iter().all(|reading| *reading == current).then(|| {
        alert(
            job_id,
            job_name,
            AlertKind::Stalled {
                completed: current,
                refreshes: STALLED_READINGS - 1,
            },
        )
    })
}

/// The alerts the user has seen. An alert stays listed while its condition holds; one whose
/// key was not among those listed when the user last looked is new.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeenAlerts {
    seen: BTreeSet<AlertKey>,
}

impl SeenAlerts {
    /// Nothing seen yet: every alert is new.
    pub fn new() -> SeenAlerts {
        SeenAlerts::default()
    }

    /// Seen: these keys (as saved from the user's last look).
    pub fn from_keys(keys: impl IntoIterator<Item = AlertKey>) -> SeenAlerts {
        SeenAlerts {
            seen: keys.into_iter().collect(),
        }
    }

    /// The keys seen.
    pub fn keys(&self) -> &BTreeSet<AlertKey> {
        &self.seen
    }

    /// As kept in the browser: `caller-line:12 stalled:3`.
    pub fn to_text(&self) -> String {
        let keys: Vec<String> = self
            .seen
            .iter()
            .map(|key| format!("{}:{}", key.topic.code(), key.job_id))
            .collect();
        keys.join(" ")
    }

    /// Read back from [`SeenAlerts::to_text`]; what is not a key is skipped (the text comes
    /// from storage, which anything on the origin can write).
    pub fn from_text(text: &str) -> SeenAlerts {
        SeenAlerts::from_keys(text.split_whitespace().filter_map(|word| {
            let (topic, job) = word.split_once(':')?;
            Some(AlertKey {
                topic: AlertTopic::from_code(topic)?,
                job_id: job.parse().ok()?,
            })
        }))
    }

    /// Whether this alert appeared since the user last looked.
    pub fn is_new(&self, alert: &Alert) -> bool {
        !self.seen.contains(&alert.key())
    }

    /// The keys of the current alerts the user has not seen.
    pub fn new_keys(&self, current: &[Alert]) -> BTreeSet<AlertKey> {
        current
            .iter()
            .map(Alert::key)
            .filter(|key| !self.seen.contains(key))
            .collect()
    }

    /// Each current alert with whether it is new, in the given order.
    pub fn mark<'a>(&self, current: &'a [Alert]) -> Vec<(&'a Alert, bool)> {
        current
            .iter()
            .map(|alert| (alert, self.is_new(alert)))
            .collect()
    }

    /// The user looked at these alerts: they are the seen ones now. A gone alert is
    /// forgotten, so if its condition comes back it is new again.
    pub fn looked_at(&mut self, current: &[Alert]) {
        self.seen = current.iter().map(Alert::key).collect();
    }
}

/// What the overview knows about one job at a refresh, for its alerts.
#[derive(Clone, Copy, Debug, Default)]
pub struct JobAlertFigures<'a> {
    /// The job's id.
    pub job_id: i64,
    /// The job's name.
    pub job_name: Option<&'a str>,
    /// The job's status.
    pub status: Option<&'a JobStatus>,
    /// Calls made today.
    pub calls_today: u64,
    /// Calls answered today.
    pub answered_today: u64,
    /// Today's calls that ended `FROM_PHONE_ERROR` or `SYSTEM_ERROR`, `None` while not known.
    pub caller_line_errors: Option<u64>,
    /// The job's overall answer rate in percent (`answeredRate`).
    pub overall_answer_percent: Option<f64>,
    /// Its completed counts at the last refreshes, newest last.
    pub completed_readings: &'a [i64],
}

/// All of a job's alerts, in the order of [`AlertTopic`].
pub fn job_alerts(job: &JobAlertFigures<'_>) -> Vec<Alert> {
    let (id, name) = (job.job_id, job.job_name);
    [
        system_suspended(id, name, job.status),
        job.caller_line_errors
            .and_then(|errors| caller_line_trouble(id, name, job.calls_today, errors)),
        answer_rate_drop(
            id,
            name,
            job.calls_today,
            job.answered_today,
            job.overall_answer_percent,
        ),
        stalled(id, name, job.status, job.completed_readings),
    ]
    .into_iter()
    .flatten()
    .collect()
}
