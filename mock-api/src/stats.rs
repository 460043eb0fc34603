//! A job's statistics (`callJobStatsInfo`), computed from the job's calls made so far on every
//! request.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::corpus::CONCERNS;
use crate::data::{Call, Job};
use crate::enums::{IntentLevel, ResultStatus};
use crate::time;

pub const ROUND_BUCKETS: [&str; 4] = ["LESS_3", "F3_T6", "F6_T10", "F10_MORE"];
pub const DURATION_BUCKETS: [&str; 5] = [
    "LESS_10S",
    "F10S_T1MIN",
    "F1MIN_T2MIN",
    "F2MIN_T3MIN",
    "F3MIN_TMORE",
];

/// `chatRound` bucket: [0,3), [3,6), [6,10), [10,∞).
pub fn round_bucket(rounds: u32) -> usize {
    match rounds {
        0..=2 => 0,
        3..=5 => 1,
        6..=9 => 2,
        _ => 3,
    }
}

/// `chatDuration` bucket in seconds: [0,10), [10,60), [60,120), [120,180), [180,∞).
pub fn duration_bucket(secs: u32) -> usize {
    match secs {
        0..=9 => 0,
        10..=59 => 1,
        60..=119 => 2,
        120..=179 => 3,
        _ => 4,
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Day {
    pub day: i64,
    pub calls: u64,
    pub answered: u64,
    pub duration: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct JobStats {
    pub task_call_total: u64,
    pub completed: u64,
    pub answered: u64,
    pub chat_duration_total: u64,
    pub intent: [u64; 6],
    pub dial: [u64; 10],
    pub rounds: [u64; 4],
    pub durations: [u64; 5],
    /// Concern names, most frequent first.
    pub concerns: Vec<&'static str>,
    pub days: Vec<Day>,
}

/// Rounded to two decimals.
pub fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 10_000.0 / whole as f64).round() / 100.0
    }
}

impl JobStats {
    /// The statistics of `calls`, the job's calls made so far as they read (`View::calls`).
    pub fn of(job: &Job, calls: impl IntoIterator<Item = Call>) -> JobStats {
        let mut s = JobStats {
            task_call_total: job.task_call_total as u64,
            ..JobStats::default()
        };
        let mut concern_counts = [0u64; 16];
        let mut days: BTreeMap<i64, Day> = BTreeMap::new();
        for call in calls {
            s.completed += 1;
            s.dial[call.result.code() as usize] += 1;
            s.intent[call.intent.code() as usize] += 1;
            s.chat_duration_total += call.chat_duration as u64;
            let day = days.entry(call.day()).or_insert(Day {
                day: call.day(),
                ..Day::default()
            });
            day.calls += 1;
            day.duration += call.chat_duration as u64;
            for (i, c) in concern_counts.iter_mut().enumerate() {
                if call.concerns & (1 << i) != 0 {
                    *c += 1;
                }
            }
            if call.result == ResultStatus::Answered {
                s.answered += 1;
                day.answered += 1;
                s.rounds[round_bucket(call.chat_round as u32)] += 1;
                s.durations[duration_bucket(call.chat_duration as u32)] += 1;
            }
        }
        let mut ranked: Vec<(usize, u64)> = concern_counts
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        s.concerns = ranked.into_iter().map(|(i, _)| CONCERNS[i]).collect();
        s.days = days.into_values().collect();
        s
    }

    pub fn task_progress(&self) -> f64 {
        percent(self.completed, self.task_call_total)
    }

    pub fn answered_rate(&self) -> f64 {
        percent(self.answered, self.completed)
    }

    pub fn to_json(&self) -> Value {
        let map = |names: &[&str], counts: &[u64]| -> Value {
            Value::Object(
                names
                    .iter()
                    .zip(counts)
                    .map(|(n, c)| (n.to_string(), json!(c)))
                    .collect::<Map<String, Value>>(),
            )
        };
        let intent_names: Vec<&str> = IntentLevel::ALL.iter().map(|l| l.name()).collect();
        let dial_names: Vec<&str> = ResultStatus::ALL.iter().map(|r| r.name()).collect();
        let series = |val: &dyn Fn(&Day) -> Value| -> Value {
            self.days
                .iter()
                .map(|d| json!({"date": time::date(time::day_start(d.day)), "val": val(d)}))
                .collect()
        };
        json!({
            "taskProgress": self.task_progress(),
            "answeredRate": self.answered_rate(),
            "intentLevel": map(&intent_names, &self.intent),
            "taskCallTotal": self.task_call_total,
            "answeredTask": self.answered,
            "chatDurationTotal": self.chat_duration_total,
            "completedTask": self.completed,
            "customerConcern": self.concerns,
            "dialResult": map(&dial_names, &self.dial),
            "chatRound": map(&ROUND_BUCKETS, &self.rounds),
            "chatDuration": map(&DURATION_BUCKETS, &self.durations),
            "callJobStatsBrokenLine": {
                "taskCallCompletedList": series(&|d| json!(d.calls)),
                "answeredTaskList": series(&|d| json!(d.answered)),
                "answeredTaskRateList": series(&|d| json!(percent(d.answered, d.calls))),
                "chatDurationTotalList": series(&|d| json!(d.duration)),
                "averageDurationList": series(&|d| {
                    json!(if d.answered == 0 { 0 } else { (d.duration as f64 / d.answered as f64).round() as u64 })
                }),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_and_percent() {
        assert_eq!(round_bucket(2), 0);
        assert_eq!(round_bucket(3), 1);
        assert_eq!(round_bucket(10), 3);
        assert_eq!(duration_bucket(9), 0);
        assert_eq!(duration_bucket(60), 2);
        assert_eq!(duration_bucket(180), 4);
        assert_eq!(percent(342, 3612), 9.47);
        assert_eq!(percent(1, 0), 0.0);
    }
}
