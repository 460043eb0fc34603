//! The rate limit per operator, and the audit log's line per request.

use e2e::stack::{
    assert_refused, basic, basic_auth, code, envelope, Kind, Stack, PORTAL, SECRET, TASKS,
};
use e2e::{get, Response, TempDir};
use serde_json::Value;
use xtask::nginx::RateLimit;

#[test]
fn over_the_limit_an_operator_gets_429_with_retry_after_and_others_go_on() {
    let files = TempDir::new("limit");
    let stack = Stack::start(Kind::Same, |s| {
        s.auth = basic_auth(files.path(), &[]);
        s.rate_limit = RateLimit {
            per_second: 1,
            burst: 2,
        };
    });
    let viewer = basic("viewer");
    let answers: Vec<Response> = (0..6)
        .map(|_| stack.get_tasks(&[("Authorization", &viewer)]))
        .collect();
    let limited: Vec<&Response> = answers.iter().filter(|r| r.status == 429).collect();
    assert!(
        limited.len() >= 2,
        "{:?}",
        answers.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    for r in &limited {
        assert_refused(r, 429, "Too many requests");
        assert_eq!(r.header("Retry-After"), Some("1"));
    }
    let passed = answers.len() - limited.len();
    assert_eq!(
        stack.seen().len(),
        passed,
        "a limited request reached Tanyi"
    );
    // Another operator has a limit of their own.
    let other = stack.get_tasks(&[("Authorization", &basic("supervisor"))]);
    assert_eq!(code(&other), 200, "{}", other.raw());
    // And the viewer goes on after waiting.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let later = stack.get_tasks(&[("Authorization", &viewer)]);
    assert_eq!(code(&later), 200, "{}", later.raw());
}

#[test]
fn the_audit_log_has_a_line_per_request_and_nothing_secret_or_personal() {
    let files = TempDir::new("audit");
    let stack = Stack::start(Kind::Cross, |s| s.auth = basic_auth(files.path(), &[]));
    let (viewer, supervisor) = (basic("viewer"), basic("supervisor"));
    let phone = "13812345678";
    let name = "王小明";
    // A call that exists, found before the audited sequence (its line is skipped).
    let found = stack.post_json(
        "/apiOpen/v1/task/getCallRecordInfoList",
        r#"{"robotCallJobId":1,"pageNum":1,"pageSize":1}"#,
        &[("Authorization", &supervisor)],
    );
    let call = envelope(&found)["data"]["content"][0]["callRecordId"].to_string();
    stack.audit_log_with(1);

    let list = format!("{TASKS}&name={phone}");
    get(
        &stack.api(&list),
        &[("Authorization", &viewer), ("Origin", PORTAL)],
    )
    .unwrap();
    get(
        &stack.api("/apiOpen/v1/task/getTaskDetail?robotCallJobId=2"),
        &[("Authorization", &viewer)],
    )
    .unwrap();
    let body = format!(
        r#"{{"robotCallJobId":1,"pageNum":1,"pageSize":100,"searchWords":"{phone} {name}"}}"#
    );
    stack.post_json(
        "/apiOpen/v1/callRecord/getCallRecordInfoList",
        &body,
        &[("Authorization", &supervisor)],
    );
    get(
        &stack.api(&format!(
            "/apiOpen/v1/task/callDetail?callRecordId={call}&x={phone}"
        )),
        &[("Authorization", &viewer)],
    )
    .unwrap();
    get(
        &stack.api("/apiOpen/v1/task/deleteTask"),
        &[("Authorization", &viewer)],
    )
    .unwrap();
    stack.get_tasks(&[]);

    let log = stack.audit_log_with(7);
    let lines: Vec<Value> = log
        .lines()
        .skip(1)
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 6, "{log}");
    // operator | role | endpoint | job | call | page | status | code
    let expect = [
        "viewer|viewer|/apiOpen/v1/task/getTasks|||1|200|200".to_string(),
        "viewer|viewer|/apiOpen/v1/task/getTaskDetail|2|||200|200".to_string(),
        "supervisor|supervisor|/apiOpen/v1/callRecord/getCallRecordInfoList|1||1|200|200"
            .to_string(),
        format!("viewer|viewer|/apiOpen/v1/task/callDetail||{call}||200|200"),
        "viewer|viewer|||||404|404".to_string(),
        "|viewer|||||401|401".to_string(),
    ];
    let fields = ["operator", "role", "endpoint", "job", "call", "page"];
    for (line, row) in lines.iter().zip(&expect) {
        let want: Vec<&str> = row.split('|').collect();
        for (name, value) in fields.iter().zip(&want) {
            assert_eq!(line[name], *value, "{name}: {line}");
        }
        assert_eq!(line["status"].to_string(), want[6], "{line}");
        assert_eq!(line["code"], want[7], "{line}");
        assert!(line["bytes"].as_u64().is_some_and(|b| b > 0), "{line}");
        assert_eq!(line["client"], "127.0.0.1", "{line}");
        assert!(
            line["time"].as_str().is_some_and(|t| t.starts_with("20")),
            "{line}"
        );
    }
    assert_eq!(lines[2]["pageSize"], "100");
    let signature = stack.last_seen()["headers"]["signature"].to_string();
    for secret in [
        phone,
        name,
        SECRET,
        signature.trim_matches('"'),
        "searchWords",
        &viewer,
    ] {
        assert!(!log.contains(secret), "{secret} in the audit log:\n{log}");
    }
}
