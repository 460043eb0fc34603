//! 401 for each auth failure, 404 for unknown ids, 412 for bad parameters, 405 for wrong methods.

mod common;

use common::*;
use mock_api::{signature, Credentials, Options};
use serde_json::{json, Value};

const TASKS: &str = "/apiOpen/v1/task/getTasks";

fn get_with(base: &str, path: &str, headers: &[(&str, String)]) -> Resp {
    request(base, "GET", path, headers, None, TIMEOUT).expect("GET")
}

fn assert_code(r: &Resp, code: i64, mentions: &str) {
    assert_eq!(
        r.status,
        200,
        "errors come in the envelope with HTTP 200: {}",
        r.text()
    );
    let env = r.json();
    assert_eq!(env["code"].as_i64(), Some(code), "{env}");
    let msg = env["resultMsg"].as_str().unwrap_or("");
    assert!(
        msg.contains(mentions),
        "resultMsg {msg:?} should mention {mentions:?}"
    );
    assert!(env["requestId"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(env["data"].is_null());
    assert!(env.get("errorStackTrace").is_some());
}

#[test]
fn each_auth_failure_answers_401_and_says_which() {
    let mock = shared();
    let base = mock.base_url();
    let c = Credentials::default();
    let now = now_ms();
    let good = signed_headers(&c, now);
    assert_eq!(get_with(&base, TASKS, &good).json()["code"], 200);

    let without = |name: &str| -> Vec<(&str, String)> {
        good.iter().filter(|(k, _)| *k != name).cloned().collect()
    };
    let replace = |name: &str, value: String| -> Vec<(&str, String)> {
        good.iter()
            .map(|(k, v)| (*k, if *k == name { value.clone() } else { v.clone() }))
            .collect()
    };
    assert_code(&get_with(&base, TASKS, &without("appKey")), 401, "appKey");
    assert_code(
        &get_with(&base, TASKS, &replace("appKey", "someone-else".into())),
        401,
        "appKey",
    );
    assert_code(
        &get_with(&base, TASKS, &without("signature")),
        401,
        "signature",
    );
    assert_code(
        &get_with(&base, TASKS, &replace("signature", "0".repeat(64))),
        401,
        "signature",
    );
    // Signed with the wrong secret.
    let wrong = signature(
        &c.app_key,
        "not-the-secret",
        &c.tenant_sign,
        "v1",
        &now.to_string(),
    );
    assert_code(
        &get_with(&base, TASKS, &replace("signature", wrong)),
        401,
        "signature",
    );
    // Upper-case hex is not the documented lowercase.
    let upper = good
        .iter()
        .find(|(k, _)| *k == "signature")
        .map(|(_, v)| v.to_uppercase())
        .unwrap_or_default();
    assert_code(
        &get_with(&base, TASKS, &replace("signature", upper)),
        401,
        "signature",
    );
    assert_code(
        &get_with(&base, TASKS, &without("timestamp")),
        401,
        "timestamp",
    );
    assert_code(
        &get_with(&base, TASKS, &replace("timestamp", "yesterday".into())),
        401,
        "timestamp",
    );
    for ts in [now - 6 * 60 * 1000, now + 6 * 60 * 1000] {
        assert_code(
            &get_with(&base, TASKS, &signed_headers(&c, ts)),
            401,
            "timestamp",
        );
    }
    // Four minutes off is still fine.
    assert_eq!(
        get_with(&base, TASKS, &signed_headers(&c, now - 4 * 60 * 1000)).json()["code"],
        200
    );
    assert_code(&get_with(&base, TASKS, &without("version")), 401, "version");
    assert_code(&get_with(&base, TASKS, &[]), 401, "appKey");
    // Every /apiOpen endpoint is guarded, POSTs too.
    let r = request(
        &base,
        "POST",
        TASK_LIST,
        &[],
        Some(b"{\"robotCallJobId\":1}"),
        TIMEOUT,
    )
    .expect("post");
    assert_code(&r, 401, "appKey");
}

#[test]
fn other_credentials_and_no_auth() {
    let creds = Credentials {
        app_key: "K".into(),
        app_secret: "S".into(),
        tenant_sign: "T".into(),
    };
    let mock = start_sized(
        2,
        5,
        Options {
            auth: Some(creds.clone()),
            ..Options::default()
        },
    );
    let base = mock.base_url();
    assert_eq!(
        get_with(&base, TASKS, &signed_headers(&creds, now_ms())).json()["code"],
        200
    );
    assert_code(
        &get_with(
            &base,
            TASKS,
            &signed_headers(&Credentials::default(), now_ms()),
        ),
        401,
        "appKey",
    );
    let open = start_sized(
        2,
        5,
        Options {
            auth: None,
            ..Options::default()
        },
    );
    assert_eq!(get_with(&open.base_url(), TASKS, &[]).json()["code"], 200);
}

#[test]
fn auth_covers_api_only() {
    let base = shared().base_url();
    assert_eq!(get_with(&base, "/", &[]).status, 200);
    assert_eq!(get_with(&base, "/__mock/requests", &[]).status, 200);
    // A recording URL taken from a signed answer plays without headers.
    let api = Api::new(shared());
    let path = first_recording_path(&api, &base);
    assert_eq!(get_with(&base, &path, &[]).status, 200);
}

#[test]
fn unknown_ids_answer_404_in_the_envelope() {
    let api = Api::new(shared());
    let cases: Vec<Resp> = vec![
        api.get("/apiOpen/v1/task/getTaskDetail?robotCallJobId=999999"),
        api.get("/apiOpen/v1/task/getTaskDetail?robotCallJobId=0"),
        api.get(&format!("{TASK_DETAIL}?callRecordId=5")),
        api.get(&format!("{CR_DETAIL}?callRecordId=999999999")),
        api.post(TASK_LIST, &json!({"robotCallJobId": 424242})),
        api.post(CR_LIST, &json!({"robotCallJobId": 424242})),
    ];
    for r in &cases {
        assert_code(r, 404, "");
    }
    // An unknown path under /apiOpen: HTTP 404 with the envelope.
    let r = api.get("/apiOpen/v1/task/nope");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], 404);
}

