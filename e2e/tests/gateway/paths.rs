//! What passes: only the console's six reads, by their canonical paths and methods, with
//! small JSON bodies and plain-number ids, and only the headers Tanyi needs.

use e2e::stack::{assert_refused, code, result_msg, Kind, Stack, TASKS};
use e2e::{get, request};

#[test]
fn only_the_six_reads_pass_and_path_tricks_reach_no_other_endpoint() {
    let stack = Stack::start(Kind::Same, |_| {});
    let unlisted = [
        "/apiOpen/v1/task/deleteTask",
        "/apiOpen/v1/task/getTasks/",
        "/apiOpen/v1/task/GETTASKS",
        "/apiOpen/V1/task/getTasks",
        "/apiOpen/v1/task/getTasks;x",
        "/apiOpen/v1/task/getTasks%3Bx",
        "/apiOpen/v1/task/getTasks/../deleteTask",
        "/apiOpen/v1/task/%2e%2e/task/deleteTask",
        "/apiOpen/v1/task%2FdeleteTask",
        "/apiOpen/v1//task//deleteTask",
        "/apiOpen/v2/task/getTasks",
        "/apiOpen/v1/callRecord/getTasks",
        "/apiOpen/__proxy/upstream/task/deleteTask",
        "/apiOpen/__proxy/upstream/task/getTasks",
        "/apiOpen/__proxy/refused/sign-in",
        "/apiOpen/",
    ];
    for path in unlisted {
        for method in ["GET", "POST"] {
            let r = stack.typed(method, path, "application/json", b"{}");
            let what = format!("{method} {path}");
            assert_eq!(r.status, 404, "{what}: {}", r.raw());
            assert_eq!(code(&r), 404, "{what}: {}", r.raw());
            assert!(result_msg(&r).contains("does not serve"), "{what}");
        }
    }
    assert!(stack.seen().is_empty(), "reached Tanyi: {:?}", stack.seen());

    // Tricks that still name a listed read go on by its canonical path, and only there.
    for path in [
        "/apiOpen/v1//task/getTasks?pageNum=1",
        "/apiOpen/v1/task/x/../getTasks?pageNum=1",
        "/apiOpen/v1/task/%67etTasks?pageNum=1",
    ] {
        let r = get(&stack.api(path), &[]).unwrap();
        assert_eq!(code(&r), 200, "{path}: {}", r.raw());
        assert_eq!(
            stack.last_seen()["path"],
            "/apiOpen/v1/task/getTasks",
            "{path}"
        );
    }
}

#[test]
fn a_listed_path_with_another_method_gets_405_and_what_it_allows() {
    let stack = Stack::start(Kind::Same, |_| {});
    let cases = [
        (
            "GET",
            "/apiOpen/v1/callRecord/getCallRecordInfoList",
            "POST",
        ),
        ("POST", "/apiOpen/v1/task/getTasks", "GET, HEAD"),
        ("DELETE", "/apiOpen/v1/task/callDetail", "GET, HEAD"),
        ("PUT", "/apiOpen/v1/task/getCallRecordInfoList", "POST"),
    ];
    for (method, path, allow) in cases {
        let r = stack.typed(method, path, "application/json", b"{}");
        assert_refused(&r, 405, "does not take that method");
        assert_eq!(r.header("Allow"), Some(allow), "{method} {path}");
    }
    assert!(stack.seen().is_empty());

    let head = request("HEAD", &stack.api(TASKS), &[], None).unwrap();
    assert_eq!(head.status, 200, "{}", head.raw());
}

#[test]
fn a_post_body_must_be_a_small_json_object() {
    let stack = Stack::start(Kind::Same, |_| {});
    let path = "/apiOpen/v1/callRecord/getCallRecordInfoList";
    let plain = stack.typed("POST", path, "text/plain", b"{}");
    assert_refused(&plain, 415, "application/json");
    let none = request("POST", &stack.api(path), &[], Some(b"{}")).unwrap();
    assert_refused(&none, 415, "application/json");
    let big = format!(r#"{{"searchWords":"{}"}}"#, "x".repeat(16 * 1024));
    assert_refused(&stack.post_json(path, &big, &[]), 413, "16 KB");
    for bad in ["{", "[1,2]", "\"text\"", ""] {
        assert_refused(&stack.post_json(path, bad, &[]), 400, "not a JSON object");
    }
    assert!(stack.seen().is_empty());

    let ok = stack.post_json(
        path,
        r#"{"robotCallJobId":1,"pageNum":1,"pageSize":5}"#,
        &[("Content-Type", "application/json; charset=utf-8")],
    );
    assert_eq!(code(&ok), 200, "{}", ok.raw());
}

#[test]
fn ids_must_be_plain_numbers_and_a_get_carries_no_body() {
    let stack = Stack::start(Kind::Same, |_| {});
    for query in [
        "callRecordId=%2B1000001",
        "callRecordId=1000001&callRecordId=1000002",
        "callRecordId=1000001%20",
        "callRecordId=-1",
        "callRecordId=",
    ] {
        let r = get(
            &stack.api(&format!("/apiOpen/v1/task/callDetail?{query}")),
            &[],
        )
        .unwrap();
        assert_refused(&r, 400, "plain numbers");
    }
    let path = "/apiOpen/v1/task/getCallRecordInfoList";
    for body in [
        r#"{"robotCallJobId":"1 "}"#,
        r#"{"robotCallJobId":1.5}"#,
        r#"{"pageSize":[100]}"#,
    ] {
        assert_refused(&stack.post_json(path, body, &[]), 400, "plain numbers");
    }
    let with_body = stack.typed("GET", TASKS, "text/plain", b"not json at all");
    assert_refused(&with_body, 400, "no body");
    assert!(stack.seen().is_empty());
}

#[test]
fn only_what_tanyi_needs_goes_upstream() {
    let stack = Stack::start(Kind::Same, |_| {});
    let r = stack.post_json(
        "/apiOpen/v1/task/getCallRecordInfoList",
        r#"{"robotCallJobId":1,"pageNum":1,"pageSize":5}"#,
        &[
            ("X-Original-URL", "/apiOpen/v1/task/deleteTask"),
            ("X-HTTP-Method-Override", "DELETE"),
            ("X-Auth-Request-Groups", "supervisor"),
            ("Range", "bytes=10-20"),
            ("Cookie", "a=b"),
            ("appSecret", "guess"),
            ("tenantSign", "guess"),
        ],
    );
    assert_eq!(code(&r), 200, "{}", r.raw());
    let seen = stack.last_seen();
    let sent: Vec<String> = seen["headers"]
        .as_object()
        .map(|h| h.keys().cloned().collect())
        .unwrap_or_default();
    let allowed = [
        "host",
        "connection",
        "content-length",
        "content-type",
        "accept",
        "appkey",
        "version",
        "timestamp",
        "signature",
    ];
    for name in &sent {
        assert!(
            allowed.contains(&name.as_str()),
            "{name} went upstream: {seen}"
        );
    }
}
