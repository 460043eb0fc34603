//! Every filter, alone and combined, against a brute-force filter over the same generated data;
//! pagination arithmetic; the job list's filters.

mod common;

use common::*;
use mock_api::data::{Call, Dataset, Job};
use mock_api::enums::{FollowStatus, HangupBy, IntentLevel, ReadStatus, ResultStatus};
use mock_api::rng::Rng;
use mock_api::time;
use serde_json::{json, Value};

fn names(v: &Value, key: &str) -> Option<Vec<String>> {
    match v.get(key)? {
        Value::Array(a) if a.is_empty() => None,
        Value::Array(a) => Some(
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect(),
        ),
        Value::String(s) => Some(vec![s.clone()]),
        _ => None,
    }
}

/// The documented meaning of each filter, written independently of the server's code.
fn brute_force(ds: &Dataset, q: &Value) -> Vec<u64> {
    let job_id = q["robotCallJobId"].as_u64().unwrap_or(0);
    let follow = q.get("followStatus").and_then(|f| match f {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => {
            FollowStatus::from_code(n.as_i64().unwrap_or(-1)).map(|f| f.name().to_string())
        }
        _ => None,
    });
    let keep = |c: &Call| -> bool {
        let job: &Job = ds.job_of(c);
        let date = time::date(c.start);
        let word = match q.get("searchWords") {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let word = word.as_str();
        job.id == job_id
            && q.get("customerGroupId")
                .and_then(Value::as_u64)
                .is_none_or(|g| c.group_id() == g)
            && q.get("dialogFlowId")
                .and_then(Value::as_u64)
                .is_none_or(|f| c.dialog_flow_id() == f)
            && follow.as_deref().is_none_or(|f| c.follow.name() == f)
            && q.get("earliestCreationTime")
                .and_then(Value::as_str)
                .is_none_or(|d| date.as_str() >= d)
            && q.get("latestCreationTime")
                .and_then(Value::as_str)
                .is_none_or(|d| date.as_str() <= d)
            && names(q, "resultStatuses").is_none_or(|l| l.iter().any(|n| n == c.result.name()))
            && names(q, "intentLevels").is_none_or(|l| l.iter().any(|n| n == c.intent.name()))
            && names(q, "hangupBy").is_none_or(|l| l.iter().any(|n| n == c.hangup_by.name()))
            && q.get("readStatus")
                .and_then(Value::as_str)
                .is_none_or(|r| c.read.name() == r)
            && q.get("chatDurationMin")
                .and_then(Value::as_u64)
                .is_none_or(|m| c.chat_duration as u64 >= m)
            && q.get("chatDurationMax")
                .and_then(Value::as_u64)
                .is_none_or(|m| c.chat_duration as u64 <= m)
            && (word.is_empty()
                || c.customer_name().contains(word)
                || (word.bytes().all(|b| b.is_ascii_digit())
                    && (c.phone_text().contains(word) || c.id.to_string() == word)))
    };
    let mut hits: Vec<&Call> = ds.calls.iter().filter(|c| keep(c)).collect();
    hits.sort_by_key(|c| std::cmp::Reverse((c.start, c.id)));
    hits.into_iter().map(|c| c.id).collect()
}

fn check(api: &Api, q: Value) {
    let expected = brute_force(dataset(), &q);
    for path in [TASK_LIST, CR_LIST] {
        let (total, ids) = all_ids(api, path, &q);
        assert_eq!(total, expected.len() as u64, "{path} total for {q}");
        assert_eq!(ids, expected, "{path} ids for {q}");
    }
}

/// Jobs of the shared data that have calls.
fn jobs_with_calls() -> Vec<&'static Job> {
    dataset()
        .jobs
        .iter()
        .filter(|j| !j.calls.is_empty())
        .collect()
}

#[test]
fn no_filter_lists_the_whole_job_newest_first() {
    let api = Api::new(shared());
    for job in jobs_with_calls().into_iter().take(3) {
        check(&api, json!({"robotCallJobId": job.id}));
    }
}

#[test]
fn each_result_status_and_a_pair() {
    let api = Api::new(shared());
    let job = jobs_with_calls()[0];
    for s in ResultStatus::ALL {
        check(
            &api,
            json!({"robotCallJobId": job.id, "resultStatuses": [s.name()]}),
        );
    }
    check(
        &api,
        json!({"robotCallJobId": job.id, "resultStatuses": ["ANSWERED", "REFUSED"]}),
    );
    check(
        &api,
        json!({"robotCallJobId": job.id, "resultStatuses": []}),
    );
}

