//! The generated dataset: jobs and their calls, deterministic from the seed, indexed by job.

use std::ops::Range;

use crate::corpus::{self, Flow, CONCERNS, FLOWS, GROUPS, SURNAMES};
use crate::enums::{
    FollowStatus, Gender, HangupBy, IntentLevel, JobStatus, Mode, PhoneType, ReadStatus,
    ResultStatus,
};
use crate::rng::{letters8, Rng};
use crate::time::{self, DAY};
use crate::transcript;

pub const TENANT_ID: u64 = 1;
/// The first `callRecordId`; call ids are consecutive, job after job, by start time within a job.
pub const CALL_ID_BASE: u64 = 1_000_001;
/// `robotCallTaskId` = call index + this.
pub const TASK_ID_BASE: u64 = 3_000_001;
/// `customerPersonId` = call index + this.
pub const PERSON_ID_BASE: u64 = 2_000_001;
/// The data's "today": active jobs are calling up to this day; nothing happens after it.
pub const TODAY: i64 = time::days_from_civil(2026, 3, 27);
/// Live mode: seconds between two calls of a running job, uniform in this range (inclusive).
/// At most 40 s, so a running job's count moves between any two of the console's 30 s
/// refreshes more often than not, and never stands still over three of them (90 s).
pub const LIVE_GAP_S: (u64, u64) = (5, 40);
// Three refreshes 30 s apart span 60-90 s: a gap of at most 40 s always shows a call in them.
const _: () = assert!(LIVE_GAP_S.0 > 0 && LIVE_GAP_S.1 <= 40);
/// Live mode: days of a running job's calls from the start of today on (made as the clock
/// passes them; it has yesterday's too, `live_first_day`), so a server keeps changing for at
/// least two days after it starts.
pub const LIVE_DAYS: i64 = 3;

/// Live mode: the first day of a running job's live calls, for the data's `today`: yesterday,
/// so a running job's yesterday is a full day at today's pace (the overview shows today next
/// to yesterday).
pub const fn live_first_day(today: i64) -> i64 {
    today - 1
}

/// Live mode: the last day of the fixed history (of every job), for the data's `today`: the
/// day before the live calls start (the day before yesterday), so no day has both.
pub const fn live_history_end(today: i64) -> i64 {
    live_first_day(today) - 1
}

/// The first jobs take every status once, so even a small dataset shows them all.
const FIRST_STATUSES: [JobStatus; 8] = [
    JobStatus::Completed,
    JobStatus::InProcess,
    JobStatus::Terminate,
    JobStatus::UserPause,
    JobStatus::SystemSuspended,
    JobStatus::Runnable,
    JobStatus::NotStarted,
    JobStatus::InQueue,
];

/// One outbound-call job (任务).
#[derive(Clone, Debug)]
pub struct Job {
    /// `robotCallJobId`: 1, 2, ... in creation order.
    pub id: u64,
    pub name: String,
    pub status: JobStatus,
    pub mode: Mode,
    pub phone_type: PhoneType,
    /// Index into `corpus::FLOWS`: the job's dialog flow.
    pub flow: usize,
    /// A flow the job's earliest quarter of calls used before it was switched, if any.
    pub old_flow: Option<usize>,
    pub robot_count: u32,
    pub sms_template_id: Option<u64>,
    /// Seconds since midnight.
    pub daily_start: u32,
    pub daily_end: u32,
    pub inactive_start: u32,
    pub inactive_end: u32,
    pub description: Option<&'static str>,
    pub wechat_alert: Vec<IntentLevel>,
    pub sms_alert: Vec<IntentLevel>,
    pub alert_users: Vec<u64>,
    pub creator: Option<&'static str>,
    pub organization: Option<&'static str>,
    pub created: u32,
    pub modified: u32,
    pub started: Option<u32>,
    /// How many numbers the job is to call; at least the number of calls made.
    pub task_call_total: u32,
    /// Indexes into `corpus::GROUPS` the job's customers come from.
    pub groups: Vec<usize>,
    pub phone_number_id: u64,
    /// The job's calls: a range of `Dataset::calls`, ordered by start time.
    pub calls: Range<usize>,
}

