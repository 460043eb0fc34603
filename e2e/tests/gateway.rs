//! The gateway in front of Tanyi, black-box: only the console's six reads pass, operators
//! sign in (sso, basic), roles decide what leaves the proxy, the rate limit, and the audit log.
//! "Never reached Tanyi" is read from the stand-in's own request log.

use e2e::stack::{basic, basic_auth, code, envelope, mock_with, portal_session, sso_auth};
use e2e::stack::{whole_phone_numbers, Kind, Stack, PORTAL, SECRET};
use e2e::{free_port, get, request, Response, TempDir};
use serde_json::Value;
use xtask::nginx::{self, Auth, CredentialsSource, Layout, ProxySettings, RateLimit};

const LIST: &str = "/apiOpen/v1/task/getTasks?pageNum=1&pageSize=10";

fn post_json(stack: &Stack, path: &str, body: &str, headers: &[(&str, &str)]) -> Response {
    let mut all = vec![("Content-Type", "application/json")];
    all.extend_from_slice(headers);
    request("POST", &stack.api(path), &all, Some(body.as_bytes())).unwrap()
}

/// A request with a body of the given type.
fn typed(stack: &Stack, method: &str, path: &str, content_type: &str, body: &[u8]) -> Response {
    request(
        method,
        &stack.api(path),
        &[("Content-Type", content_type)],
        Some(body),
    )
    .unwrap()
}

fn resulting_msg(r: &Response) -> String {
    envelope(r)["resultMsg"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The proxy's own refusal: that HTTP status, the same envelope code, a message, a request id.
fn assert_refused(r: &Response, status: u16, says: &str) {
    assert_eq!(r.status, status, "{}", r.raw());
    assert_eq!(code(r), i64::from(status), "{}", r.raw());
    assert!(resulting_msg(r).contains(says), "{}", r.raw());
    assert!(envelope(r)["requestId"]
        .as_str()
        .is_some_and(|id| !id.is_empty()));
}

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
            let r = typed(&stack, method, path, "application/json", b"{}");
            let what = format!("{method} {path}");
            assert_eq!(r.status, 404, "{what}: {}", r.raw());
            assert_eq!(code(&r), 404, "{what}: {}", r.raw());
            assert!(resulting_msg(&r).contains("does not serve"), "{what}");
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
        let r = typed(&stack, method, path, "application/json", b"{}");
        assert_refused(&r, 405, "does not take that method");
        assert_eq!(r.header("Allow"), Some(allow), "{method} {path}");
    }
    assert!(stack.seen().is_empty());

    let head = request("HEAD", &stack.api(LIST), &[], None).unwrap();
    assert_eq!(head.status, 200, "{}", head.raw());
}

