//! The `long` fault: a 500-turn `callDetail` transcript for the benchmark's long call.

mod common;

use common::*;
use mock_api::faults::LONG_TURNS;
use serde_json::{json, Value};

fn turns(env: &Value) -> Vec<Value> {
    env["data"]["callDetailList"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn long_makes_a_500_turn_transcript_and_changes_nothing_else() {
    let mock = shared();
    let plain = Api::new(mock);
    let mut long = Api::new(mock);
    long.extra.push(("x-mock-fault", "long".to_string()));
    let answered = first_call_where(|c| c.chat_round > 2);
    let unanswered = first_call_where(|c| c.chat_round == 0);
    assert_eq!(LONG_TURNS, 500);
    for path in [TASK_DETAIL, CR_DETAIL] {
        for call in [answered, unanswered] {
            let url = format!("{path}?callRecordId={call}");
            let normal = plain.get_env(&url);
            let lengthened = long.get_env(&url);
            assert_eq!(lengthened["code"], 200);
            let own = turns(&normal);
            let got = turns(&lengthened);
            assert_eq!(got.len(), LONG_TURNS, "{url}");
            for (i, turn) in got.iter().enumerate() {
                assert_eq!(turn["callDetailId"], json!(i + 1));
                assert!(turn["type"] == "ROBOT" || turn["type"] == "PERSON");
                assert!(turn["text"].as_str().is_some_and(|t| !t.is_empty()));
                if let Some(original) = own.get(i % own.len().max(1)) {
                    assert_eq!(turn["text"], original["text"], "{url} turn {i}");
                }
            }
            // Everything but the transcript (and the request id) as without the fault.
            let strip = |mut env: Value| {
                env["data"]["callDetailList"] = Value::Null;
                env["requestId"] = Value::Null;
                env
            };
            assert_eq!(strip(lengthened), strip(normal), "{url}");
        }
    }
    // Other paths are untouched.
    let tasks = "/apiOpen/v1/task/getTasks?pageNum=1&pageSize=5";
    let strip = |mut env: Value| {
        env["requestId"] = Value::Null;
        env
    };
    assert_eq!(strip(long.get_env(tasks)), strip(plain.get_env(tasks)));
}