#[test]
fn each_intent_level_and_a_pair() {
    let api = Api::new(shared());
    let job = jobs_with_calls()[1];
    for l in IntentLevel::ALL {
        check(
            &api,
            json!({"robotCallJobId": job.id, "intentLevels": [l.name()]}),
        );
    }
    check(
        &api,
        json!({"robotCallJobId": job.id, "intentLevels": ["B", "C"]}),
    );
}

#[test]
fn search_words_match_phone_id_and_name() {
    let api = Api::new(shared());
    let ds = dataset();
    let job = jobs_with_calls()[2];
    let call = &ds.job_calls(job)[17];
    let name = call.customer_name();
    let surname: String = name.chars().take(1).collect();
    let phone = call.phone_text();
    for word in [
        phone.clone(),
        phone[3..8].to_string(),
        phone[7..].to_string(),
        call.id.to_string(),
        name.clone(),
        surname,
        "不存在的人".to_string(),
        "99999999999".to_string(),
    ] {
        check(&api, json!({"robotCallJobId": job.id, "searchWords": word}));
    }
    // The documents' example types searchWords as an integer.
    check(
        &api,
        json!({"robotCallJobId": job.id, "searchWords": call.id}),
    );
    let (total, ids) = all_ids(
        &api,
        CR_LIST,
        &json!({"robotCallJobId": job.id, "searchWords": call.id.to_string()}),
    );
    assert!(total >= 1 && ids.contains(&call.id));
}

#[test]
fn group_flow_and_follow_status() {
    let api = Api::new(shared());
    let ds = dataset();
    for job in jobs_with_calls().into_iter().take(4) {
        let mut groups: Vec<u64> = ds.job_calls(job).iter().map(|c| c.group_id()).collect();
        groups.sort_unstable();
        groups.dedup();
        for g in groups.iter().chain([&999_999]) {
            check(
                &api,
                json!({"robotCallJobId": job.id, "customerGroupId": g}),
            );
        }
        let mut flows: Vec<u64> = ds
            .job_calls(job)
            .iter()
            .map(|c| c.dialog_flow_id())
            .collect();
        flows.sort_unstable();
        flows.dedup();
        for f in flows.iter().chain([&1]) {
            check(&api, json!({"robotCallJobId": job.id, "dialogFlowId": f}));
        }
    }
    let job = jobs_with_calls()[0];
    for f in FollowStatus::ALL {
        check(
            &api,
            json!({"robotCallJobId": job.id, "followStatus": f.name()}),
        );
        check(
            &api,
            json!({"robotCallJobId": job.id, "followStatus": f.code()}),
        );
    }
}

#[test]
fn creation_time_days_are_inclusive() {
    let api = Api::new(shared());
    let ds = dataset();
    let job = jobs_with_calls()[3];
    let calls = ds.job_calls(job);
    let first = time::date(calls[0].start);
    let mid = time::date(calls[calls.len() / 2].start);
    let last = time::date(calls[calls.len() - 1].start);
    check(
        &api,
        json!({"robotCallJobId": job.id, "earliestCreationTime": mid}),
    );
    check(
        &api,
        json!({"robotCallJobId": job.id, "latestCreationTime": mid}),
    );
    check(
        &api,
        json!({"robotCallJobId": job.id, "earliestCreationTime": mid, "latestCreationTime": mid}),
    );
    check(
        &api,
        json!({"robotCallJobId": job.id, "earliestCreationTime": first, "latestCreationTime": last}),
    );
    check(
        &api,
        json!({"robotCallJobId": job.id, "earliestCreationTime": last, "latestCreationTime": first}),
    );
    check(
        &api,
        json!({"robotCallJobId": job.id, "earliestCreationTime": "2000-01-01", "latestCreationTime": "2000-01-31"}),
    );
    // One day alone returns exactly that day's calls, both edges included.
    let day_count = calls.iter().filter(|c| time::date(c.start) == mid).count() as u64;
    let (total, _) = all_ids(
        &api,
        TASK_LIST,
        &json!({"robotCallJobId": job.id, "earliestCreationTime": mid, "latestCreationTime": mid}),
    );
    assert_eq!(total, day_count);
    assert!(day_count > 0);
}

