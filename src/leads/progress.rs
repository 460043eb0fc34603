//! Where the reading of the leads stands: each job's progress, the merged list so far, the
//! count of matching calls once every job's first page is in, and the limit.

use super::merge::{Merged, PageAdded};
use crate::api::{ApiError, CallRecord, Page};
use chrono::NaiveDate;
use std::sync::Arc;

/// Matching calls (the sum of the jobs' `totalElements`) above which the list asks for a
/// narrower filter instead of reading on.
pub const MATCH_LIMIT: u64 = 10_000;

/// One job being read.
#[derive(Clone, Debug, PartialEq)]
pub struct JobRead {
    /// The job's id.
    pub id: i64,
    /// The job's name, when it has one.
    pub name: Option<Arc<str>>,
    /// Its matching calls, as its first page said (`None` before).
    pub total: Option<u64>,
    /// Where it stands.
    pub state: ReadState,
}

/// Where a job's reading stands.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadState {
    /// Not asked yet, or on its way.
    Reading,
    /// Every page that can hold a lead in the range is in.
    Done,
    /// A request failed; the job can be asked again.
    Failed(ApiError),
}

/// What the reading has come to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Listing the jobs.
    Listing,
    /// Reading the jobs' pages.
    Reading,
    /// Over [`MATCH_LIMIT`] matching calls: only first pages were read.
    OverLimit,
    /// Every job is done or failed.
    Finished,
    /// The user stopped it.
    Stopped,
}

impl Phase {
    /// The phase as the page's `data-phase` names it (for styles and tests).
    pub fn code(self) -> &'static str {
        match self {
            Phase::Listing => "listing",
            Phase::Reading => "reading",
            Phase::OverLimit => "overlimit",
            Phase::Finished => "finished",
            Phase::Stopped => "stopped",
        }
    }
}

/// The leads read so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The range, both days included (calls outside it are left out whatever was sent).
    pub range: (NaiveDate, NaiveDate),
    /// Every job that has made calls (what the job picker offers), with its name.
    pub candidates: Vec<(i64, Option<Arc<str>>)>,
    /// The jobs read, in the job list's order.
    pub jobs: Vec<JobRead>,
    /// The leads so far.
    pub merged: Merged,
    /// Where it stands.
    pub phase: Phase,
    /// The job list could not be had.
    pub failed: Option<ApiError>,
}

impl Reading {
    /// Nothing read yet, for this range.
    pub fn new(range: (NaiveDate, NaiveDate)) -> Reading {
        Reading {
            range,
            candidates: Vec::new(),
            jobs: Vec::new(),
            merged: Merged::new(),
            phase: Phase::Listing,
            failed: None,
        }
    }

    /// The jobs to read are known, and every job that has made calls.
    pub fn listed(
        &mut self,
        jobs: Vec<(i64, Option<Arc<str>>)>,
        candidates: Vec<(i64, Option<Arc<str>>)>,
    ) {
        self.candidates = candidates;
        self.jobs = jobs
            .into_iter()
            .map(|(id, name)| JobRead {
                id,
                name,
                total: None,
                state: ReadState::Reading,
            })
            .collect();
        self.phase = if self.jobs.is_empty() {
            Phase::Finished
        } else {
            Phase::Reading
        };
    }

    /// The job list could not be had.
    pub fn listing_failed(&mut self, error: ApiError) {
        self.failed = Some(error);
        self.phase = Phase::Finished;
    }

    fn job(&mut self, id: i64) -> Option<&mut JobRead> {
        self.jobs.iter_mut().find(|job| job.id == id)
    }

    /// A page of a job's calls came: its leads join the list; the first page says how many
    /// calls match.
    pub fn page_read(&mut self, job_id: i64, number: u32, page: Page<CallRecord>) -> PageAdded {
        let name = self.job(job_id).and_then(|job| job.name.clone());
        if number == 1 {
            let total = page.total_rows();
            if let Some(job) = self.job(job_id) {
                job.total = Some(total);
            }
        }
        self.merged.add_page(job_id, name, page.items, self.range)
    }

    /// A job is done.
    pub fn job_done(&mut self, job_id: i64) {
        if let Some(job) = self.job(job_id) {
            job.state = ReadState::Done;
        }
        self.settle();
    }

    /// A job's request failed.
    pub fn job_failed(&mut self, job_id: i64, error: ApiError) {
        if let Some(job) = self.job(job_id) {
            job.state = ReadState::Failed(error);
        }
        self.settle();
    }

    /// A failed job is asked again.
    pub fn retrying(&mut self, job_id: i64) {
        if let Some(job) = self.job(job_id) {
            job.state = ReadState::Reading;
        }
        if self.phase == Phase::Finished {
            self.phase = Phase::Reading;
        }
    }

    /// Matching calls over every job, once every job's first page is in (`None` before; a
    /// failed job counts what its first page said, or nothing).
    pub fn matching(&self) -> Option<u64> {
        let mut sum = 0u64;
        for job in &self.jobs {
            match (&job.state, job.total) {
                (_, Some(total)) => sum = sum.saturating_add(total),
                (ReadState::Failed(_), None) => {}
                _ => return None,
            }
        }
        Some(sum)
    }

    /// Whether more calls match than the list reads.
    pub fn over_limit(&self) -> bool {
        self.matching().is_some_and(|n| n > MATCH_LIMIT)
    }

    /// The limit is met: nothing more is read.
    pub fn stop_at_limit(&mut self) {
        self.phase = Phase::OverLimit;
    }

    /// The user stopped the reading.
    pub fn stop(&mut self) {
        if self.phase == Phase::Reading || self.phase == Phase::Listing {
            self.phase = Phase::Stopped;
        }
    }

    fn settle(&mut self) {
        let reading = self.jobs.iter().any(|job| job.state == ReadState::Reading);
        if !reading && self.phase == Phase::Reading {
            self.phase = Phase::Finished;
        }
    }

    /// Jobs done or failed, and jobs in all.
    pub fn jobs_answered(&self) -> (usize, usize) {
        let answered = self
            .jobs
            .iter()
            .filter(|job| job.state != ReadState::Reading)
            .count();
        (answered, self.jobs.len())
    }

    /// The jobs whose reading failed, with why.
    pub fn failures(&self) -> Vec<(&JobRead, &ApiError)> {
        self.jobs
            .iter()
            .filter_map(|job| match &job.state {
                ReadState::Failed(error) => Some((job, error)),
                _ => None,
            })
            .collect()
    }
}
