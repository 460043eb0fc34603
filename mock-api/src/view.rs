//! How the stand-in reads its data at one moment: which of a job's calls are made, and what a
//! job and a call read as once the incidents active then are laid over them. Every endpoint
//! reads jobs and calls through a `View`, so lists, filters, totals, details, statistics and
//! recordings all agree.

use crate::data::{Call, Dataset, Job};
use crate::enums::{JobStatus, ResultStatus};
use crate::incident::{Incident, Kind};
use crate::time::DAY;

/// What the active incidents do to one job.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Overlay {
    /// `system_suspended`: the end of the incident (when the job restarts).
    suspended_until: Option<u32>,
    /// `stalled` or `system_suspended`: the calls made are those made by this moment.
    made_by: Option<u32>,
    caller_line: bool,
    answer_drop: bool,
}

impl Overlay {
    fn add(&mut self, incident: &Incident) {
        if incident.kind.stops_calls() {
            self.made_by = Some(self.made_by.map_or(incident.from, |m| m.min(incident.from)));
        }
        match incident.kind {
            Kind::SystemSuspended => {
                self.suspended_until = self.suspended_until.max(Some(incident.until));
            }
            Kind::Stalled => {}
            Kind::CallerLine => self.caller_line = true,
            Kind::AnswerDrop => self.answer_drop = true,
        }
    }

    /// A call of the job as it reads on `today` (a day number): answer_drop first (today's
    /// answered calls read NO_ANSWER), then caller_line (today's calls not answered read
    /// FROM_PHONE_ERROR or SYSTEM_ERROR, by the parity of the call id).
    fn read(&self, call: &Call, today: i64) -> Call {
        if call.day() != today {
            return *call;
        }
        let mut c = *call;
        if self.answer_drop && c.result == ResultStatus::Answered {
            c = c.not_answered(ResultStatus::NoAnswer);
        }
        if self.caller_line && c.result != ResultStatus::Answered {
            c = c.not_answered(if c.id.is_multiple_of(2) {
                ResultStatus::FromPhoneError
            } else {
                ResultStatus::SystemError
            });
        }
        c
    }
}

/// The data as read at `now` (naive local seconds; `u32::MAX` with live mode off).
pub struct View<'a> {
    pub ds: &'a Dataset,
    pub now: u32,
    /// Today by the clock (day number): the day `caller_line` and `answer_drop` change.
    today: i64,
    /// Job index → what its active incidents do; only jobs with one.
    overlays: Vec<(usize, Overlay)>,
}

impl<'a> View<'a> {
    /// The data at `now` with the `incidents` active then (others are ignored).
    pub fn new(ds: &'a Dataset, now: u32, incidents: &[Incident]) -> View<'a> {
        let mut overlays: Vec<(usize, Overlay)> = Vec::new();
        for incident in incidents.iter().filter(|i| i.active_at(now)) {
            let Some(j) = ds.job(incident.job).map(|job| (job.id - 1) as usize) else {
                continue;
            };
            match overlays.iter_mut().find(|(k, _)| *k == j) {
                Some((_, o)) => o.add(incident),
                None => {
                    let mut o = Overlay::default();
                    o.add(incident);
                    overlays.push((j, o));
                }
            }
        }
        View {
            ds,
            now,
            today: (now / DAY) as i64,
            overlays,
        }
    }

    fn overlay(&self, job_index: usize) -> Overlay {
        self.overlays
            .iter()
            .find(|(j, _)| *j == job_index)
            .map(|(_, o)| *o)
            .unwrap_or_default()
    }

    fn overlay_of(&self, job: &Job) -> Overlay {
        self.overlay((job.id - 1) as usize)
    }

    /// The job's status: SYSTEM_SUSPENDED during a `system_suspended` incident.
    pub fn status(&self, job: &Job) -> JobStatus {
        match self.overlay_of(job).suspended_until {
            Some(_) => JobStatus::SystemSuspended,
            None => job.status,
        }
    }

    /// When a job suspended by an incident restarts: the incident's end.
    pub fn suspended_until(&self, job: &Job) -> Option<u32> {
        self.overlay_of(job).suspended_until
    }

    /// The moment that decides which of the job's calls are made: now, or the start of an
    /// incident that stopped its calls.
    fn made_by(&self, job: &Job) -> u32 {
        self.overlay_of(job)
            .made_by
            .map_or(self.now, |m| m.min(self.now))
    }

    /// The job's calls made, as generated (`Dataset::made` at `made_by`).
    pub fn made(&self, job: &Job) -> &'a [Call] {
        self.ds.made(job, self.made_by(job))
    }