/// One call record. Text (name, transcript, ...) is derived on demand to keep this small.
#[derive(Clone, Copy, Debug)]
pub struct Call {
    pub id: u64,
    /// Index of the job in `Dataset::jobs`.
    pub job: u32,
    /// Seconds since 1970 (naive local time).
    pub start: u32,
    pub phone: u64,
    pub chat_duration: u16,
    pub chat_round: u8,
    /// Index into `corpus::SURNAMES`.
    pub surname: u8,
    /// Indexes into `corpus::GIVEN`; the second is `NO_CHAR` for one-character given names.
    pub given: [u8; 2],
    /// Index into `corpus::GROUPS`.
    pub group: u8,
    /// Index into `corpus::FLOWS`.
    pub flow: u8,
    /// Bit mask over `corpus::CONCERNS`.
    pub concerns: u16,
    pub result: ResultStatus,
    pub intent: IntentLevel,
    pub real_intent: Option<IntentLevel>,
    pub follow: FollowStatus,
    pub read: ReadStatus,
    pub hangup_by: HangupBy,
    pub gender: Gender,
    pub manual_marked: bool,
    pub redial_times: u8,
}

pub const NO_CHAR: u8 = u8::MAX;

impl Call {
    pub fn index(&self) -> usize {
        (self.id - CALL_ID_BASE) as usize
    }

    pub fn task_id(&self) -> u64 {
        TASK_ID_BASE + self.index() as u64
    }

    pub fn person_id(&self) -> u64 {
        PERSON_ID_BASE + self.index() as u64
    }

    pub fn end(&self) -> u32 {
        self.start + self.chat_duration as u32
    }

    /// Day number (days since 1970) of the start time.
    pub fn day(&self) -> i64 {
        (self.start / DAY) as i64
    }

    pub fn customer_name(&self) -> String {
        let mut s = String::from(SURNAMES[self.surname as usize]);
        for g in self.given {
            if g != NO_CHAR {
                s.push_str(corpus::GIVEN[g as usize]);
            }
        }
        s
    }

    /// The 11-digit number as text.
    pub fn phone_text(&self) -> String {
        format!("{:011}", self.phone)
    }

    pub fn group_id(&self) -> u64 {
        GROUPS[self.group as usize].0
    }

    pub fn group_name(&self) -> &'static str {
        GROUPS[self.group as usize].1
    }

    pub fn flow(&self) -> &'static Flow {
        &FLOWS[self.flow as usize]
    }

    pub fn dialog_flow_id(&self) -> u64 {
        self.flow().id
    }

    /// Concern names in vocabulary order.
    pub fn concern_names(&self) -> Vec<&'static str> {
        CONCERNS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.concerns & (1 << i) != 0)
            .map(|(_, c)| *c)
            .collect()
    }

    /// Only answered calls have a recording.
    pub fn has_recording(&self) -> bool {
        self.result == ResultStatus::Answered && self.chat_duration > 0
    }

    /// The 8-letter code in the recording path, as in Tanyi's object-storage URLs.
    pub fn recording_code(&self) -> String {
        letters8(self.id.wrapping_mul(31).wrapping_add(7))
    }

    /// This call as if it had not been answered, ending with `result`, with what the generator
    /// gives such a call: its intent level and who hung up, no rounds, talk time or concerns
    /// (so no transcript or recording), redials only where that result has them. Live mode's
    /// incidents read calls this way (`view`).
    pub fn not_answered(&self, result: ResultStatus) -> Call {
        Call {
            result,
            intent: unanswered_intent(result),
            chat_round: 0,
            chat_duration: 0,
            concerns: 0,
            hangup_by: unanswered_hangup(result),
            redial_times: if redials(result) {
                self.redial_times
            } else {
                0
            },
            ..*self
        }
    }
}

/// Results after which the line may answer another time.
fn call_again(result: ResultStatus) -> bool {
    matches!(
        result,
        ResultStatus::NoAnswer
            | ResultStatus::Busy
            | ResultStatus::PowerOff
            | ResultStatus::Refused
            | ResultStatus::CanNotConnect
    )
}

/// Results the robot dials again (`redialTimes` may be over 0).
fn redials(result: ResultStatus) -> bool {
    call_again(result) && result != ResultStatus::Refused
}