#[test]
fn a_post_body_must_be_a_small_json_object() {
    let stack = Stack::start(Kind::Same, |_| {});
    let path = "/apiOpen/v1/callRecord/getCallRecordInfoList";
    let plain = typed(&stack, "POST", path, "text/plain", b"{}");
    assert_refused(&plain, 415, "application/json");
    let none = request("POST", &stack.api(path), &[], Some(b"{}")).unwrap();
    assert_refused(&none, 415, "application/json");
    let big = format!(r#"{{"searchWords":"{}"}}"#, "x".repeat(16 * 1024));
    assert_refused(&post_json(&stack, path, &big, &[]), 413, "16 KB");
    for bad in ["{", "[1,2]", "\"text\"", ""] {
        assert_refused(&post_json(&stack, path, bad, &[]), 400, "not a JSON object");
    }
    assert!(stack.seen().is_empty());

    let ok = post_json(
        &stack,
        path,
        r#"{"robotCallJobId":1,"pageNum":1,"pageSize":5}"#,
        &[("Content-Type", "application/json; charset=utf-8")],
    );
    assert_eq!(code(&ok), 200, "{}", ok.raw());
}

#[test]
fn sso_lets_signed_in_operators_through_and_sends_others_to_the_sign_in_page() {
    let stack = Stack::start(Kind::Cross, |s| s.auth = sso_auth(&s.upstream));
    let portal = stack.mock.base_url();
    let site = stack.nginx.site_url().to_string();

    let anonymous = get(&stack.api(LIST), &[("Origin", &site)]).unwrap();
    assert_refused(&anonymous, 401, "Sign in");
    assert_eq!(
        envelope(&anonymous)["data"]["signInUrl"],
        format!("{portal}/__portal/sign-in")
    );
    assert!(anonymous.header("WWW-Authenticate").is_none());
    // The console on another origin can read the refusal, to show its sign-in screen.
    assert_eq!(
        anonymous.header("Access-Control-Allow-Origin"),
        Some(site.as_str())
    );

    // Headers a client sends to pass for someone are never trusted.
    let forged = get(
        &stack.api(LIST),
        &[
            ("X-Auth-Request-User", "supervisor"),
            ("X-Auth-Request-Groups", "supervisor"),
            ("X-Tanyi-Operator", "supervisor"),
            ("X-Tanyi-Role", "supervisor"),
        ],
    )
    .unwrap();
    assert_eq!(forged.status, 401, "{}", forged.raw());
    assert!(stack.seen().is_empty(), "a refused request reached Tanyi");

    for user in ["viewer", "supervisor"] {
        let cookie = portal_session(&portal, user);
        let r = get(
            &stack.api(LIST),
            &[("Cookie", &cookie), ("X-Tanyi-Role", "supervisor")],
        )
        .unwrap();
        assert_eq!(code(&r), 200, "{user}: {}", r.raw());
        assert_eq!(r.header("X-Tanyi-Operator"), Some(user));
        assert_eq!(r.header("X-Tanyi-Role"), Some(user));
        let seen = stack.last_seen();
        assert!(seen["headers"].get("cookie").is_none(), "{seen}");
    }
    let exposed = get(&stack.api(LIST), &[("Origin", &site)])
        .unwrap()
        .header("Access-Control-Expose-Headers")
        .unwrap_or_default()
        .to_string();
    for header in ["X-Tanyi-Operator", "X-Tanyi-Role", "Retry-After"] {
        assert!(exposed.contains(header), "{exposed}");
    }
}

#[test]
fn sso_that_cannot_be_checked_is_a_502_and_nothing_goes_on() {
    // Down: nothing listens at the session check.
    let down = format!("http://127.0.0.1:{}", free_port());
    // Garbage: a 2xx that names nobody (the stand-in's own index page).
    for session_check in [format!("{down}/oauth2/auth"), String::new()] {
        let stack = Stack::start(Kind::Same, |s| {
            let check = match session_check.is_empty() {
                true => format!("{}/", s.upstream),
                false => session_check.clone(),
            };
            s.auth = Auth::Sso {
                session_check_url: check,
                sign_in_url: "https://portal.example.com/sign-in".into(),
            };
        });
        let r = get(&stack.api(LIST), &[("Cookie", "tanyi_portal=whatever")]).unwrap();
        assert_refused(&r, 502, "Sign-in cannot be checked");
        let forwarded = stack.seen().into_iter().filter(|seen| {
            seen["path"]
                .as_str()
                .is_some_and(|p| p.starts_with("/apiOpen"))
        });
        assert_eq!(forwarded.count(), 0, "{session_check}");
    }
}

#[test]
fn basic_takes_its_users_and_roles_and_its_sign_in_page_returns_to_the_console() {
    let files = TempDir::new("basic");
    let stack = Stack::start(Kind::Cross, |s| s.auth = basic_auth(files.path(), &[]));
    let nobody = get(&stack.api(LIST), &[]).unwrap();
    assert_refused(&nobody, 401, "Sign in");
    assert_eq!(envelope(&nobody)["data"]["signInUrl"], "/tanyi-sign-in");
    assert!(
        nobody.header("WWW-Authenticate").is_none(),
        "no prompt on fetch"
    );
    let wrong = get(
        &stack.api(LIST),
        &[("Authorization", "Basic dmlld2VyOm5vcGU=")],
    )
    .unwrap();
    assert_eq!(wrong.status, 401, "{}", wrong.raw());
    assert!(stack.seen().is_empty());

    for user in ["viewer", "supervisor"] {
        let r = get(&stack.api(LIST), &[("Authorization", &basic(user))]).unwrap();
        assert_eq!(code(&r), 200, "{}", r.raw());
        assert_eq!(r.header("X-Tanyi-Operator"), Some(user));
        assert_eq!(r.header("X-Tanyi-Role"), Some(user));
        assert!(stack.last_seen()["headers"].get("authorization").is_none());
    }

    // The page the console links to asks the browser for the password, then goes back.
    let page = |rd: &str, auth: Option<&str>| {
        let url = stack.api(&format!("/tanyi-sign-in?rd={rd}"));
        let headers: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
        get(&url, &headers).unwrap()
    };
    let prompt = page("x", None);
    assert_eq!(prompt.status, 401);
    assert!(prompt
        .header("WWW-Authenticate")
        .is_some_and(|h| h.starts_with("Basic")));
    let console = format!("{}/jobs/2/calls?page=3", stack.nginx.site_url());
    let back = page(&console, Some(&basic("viewer")));
    assert_eq!(back.status, 303, "{}", back.raw());
    assert_eq!(back.header("Location"), Some(console.as_str()));
    let elsewhere = page("https://evil.example.net/steal", Some(&basic("viewer")));
    assert_eq!(elsewhere.status, 200, "{}", elsewhere.raw());
    assert!(elsewhere.header("Location").is_none());
}

#[test]
fn basic_never_runs_open_when_its_files_are_missing() {
    let files = TempDir::new("basic-missing");
    let auth = basic_auth(files.path(), &[]);
    let Auth::Basic { htpasswd, roles } = auth.clone() else {
        unreachable!()
    };
    for missing in [&htpasswd, &roles] {
        let moved = missing.with_extension("away");
        std::fs::rename(missing, &moved).unwrap();
        let settings = ProxySettings::new(
            "http://127.0.0.1:9",
            CredentialsSource::Environment,
            auth.clone(),
        );
        let work = TempDir::new("nginx");
        let layout = Layout::SameOrigin { port: free_port() };
        let started = nginx::start(files.path(), &settings, &layout, work.path());
        let error = started
            .expect_err("nginx started without its file")
            .to_string();
        assert!(
            error.contains(&missing.display().to_string()),
            "the message names {}: {error}",
            missing.display()
        );
        std::fs::rename(&moved, missing).unwrap();
    }
}

/// The six reads, each as a request the console makes, for job 1 and one of its calls.
fn six_reads(stack: &Stack, auth: &[(&str, &str)], call_id: i64) -> Vec<(String, Response)> {
    let list_body = r#"{"robotCallJobId":1,"pageNum":1,"pageSize":100}"#;
    let mut out = Vec::new();
    for family in ["task", "callRecord"] {
        let path = format!("/apiOpen/v1/{family}/getCallRecordInfoList");
        out.push((path.clone(), post_json(stack, &path, list_body, auth)));
        let path = format!("/apiOpen/v1/{family}/callDetail?callRecordId={call_id}");
        out.push((path.clone(), get(&stack.api(&path), auth).unwrap()));
    }
    for path in [
        LIST.to_string(),
        "/apiOpen/v1/task/getTaskDetail?robotCallJobId=1".to_string(),
    ] {
        out.push((path.clone(), get(&stack.api(&path), auth).unwrap()));
    }
    out
}

/// The calls of job 1 whose transcript holds a phone number, as a supervisor reads them.
fn call_with_a_number_in_its_transcript(stack: &Stack, auth: &[(&str, &str)]) -> i64 {
    let list = post_json(
        stack,
        "/apiOpen/v1/task/getCallRecordInfoList",
        r#"{"robotCallJobId":1,"pageNum":1,"pageSize":100}"#,
        auth,
    );
    let ids: Vec<i64> = envelope(&list)["data"]["content"]
        .as_array()
        .map(|calls| {
            calls
                .iter()
                .filter_map(|c| c["callRecordId"].as_i64())
                .collect()
        })
        .unwrap_or_default();
    ids.into_iter()
        .find(|id| {
            let path = format!("/apiOpen/v1/task/callDetail?callRecordId={id}");
            let detail = envelope(&get(&stack.api(&path), auth).unwrap());
            let turns = detail["data"].to_string();
            let own = detail["data"]["calledPhoneNumber"].to_string();
            whole_phone_numbers(&turns)
                .iter()
                .any(|n| !own.contains(n.as_str()))
        })
        .expect("a call of job 1 whose transcript holds a phone number")
}

#[test]
fn a_viewer_never_receives_a_whole_phone_number_and_a_supervisor_gets_every_answer_unchanged() {
    let files = TempDir::new("roles");
    let mock = mock_with(2, 60);
    let auth = basic_auth(files.path(), &[("carol", "admin"), ("erin", "Supervisor")]);
    let mut settings = ProxySettings::new(
        mock.base_url(),
        CredentialsSource::Values(e2e::stack::credentials()),
        auth,
    );
    settings.rate_limit = RateLimit {
        per_second: 100,
        burst: 1000,
    };
    let stack = Stack::start_with(Kind::Same, mock, settings);
    let supervisor = basic("supervisor");
    let supervisor = [("Authorization", supervisor.as_str())];
    let call_id = call_with_a_number_in_its_transcript(&stack, &supervisor);

    let unchanged = six_reads(&stack, &supervisor, call_id);
    // Unknown and empty roles are viewers too.
    for user in ["viewer", "carol", "erin"] {
        let header = basic(user);
        let masked = six_reads(&stack, &[("Authorization", header.as_str())], call_id);
        for ((path, whole), (_, viewer)) in unchanged.iter().zip(&masked) {
            assert_eq!(code(viewer), 200, "{user} {path}: {}", viewer.raw());
            assert_eq!(viewer.header("X-Tanyi-Role"), Some("viewer"), "{user}");
            let numbers = whole_phone_numbers(&whole.text());
            if !path.contains("getTasks") && !path.contains("getTaskDetail") {
                assert!(!numbers.is_empty(), "{path} has numbers for a supervisor");
            }
            let leaked = whole_phone_numbers(&viewer.text());
            assert!(leaked.is_empty(), "{user} {path} received {leaked:?}");
            // Everything else is as Tanyi sent it: ids, counts, the other text.
            let (a, b) = (envelope(whole), envelope(viewer));
            assert_same_but_phones(&a, &b, path);
        }
    }
    // The supervisor's answers are Tanyi's own bytes (compare with the stand-in directly is
    // not possible unsigned; the numbers above show they were not masked).
    let detail = &unchanged[1].1;
    assert!(!whole_phone_numbers(&envelope(detail)["data"].to_string()).is_empty());
}

/// `a` and `b` are the same JSON except in strings that differ only where `a` has a phone
/// number, which `b` shows masked (`188****1728`).
fn assert_same_but_phones(a: &Value, b: &Value, at: &str) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            assert_eq!(x.len(), y.len(), "{at}");
            // Each answer has its own request id.
            for (k, v) in x.iter().filter(|(k, _)| *k != "requestId") {
                assert_same_but_phones(v, &y[k], &format!("{at}.{k}"));
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{at}");
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                assert_same_but_phones(v, w, &format!("{at}[{i}]"));
            }
        }
        (whole, Value::String(masked)) if whole != b => {
            let whole = match whole {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert!(
                masked.contains("****") && !whole_phone_numbers(&whole).is_empty(),
                "{at}: {whole:?} became {masked:?}"
            );
        }
        _ => assert_eq!(a, b, "{at}"),
    }
}

