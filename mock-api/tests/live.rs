//! Live mode (`--live`): today is the machine's, a running job makes calls as the clock passes
//! them, `/__mock/clock` moves that clock, and everything else stays put.

mod common;

use std::process::Command;

use common::*;
use mock_api::data::LIVE_GAP_S;
use mock_api::enums::{IntentLevel, ResultStatus};
use mock_api::time;
use mock_api::{start_in_thread, Options, RunningMock};
use serde_json::{json, Value};

/// Job 2 is the one running job (IN_PROCESS) of the small data.
const RUNNING: u64 = 2;

fn live() -> RunningMock {
    start_in_thread(Options {
        live: true,
        ..small_options()
    })
    .expect("start a live mock")
}

/// The machine's date, as `date` prints it.
fn machine_date() -> String {
    let out = Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .expect("run date");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn clock(mock: &RunningMock) -> Value {
    let r = admin(mock, "GET", "/__mock/clock", None);
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn advance(mock: &RunningMock, secs: u64) -> Value {
    let r = admin(
        mock,
        "POST",
        "/__mock/clock",
        Some(json!({ "advance_s": secs })),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn detail_path(job: u64) -> String {
    format!("/apiOpen/v1/task/getTaskDetail?robotCallJobId={job}")
}

fn completed(api: &Api, job: u64) -> u64 {
    api.get_env(&detail_path(job))["data"]["completedTask"]
        .as_u64()
        .unwrap_or(u64::MAX)
}

/// totalElements of a call query.
fn count(api: &Api, q: Value) -> u64 {
    let env = api.post_env(CR_LIST, &q);
    assert_eq!(env["code"], 200, "{q}: {env}");
    env["data"]["totalElements"].as_u64().unwrap_or(u64::MAX)
}

/// The count of `job`'s calls for each value of one filter `key`, in the order given.
fn counts_by<'a>(
    api: &Api,
    job: u64,
    key: &str,
    values: impl Iterator<Item = &'a str>,
) -> Vec<u64> {
    values
        .map(|v| count(api, json!({"robotCallJobId": job, key: [v]})))
        .collect()
}

/// The raw answer with its `requestId` (the one part that differs between requests) blanked.
fn without_request_id(r: &Resp) -> String {
    let text = r.text();
    match r.json()["requestId"].as_str() {
        Some(id) => text.replacen(&format!("\"requestId\":\"{id}\""), "\"requestId\":\"\"", 1),
        None => text,
    }
}

/// Runs `f` until no call of `job` was made while it ran (its made calls are a prefix of its
/// calls, so an unchanged count means every request saw the same ones), and returns that.
fn at_one_moment<T>(api: &Api, job: u64, f: impl Fn() -> T) -> T {
    for _ in 0..20 {
        let before = completed(api, job);
        let out = f();
        if completed(api, job) == before {
            return out;
        }
    }
    panic!("job {job} made a call during every one of 20 tries");
}

/// What a job's page and its lists say at one moment.
struct Snapshot {
    detail: Value,
    total: u64,
    ids: Vec<u64>,
    by_result: Vec<u64>,
    by_level: Vec<u64>,
    answered: u64,
    /// (date, calls, answered) of the daily series' last point, from the lists.
    last_day: (String, u64, u64),
}

fn snapshot(api: &Api, job: u64) -> Snapshot {
    at_one_moment(api, job, || {
        let detail = api.get_env(&detail_path(job))["data"].clone();
        let (total, ids) = all_ids(api, TASK_LIST, &json!({ "robotCallJobId": job }));
        let by_result = counts_by(
            api,
            job,
            "resultStatuses",
            ResultStatus::ALL.iter().map(|r| r.name()),
        );
        let by_level = counts_by(
            api,
            job,
            "intentLevels",
            IntentLevel::ALL.iter().map(|l| l.name()),
        );
        let answered = count(
            api,
            json!({"robotCallJobId": job, "resultStatuses": ["ANSWERED"]}),
        );
        let day = detail["callJobStatsInfo"]["callJobStatsBrokenLine"]["taskCallCompletedList"]
            .as_array()
            .and_then(|a| a.last())
            .and_then(|p| p["date"].as_str())
            .unwrap_or("")
            .to_string();
        let on_day =
            json!({"robotCallJobId": job, "earliestCreationTime": day, "latestCreationTime": day});
        let mut answered_on_day = on_day.clone();
        answered_on_day["resultStatuses"] = json!(["ANSWERED"]);
        let last_day = (day.clone(), count(api, on_day), count(api, answered_on_day));
        Snapshot {
            detail,
            total,
            ids,
            by_result,
            by_level,
            answered,
            last_day,
        }
    })
}

fn vals(line: &Value, key: &str) -> Vec<u64> {
    line[key]
        .as_array()
        .map(|a| a.iter().filter_map(|p| p["val"].as_u64()).collect())
        .unwrap_or_default()
}

/// The invariants tests/stats.rs checks of the fixed data, on the calls made so far.
fn check_agrees(s: &Snapshot) {
    let stats = &s.detail["callJobStatsInfo"];
    let done = stats["completedTask"].as_u64().unwrap_or(u64::MAX);
    assert_eq!(s.detail["completedTask"].as_u64(), Some(done));
    assert_eq!(s.total, done, "the list's totalElements is completedTask");
    assert_eq!(s.ids.len() as u64, done);
    let dial: Vec<u64> = ResultStatus::ALL
        .iter()
        .map(|r| stats["dialResult"][r.name()].as_u64().unwrap_or(u64::MAX))
        .collect();
    assert_eq!(dial, s.by_result);
    let levels: Vec<u64> = IntentLevel::ALL
        .iter()
        .map(|l| stats["intentLevel"][l.name()].as_u64().unwrap_or(u64::MAX))
        .collect();
    assert_eq!(levels, s.by_level);
    assert_eq!(stats["answeredTask"].as_u64(), Some(s.answered));
    let task_total = stats["taskCallTotal"].as_u64().unwrap_or(0);
    assert!(task_total >= done);
    assert_eq!(
        stats["taskProgress"].as_f64(),
        Some((done as f64 * 10_000.0 / task_total as f64).round() / 100.0)
    );
    let line = &stats["callJobStatsBrokenLine"];
    let per_day = vals(line, "taskCallCompletedList");
    assert_eq!(
        per_day.iter().sum::<u64>(),
        done,
        "the daily series adds up to the calls made"
    );
    assert_eq!(
        vals(line, "answeredTaskList").iter().sum::<u64>(),
        s.answered
    );
    let (day, calls, answered) = &s.last_day;
    assert_eq!(per_day.last(), Some(calls), "{day}");
    assert_eq!(
        vals(line, "answeredTaskList").last(),
        Some(answered),
        "{day}"
    );
}

fn newest_start(api: &Api, job: u64) -> String {
    let env = api.post_env(TASK_LIST, &json!({"robotCallJobId": job, "pageSize": 1}));
    env["data"]["content"][0]["startTime"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn today_is_the_machine_date() {
    let before = machine_date();
    let mock = live();
    let api = Api::new(&mock);
    let mut now = clock(&mock);
    assert_eq!(now["live"], true);
    let time = now["now"].as_str().unwrap_or("").to_string();
    // A running job's first call today may be up to LIVE_GAP_S.1 (40 s) after midnight.
    if time.get(11..16).is_some_and(|hm| hm < "00:01") {
        now = advance(&mock, 60);
    }
    let after = machine_date();
    let today = now["now"].as_str().unwrap_or("").get(..10).unwrap_or("");
    assert!(
        today == before || today == after,
        "{now} vs {before}/{after}"
    );

    // The running job's newest call and last day are today; every other job stopped before
    // yesterday (the fixed history ends the day before yesterday).
    let newest = newest_start(&api, RUNNING);
    assert_eq!(newest.get(..10), Some(today), "{newest}");
    let then = clock(&mock)["now"].as_str().unwrap_or("").replace('T', " ");
    assert!(newest <= then, "{newest} is not past ({then})");
    let s = api.get_env(&detail_path(RUNNING));
    let line = &s["data"]["callJobStatsInfo"]["callJobStatsBrokenLine"]["taskCallCompletedList"];
    assert_eq!(
        line.as_array().and_then(|a| a.last()).map(|p| &p["date"]),
        Some(&json!(today))
    );
    let yesterday = time::parse_date(today)
        .map(|d| time::date(time::day_start(d - 1)))
        .unwrap_or_default();
    for job in job_list(&api) {
        let id = job["robotCallJobId"].as_u64().unwrap_or(0);
        let created = job["creationTime"].as_str().unwrap_or("");
        assert!(
            created.get(..10) < Some(today),
            "job {id} created {created}"
        );
        if id != RUNNING && job["completedTask"].as_u64() > Some(0) {
            let last = newest_start(&api, id);
            assert!(
                last.get(..10) < Some(yesterday.as_str()),
                "job {id}: {last}"
            );
        }
    }
    // A suspended job restarts tomorrow (job 5 is SYSTEM_SUSPENDED).
    let suspended = api.get_env(&detail_path(5));
    let next = suspended["data"]["systemPauseNextStart"]
        .as_str()
        .unwrap_or("");
    assert!(next.get(..10) > Some(today), "{next}");
}

#[test]
fn a_running_job_grows_as_the_clock_moves_and_its_stats_agree() {
    let mock = live();
    let api = Api::new(&mock);
    let first = snapshot(&api, RUNNING);
    check_agrees(&first);
    let was = clock(&mock);
    let moved = advance(&mock, 3600);
    let gained = moved["now_ms"].as_i64().unwrap_or(0) - was["now_ms"].as_i64().unwrap_or(0);
    assert!((3_600_000..3_660_000).contains(&gained), "{was} → {moved}");
    assert_eq!(moved["offset_s"].as_f64(), Some(3600.0));
    let later = snapshot(&api, RUNNING);
    check_agrees(&later);

    // A call every LIVE_GAP_S (5-40 s): an hour brings at least 3600 / 40 = 90, and at most
    // 3600 / 5 + 1 = 721 plus what the machine's clock added meanwhile (under a minute).
    let (least, most) = (3600 / LIVE_GAP_S.1, (3600 + 60) / LIVE_GAP_S.0 + 1);
    let grown = later.total - first.total;
    assert!(
        (least..=most).contains(&grown),
        "{} → {}",
        first.total,
        later.total
    );
    // The new calls are the newest (the list is newest first), all the old ones stay.
    let new = &later.ids[..grown as usize];
    assert_eq!(&later.ids[grown as usize..], &first.ids[..]);
    let newest_before = first.ids.first().copied().unwrap_or(0);
    assert!(new.iter().all(|id| *id > newest_before));
    // Each is reachable by id now, and its start time has passed.
    let now = clock(&mock)["now"].as_str().unwrap_or("").to_string();
    for id in new.iter().step_by(7) {
        let env = api.get_env(&format!("{TASK_DETAIL}?callRecordId={id}"));
        assert_eq!(env["code"], 200, "{id}");
        assert!(env["data"]["startTime"].as_str().unwrap_or("~") <= now.as_str());
    }
}

/// A daily series' value on `date` (0 when the series has no point that day).
fn point_on(line: &Value, key: &str, date: &str) -> u64 {
    line[key]
        .as_array()
        .and_then(|a| a.iter().find(|p| p["date"] == date))
        .and_then(|p| p["val"].as_u64())
        .unwrap_or(0)
}

/// What the overview puts side by side: a running job's yesterday is a whole day at the live
/// pace (not a handful of calls), its today the calls up to now at the same pace, and its
/// fixed history (all `--calls-per-job` of it) ends the day before yesterday.
#[test]
fn a_running_job_called_all_yesterday_at_the_live_pace() {
    let mock = live();
    let api = Api::new(&mock);
    let now = set_clock(&mock, json!({"paused": true}));
    let text = now["now"].as_str().unwrap_or("").to_string();
    let today = time::parse_date(text.get(..10).unwrap_or("")).expect("now's date");
    let secs = text
        .get(11..19)
        .unwrap_or("")
        .split(':')
        .filter_map(|p| p.parse::<u64>().ok())
        .fold(0, |acc, n| acc * 60 + n);
    let date = |d: i64| time::date(time::day_start(d));
    let (yesterday, today_text) = (date(today - 1), date(today));

    let detail = api.get_env(&detail_path(RUNNING))["data"].clone();
    let line = &detail["callJobStatsInfo"]["callJobStatsBrokenLine"];
    let y = point_on(line, "taskCallCompletedList", &yesterday);
    let t = point_on(line, "taskCallCompletedList", &today_text);
    let (least, most) = (LIVE_GAP_S.1, LIVE_GAP_S.0);
    assert!(
        (86_400 / least..=86_400 / most + 1).contains(&y),
        "{y} calls yesterday"
    );
    // Today's first call comes within LIVE_GAP_S.1 of midnight, then one every 5-40 s.
    assert!(
        (secs.saturating_sub(least) / least..=secs / most + 1).contains(&t),
        "{t} calls by {text}"
    );
    let on_day = |day: &str| {
        count(
            &api,
            json!({"robotCallJobId": RUNNING, "earliestCreationTime": day, "latestCreationTime": day}),
        )
    };
    assert_eq!((on_day(&yesterday), on_day(&today_text)), (y, t));
    // Before yesterday: the fixed history, every call of it, on days with a handful each.
    let earlier: Vec<(String, u64)> = line["taskCallCompletedList"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| {
                    let d = p["date"].as_str().unwrap_or("").to_string();
                    (d, p["val"].as_u64().unwrap_or(0))
                })
                .filter(|(d, _)| *d < yesterday)
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(earlier.iter().map(|(_, n)| n).sum::<u64>(), CALLS as u64);
    assert!(
        earlier.iter().all(|(_, n)| *n < 86_400 / least),
        "{earlier:?}"
    );
    assert_eq!(detail["completedTask"].as_u64(), Some(CALLS as u64 + y + t));
}

#[test]
fn a_call_not_made_yet_is_nowhere_until_its_time() {
    let mock = live();
    let api = Api::new(&mock);
    // Ids run on within a job: the next one is the running job's next call.
    let (next, count) = at_one_moment(&api, RUNNING, || {
        let env = api.post_env(
            TASK_LIST,
            &json!({"robotCallJobId": RUNNING, "pageSize": 1}),
        );
        let newest = env["data"]["content"][0]["callRecordId"]
            .as_u64()
            .unwrap_or(0);
        (
            newest + 1,
            env["data"]["totalElements"].as_u64().unwrap_or(0),
        )
    });
    for path in [TASK_DETAIL, CR_DETAIL] {
        let env = api.get_env(&format!("{path}?callRecordId={next}"));
        assert_eq!(env["code"], 404, "{path} {next}: {env}");
    }
    let (total, ids) = all_ids(&api, CR_LIST, &json!({"robotCallJobId": RUNNING}));
    assert!(total >= count && !ids.contains(&next));
    advance(&mock, 3600);
    let env = api.get_env(&format!("{CR_DETAIL}?callRecordId={next}"));
    assert_eq!(env["code"], 200, "{env}");
    assert_eq!(env["data"]["robotCallJobId"], RUNNING);
    let (_, ids) = all_ids(&api, CR_LIST, &json!({"robotCallJobId": RUNNING}));
    assert!(ids.contains(&next));
    // An answered call's recording is there once the call is made.
    let answered = api.post_env(
        TASK_LIST,
        &json!({"robotCallJobId": RUNNING, "resultStatuses": ["ANSWERED"], "pageSize": 1}),
    );
    let url = answered["data"]["content"][0]["fullAudioUrl"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let path = url.trim_start_matches(&mock.base_url()).to_string();
    let r = request(&mock.base_url(), "HEAD", &path, &[], None, TIMEOUT).expect("HEAD");
    assert_eq!(r.status, 200, "{path}");
}

#[test]
fn the_same_moment_gives_the_same_bytes_in_any_order() {
    let mock = live();
    let api = Api::new(&mock);
    let list = json!({"robotCallJobId": RUNNING, "pageSize": 50});
    let jobs = "/apiOpen/v1/task/getTasks?pageSize=20";
    let answers = at_one_moment(&api, RUNNING, || {
        let a = [
            api.get(&detail_path(RUNNING)),
            api.post(TASK_LIST, &list),
            api.get(jobs),
        ];
        let b = [
            api.get(jobs),
            api.post(TASK_LIST, &list),
            api.get(&detail_path(RUNNING)),
        ];
        (
            a.iter().map(without_request_id).collect::<Vec<_>>(),
            b.iter().rev().map(without_request_id).collect::<Vec<_>>(),
        )
    });
    assert_eq!(answers.0, answers.1);
    assert!(answers.0.iter().all(|a| a.contains("\"code\":200")));
}

#[test]
fn jobs_that_are_not_running_do_not_change() {
    let mock = live();
    let api = Api::new(&mock);
    let ids: Vec<u64> = (1..=JOBS as u64).filter(|id| *id != RUNNING).collect();
    let look = |id: u64| {
        [
            without_request_id(&api.get(&detail_path(id))),
            without_request_id(
                &api.post(TASK_LIST, &json!({"robotCallJobId": id, "pageSize": 30})),
            ),
        ]
    };
    let before: Vec<_> = ids.iter().map(|id| look(*id)).collect();
    advance(&mock, 3600);
    advance(&mock, 2 * 86_400);
    let after: Vec<_> = ids.iter().map(|id| look(*id)).collect();
    for ((id, b), a) in ids.iter().zip(&before).zip(&after) {
        assert_eq!(b, a, "job {id}");
    }
    // Job 1 finished (COMPLETED) with every call it was to make.
    let done = api.get_env(&detail_path(1));
    assert_eq!(done["data"]["robotCallJob"]["status"], "COMPLETED");
    assert_eq!(done["data"]["completedTask"], CALLS);
}

#[test]
fn the_clock_moves_forward_only_and_reset_sets_it_back() {
    let mock = live();
    for bad in [
        json!({"advance_s": -1}),
        json!({"advance_s": "60"}),
        json!({}),
    ] {
        let r = admin(&mock, "POST", "/__mock/clock", Some(bad.clone()));
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
    }
    assert_eq!(clock(&mock)["offset_s"].as_f64(), Some(0.0));
    assert_eq!(advance(&mock, 0)["offset_s"].as_f64(), Some(0.0));
    let r = admin(
        &mock,
        "POST",
        "/__mock/clock",
        Some(json!({"advance_s": 1.5})),
    );
    assert_eq!(r.json()["offset_s"].as_f64(), Some(1.5));
    advance(&mock, 86_400);
    let moved = clock(&mock);
    assert_eq!(moved["offset_s"].as_f64(), Some(86_401.5));
    let ahead = moved["now_ms"].as_i64().unwrap_or(0) - now_ms() as i64;
    assert!((86_400_000..86_460_000).contains(&ahead), "{moved}");
    let r = admin(&mock, "POST", "/__mock/reset", None);
    assert_eq!(r.status, 200);
    let back = clock(&mock);
    assert_eq!(back["live"], true, "reset keeps live mode");
    assert_eq!(back["offset_s"].as_f64(), Some(0.0));
    assert!((back["now_ms"].as_i64().unwrap_or(0) - now_ms() as i64).abs() < 60_000);
    let index = request(&mock.base_url(), "GET", "/", &[], None, TIMEOUT).expect("GET /");
    assert!(
        index.text().contains("clock: live (--live)"),
        "{}",
        index.text()
    );
}

#[test]
fn without_live_mode_the_clock_refuses_and_nothing_moves() {
    let mock = start_in_thread(small_options()).expect("start");
    let api = Api::new(&mock);
    let before = [
        without_request_id(&api.get(&detail_path(RUNNING))),
        without_request_id(&api.post(TASK_LIST, &json!({"robotCallJobId": RUNNING}))),
    ];
    let state = clock(&mock);
    assert_eq!(state["live"], false);
    assert_eq!(state["offset_s"].as_f64(), Some(0.0));
    let r = admin(
        &mock,
        "POST",
        "/__mock/clock",
        Some(json!({"advance_s": 3600})),
    );
    assert_eq!(r.status, 409);
    assert!(r.text().contains("only moves in live mode"), "{}", r.text());
    let r = admin(
        &mock,
        "POST",
        "/__mock/clock",
        Some(json!({"paused": true})),
    );
    assert_eq!(r.status, 409, "{}", r.text());
    assert_eq!(clock(&mock)["paused"], false);
    assert_eq!(clock(&mock)["offset_s"].as_f64(), Some(0.0));
    let after = [
        without_request_id(&api.get(&detail_path(RUNNING))),
        without_request_id(&api.post(TASK_LIST, &json!({"robotCallJobId": RUNNING}))),
    ];
    assert_eq!(before, after);
    // The fixed data: every call made, activity up to 2026-03-27.
    let d = api.get_env(&detail_path(RUNNING));
    assert_eq!(d["data"]["completedTask"], CALLS);
    let line = &d["data"]["callJobStatsInfo"]["callJobStatsBrokenLine"]["taskCallCompletedList"];
    assert_eq!(
        line.as_array().and_then(|a| a.last()).map(|p| &p["date"]),
        Some(&json!("2026-03-27"))
    );
    assert_eq!(newest_start(&api, RUNNING).get(..10), Some("2026-03-27"));
    let index = request(&mock.base_url(), "GET", "/", &[], None, TIMEOUT).expect("GET /");
    for line in [
        "clock: fixed, activity up to 2026-03-27",
        "POST /__mock/clock",
    ] {
        assert!(index.text().contains(line), "{line} in {}", index.text());
    }
}

#[test]
fn running_makes_the_first_jobs_run_and_call_today() {
    let mock = start_sized(
        JOBS,
        40,
        Options {
            live: true,
            running: JOBS - 2,
            ..small_options()
        },
    );
    let api = Api::new(&mock);
    if clock(&mock)["now"]
        .as_str()
        .and_then(|t| t.get(11..16))
        .is_some_and(|hm| hm < "00:01")
    {
        advance(&mock, 60);
    }
    let today = clock(&mock)["now"]
        .as_str()
        .unwrap_or("")
        .get(..10)
        .unwrap_or("")
        .to_string();
    let running = api.get_env("/apiOpen/v1/task/getTasks?status=1&pageSize=100");
    let ids: Vec<u64> = running["data"]["content"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|j| j["robotCallJobId"].as_u64())
                .collect()
        })
        .unwrap_or_default();
    // Newest first; jobs 11 and 12 keep their drawn statuses (neither is IN_PROCESS).
    assert_eq!(ids, (1..=JOBS as u64 - 2).rev().collect::<Vec<_>>());
    for id in ids {
        let detail = api.get_env(&detail_path(id))["data"].clone();
        let line = &detail["callJobStatsInfo"]["callJobStatsBrokenLine"]["taskCallCompletedList"];
        let last = line
            .as_array()
            .and_then(|a| a.last())
            .cloned()
            .unwrap_or_default();
        assert_eq!(last["date"], json!(today), "job {id}");
        assert!(detail["completedTask"].as_u64() > Some(40), "job {id}");
    }
}

fn set_clock(mock: &RunningMock, body: Value) -> Value {
    let r = admin(mock, "POST", "/__mock/clock", Some(body.clone()));
    assert_eq!(r.status, 200, "{body}: {}", r.text());
    r.json()
}

#[test]
fn a_paused_clock_stands_still_and_runs_on_from_where_it_stood() {
    let mock = live();
    let api = Api::new(&mock);
    assert_eq!(clock(&mock)["paused"], false);
    let stood = set_clock(&mock, json!({"paused": true}));
    assert_eq!(stood["paused"], true);
    let look = || {
        [
            without_request_id(&api.get(&detail_path(RUNNING))),
            without_request_id(&api.post(TASK_LIST, &json!({"robotCallJobId": RUNNING}))),
        ]
    };
    let before = look();
    // A second and a half: the machine's clock passes a whole second meanwhile.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(clock(&mock), stood, "paused, now stands still");
    assert_eq!(look(), before, "and so does every answer");

    // advance_s still moves it, alone or beside paused.
    let at = |v: &Value| v["now_ms"].as_i64().unwrap_or(0);
    let moved = advance(&mock, 60);
    assert_eq!(at(&moved), at(&stood) + 60_000);
    assert_eq!(moved["paused"], true);
    let both = set_clock(&mock, json!({"paused": true, "advance_s": 0.5}));
    assert_eq!(at(&both), at(&stood) + 60_500);

    // Unpaused, it runs on from where it stood: no jump back to the machine's clock.
    let running = set_clock(&mock, json!({"paused": false}));
    assert_eq!(running["paused"], false);
    let ran = at(&running) - at(&both);
    assert!((0..1_000).contains(&ran), "{both} → {running}");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(at(&clock(&mock)) > at(&running));

    for bad in [json!({"paused": "yes"}), json!({"paused": 1}), json!({})] {
        let r = admin(&mock, "POST", "/__mock/clock", Some(bad.clone()));
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
        assert!(r.text().contains("paused"), "{bad}: {}", r.text());
    }
    set_clock(&mock, json!({"paused": true}));
    assert_eq!(admin(&mock, "POST", "/__mock/reset", None).status, 200);
    let back = clock(&mock);
    assert_eq!(
        (back["paused"].clone(), back["offset_s"].as_f64()),
        (json!(false), Some(0.0))
    );
    assert!((at(&back) - now_ms() as i64).abs() < 60_000);
}