/// The intent level of a call not answered: E (call again) or F (no need: the number or the
/// line is not usable).
pub fn unanswered_intent(result: ResultStatus) -> IntentLevel {
    if call_again(result) {
        IntentLevel::E
    } else {
        IntentLevel::F
    }
}

/// Who hung up a call not answered: the customer who refused it, else the system.
pub fn unanswered_hangup(result: ResultStatus) -> HangupBy {
    if result == ResultStatus::Refused {
        HangupBy::Person
    } else {
        HangupBy::System
    }
}

/// What to generate: the command line's `--seed`, `--jobs`, `--calls-per-job` and `--running`,
/// and live mode's today.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    pub seed: u64,
    pub jobs: usize,
    pub calls_per_job: usize,
    /// The first `running` jobs are IN_PROCESS instead of their drawn status.
    pub running: usize,
    /// Live mode's today (a day number); `None` for the fixed data, up to `TODAY`.
    pub live_today: Option<i64>,
}

/// Everything the stand-in serves.
#[derive(Debug)]
pub struct Dataset {
    pub seed: u64,
    /// The data's today (day number): `TODAY`, or in live mode the machine's today at start.
    pub today: i64,
    /// Live mode: running jobs have calls from yesterday on, made as the clock passes them.
    pub live: bool,
    pub jobs: Vec<Job>,
    /// All calls, job after job; `Job::calls` says which.
    pub calls: Vec<Call>,
}

impl Dataset {
    /// Generates `jobs` jobs; every job that has started has `calls_per_job` calls, up to
    /// `TODAY`.
    pub fn generate(seed: u64, jobs: usize, calls_per_job: usize) -> Dataset {
        Dataset::shaped(Shape {
            seed,
            jobs,
            calls_per_job,
            ..Shape::default()
        })
    }

    /// Live mode's data for `today` (a day number): drawn as `generate` draws it, with every
    /// date moved by whole days so that the activity ends the day before yesterday
    /// (`live_history_end`), plus, for each running (IN_PROCESS) job, calls around the clock
    /// from yesterday's midnight (`live_first_day`) until `LIVE_DAYS` days after today's,
    /// `LIVE_GAP_S` apart, numbered right after the job's other calls (so later jobs' call ids
    /// differ from `generate`'s). Which calls are made depends on the moment asked about
    /// (`Dataset::made`).
    pub fn generate_live(seed: u64, jobs: usize, calls_per_job: usize, today: i64) -> Dataset {
        Dataset::shaped(Shape {
            seed,
            jobs,
            calls_per_job,
            running: 0,
            live_today: Some(today),
        })
    }

    /// The data of `shape`: `generate` or, with `live_today`, `generate_live`, with the first
    /// `shape.running` jobs running (IN_PROCESS, with the calls of any running job).
    pub fn shaped(shape: Shape) -> Dataset {
        let Shape {
            seed,
            jobs,
            calls_per_job,
            running,
            live_today,
        } = shape;
        // Every job's history moves alike (not only running jobs'), so jobs keep their order
        // of creation and their dates relative to one another.
        let last_day = live_today.map_or(TODAY, live_history_end);
        let mut maker = CallMaker {
            seed,
            calls: Vec::with_capacity(jobs.saturating_mul(calls_per_job).min(1 << 24)),
            script: Vec::new(),
        };
        let mut out = Vec::with_capacity(jobs);
        for j in 0..jobs {
            let mut rng = Rng::for_item(seed, 1, j as u64);
            let mut job = make_job(&mut rng, j, jobs, calls_per_job, last_day, j < running);
            let first = maker.calls.len();
            let n = if has_calls(job.status) {
                calls_per_job
            } else {
                0
            };
            let answer_rate = maker.history(&mut rng, &job, n, last_day);
            job.modified = maker.calls[first..]
                .last()
                .map(|c| c.end() + 600)
                .unwrap_or(job.created + 120)
                .max(job.modified);
            if let (Some(today), Some(rate)) = (live_today, answer_rate) {
                if job.status == JobStatus::InProcess && n > 0 {
                    maker.live(&mut job, live_first_day(today), today + LIVE_DAYS, rate);
                }
            }
            job.calls = first..maker.calls.len();
            out.push(job);
        }
        Dataset {
            seed,
            today: live_today.unwrap_or(TODAY),
            live: live_today.is_some(),
            jobs: out,
            calls: maker.calls,
        }
    }