#[test]
fn the_mask_is_the_consoles() {
    let stack = Stack::start(Kind::Same, |_| {});
    let mask = |text: &str| {
        request(
            "POST",
            &stack.api("/__tanyi_test/mask"),
            &[],
            Some(text.as_bytes()),
        )
        .unwrap()
        .text()
    };
    let cases = [
        (r#""18817501728""#, r#""188****1728""#),
        (
            r#"{"calledPhoneNumber":18817501728}"#,
            r#"{"calledPhoneNumber":"188****1728"}"#,
        ),
        (
            r#"{"phoneNumber" : "+86 188 1750 1728"}"#,
            r#"{"phoneNumber" : "+86 188****1728"}"#,
        ),
        (
            r#""座机 0571-88889999 转 8""#,
            r#""座机 0571-****9999 转 8""#,
        ),
        (r#""回电 139 1234 5678 谢谢""#, r#""回电 139****5678 谢谢""#),
        (r#""+86 186-1234-5678""#, r#""+86 186****5678""#),
        // Ids, times and long numbers stay as sent, numbers outside strings above all.
        (
            r#"{"callRecordId":13912345678,"t":"2018-08-04 11:57:33"}"#,
            r#"{"callRecordId":13912345678,"t":"2018-08-04 11:57:33"}"#,
        ),
        (r#""订单 138123456789012""#, r#""订单 138123456789012""#),
        (r#""say \"13812345678\"""#, r#""say \"138****5678\"""#),
        // Chinese before a match (njs offsets in bytes would miss it), escaped quotes, and
        // a number value next to a string that holds a number.
        (
            r#"{"n":"王小明","calledPhoneNumber":"18817501728","t":"\"回电 13912345678\""}"#,
            r#"{"n":"王小明","calledPhoneNumber":"188****1728","t":"\"回电 139****5678\""}"#,
        ),
        (
            r#"["电话 13812345678", 13812345678, "x\\", 13912345678]"#,
            r#"["电话 138****5678", 13812345678, "x\\", 13912345678]"#,
        ),
        // Digits hidden by escapes, written wide or in Chinese, after a bare 86.
        (r#"["\u7535\u8bdd13812345678"]"#, r#"["电话138****5678"]"#),
        (
            r#"["\u0031\u0033\u0038\u0031\u0032\u0033\u0034\u0035\u0036\u0037\u0038"]"#,
            r#"["138****5678"]"#,
        ),
        (r#"["１３８１２３４５６７８"]"#, r#"["138****5678"]"#),
        (
            r#"["号码是一三八一二三四五六七八"]"#,
            r#"["号码是138****5678"]"#,
        ),
        (r#"["8613812345678"]"#, r#"["+86 138****5678"]"#),
        // Landlines with +86 and no 0, split local numbers; mobiles split other ways.
        (r#"["+86 571 88889999"]"#, r#"["+86 571****9999"]"#),
        (r#"["0571 8888 9999"]"#, r#"["0571-****9999"]"#),
        (
            r#"["138.1234.5678","138/1234/5678","138，1234，5678"]"#,
            r#"["138****5678","138****5678","138****5678"]"#,
        ),
        // Members whose name says phone, whatever the value's type; other members as sent.
        (
            r#"{"备用电话":13912345678,"mobile":"139 1234 5678","phoneType":"MOBILE","phoneNumberId":16}"#,
            r#"{"备用电话":"139****5678","mobile":"139****5678","phoneType":"MOBILE","phoneNumberId":16}"#,
        ),
        // An answer that is not JSON is all text.
        (
            "customer 13812345678 not found",
            "customer 138****5678 not found",
        ),
        ("<p>13812345678</p>", "<p>138****5678</p>"),
    ];
    for (text, expected) in cases {
        assert_eq!(mask(text), expected, "{text}");
    }
}

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
        .map(|_| get(&stack.api(LIST), &[("Authorization", &viewer)]).unwrap())
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
    let other = get(&stack.api(LIST), &[("Authorization", &basic("supervisor"))]).unwrap();
    assert_eq!(code(&other), 200, "{}", other.raw());
    // And the viewer goes on after waiting.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let later = get(&stack.api(LIST), &[("Authorization", &viewer)]).unwrap();
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
    let found = post_json(
        &stack,
        "/apiOpen/v1/task/getCallRecordInfoList",
        r#"{"robotCallJobId":1,"pageNum":1,"pageSize":1}"#,
        &[("Authorization", &supervisor)],
    );
    let call = envelope(&found)["data"]["content"][0]["callRecordId"].to_string();
    stack.audit_log_with(1);

    let list = format!("{LIST}&name={phone}");
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
    post_json(
        &stack,
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
    get(&stack.api(LIST), &[]).unwrap();

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

#[test]
fn the_sign_in_page_sends_back_only_to_a_listed_origin_and_adds_no_header() {
    let files = TempDir::new("sign-in-page");
    let stack = Stack::start(Kind::Cross, |s| s.auth = basic_auth(files.path(), &[]));
    let viewer = basic("viewer");
    let site = stack.nginx.site_url().to_string();
    for rd in [
        format!("{site}/jobs%0d%0aSet-Cookie:%20tanyi_portal=attacker"),
        format!("{site}/jobs%0aX-Evil:%201"),
        format!("{site}/jobs%20x"),
        "javascript:alert(1)".to_string(),
        "//evil.example.net/".to_string(),
    ] {
        let r = get(
            &stack.api(&format!("/tanyi-sign-in?rd={rd}")),
            &[("Authorization", &viewer)],
        )
        .unwrap();
        assert_eq!(r.status, 200, "{rd}: {}", r.raw());
        assert!(r.header("Location").is_none(), "{rd}");
        assert!(r.header("Set-Cookie").is_none(), "{rd}");
        assert!(r.header("X-Evil").is_none(), "{rd}");
    }
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
        assert_refused(&post_json(&stack, path, body, &[]), 400, "plain numbers");
    }
    let with_body = typed(&stack, "GET", LIST, "text/plain", b"not json at all");
    assert_refused(&with_body, 400, "no body");
    assert!(stack.seen().is_empty());
}

#[test]
fn only_what_tanyi_needs_goes_upstream() {
    let stack = Stack::start(Kind::Same, |_| {});
    let r = post_json(
        &stack,
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

#[test]
fn a_wrong_password_names_nobody_and_roles_match_names_exactly() {
    let files = TempDir::new("exact");
    // "Boss" signs in as Boss; the role file gives the role to "boss", someone else.
    let stack = Stack::start(Kind::Same, |s| {
        s.auth = basic_auth(files.path(), &[("Boss", "viewer")]);
    });
    std::fs::write(
        files.path().join("roles.map"),
        "viewer viewer;\nsupervisor supervisor;\nboss supervisor;\n",
    )
    .unwrap();
    let wrong = get(
        &stack.api(LIST),
        &[("Authorization", "Basic c3VwZXJ2aXNvcjp3cm9uZw==")],
    )
    .unwrap();
    assert_eq!(wrong.status, 401);
    assert!(wrong.header("X-Tanyi-Operator").is_none_or(str::is_empty));
    assert_eq!(wrong.header("X-Tanyi-Role"), Some("viewer"));
    let boss = get(&stack.api(LIST), &[("Authorization", &basic("Boss"))]).unwrap();
    assert_eq!(code(&boss), 200, "{}", boss.raw());
    assert_eq!(boss.header("X-Tanyi-Role"), Some("viewer"));
    let audit = stack.audit_log_with(2);
    assert!(
        audit
            .lines()
            .next()
            .is_some_and(|l| l.contains("\"operator\":\"\"")),
        "{audit}"
    );
}

#[test]
fn a_compressed_or_partial_answer_never_reaches_a_viewer() {
    for (what, answer) in [
        (
            "gzip",
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd",
        ),
        (
            "partial",
            "HTTP/1.1 206 Partial Content\r\nContent-Type: application/json\r\nContent-Range: bytes 0-17/100\r\nContent-Length: 18\r\nConnection: close\r\n\r\n\"13812345678\", \"x\"",
        ),
    ] {
        let upstream = e2e::stack::fixed_upstream(answer);
        let files = TempDir::new("fixed");
        let mut settings = ProxySettings::new(
            upstream.clone(),
            CredentialsSource::Values(e2e::stack::credentials()),
            basic_auth(files.path(), &[]),
        );
        settings.test_endpoints = true;
        let stack = Stack::start_with(Kind::Same, mock_with(1, 1), settings);
        let viewer = get(&stack.api(LIST), &[("Authorization", &basic("viewer"))]).unwrap();
        // The envelope says why; the HTTP status stays the upstream's (njs 0.7).
        assert_eq!(code(&viewer), 502, "{what}: {}", viewer.raw());
        assert!(resulting_msg(&viewer).contains("cannot be checked"), "{what}");
        assert!(viewer.header("Content-Encoding").is_none(), "{what}");
        assert!(!viewer.text().contains("13812345678"), "{what}");
        let supervisor = get(&stack.api(LIST), &[("Authorization", &basic("supervisor"))]).unwrap();
        assert_ne!(supervisor.status, 502, "{what}: {}", supervisor.raw());
    }
}