#[test]
fn read_status_duration_and_hangup() {
    let api = Api::new(shared());
    let job = jobs_with_calls()[4];
    for r in ReadStatus::ALL {
        check(
            &api,
            json!({"robotCallJobId": job.id, "readStatus": r.name()}),
        );
    }
    for (min, max) in [
        (Some(0), Some(0)),
        (Some(1), None),
        (None, Some(59)),
        (Some(60), Some(120)),
        (Some(180), None),
        (Some(50), Some(10)),
    ] {
        let mut q = json!({"robotCallJobId": job.id});
        if let Some(m) = min {
            q["chatDurationMin"] = json!(m);
        }
        if let Some(m) = max {
            q["chatDurationMax"] = json!(m);
        }
        check(&api, q);
    }
    for h in HangupBy::ALL {
        check(
            &api,
            json!({"robotCallJobId": job.id, "hangupBy": h.name()}),
        );
        check(
            &api,
            json!({"robotCallJobId": job.id, "hangupBy": [h.name()]}),
        );
    }
    check(
        &api,
        json!({"robotCallJobId": job.id, "hangupBy": ["ROBOT", "PERSON"]}),
    );
}

#[test]
fn random_combinations() {
    let api = Api::new(shared());
    let ds = dataset();
    let jobs = jobs_with_calls();
    let mut rng = Rng::new(2024);
    for _ in 0..80 {
        let job = jobs[rng.below(jobs.len() as u64) as usize];
        let calls = ds.job_calls(job);
        let sample = &calls[rng.below(calls.len() as u64) as usize];
        let mut q = json!({"robotCallJobId": job.id});
        if rng.chance(0.5) {
            let k = rng.range(1, 3) as usize;
            let list: Vec<&str> = (0..k).map(|_| rng.pick(ResultStatus::ALL).name()).collect();
            q["resultStatuses"] = json!(list);
        }
        if rng.chance(0.4) {
            let k = rng.range(1, 3) as usize;
            let list: Vec<&str> = (0..k).map(|_| rng.pick(IntentLevel::ALL).name()).collect();
            q["intentLevels"] = json!(list);
        }
        if rng.chance(0.3) {
            q["customerGroupId"] = json!(sample.group_id());
        }
        if rng.chance(0.2) {
            q["dialogFlowId"] = json!(sample.dialog_flow_id());
        }
        if rng.chance(0.3) {
            q["followStatus"] = json!(rng.pick(FollowStatus::ALL).name());
        }
        if rng.chance(0.3) {
            q["earliestCreationTime"] = json!(time::date(
                sample.start.saturating_sub(rng.below(10) as u32 * 86_400)
            ));
        }
        if rng.chance(0.3) {
            q["latestCreationTime"] =
                json!(time::date(sample.start + rng.below(10) as u32 * 86_400));
        }
        if rng.chance(0.2) {
            q["readStatus"] = json!(rng.pick(ReadStatus::ALL).name());
        }
        if rng.chance(0.2) {
            q["chatDurationMin"] = json!(rng.below(60));
        }
        if rng.chance(0.2) {
            q["chatDurationMax"] = json!(rng.range(10, 200));
        }
        if rng.chance(0.2) {
            q["hangupBy"] = json!([rng.pick(HangupBy::ALL).name()]);
        }
        if rng.chance(0.15) {
            q["searchWords"] = json!(sample.phone_text()[rng.below(6) as usize..].to_string());
        }
        check(&api, q);
    }
}

#[test]
fn pagination_arithmetic() {
    let api = Api::new(shared());
    let ds = dataset();
    let job = jobs_with_calls()[0];
    let n = ds.job_calls(job).len() as u64;
    // Default page size is 20.
    let env = api.post_env(TASK_LIST, &json!({"robotCallJobId": job.id}));
    let d = &env["data"];
    assert_eq!(
        (
            d["number"].as_u64(),
            d["pageSize"].as_u64(),
            d["totalElements"].as_u64()
        ),
        (Some(1), Some(20), Some(n))
    );
    assert_eq!(d["pages"].as_u64(), Some(n.div_ceil(20)));
    assert_eq!(d["content"].as_array().map(Vec::len), Some(20));
    for size in [1u64, 7, 20, 100] {
        let pages = n.div_ceil(size);
        for (num, want) in [
            (1, size.min(n)),
            (pages, n - (pages - 1) * size),
            (pages + 1, 0),
        ] {
            for path in [TASK_LIST, CR_LIST] {
                let env = api.post_env(
                    path,
                    &json!({"robotCallJobId": job.id, "pageNum": num, "pageSize": size}),
                );
                let d = &env["data"];
                assert_eq!(d["number"].as_u64(), Some(num));
                assert_eq!(d["pageSize"].as_u64(), Some(size));
                assert_eq!(d["totalElements"].as_u64(), Some(n));
                assert_eq!(d["pages"].as_u64(), Some(pages));
                assert_eq!(
                    d["content"].as_array().map(|a| a.len() as u64),
                    Some(want),
                    "{path} page {num} size {size}"
                );
            }
        }
    }
    // The task family has no 100 cap.
    let env = api.post_env(
        TASK_LIST,
        &json!({"robotCallJobId": job.id, "pageSize": 250}),
    );
    assert_eq!(
        env["data"]["content"].as_array().map(|a| a.len() as u64),
        Some(250.min(n))
    );
    // A job without calls: empty, zero pages.
    if let Some(empty) = ds.jobs.iter().find(|j| j.calls.is_empty()) {
        let env = api.post_env(CR_LIST, &json!({"robotCallJobId": empty.id}));
        assert_eq!(env["data"]["totalElements"], 0);
        assert_eq!(env["data"]["pages"], 0);
        assert_eq!(env["data"]["content"], json!([]));
    }
}