    /// The job's calls made, as they read now, oldest first.
    pub fn calls(&self, job: &Job) -> impl DoubleEndedIterator<Item = Call> + 'a {
        let (overlay, today) = (self.overlay_of(job), self.today);
        self.made(job).iter().map(move |c| overlay.read(c, today))
    }

    /// A call as it reads now.
    pub fn read(&self, call: &Call) -> Call {
        self.overlay(call.job as usize).read(call, self.today)
    }

    /// A call by id, if it is made, as it reads now.
    pub fn made_call(&self, id: u64) -> Option<Call> {
        let call = self.ds.call(id)?;
        (call.start <= self.made_by(self.ds.job_of(call))).then(|| self.read(call))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::TODAY;
    use crate::time;

    fn data() -> Dataset {
        Dataset::generate_live(7, 12, 60, TODAY)
    }

    /// Job 2 runs; noon of the data's today.
    const JOB: u64 = 2;

    fn noon() -> u32 {
        time::day_start(TODAY) + 12 * 3600
    }

    fn at(ds: &Dataset, kind: Kind, from: u32, for_s: u32, now: u32) -> View<'_> {
        let incidents = [Incident::starting(JOB, kind, from, for_s)];
        // The view keeps no borrow of the incidents.
        View::new(ds, now, &incidents)
    }

    #[test]
    fn without_incidents_it_reads_as_generated() {
        let ds = data();
        let v = View::new(&ds, noon(), &[]);
        for job in &ds.jobs {
            assert_eq!(v.status(job), job.status);
            assert_eq!(v.made(job).len(), ds.made(job, noon()).len());
            assert!(v
                .calls(job)
                .zip(ds.made(job, noon()))
                .all(|(a, b)| a.id == b.id
                    && a.result == b.result
                    && a.chat_duration == b.chat_duration));
        }
    }

    #[test]
    fn stalled_keeps_the_calls_made_at_its_start_until_it_ends() {
        let ds = data();
        let job = ds.job(JOB).expect("job 2");
        let start = noon() - 600;
        let during = at(&ds, Kind::Stalled, start, 1200, noon());
        assert_eq!(during.made(job).len(), ds.made(job, start).len());
        assert!(ds.made(job, noon()).len() > during.made(job).len());
        let next = ds.made(job, noon()).last().map(|c| c.id).unwrap_or(0);
        assert!(during.made_call(next).is_none());
        assert_eq!(during.status(job), job.status);
        let after = at(&ds, Kind::Stalled, start, 1200, start + 1200);
        assert_eq!(after.made(job).len(), ds.made(job, start + 1200).len());
        let other = ds.job(1).expect("job 1");
        assert_eq!(during.made(other).len(), ds.made(other, noon()).len());
    }

    #[test]
    fn system_suspended_reads_suspended_and_stops_calls() {
        let ds = data();
        let job = ds.job(JOB).expect("job 2");
        let v = at(&ds, Kind::SystemSuspended, noon(), 60, noon() + 30);
        assert_eq!(v.status(job), JobStatus::SystemSuspended);
        assert_eq!(v.suspended_until(job), Some(noon() + 60));
        assert_eq!(v.made(job).len(), ds.made(job, noon()).len());
        let after = at(&ds, Kind::SystemSuspended, noon(), 60, noon() + 60);
        assert_eq!(after.status(job), JobStatus::InProcess);
    }

    #[test]
    fn caller_line_and_answer_drop_change_todays_calls_only() {
        let ds = data();
        let job = ds.job(JOB).expect("job 2");
        let line = at(&ds, Kind::CallerLine, noon(), 60, noon());
        let drop = at(&ds, Kind::AnswerDrop, noon(), 60, noon());
        // Yesterday is a whole day of the job's live calls, and the clock's today alone changes.
        let yesterday = ds
            .made(job, noon())
            .iter()
            .filter(|c| c.day() == TODAY - 1)
            .count();
        assert!(
            yesterday as u64 >= 86_400 / crate::data::LIVE_GAP_S.1,
            "{yesterday}"
        );
        for (raw, (l, d)) in ds
            .made(job, noon())
            .iter()
            .zip(line.calls(job).zip(drop.calls(job)))
        {
            if raw.day() != TODAY {
                assert_eq!((l.result, d.result), (raw.result, raw.result));
                continue;
            }
            if raw.result == ResultStatus::Answered {
                assert_eq!(l.result, ResultStatus::Answered);
                assert_eq!(
                    (d.result, d.chat_round, d.chat_duration),
                    (ResultStatus::NoAnswer, 0, 0)
                );
                assert!(!d.has_recording() && d.concerns == 0);
            } else {
                assert!(matches!(
                    l.result,
                    ResultStatus::FromPhoneError | ResultStatus::SystemError
                ));
                assert_eq!(l.intent, crate::enums::IntentLevel::F);
                assert_eq!(d.result, raw.result);
            }
        }
        assert!(line
            .calls(job)
            .any(|c| c.result == ResultStatus::FromPhoneError));
        assert!(line
            .calls(job)
            .any(|c| c.result == ResultStatus::SystemError));
    }
}
