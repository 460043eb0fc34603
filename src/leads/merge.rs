//! The merged leads list: calls from many jobs, newest first, each call once, only those that
//! started within the range (the callRecord family's document has no date filter, so what
//! it sends is checked here).

use crate::api::CallRecord;
use chrono::{NaiveDate, NaiveDateTime};
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// One lead: a call and the job it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Lead {
    /// The call, as the list sent it.
    pub call: CallRecord,
    /// The call's id.
    pub id: i64,
    /// When the call started.
    pub started: NaiveDateTime,
    /// The job's id.
    pub job_id: i64,
    /// The job's name, when known.
    pub job_name: Option<Arc<str>>,
}

/// What one page of a job's calls added to the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageAdded {
    /// Calls new to the list.
    pub added: usize,
    /// The page reached calls older than the range: the job's later pages (older still, the
    /// list being newest first) are not worth asking for.
    pub past_range: bool,
}

/// The merged list, newest first (ties by call id, higher first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merged {
    rows: BTreeMap<(Reverse<NaiveDateTime>, Reverse<i64>), Lead>,
    ids: HashSet<i64>,
}

impl Merged {
    /// An empty list.
    pub fn new() -> Merged {
        Merged::default()
    }

    /// Adds one page of a job's calls: those with an id and a start time within
    /// `from..=to`, each call once (a running job's page 2 can repeat the end of its page 1).
    pub fn add_page(
        &mut self,
        job_id: i64,
        job_name: Option<Arc<str>>,
        calls: Vec<CallRecord>,
        (from, to): (NaiveDate, NaiveDate),
    ) -> PageAdded {
        let mut outcome = PageAdded::default();
        for call in calls {
            let started = call.start_time.as_ref().and_then(|time| time.value());
            let (Some(id), Some(started)) = (call.id, started) else {
                continue;
            };
            let day = started.date();
            if day < from {
                outcome.past_range = true;
                continue;
            }
            if day > to || !self.ids.insert(id) {
                continue;
            }
            let lead = Lead {
                call,
                id,
                started,
                job_id,
                job_name: job_name.clone(),
            };
            self.rows.insert((Reverse(started), Reverse(id)), lead);
            outcome.added += 1;
        }
        outcome
    }

    /// How many leads.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// All leads, newest first.
    pub fn iter(&self) -> impl Iterator<Item = &Lead> {
        self.rows.values()
    }

    /// The leads of one page of `per_page` (from 1), newest first.
    pub fn page(&self, page: u32, per_page: usize) -> Vec<Lead> {
        let skip = (page.max(1) as usize - 1).saturating_mul(per_page);
        self.rows
            .values()
            .skip(skip)
            .take(per_page)
            .cloned()
            .collect()
    }

    /// Pages of `per_page` (at least 1).
    pub fn pages(&self, per_page: usize) -> u32 {
        u32::try_from(self.len().div_ceil(per_page.max(1)))
            .unwrap_or(u32::MAX)
            .max(1)
    }

    /// Every call id, newest first (the call page's previous / next walk them).
    pub fn ids(&self) -> Vec<i64> {
        self.rows.values().map(|lead| lead.id).collect()
    }
}