#[test]
fn bad_parameters_answer_412_naming_the_parameter() {
    let api = Api::new(shared());
    let gets = [
        (
            "/apiOpen/v1/task/getTaskDetail?robotCallJobId=abc",
            "robotCallJobId",
        ),
        ("/apiOpen/v1/task/getTaskDetail", "robotCallJobId"),
        (
            "/apiOpen/v1/task/getTaskDetail?robotCallJobId=-1",
            "robotCallJobId",
        ),
        (
            &format!("{TASK_DETAIL}?callRecordId=1x") as &str,
            "callRecordId",
        ),
        (
            &format!("{CR_DETAIL}?callRecordId=") as &str,
            "callRecordId",
        ),
        ("/apiOpen/v1/task/getTasks?status=9", "status"),
        ("/apiOpen/v1/task/getTasks?status=TERMINATE", "status"),
        ("/apiOpen/v1/task/getTasks?pageNum=0", "pageNum"),
        ("/apiOpen/v1/task/getTasks?pageSize=x", "pageSize"),
    ];
    for (path, name) in gets {
        assert_code(&api.get(path), 412, name);
    }
    let bodies: Vec<(Value, &str)> = vec![
        (json!({}), "robotCallJobId"),
        (json!({"robotCallJobId": null}), "robotCallJobId"),
        (json!({"robotCallJobId": "one"}), "robotCallJobId"),
        (json!({"robotCallJobId": 1.5}), "robotCallJobId"),
        (
            json!({"robotCallJobId": 1, "resultStatuses": ["PICKED_UP"]}),
            "resultStatuses",
        ),
        (
            json!({"robotCallJobId": 1, "resultStatuses": "nope"}),
            "resultStatuses",
        ),
        (
            json!({"robotCallJobId": 1, "resultStatuses": [3]}),
            "resultStatuses",
        ),
        (
            json!({"robotCallJobId": 1, "intentLevels": ["a"]}),
            "intentLevels",
        ),
        (
            json!({"robotCallJobId": 1, "followStatus": "LATER"}),
            "followStatus",
        ),
        (
            json!({"robotCallJobId": 1, "followStatus": 7}),
            "followStatus",
        ),
        (
            json!({"robotCallJobId": 1, "readStatus": "READ"}),
            "readStatus",
        ),
        (
            json!({"robotCallJobId": 1, "hangupBy": ["ALIEN"]}),
            "hangupBy",
        ),
        (
            json!({"robotCallJobId": 1, "earliestCreationTime": "2018-02-30"}),
            "earliestCreationTime",
        ),
        (
            json!({"robotCallJobId": 1, "latestCreationTime": "2018-07-25 10:00:00"}),
            "latestCreationTime",
        ),
        (
            json!({"robotCallJobId": 1, "chatDurationMin": "long"}),
            "chatDurationMin",
        ),
        (
            json!({"robotCallJobId": 1, "chatDurationMax": -5}),
            "chatDurationMax",
        ),
        (
            json!({"robotCallJobId": 1, "customerGroupId": "g1"}),
            "customerGroupId",
        ),
        (
            json!({"robotCallJobId": 1, "dialogFlowId": [1]}),
            "dialogFlowId",
        ),
        (json!({"robotCallJobId": 1, "pageNum": 0}), "pageNum"),
        (json!({"robotCallJobId": 1, "pageSize": 0}), "pageSize"),
        (json!([1, 2]), "JSON object"),
    ];
    for path in [TASK_LIST, CR_LIST] {
        for (body, name) in &bodies {
            assert_code(&api.post(path, body), 412, name);
        }
    }
    // The callRecord family caps pageSize at 100; the task family does not.
    assert_code(
        &api.post(CR_LIST, &json!({"robotCallJobId": 1, "pageSize": 101})),
        412,
        "pageSize",
    );
    assert_eq!(
        api.post_env(CR_LIST, &json!({"robotCallJobId": 1, "pageSize": 100}))["code"],
        200
    );
    assert_eq!(
        api.post_env(TASK_LIST, &json!({"robotCallJobId": 1, "pageSize": 101}))["code"],
        200
    );
    // Not JSON at all.
    let mut h = signed_headers(&Credentials::default(), now_ms());
    h.push(("x-test", "1".into()));
    let r = request(
        &api.base,
        "POST",
        CR_LIST,
        &h,
        Some(b"robotCallJobId=1"),
        TIMEOUT,
    )
    .expect("post");
    assert_code(&r, 412, "JSON");
    // Ids as numeric text are accepted, as Java's Jackson does.
    assert_eq!(
        api.post_env(CR_LIST, &json!({"robotCallJobId": "1", "pageSize": "5"}))["code"],
        200
    );
}

#[test]
fn wrong_method_is_405() {
    let api = Api::new(shared());
    let r = api.get(TASK_LIST);
    assert_eq!(r.status, 405);
    assert_eq!(r.json()["code"], 405);
    let r = api.post("/apiOpen/v1/task/getTasks", &json!({}));
    assert_eq!(r.status, 405);
}
