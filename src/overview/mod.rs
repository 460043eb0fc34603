//! The pure logic of the `/overview` page (issue #15): the day's totals across jobs, which
//! jobs it lists, what it asks the API for at each refresh, its alerts and which of them are
//! new. No views: it builds and tests on the host.

pub mod alerts;
pub mod load;
pub mod readings;
pub mod snapshot;
pub mod totals;

pub use alerts::{
    answer_rate_drop, caller_line_trouble, job_alerts, stalled, system_suspended, Alert, AlertKey,
    AlertKind, AlertTopic, JobAlertFigures, SeenAlerts, CALLER_LINE_PERCENT, MIN_CALLS_TODAY,
    STALLED_READINGS,
};
pub use readings::CompletedReadings;
pub use totals::{
    day_totals, is_listed, job_day, yesterday, DayTotals, JobDay, JobFigures, SideBySide,
    LISTED_STATUSES,
};
