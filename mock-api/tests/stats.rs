//! A job page's statistics agree with what the filtered call list returns.

mod common;

use std::collections::BTreeSet;

use common::*;
use mock_api::enums::{IntentLevel, ResultStatus};
use serde_json::{json, Value};

fn total(api: &Api, q: Value) -> u64 {
    let env = api.post_env(CR_LIST, &q);
    assert_eq!(env["code"], 200, "{q}: {env}");
    env["data"]["totalElements"].as_u64().unwrap_or(u64::MAX)
}

/// Every answered call of a job, as list items.
fn answered(api: &Api, job: u64) -> Vec<Value> {
    let mut out = Vec::new();
    for page in 1.. {
        let env = api.post_env(
            TASK_LIST,
            &json!({"robotCallJobId": job, "resultStatuses": ["ANSWERED"], "pageNum": page, "pageSize": 100}),
        );
        let content = env["data"]["content"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if content.is_empty() {
            break;
        }
        out.extend(content);
    }
    out
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `part` as a percentage of `whole`, to two places; 0 of nothing.
fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        round2(part as f64 * 100.0 / whole as f64)
    }
}

/// Each of job `id`'s counts in `stats` (by name) is the call list's total for that name alone
/// in the `filter` field.
fn assert_counts_agree<'a>(
    api: &Api,
    id: u64,
    stats: &Value,
    filter: &str,
    names: impl Iterator<Item = &'a str>,
) {
    for name in names {
        let n = total(api, json!({"robotCallJobId": id, filter: [name]}));
        assert_eq!(stats[name].as_u64(), Some(n), "job {id} {name}");
    }
}

