//! The large dataset (200 jobs x 5,000 calls): generation and a filtered page stay fast.
//! Ignored by default (slow in debug builds): `cargo test -p mock-api --release -- --ignored`.

mod common;

use std::time::{Duration, Instant};

use common::*;
use mock_api::data::Dataset;
use mock_api::Options;
use serde_json::json;

/// How long a heavily filtered second page of `job`'s calls takes, checked to answer code 200.
fn filtered_page(api: &Api, job: u64) -> Duration {
    let t = Instant::now();
    let env = api.post_env(CR_LIST, &json!({
        "robotCallJobId": job, "resultStatuses": ["ANSWERED", "NO_ANSWER"], "intentLevels": ["A", "B", "E"],
        "searchWords": "3", "pageNum": 2, "pageSize": 100
    }));
    let took = t.elapsed();
    assert_eq!(env["code"], 200);
    took
}

#[test]
#[ignore]
fn two_hundred_jobs_of_five_thousand_calls() {
    let t = Instant::now();
    let ds = Dataset::generate(42, 200, 5000);
    let generated = t.elapsed();
    assert!(ds.calls.len() >= 800_000, "{}", ds.calls.len());
    eprintln!("generated {} calls in {generated:?}", ds.calls.len());
    let mock = start_sized(200, 5000, Options::default());
    let api = Api::new(&mock);
    let took = filtered_page(&api, 150);
    eprintln!("filtered page in {took:?}");
    assert!(took.as_millis() < 500);
}

#[test]
#[ignore]
fn live_mode_at_the_same_size() {
    let t = Instant::now();
    let mock = start_sized(
        200,
        5000,
        Options {
            live: true,
            ..Options::default()
        },
    );
    eprintln!("live: generated and listening in {:?}", t.elapsed());
    let api = Api::new(&mock);
    // Job 2 is running: every answer picks the calls made by now out of its calls.
    let list = filtered_page(&api, 2);
    let t = Instant::now();
    let env = api.get_env("/apiOpen/v1/task/getTaskDetail?robotCallJobId=2");
    let detail = t.elapsed();
    assert_eq!(env["code"], 200);
    let t = Instant::now();
    let env = api.get_env("/apiOpen/v1/task/getTasks?pageSize=100");
    let jobs = t.elapsed();
    assert_eq!(env["code"], 200);
    eprintln!("live: filtered page in {list:?}, job detail in {detail:?}, job list in {jobs:?}");
    for took in [list, detail, jobs] {
        assert!(took.as_millis() < 500);
    }
}
