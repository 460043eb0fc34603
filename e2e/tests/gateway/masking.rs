//! Roles and the mask: a viewer never receives a whole phone number, a supervisor gets
//! Tanyi's answers unchanged, the mask is the console's, and an answer that cannot be
//! masked never reaches a viewer.

use e2e::stack::{
    basic, basic_auth, code, credentials, envelope, fixed_upstream, mock_with, result_msg,
    whole_phone_numbers, Kind, Stack, TASKS,
};
use e2e::{get, request, Response, TempDir};
use serde_json::Value;
use xtask::nginx::{CredentialsSource, ProxySettings, RateLimit};

/// The six reads, each as a request the console makes, for job 1 and one of its calls.
fn six_reads(stack: &Stack, auth: &[(&str, &str)], call_id: i64) -> Vec<(String, Response)> {
    let list_body = r#"{"robotCallJobId":1,"pageNum":1,"pageSize":100}"#;
    let mut out = Vec::new();
    for family in ["task", "callRecord"] {
        let path = format!("/apiOpen/v1/{family}/getCallRecordInfoList");
        out.push((path.clone(), stack.post_json(&path, list_body, auth)));
        let path = format!("/apiOpen/v1/{family}/callDetail?callRecordId={call_id}");
        out.push((path.clone(), get(&stack.api(&path), auth).unwrap()));
    }
    for path in [
        TASKS.to_string(),
        "/apiOpen/v1/task/getTaskDetail?robotCallJobId=1".to_string(),
    ] {
        out.push((path.clone(), get(&stack.api(&path), auth).unwrap()));
    }
    out
}

/// The `callRecordId`s of a call list answer, in its order.
fn call_ids(list: &Response) -> Vec<i64> {
    envelope(list)["data"]["content"]
        .as_array()
        .map(|calls| {
            calls
                .iter()
                .filter_map(|c| c["callRecordId"].as_i64())
                .collect()
        })
        .unwrap_or_default()
}

/// The calls of job 1 whose transcript holds a phone number, as a supervisor reads them.
fn call_with_a_number_in_its_transcript(stack: &Stack, auth: &[(&str, &str)]) -> i64 {
    let list = stack.post_json(
        "/apiOpen/v1/task/getCallRecordInfoList",
        r#"{"robotCallJobId":1,"pageNum":1,"pageSize":100}"#,
        auth,
    );
    let ids = call_ids(&list);
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
        CredentialsSource::Values(credentials()),
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
    // Requests are not masked: a viewer finds a call by its whole number, and sees it masked.
    let listed = envelope(&unchanged[0].1);
    let call = listed["data"]["content"]
        .as_array()
        .and_then(|calls| calls.iter().find(|c| c["callRecordId"] == call_id))
        .cloned()
        .unwrap_or_default();
    let whole = call["calledPhoneNumber"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(whole.len(), 11, "{call}");
    let body =
        format!(r#"{{"robotCallJobId":1,"pageNum":1,"pageSize":10,"searchWords":"{whole}"}}"#);
    let viewer = basic("viewer");
    let found = stack.post_json(
        "/apiOpen/v1/callRecord/getCallRecordInfoList",
        &body,
        &[("Authorization", viewer.as_str())],
    );
    let ids = call_ids(&found);
    assert!(ids.contains(&call_id), "searching {whole} found {ids:?}");
    assert!(!found.text().contains(&whole), "{whole} came back whole");
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
        let upstream = fixed_upstream(answer);
        let files = TempDir::new("fixed");
        let mut settings = ProxySettings::new(
            upstream.clone(),
            CredentialsSource::Values(credentials()),
            basic_auth(files.path(), &[]),
        );
        settings.test_endpoints = true;
        let stack = Stack::start_with(Kind::Same, mock_with(1, 1), settings);
        let viewer = stack.get_tasks(&[("Authorization", &basic("viewer"))]);
        // The envelope says why; the HTTP status stays the upstream's (njs 0.7).
        assert_eq!(code(&viewer), 502, "{what}: {}", viewer.raw());
        assert!(result_msg(&viewer).contains("cannot be checked"), "{what}");
        assert!(viewer.header("Content-Encoding").is_none(), "{what}");
        assert!(!viewer.text().contains("13812345678"), "{what}");
        let supervisor = stack.get_tasks(&[("Authorization", &basic("supervisor"))]);
        assert_ne!(supervisor.status, 502, "{what}: {}", supervisor.raw());
    }
}