#[test]
fn stats_agree_with_the_lists() {
    let api = Api::new(shared());
    let ds = dataset();
    for job in ds.jobs.iter().take(9) {
        let env = api.get_env(&format!(
            "/apiOpen/v1/task/getTaskDetail?robotCallJobId={}",
            job.id
        ));
        assert_eq!(env["code"], 200);
        let s = &env["data"]["callJobStatsInfo"];
        let id = job.id;
        let all = total(&api, json!({"robotCallJobId": id}));
        assert_eq!(s["completedTask"].as_u64(), Some(all));
        assert_eq!(env["data"]["completedTask"].as_u64(), Some(all));
        let results = ResultStatus::ALL.iter().map(|r| r.name());
        assert_counts_agree(&api, id, &s["dialResult"], "resultStatuses", results);
        let levels = IntentLevel::ALL.iter().map(|l| l.name());
        assert_counts_agree(&api, id, &s["intentLevel"], "intentLevels", levels);
        let ans = total(
            &api,
            json!({"robotCallJobId": id, "resultStatuses": ["ANSWERED"]}),
        );
        assert_eq!(s["answeredTask"].as_u64(), Some(ans));
        let task_total = s["taskCallTotal"].as_u64().unwrap_or(0);
        assert!(task_total >= all);
        assert_eq!(s["taskProgress"].as_f64(), Some(percent(all, task_total)));
        assert_eq!(s["answeredRate"].as_f64(), Some(percent(ans, all)));

        // Duration buckets = answered calls within the bucket's seconds.
        let buckets = [
            ("LESS_10S", 0, 9),
            ("F10S_T1MIN", 10, 59),
            ("F1MIN_T2MIN", 60, 119),
            ("F2MIN_T3MIN", 120, 179),
            ("F3MIN_TMORE", 180, 1_000_000),
        ];
        for (name, lo, hi) in buckets {
            let n = total(
                &api,
                json!({"robotCallJobId": id, "resultStatuses": ["ANSWERED"], "chatDurationMin": lo, "chatDurationMax": hi}),
            );
            assert_eq!(s["chatDuration"][name].as_u64(), Some(n), "job {id} {name}");
        }
        // Round buckets, total duration and concerns from the answered calls themselves.
        let items = answered(&api, id);
        assert_eq!(items.len() as u64, ans);
        let rounds = |lo: u64, hi: u64| {
            items
                .iter()
                .filter(|c| (lo..=hi).contains(&c["chatRound"].as_u64().unwrap_or(0)))
                .count() as u64
        };
        assert_eq!(s["chatRound"]["LESS_3"].as_u64(), Some(rounds(0, 2)));
        assert_eq!(s["chatRound"]["F3_T6"].as_u64(), Some(rounds(3, 5)));
        assert_eq!(s["chatRound"]["F6_T10"].as_u64(), Some(rounds(6, 9)));
        assert_eq!(
            s["chatRound"]["F10_MORE"].as_u64(),
            Some(rounds(10, 10_000))
        );
        let duration: u64 = items
            .iter()
            .filter_map(|c| c["chatDuration"].as_u64())
            .sum();
        assert_eq!(s["chatDurationTotal"].as_u64(), Some(duration));
        let concerns: BTreeSet<String> = items
            .iter()
            .flat_map(|c| c["customerConcern"].as_array().cloned().unwrap_or_default())
            .filter_map(|c| c.as_str().map(String::from))
            .collect();
        let stated: BTreeSet<String> = s["customerConcern"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|c| c.as_str().map(String::from))
            .collect();
        assert_eq!(stated, concerns, "job {id} concerns");

        // Daily series: one point per day with calls; each agrees with that day's list.
        let line = &s["callJobStatsBrokenLine"];
        let completed = line["taskCallCompletedList"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let sum: u64 = completed.iter().filter_map(|p| p["val"].as_u64()).sum();
        assert_eq!(sum, all);
        for key in [
            "answeredTaskList",
            "answeredTaskRateList",
            "chatDurationTotalList",
            "averageDurationList",
        ] {
            let dates: Vec<&Value> = line[key]
                .as_array()
                .map(|a| a.iter().map(|p| &p["date"]).collect())
                .unwrap_or_default();
            let want: Vec<&Value> = completed.iter().map(|p| &p["date"]).collect();
            assert_eq!(dates, want, "{key} dates");
        }
        for (i, point) in completed.iter().enumerate().step_by(5) {
            let day = point["date"].as_str().unwrap_or("");
            let n = total(
                &api,
                json!({"robotCallJobId": id, "earliestCreationTime": day, "latestCreationTime": day}),
            );
            assert_eq!(point["val"].as_u64(), Some(n), "{day}");
            let a = total(
                &api,
                json!({"robotCallJobId": id, "earliestCreationTime": day, "latestCreationTime": day, "resultStatuses": ["ANSWERED"]}),
            );
            assert_eq!(
                line["answeredTaskList"][i]["val"].as_u64(),
                Some(a),
                "{day}"
            );
            assert_eq!(
                line["answeredTaskRateList"][i]["val"].as_f64(),
                Some(round2(a as f64 * 100.0 / n as f64))
            );
            let dur = line["chatDurationTotalList"][i]["val"]
                .as_u64()
                .unwrap_or(0);
            let avg = line["averageDurationList"][i]["val"].as_u64().unwrap_or(0);
            assert_eq!(
                avg,
                if a == 0 {
                    0
                } else {
                    (dur as f64 / a as f64).round() as u64
                }
            );
        }
    }
}

#[test]
fn job_list_counts_match_the_detail() {
    let api = Api::new(shared());
    for item in job_list(&api) {
        let id = item["robotCallJobId"].as_u64().unwrap_or(0);
        let detail = api.get_env(&format!(
            "/apiOpen/v1/task/getTaskDetail?robotCallJobId={id}"
        ));
        let d = &detail["data"];
        assert_eq!(item["completedTask"], d["completedTask"]);
        assert_eq!(item["taskCallTotal"], d["taskCallTotal"]);
        assert_eq!(item["status"], d["robotCallJob"]["status"]);
        assert_eq!(item["name"], d["robotCallJob"]["name"]);
        assert_eq!(
            item["completedTask"],
            d["callJobStatsInfo"]["completedTask"]
        );
    }
}

#[test]
fn transcripts_agree_with_rounds_and_only_answered_calls_have_them() {
    let api = Api::new(shared());
    let ds = dataset();
    let job = ds
        .jobs
        .iter()
        .find(|j| !j.calls.is_empty())
        .map(|j| j.id)
        .unwrap_or(1);
    let env = api.post_env(TASK_LIST, &json!({"robotCallJobId": job, "pageSize": 200}));
    for c in env["data"]["content"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let turns = c["callDetailList"].as_array().cloned().unwrap_or_default();
        let rounds = c["chatRound"].as_u64().unwrap_or(0) as usize;
        if c["resultStatus"] == "ANSWERED" {
            let persons = turns.iter().filter(|t| t["type"] == "PERSON").count();
            assert_eq!(persons, rounds, "chatRound counts the customer's turns");
            for (i, t) in turns.iter().enumerate() {
                assert_eq!(
                    t["type"],
                    if i % 2 == 0 { "ROBOT" } else { "PERSON" },
                    "alternating"
                );
                assert!(!t["text"].as_str().unwrap_or("").is_empty());
            }
            assert!(c["chatDuration"].as_u64().unwrap_or(0) >= 1);
            // Speaking takes at least a fifth of a second per character.
            let chars: usize = turns
                .iter()
                .map(|t| t["text"].as_str().unwrap_or("").chars().count())
                .sum();
            assert!(c["chatDuration"].as_u64().unwrap_or(0) * 5 >= chars as u64);
            assert!(c["fullAudioUrl"].is_string());
        } else {
            assert!(turns.is_empty());
            assert_eq!(
                (c["chatRound"].as_u64(), c["chatDuration"].as_u64()),
                (Some(0), Some(0))
            );
            assert!(c["fullAudioUrl"].is_null() && c["customerAudioUrl"].is_null());
        }
    }
}