fn job_ids(api: &Api, query: &str) -> (u64, Vec<u64>) {
    let mut ids = Vec::new();
    let mut page = 1;
    loop {
        let env = api.get_env(&format!(
            "/apiOpen/v1/task/getTasks?pageSize=5&pageNum={page}{query}"
        ));
        assert_eq!(env["code"], 200, "{env}");
        let content = env["data"]["content"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        ids.extend(content.iter().filter_map(|j| j["robotCallJobId"].as_u64()));
        let total = env["data"]["totalElements"].as_u64().unwrap_or(0);
        assert_eq!(env["data"]["pages"].as_u64(), Some(total.div_ceil(5)));
        if content.is_empty() || ids.len() as u64 >= total {
            return (total, ids);
        }
        page += 1;
    }
}

#[test]
fn job_list_by_name_and_status() {
    let api = Api::new(shared());
    let ds = dataset();
    let expect = |keep: &dyn Fn(&Job) -> bool| -> Vec<u64> {
        ds.jobs
            .iter()
            .rev()
            .filter(|j| keep(j))
            .map(|j| j.id)
            .collect()
    };
    let (total, ids) = job_ids(&api, "");
    assert_eq!(total, ds.jobs.len() as u64);
    assert_eq!(ids, expect(&|_| true));
    for code in 0..8u8 {
        let (total, ids) = job_ids(&api, &format!("&status={code}"));
        let want = expect(&|j| j.status.code() == code);
        assert_eq!((total, ids), (want.len() as u64, want), "status {code}");
    }
    let sample: String = ds.jobs[3].name.chars().take(2).collect();
    for word in [sample.as_str(), "测试", "no such job"] {
        let enc: String = form_urlencoded::byte_serialize(word.as_bytes()).collect();
        let (total, ids) = job_ids(&api, &format!("&name={enc}"));
        let want = expect(&|j| j.name.to_lowercase().contains(&word.to_lowercase()));
        assert_eq!((total, ids), (want.len() as u64, want), "name {word}");
    }
    let enc: String = form_urlencoded::byte_serialize(sample.as_bytes()).collect();
    let (_, ids) = job_ids(
        &api,
        &format!("&name={enc}&status={}", ds.jobs[3].status.code()),
    );
    assert!(ids.contains(&ds.jobs[3].id));
    // The default page size is 20.
    let env = api.get_env("/apiOpen/v1/task/getTasks");
    assert_eq!(env["data"]["pageSize"], 20);
    assert_eq!(env["data"]["number"], 1);
}

#[test]
fn all_statuses_and_results_exist_in_default_data() {
    let ds = Dataset::generate(42, 40, 500);
    for s in mock_api::enums::JobStatus::ALL {
        assert!(ds.jobs.iter().any(|j| j.status == *s), "{s:?}");
    }
    for job in ds.jobs.iter().filter(|j| !j.calls.is_empty()) {
        let calls = ds.job_calls(job);
        let answered = calls
            .iter()
            .filter(|c| c.result == ResultStatus::Answered)
            .count();
        assert!(answered * 2 < calls.len(), "most calls are not answered");
        for r in ResultStatus::ALL {
            assert!(
                calls.iter().any(|c| c.result == *r),
                "job {} lacks {r:?}",
                job.id
            );
        }
        for l in IntentLevel::ALL {
            assert!(
                calls.iter().any(|c| c.intent == *l),
                "job {} lacks {l:?}",
                job.id
            );
        }
    }
}