    /// The job's calls made by `now` (naive local seconds, as `Call::start`): those that start
    /// at or before it, a prefix since a job's calls are ordered by start. `u32::MAX` (live
    /// mode off) gives them all.
    pub fn made(&self, job: &Job, now: u32) -> &[Call] {
        let calls = self.job_calls(job);
        &calls[..calls.partition_point(|c| c.start <= now)]
    }

    /// A call by id, if it is made by `now`.
    pub fn made_call(&self, id: u64, now: u32) -> Option<&Call> {
        self.call(id).filter(|c| c.start <= now)
    }

    pub fn job(&self, id: u64) -> Option<&Job> {
        let i = usize::try_from(id.checked_sub(1)?).ok()?;
        self.jobs.get(i)
    }

    pub fn call(&self, id: u64) -> Option<&Call> {
        let i = usize::try_from(id.checked_sub(CALL_ID_BASE)?).ok()?;
        self.calls.get(i)
    }

    pub fn job_calls(&self, job: &Job) -> &[Call] {
        &self.calls[job.calls.clone()]
    }

    pub fn job_of(&self, call: &Call) -> &Job {
        &self.jobs[call.job as usize]
    }
}

fn has_calls(s: JobStatus) -> bool {
    !matches!(s, JobStatus::NotStarted | JobStatus::InQueue)
}

fn is_finished(s: JobStatus) -> bool {
    matches!(s, JobStatus::Completed | JobStatus::Terminate)
}

fn levels(rng: &mut Rng) -> Vec<IntentLevel> {
    match rng.below(4) {
        0 => vec![IntentLevel::A],
        1 => vec![IntentLevel::A, IntentLevel::B],
        _ => vec![],
    }
}

