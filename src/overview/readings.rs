//! A running job's completed counts over the overview's last refreshes, for the "stalled"
//! alert.

use super::alerts::STALLED_READINGS;
use crate::api::enums::JobStatus;
use std::collections::BTreeMap;

/// Each job's completed counts at the last refreshes, newest last, at most
/// [`STALLED_READINGS`] of them. Only readings taken while the job was `IN_PROCESS` count:
/// a count that stood still while it was paused says nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompletedReadings {
    by_job: BTreeMap<i64, Vec<i64>>,
}

impl CompletedReadings {
    /// No readings yet.
    pub fn new() -> CompletedReadings {
        CompletedReadings::default()
    }

    /// One refresh's reading of a job. A job not in progress, or without a count, starts
    /// again from nothing.
    pub fn record(&mut self, job_id: i64, status: Option<&JobStatus>, completed: Option<i64>) {
        match completed.filter(|_| status == Some(&JobStatus::InProcess)) {
            Some(completed) => {
                let readings = self.by_job.entry(job_id).or_default();
                readings.push(completed);
                if readings.len() > STALLED_READINGS {
                    readings.remove(0);
                }
            }
            None => {
                self.by_job.remove(&job_id);
            }
        }
    }

    /// A job's readings, newest last.
    pub fn readings(&self, job_id: i64) -> &[i64] {
        self.by_job.get(&job_id).map_or(&[], Vec::as_slice)
    }

    /// Forgets the jobs no longer listed.
    pub fn retain_jobs(&mut self, listed: &[i64]) {
        self.by_job.retain(|job_id, _| listed.contains(job_id));
    }
}