/// Job `j`; `running`: IN_PROCESS whatever status is drawn (`--running`).
fn make_job(
    rng: &mut Rng,
    j: usize,
    jobs: usize,
    calls_per_job: usize,
    last_day: i64,
    running: bool,
) -> Job {
    let drawn = if j < FIRST_STATUSES.len() {
        FIRST_STATUSES[j]
    } else {
        JobStatus::ALL[rng.weighted(&[10, 20, 30, 10, 10, 5, 10, 5])]
    };
    let status = if running { JobStatus::InProcess } else { drawn };
    let flow = rng.below(FLOWS.len() as u64) as usize;
    let old_flow = rng
        .chance(0.25)
        .then(|| (flow + 1 + rng.below(FLOWS.len() as u64 - 1) as usize) % FLOWS.len());
    // Creation times grow with the id, in office hours (9:00-19:00) over the ten weeks before
    // the last day.
    const OFFICE: u64 = 10 * 3600;
    let spacing = (66 * OFFICE / jobs.max(1) as u64).max(2);
    let at = j as u64 * spacing + rng.below(spacing / 2);
    let created =
        time::day_start(last_day - 70 + (at / OFFICE) as i64) + 9 * 3600 + (at % OFFICE) as u32;
    let started = has_calls(status).then(|| created + rng.range(300, 2 * 3600) as u32);
    let daily_start = *rng.pick(&[
        8 * 3600,
        8 * 3600 + 1800,
        9 * 3600,
        9 * 3600 + 1800,
        10 * 3600,
    ]);
    let daily_end = *rng.pick(&[17 * 3600 + 1800, 18 * 3600, 19 * 3600, 20 * 3600, 21 * 3600]);
    let (inactive_start, inactive_end) = if rng.chance(0.5) {
        (12 * 3600, 13 * 3600 + 1800)
    } else {
        (0, 0)
    };
    let n = calls_per_job as u32;
    let task_call_total = match status {
        JobStatus::Completed => n,
        JobStatus::Terminate => n + n * rng.range(10, 60) as u32 / 100,
        JobStatus::NotStarted | JobStatus::InQueue => n.max(1) * rng.range(50, 150) as u32 / 100,
        _ => (n as u64 * 100 / rng.range(30, 90)) as u32,
    };
    let mut groups = vec![rng.below(GROUPS.len() as u64) as usize];
    for _ in 0..rng.below(3) {
        let g = rng.below(GROUPS.len() as u64) as usize;
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    let name = job_name(rng, &FLOWS[flow], groups[0], created, j);
    Job {
        id: j as u64 + 1,
        name,
        status,
        mode: if rng.chance(0.7) {
            Mode::Auto
        } else {
            Mode::Manual
        },
        phone_type: PhoneType::ALL[rng.weighted(&[40, 35, 10, 4, 3, 8])],
        flow,
        old_flow,
        robot_count: rng.range(1, 20) as u32,
        sms_template_id: rng.chance(0.4).then(|| rng.range(10, 60)),
        daily_start,
        daily_end,
        inactive_start,
        inactive_end,
        description: rng.chance(0.5).then(|| *rng.pick(corpus::DESCRIPTIONS)),
        wechat_alert: levels(rng),
        sms_alert: levels(rng),
        alert_users: if rng.chance(0.3) {
            vec![154, 160]
        } else {
            vec![]
        },
        creator: rng.chance(0.85).then(|| *rng.pick(corpus::CREATORS)),
        organization: rng.chance(0.85).then(|| *rng.pick(corpus::ORGANIZATIONS)),
        created,
        modified: started.unwrap_or(created) + 60,
        started,
        task_call_total,
        groups,
        phone_number_id: 10 + rng.below(8),
        calls: 0..0,
    }
}

fn job_name(rng: &mut Rng, flow: &Flow, group: usize, created: u32, j: usize) -> String {
    let (y, m, d) = time::civil_from_days((created / DAY) as i64);
    match rng.below(10) {
        0..=3 => format!("{}-{}月第{}批", flow.theme, m, 1 + j % 5),
        4..=5 => format!("{}{}", GROUPS[group].1, flow.theme),
        6..=8 => format!("{}{:04}{:02}{:02}", flow.theme, y, m, d),
        _ => format!("话术测试{}", j + 1),
    }
}

/// A start time on a day of the job's period, inside its calling window.
fn start_time(rng: &mut Rng, job: &Job, first_day: i64, days: u64) -> u32 {
    let day = first_day + rng.below(days) as i64;
    let inactive = job.inactive_end.saturating_sub(job.inactive_start);
    let open = job.daily_end - job.daily_start - inactive;
    let mut t = job.daily_start + rng.below(open as u64) as u32;
    if inactive > 0 && t >= job.inactive_start {
        t += inactive;
    }
    time::day_start(day) + t
}

/// Makes the calls, keeping one buffer for the scripts that give answered calls their length.
struct CallMaker {
    seed: u64,
    calls: Vec<Call>,
    script: Vec<transcript::Line>,
}

impl CallMaker {
    fn push(&mut self, rng: &mut Rng, job: &Job, start: u32, flow: usize, answer_rate: f64) {
        let j = (job.id - 1) as usize;
        let mut call = make_call(rng, job, j, self.calls.len(), start, flow, answer_rate);
        if call.result == ResultStatus::Answered {
            transcript::script_into(self.seed, &call, &mut self.script);
            call.chat_duration = transcript::duration_secs(&self.script);
        }
        self.calls.push(call);
    }

    /// `n` calls over the job's days up to `last_day`, in its calling window; the job's answer
    /// rate, or None for a job that has not started.
    fn history(&mut self, rng: &mut Rng, job: &Job, n: usize, last_day: i64) -> Option<f64> {
        let started = job.started?;
        let first_day = (started / DAY) as i64 + 1;
        let days = if is_finished(job.status) {
            rng.range(2, 28)
                .min((last_day - first_day + 1).max(1) as u64)
        } else {
            (last_day - first_day + 1).max(1) as u64
        };
        let mut starts: Vec<u32> = (0..n)
            .map(|_| start_time(rng, job, first_day, days))
            .collect();
        starts.sort_unstable();
        let answer_rate = rng.range(6, 35) as f64 / 100.0;
        for (k, start) in starts.into_iter().enumerate() {
            let flow = match job.old_flow {
                Some(old) if k < n / 4 => old,
                _ => job.flow,
            };
            self.push(rng, job, start, flow, answer_rate);
        }
        Some(answer_rate)
    }

    /// Live mode: a running job's calls from the midnight starting `first_day` to the one
    /// starting `end_day` (excluded), `LIVE_GAP_S` apart, around the clock (the job's calling
    /// window becomes the whole day); they add to the numbers it is to call.
    fn live(&mut self, job: &mut Job, first_day: i64, end_day: i64, answer_rate: f64) {
        let mut rng = Rng::for_item(self.seed, 8, job.id);
        (job.daily_start, job.daily_end) = (0, DAY - 1);
        (job.inactive_start, job.inactive_end) = (0, 0);
        let first = self.calls.len();
        let end = time::day_start(end_day);
        let mut t = time::day_start(first_day) + rng.below(LIVE_GAP_S.1) as u32;
        while t < end {
            self.push(&mut rng, job, t, job.flow, answer_rate);
            t += rng.range(LIVE_GAP_S.0, LIVE_GAP_S.1) as u32;
        }
        job.task_call_total += (self.calls.len() - first) as u32;
    }
}

fn make_call(
    rng: &mut Rng,
    job: &Job,
    j: usize,
    index: usize,
    start: u32,
    flow: usize,
    answer_rate: f64,
) -> Call {
    let answered = rng.chance(answer_rate);
    let result = if answered {
        ResultStatus::Answered
    } else {
        ResultStatus::ALL[1 + rng.weighted(&[34, 9, 12, 6, 14, 9, 10, 4, 2])]
    };
    let (intent, chat_round) = if answered {
        let intent = IntentLevel::ALL[rng.weighted(&[10, 16, 18, 18, 16, 22])];
        let (lo, hi) = match intent {
            IntentLevel::A => (8, 26),
            IntentLevel::B => (5, 18),
            IntentLevel::C => (1, 6),
            IntentLevel::D => (2, 9),
            IntentLevel::E => (2, 10),
            IntentLevel::F => (1, 4),
        };
        (intent, rng.range(lo, hi) as u8)
    } else {
        (unanswered_intent(result), 0)
    };
    let interested = matches!(intent, IntentLevel::A | IntentLevel::B);
    let mut concerns = 0u16;
    if answered && chat_round >= 3 {
        let topics = FLOWS[flow].topics;
        let max = (chat_round as u64 - 2).min(3);
        let want = if interested {
            rng.range(1, max)
        } else {
            rng.below(max + 1)
        };
        for _ in 0..want {
            concerns |= 1 << rng.pick(topics).0;
        }
    }
    let follow = FollowStatus::ALL[match (answered, interested) {
        (true, true) => rng.weighted(&[30, 40, 30]),
        (true, false) => rng.weighted(&[80, 12, 8]),
        _ => rng.weighted(&[92, 5, 3]),
    }];
    let manual_marked = rng.chance(if answered { 0.06 } else { 0.01 });
    let hangup_by = match result {
        ResultStatus::Answered if matches!(intent, IntentLevel::E | IntentLevel::F) => {
            HangupBy::ALL[rng.weighted(&[35, 60, 5])]
        }
        ResultStatus::Answered => HangupBy::ALL[rng.weighted(&[75, 20, 5])],
        _ => unanswered_hangup(result),
    };
    let redial_times = match result {
        r if redials(r) => rng.weighted(&[60, 25, 10, 5]) as u8,
        ResultStatus::Answered => rng.weighted(&[85, 15]) as u8,
        _ => 0,
    };
    let two = rng.chance(0.7);
    Call {
        id: CALL_ID_BASE + index as u64,
        job: j as u32,
        start,
        phone: rng.pick(corpus::MOBILE_PREFIXES) * 100_000_000 + rng.below(100_000_000),
        chat_duration: 0,
        chat_round,
        surname: rng.below(SURNAMES.len() as u64) as u8,
        given: [
            rng.below(corpus::GIVEN.len() as u64) as u8,
            if two {
                rng.below(corpus::GIVEN.len() as u64) as u8
            } else {
                NO_CHAR
            },
        ],
        group: *rng.pick(&job.groups) as u8,
        flow: flow as u8,
        concerns,
        result,
        intent,
        real_intent: manual_marked.then(|| IntentLevel::ALL[rng.below(6) as usize]),
        follow,
        read: if rng.chance(if answered { 0.35 } else { 0.08 }) {
            ReadStatus::HasRead
        } else {
            ReadStatus::NotRead
        },
        hangup_by,
        gender: Gender::ALL[rng.weighted(&[15, 45, 40])],
        manual_marked,
        redial_times,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_indexed() {
        let a = Dataset::generate(7, 10, 50);
        let b = Dataset::generate(7, 10, 50);
        assert_eq!(a.calls.len(), b.calls.len());
        for (x, y) in a.calls.iter().zip(&b.calls) {
            assert_eq!(
                (x.id, x.start, x.phone, x.chat_duration),
                (y.id, y.start, y.phone, y.chat_duration)
            );
        }
        for job in &a.jobs {
            for call in a.job_calls(job) {
                assert_eq!(a.job_of(call).id, job.id);
                assert_eq!(a.call(call.id).map(|c| c.id), Some(call.id));
            }
        }
        assert!(a.job(0).is_none());
        assert!(a.call(CALL_ID_BASE - 1).is_none());
    }
}

#[cfg(test)]
mod live_tests {
    use super::*;

    const DAY_S: u32 = DAY;

    /// Calls of `calls` that start on `day`.
    fn on_day(calls: &[Call], day: i64) -> usize {
        calls.iter().filter(|c| c.day() == day).count()
    }

    #[test]
    fn live_data_is_the_fixed_data_moved_to_end_before_yesterday() {
        let today = TODAY + 250;
        let (yesterday, history_end) = (today - 1, today - 2);
        assert_eq!(
            (live_first_day(today), live_history_end(today)),
            (yesterday, history_end)
        );
        let fixed = Dataset::generate(7, 12, 60);
        let live = Dataset::generate_live(7, 12, 60, today);
        assert!(live.live && !fixed.live);
        assert_eq!((live.today, fixed.today), (today, TODAY));
        // Every job moves alike: the fixed data's today becomes the day before yesterday.
        let shift = (history_end - TODAY) as u32 * DAY_S;
        for (f, l) in fixed.jobs.iter().zip(&live.jobs) {
            assert_eq!((f.id, f.status, f.flow), (l.id, l.status, l.flow));
            assert_eq!(l.created, f.created + shift);
            assert_eq!(l.started, f.started.map(|s| s + shift));
            // The last call's length follows its id, which later jobs' running calls move.
            assert!(l.modified.abs_diff(f.modified + shift) < 3600);
            let (fc, lc) = (fixed.job_calls(f), live.job_calls(l));
            let history: Vec<u32> = lc
                .iter()
                .map(|c| c.start)
                .take_while(|s| *s < time::day_start(yesterday))
                .collect();
            let moved: Vec<u32> = fc.iter().map(|c| c.start + shift).collect();
            assert_eq!(history, moved, "job {}", f.id);
            if l.status == JobStatus::InProcess {
                assert_eq!(
                    (l.daily_start, l.daily_end, l.inactive_end),
                    (0, DAY - 1, 0)
                );
                let live_calls = &lc[history.len()..];
                // Yesterday is a whole day at the live pace, like every day after it.
                let days = LIVE_DAYS as u64 + 1;
                assert!(live_calls.len() as u64 > days * 86_400 / LIVE_GAP_S.1);
                assert!(live_calls[0].start < time::day_start(yesterday) + LIVE_GAP_S.1 as u32);
                for w in live_calls.windows(2) {
                    let gap = (w[1].start - w[0].start) as u64;
                    assert!((LIVE_GAP_S.0..=LIVE_GAP_S.1).contains(&gap), "{gap}");
                }
                assert!(
                    live_calls.last().map(|c| c.start) < Some(time::day_start(today + LIVE_DAYS))
                );
                assert!(l.task_call_total as usize >= lc.len());
            } else {
                assert_eq!(lc.len(), fc.len());
                assert_eq!(l.task_call_total, f.task_call_total);
                assert_eq!(l.daily_start, f.daily_start);
            }
        }
        assert!(live.jobs.iter().any(|j| j.status == JobStatus::InProcess));
        // Deterministic from the seed and today.
        let again = Dataset::generate_live(7, 12, 60, today);
        assert!(
            live.calls.len() == again.calls.len()
                && live.calls.iter().zip(&again.calls).all(|(a, b)| (
                    a.id, a.start, a.phone, a.result
                ) == (
                    b.id, b.start, b.phone, b.result
                ))
        );
    }

    /// What the overview compares: a running job's yesterday is a full day at the live pace,
    /// its today the calls up to now at that pace, and nothing of its history is on either.
    #[test]
    fn a_running_job_called_all_yesterday_at_todays_pace() {
        let today = TODAY + 40;
        let (yesterday, history_end) = (today - 1, today - 2);
        let ds = Dataset::shaped(Shape {
            seed: 42,
            jobs: 40,
            calls_per_job: 500,
            running: 40,
            live_today: Some(today),
        });
        let noon = time::day_start(today) + 12 * 3600;
        let whole_day = 86_400 / LIVE_GAP_S.1 as usize..=86_400 / LIVE_GAP_S.0 as usize + 1;
        let half_day = 43_200 / LIVE_GAP_S.1 as usize..=43_200 / LIVE_GAP_S.0 as usize + 1;
        for job in &ds.jobs {
            let made = ds.made(job, noon);
            let (y, t) = (on_day(made, yesterday), on_day(made, today));
            assert!(
                whole_day.contains(&y),
                "job {}: {y} calls yesterday",
                job.id
            );
            assert!(half_day.contains(&t), "job {}: {t} calls by noon", job.id);
            // The pace is the same: by noon today about half of yesterday's count.
            assert!(
                (t as f64 / y as f64 - 0.5).abs() < 0.05,
                "job {}: {t} / {y}",
                job.id
            );
            // The fixed history (all of `calls_per_job`) ends the day before yesterday.
            let history: Vec<_> = made.iter().take_while(|c| c.day() < yesterday).collect();
            assert_eq!(history.len(), 500, "job {}", job.id);
            assert!(history.iter().all(|c| c.day() <= history_end));
            assert_eq!(history.len() + y + t, made.len());
        }
    }

    #[test]
    fn running_makes_the_first_jobs_run_and_leaves_the_others() {
        let today = TODAY + 3;
        let plain = Dataset::generate_live(7, 12, 60, today);
        let shape = Shape {
            seed: 7,
            jobs: 12,
            calls_per_job: 60,
            running: 10,
            live_today: Some(today),
        };
        let ds = Dataset::shaped(shape);
        for job in &ds.jobs[..10] {
            assert_eq!(job.status, JobStatus::InProcess, "job {}", job.id);
            let calls = ds.job_calls(job);
            let history = calls
                .iter()
                .take_while(|c| c.start < time::day_start(today - 1))
                .count();
            assert_eq!(history, 60, "job {}", job.id);
            assert!(calls.len() as u64 > (LIVE_DAYS as u64 + 1) * 86_400 / LIVE_GAP_S.1);
        }
        for (a, b) in ds.jobs[10..].iter().zip(&plain.jobs[10..]) {
            assert_eq!(
                (a.status, &a.name, a.created),
                (b.status, &b.name, b.created)
            );
        }
        let fixed = Dataset::shaped(Shape {
            live_today: None,
            ..shape
        });
        assert!(fixed.jobs[..10]
            .iter()
            .all(|j| j.status == JobStatus::InProcess && j.calls.len() == 60));
    }

    #[test]
    fn made_is_the_prefix_started_by_now() {
        let today = TODAY + 3;
        let ds = Dataset::generate_live(7, 12, 60, today);
        let running = ds
            .jobs
            .iter()
            .find(|j| j.status == JobStatus::InProcess)
            .expect("a running job");
        let noon = time::day_start(today) + 12 * 3600;
        let made = ds.made(running, noon);
        assert!(made.iter().all(|c| c.start <= noon));
        let next = &ds.job_calls(running)[made.len()];
        assert!(next.start > noon);
        assert!(ds.made_call(next.id, noon).is_none());
        assert!(ds.made_call(next.id, next.start).is_some());
        assert!(ds.made(running, noon + 3600).len() > made.len());
        assert_eq!(ds.made(running, u32::MAX).len(), running.calls.len());
        for job in ds.jobs.iter().filter(|j| j.status != JobStatus::InProcess) {
            assert_eq!(ds.made(job, time::day_start(today)).len(), job.calls.len());
        }
    }
}
