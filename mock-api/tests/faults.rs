//! Injected faults (per request and global), latency, CORS, the request log, `GET /`, the
//! binary's command line, and stopping.

mod common;

use std::time::{Duration, Instant};

use common::*;
use mock_api::{Options, RunningMock};
use serde_json::{json, Value};

const TASKS: &str = "/apiOpen/v1/task/getTasks";

fn own() -> RunningMock {
    start_sized(4, 40, small_options())
}

fn with_fault(mock: &RunningMock, fault: &str) -> Api {
    let mut api = Api::new(mock);
    api.extra.push(("x-mock-fault", fault.to_string()));
    api
}

#[test]
fn header_faults() {
    let mock = shared();
    let r = with_fault(mock, "500").get(TASKS);
    assert_eq!(r.status, 500);
    assert!(!r.body.is_empty());

    let r = with_fault(mock, "garbage").get(TASKS);
    assert_eq!(r.status, 200);
    assert!(serde_json::from_slice::<Value>(&r.body).is_err());

    let r = with_fault(mock, "html").get(TASKS);
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap_or("")
        .starts_with("text/html"));
    assert!(r.text().contains("<html>"));

    for code in [401, 412] {
        let r = with_fault(mock, &code.to_string()).post(CR_LIST, &json!({"robotCallJobId": 1}));
        assert_eq!(r.status, 200);
        let env = r.json();
        assert_eq!(env["code"], code);
        assert!(env["requestId"].as_str().is_some_and(|s| s.len() == 8));
    }

    let r = with_fault(mock, "nonsense").get(TASKS);
    assert_eq!(r.status, 400);
}

#[test]
fn slow_and_timeout() {
    let mock = shared();
    let t = Instant::now();
    let r = with_fault(mock, "slow").get(TASKS);
    assert!(t.elapsed() >= Duration::from_secs(3));
    assert_eq!(r.json()["code"], 200);

    // `timeout` does not answer; a client with a 1.5 s limit gives up.
    let mut h = signed_headers(&mock_api::Credentials::default(), now_ms());
    h.push(("x-mock-fault", "timeout".into()));
    let t = Instant::now();
    let r = request(
        &mock.base_url(),
        "GET",
        TASKS,
        &h,
        None,
        Duration::from_millis(1500),
    );
    assert!(r.is_err(), "no answer expected: {r:?}");
    assert!(t.elapsed() >= Duration::from_millis(1400));
}

fn is_http(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.starts_with("http:") || s.starts_with("https:"))
}

#[test]
fn hostile_keeps_the_shape_and_poisons_everything() {
    let mock = shared();
    let api = with_fault(mock, "hostile");
    let call = first_call_where(|c| c.chat_round > 2);
    for path in [TASK_DETAIL, CR_DETAIL] {
        let env = api.get_env(&format!("{path}?callRecordId={call}"));
        assert_eq!(env["code"], 200);
        let d = &env["data"];
        let turns = d["callDetailList"].as_array().cloned().unwrap_or_default();
        assert_eq!(turns.len(), 2000);
        assert!(turns
            .iter()
            .any(|t| t["text"].as_str().is_some_and(|s| s.contains("<script>"))));
        assert!(turns
            .iter()
            .any(|t| t["type"] != "ROBOT" && t["type"] != "PERSON"));
        for key in ["fullAudioUrl", "customerAudioUrl"] {
            assert!(!is_http(&d[key]), "{key} = {}", d[key]);
            assert!(d[key].is_string());
        }
        assert!(d["customerPerson"]["properties"]["nested"]["deeper"].is_object());
        assert!(d["chatDuration"].is_string(), "a number as text");
        assert!(
            d["customerPerson"]["phoneNumber"].is_number(),
            "text as a number"
        );
        assert!(mock_api::enums::ResultStatus::from_name(
            d["resultStatus"].as_str().unwrap_or("ANSWERED")
        )
        .is_none());
        assert!(d["analysisBasis"].is_boolean());
    }
    let env = api.post_env(CR_LIST, &json!({"robotCallJobId": 1, "pageSize": 20}));
    assert_eq!(env["code"], 200);
    let items = env["data"]["content"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(items.len(), 20);
    assert!(env["data"]["totalElements"].is_number());
    for item in &items {
        assert!(item["robotCallJobName"].is_array() || item["robotCallJobName"].is_string());
        assert!(!is_http(&item["fullAudioUrl"]));
        let text = item.to_string();
        assert!(text.contains('<'), "{text}");
    }
    let env = api.get_env(TASKS);
    let first = &env["data"]["content"][0];
    assert!(first["name"]
        .as_str()
        .is_some_and(|s| s.contains('<') || s.contains('{') || s.contains('\'') || !s.is_ascii()));
    let env = api.get_env("/apiOpen/v1/task/getTaskDetail?robotCallJobId=1");
    let s = &env["data"]["callJobStatsInfo"];
    assert!(
        s["dialResult"].as_object().is_some_and(|m| m.len() > 10),
        "unknown keys added"
    );
    assert!(s["answeredRate"].is_string());
    // Errors stay errors.
    let env = api.get_env("/apiOpen/v1/task/getTaskDetail?robotCallJobId=99999");
    assert_eq!(env["code"], 404);
}

#[test]
fn global_fault_set_restricted_and_cleared() {
    let mock = own();
    let api = Api::new(&mock);
    assert_eq!(api.get(TASKS).status, 200);
    let r = admin(
        &mock,
        "POST",
        "/__mock/fault",
        Some(json!({"fault": "500"})),
    );
    assert_eq!((r.status, r.json()["fault"].clone()), (200, json!("500")));
    assert_eq!(
        admin(&mock, "GET", "/__mock/fault", None).json()["fault"],
        "500"
    );
    assert_eq!(api.get(TASKS).status, 500);
    assert_eq!(api.post(CR_LIST, &json!({"robotCallJobId": 1})).status, 500);
    // Not the stand-in's own pages.
    assert_eq!(admin(&mock, "GET", "/", None).status, 200);
    // Restricted to a prefix.
    admin(
        &mock,
        "POST",
        "/__mock/fault",
        Some(json!({"fault": "html", "path_prefix": "/apiOpen/v1/callRecord"})),
    );
    assert_eq!(api.get_env(TASKS)["code"], 200);
    let r = api.post(CR_LIST, &json!({"robotCallJobId": 1}));
    assert!(r.text().contains("502 Bad Gateway"));
    // A fault for the recordings, which a browser fetches without custom headers.
    let path = first_recording_path(&api, &mock.base_url());
    admin(
        &mock,
        "POST",
        "/__mock/fault",
        Some(json!({"fault": "500", "path_prefix": "/recordings"})),
    );
    assert_eq!(admin(&mock, "GET", &path, None).status, 500);
    assert_eq!(api.get(TASKS).status, 200);
    admin(
        &mock,
        "POST",
        "/__mock/fault",
        Some(json!({"fault": "hostile", "path_prefix": "/recordings"})),
    );
    let r = admin(&mock, "GET", &path, None);
    assert_eq!(r.status, 200);
    assert!(!r.body.starts_with(b"RIFF"), "not a WAV any more");
    // Cleared.
    let r = admin(&mock, "POST", "/__mock/fault", Some(json!({"fault": null})));
    assert_eq!(r.json()["fault"], Value::Null);
    assert_eq!(admin(&mock, "GET", &path, None).status, 200);
    assert_eq!(
        api.post(CR_LIST, &json!({"robotCallJobId": 1})).json()["code"],
        200
    );
    // The header wins over the global fault.
    admin(
        &mock,
        "POST",
        "/__mock/fault",
        Some(json!({"fault": "500"})),
    );
    assert_eq!(with_fault(&mock, "412").get(TASKS).json()["code"], 412);
    // Bad requests to the control.
    assert_eq!(
        admin(
            &mock,
            "POST",
            "/__mock/fault",
            Some(json!({"fault": "explode"}))
        )
        .status,
        400
    );
    assert_eq!(admin(&mock, "POST", "/__mock/reset", None).status, 200);
    assert_eq!(api.get(TASKS).status, 200);
}

/// A JSON fault envelope: exactly this code, data and message, and an 8-character request id.
fn assert_fault_envelope(r: &Resp, code: u16, data: Value, msg: &str) -> Value {
    assert_eq!(
        r.header("content-type"),
        Some("application/json;charset=UTF-8")
    );
    let env = r.json();
    let rid = env["requestId"].as_str().unwrap_or("").to_string();
    assert_eq!(rid.len(), 8, "{env}");
    assert_eq!(
        env,
        json!({
            "code": code,
            "data": data,
            "requestId": rid,
            "resultMsg": msg,
        })
    );
    env
}

#[test]
fn rate_limit_and_sign_in_faults() {
    let mock = shared();
    let r = with_fault(mock, "429").get(TASKS);
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("1"));
    assert_fault_envelope(&r, 429, Value::Null, "请求过于频繁 · Too many requests");

    let r = with_fault(mock, "signin").post(CR_LIST, &json!({"robotCallJobId": 1}));
    assert_eq!(r.status, 401);
    assert!(r.header("retry-after").is_none());
    let env = assert_fault_envelope(
        &r,
        401,
        json!({"signInUrl": format!("{}/__portal/sign-in", mock.base_url())}),
        "请先登录 · Sign in first",
    );
    // The sign-in URL it names is the portal's form.
    let url = env["data"]["signInUrl"].as_str().unwrap_or("").to_string();
    let path = url.trim_start_matches(&mock.base_url()).to_string();
    let form = request(&mock.base_url(), "GET", &path, &[], None, TIMEOUT).expect("form");
    assert_eq!(form.status, 200);
    assert!(form.text().contains("登录 · Sign in"));
}

#[test]
fn a_global_fault_for_the_next_n_requests() {
    let mock = own();
    let api = Api::new(&mock);
    let r = admin(
        &mock,
        "POST",
        "/__mock/fault",
        Some(json!({"fault": "429", "times": 2})),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        json!({"fault": "429", "path_prefix": null, "times": 2, "job": null})
    );
    // The stand-in's own pages do not use one up.
    assert_eq!(admin(&mock, "GET", "/", None).status, 200);
    assert_eq!(admin(&mock, "GET", "/__portal/session", None).status, 401);
    let first = api.get(TASKS);
    assert_eq!(
        (first.status, first.json()["code"].clone()),
        (429, json!(429))
    );
    assert_eq!(first.header("retry-after"), Some("1"));
    assert_eq!(
        admin(&mock, "GET", "/__mock/fault", None).json(),
        json!({"fault": "429", "path_prefix": null, "times": 1, "job": null})
    );
    let second = api.post(CR_LIST, &json!({"robotCallJobId": 1}));
    assert_eq!(second.status, 429);
    // Then it has cleared itself.
    assert_eq!(
        admin(&mock, "GET", "/__mock/fault", None).json()["fault"],
        Value::Null
    );
    let third = api.get(TASKS);
    assert_eq!(third.status, 200);
    assert_eq!(third.json()["code"], 200);
    assert_eq!(api.get(TASKS).status, 200);

    // With a prefix, only matching requests count; the header wins and does not count.
    admin(
        &mock,
        "POST",
        "/__mock/fault",
        Some(json!({"fault": "signin", "path_prefix": "/apiOpen/v1/callRecord", "times": 1})),
    );
    assert_eq!(api.get(TASKS).status, 200);
    assert_eq!(
        with_fault(&mock, "412")
            .post(CR_LIST, &json!({"robotCallJobId": 1}))
            .json()["code"],
        412
    );
    let r = api.post(CR_LIST, &json!({"robotCallJobId": 1}));
    assert_eq!(r.status, 401);
    assert!(r.json()["data"]["signInUrl"]
        .as_str()
        .is_some_and(|u| u.ends_with("/__portal/sign-in")));
    assert_eq!(api.post(CR_LIST, &json!({"robotCallJobId": 1})).status, 200);

    // Without times, as before: until cleared.
    admin(&mock, "POST", "/__mock/fault", Some(json!({"fault": 429})));
    for _ in 0..3 {
        assert_eq!(api.get(TASKS).status, 429);
    }
    assert_eq!(
        admin(&mock, "GET", "/__mock/fault", None).json(),
        json!({"fault": "429", "path_prefix": null, "times": null, "job": null})
    );
    // times must be a positive integer; a bad one changes nothing.
    for bad in [json!(0), json!(-1), json!(1.5), json!("2"), json!(true)] {
        let r = admin(
            &mock,
            "POST",
            "/__mock/fault",
            Some(json!({"fault": "500", "times": bad})),
        );
        assert_eq!(r.status, 400, "{bad}");
    }
    assert_eq!(api.get(TASKS).status, 429);
    admin(&mock, "POST", "/__mock/reset", None);
    assert_eq!(api.get(TASKS).status, 200);
}

#[test]
fn latency_from_options_and_at_run_time() {
    let mock = start_sized(
        2,
        10,
        Options {
            latency_ms: 300,
            ..Options::default()
        },
    );
    let api = Api::new(&mock);
    let t = Instant::now();
    assert_eq!(api.get_env(TASKS)["code"], 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    // The stand-in's own pages are not delayed.
    let t = Instant::now();
    admin(&mock, "GET", "/__mock/requests", None);
    assert!(t.elapsed() < Duration::from_millis(250));
    let r = admin(
        &mock,
        "POST",
        "/__mock/latency",
        Some(json!({"ms": 0, "jitter_ms": 0})),
    );
    assert_eq!(r.json(), json!({"ms": 0, "jitter_ms": 0}));
    let t = Instant::now();
    api.get_env(TASKS);
    assert!(t.elapsed() < Duration::from_millis(250));
    admin(
        &mock,
        "POST",
        "/__mock/latency",
        Some(json!({"ms": 100, "jitter_ms": 200})),
    );
    for _ in 0..3 {
        let t = Instant::now();
        api.get_env(TASKS);
        let e = t.elapsed();
        assert!(
            e >= Duration::from_millis(100) && e < Duration::from_millis(1500),
            "{e:?}"
        );
    }
    assert_eq!(
        admin(&mock, "POST", "/__mock/latency", Some(json!({"ms": -1}))).status,
        400
    );
}

#[test]
fn cors_only_when_asked() {
    let mock = shared();
    let r = Api::new(mock).get(TASKS);
    assert!(
        r.header("access-control-allow-origin").is_none(),
        "no CORS, like Tanyi"
    );
    let pre = [
        ("Origin", "http://localhost:8080".to_string()),
        ("Access-Control-Request-Method", "POST".to_string()),
    ];
    let r = request(&mock.base_url(), "OPTIONS", CR_LIST, &pre, None, TIMEOUT).expect("options");
    assert!(r.header("access-control-allow-origin").is_none());
    assert_ne!(r.status, 204);

    let cors = start_sized(
        2,
        10,
        Options {
            cors_origin: Some("*".into()),
            ..Options::default()
        },
    );
    let r = request(&cors.base_url(), "OPTIONS", CR_LIST, &pre, None, TIMEOUT).expect("options");
    assert_eq!(r.status, 204);
    // `*` answers the request's own origin, so that credentialed requests work.
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://localhost:8080")
    );
    assert_eq!(r.header("access-control-allow-credentials"), Some("true"));
    let allowed = r
        .header("access-control-allow-headers")
        .unwrap_or("")
        .to_lowercase();
    for h in [
        "appkey",
        "signature",
        "timestamp",
        "version",
        "content-type",
    ] {
        assert!(allowed.contains(h), "{h} in {allowed}");
    }
    let r = Api::new(&cors).get(TASKS);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let one = start_sized(
        1,
        1,
        Options {
            cors_origin: Some("http://localhost:8080".into()),
            ..Options::default()
        },
    );
    assert_eq!(
        Api::new(&one)
            .get(TASKS)
            .header("access-control-allow-origin"),
        Some("http://localhost:8080")
    );
}

#[test]
fn request_log_keeps_the_last_100_newest_last() {
    let mock = own();
    let api = Api::new(&mock);
    assert_eq!(admin(&mock, "DELETE", "/__mock/requests", None).status, 200);
    api.post(
        CR_LIST,
        &json!({"robotCallJobId": 2, "resultStatuses": ["ANSWERED"]}),
    );
    api.get("/apiOpen/v1/task/getTaskDetail?robotCallJobId=2");
    let log = admin(&mock, "GET", "/__mock/requests", None).json();
    let entries = log.as_array().cloned().unwrap_or_default();
    assert_eq!(entries.len(), 2, "{log}");
    assert_eq!(entries[0]["method"], "POST");
    assert_eq!(entries[0]["path"], CR_LIST);
    assert_eq!(entries[0]["body"]["resultStatuses"], json!(["ANSWERED"]));
    assert!(entries[0]["headers"]["signature"].is_string());
    assert_eq!(entries[1]["path"], "/apiOpen/v1/task/getTaskDetail");
    assert_eq!(entries[1]["query"]["robotCallJobId"], "2");
    for i in 0..105 {
        api.get(&format!("{TASKS}?pageNum={}", i + 1));
    }
    let entries = admin(&mock, "GET", "/__mock/requests", None)
        .json()
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(entries.len(), 100);
    assert_eq!(entries[99]["query"]["pageNum"], "105");
    assert_eq!(entries[0]["query"]["pageNum"], "6");
    admin(&mock, "DELETE", "/__mock/requests", None);
    assert_eq!(
        admin(&mock, "GET", "/__mock/requests", None).json(),
        json!([])
    );
}

#[test]
fn index_page() {
    let r = request(&shared().base_url(), "GET", "/", &[], None, TIMEOUT).expect("GET /");
    assert_eq!(r.status, 200);
    assert!(r.text().contains("Tanyi"));
    assert!(!r.text().contains("demo-app-secret"));
    for line in [
        "GET  /__portal/sign-in?rd=URL",
        "POST /__portal/sign-in",
        "GET  /__portal/session",
        "POST /__portal/sign-out",
        "\"times\":N",
        "429, signin",
    ] {
        assert!(r.text().contains(line), "{line} in {}", r.text());
    }
}

#[test]
fn dropping_the_handle_stops_the_server() {
    let mock = own();
    let base = mock.base_url();
    assert_eq!(
        request(&base, "GET", "/", &[], None, TIMEOUT)
            .map(|r| r.status)
            .ok(),
        Some(200)
    );
    // A request held by the timeout fault does not keep it alive.
    let held = base.clone();
    std::thread::spawn(move || {
        let _ = request(
            &held,
            "GET",
            TASKS,
            &[("x-mock-fault", "timeout".into())],
            None,
            Duration::from_secs(5),
        );
    });
    std::thread::sleep(Duration::from_millis(200));
    let t = Instant::now();
    drop(mock);
    assert!(t.elapsed() < Duration::from_secs(3));
    assert!(request(&base, "GET", "/", &[], None, Duration::from_secs(2)).is_err());
}

#[test]
fn the_binary_prints_where_it_listens() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_mock-api"))
        .args([
            "--port",
            "0",
            "--seed",
            "3",
            "--jobs",
            "3",
            "--calls-per-job",
            "20",
            "--no-auth",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut line);
    }
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or("")
        .to_string();
    let ok = base.starts_with("http://127.0.0.1:")
        && request(&base, "GET", TASKS, &[], None, TIMEOUT).is_ok_and(|r| r.json()["code"] == 200);
    let _ = child.kill();
    let _ = child.wait();
    assert!(ok, "printed {line:?}");
    let bad = Command::new(env!("CARGO_BIN_EXE_mock-api"))
        .args(["--bogus"])
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert_eq!(bad.code(), Some(2));
}

#[test]
fn a_fault_for_one_job_hits_only_requests_naming_it() {
    let mock = own();
    let api = Api::new(&mock);
    let r = admin(
        &mock,
        "POST",
        "/__mock/fault",
        Some(json!({"fault": "500", "job": 3, "times": 2})),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let shown = json!({"fault": "500", "path_prefix": null, "times": 2, "job": 3});
    assert_eq!(r.json(), shown);
    assert_eq!(admin(&mock, "GET", "/__mock/fault", None).json(), shown);

    // Requests naming another job, or none, are answered and use none of its times.
    assert_eq!(api.get(TASKS).status, 200);
    let other = "/apiOpen/v1/task/getTaskDetail?robotCallJobId=2";
    assert_eq!(api.get(other).json()["code"], 200);
    assert_eq!(api.post(CR_LIST, &json!({"robotCallJobId": 4})).status, 200);
    assert_eq!(
        admin(&mock, "GET", "/__mock/fault", None).json()["times"],
        2
    );
    // Job 3, by query (getTaskDetail) and by body (either list, id as a number or as text).
    let detail = api.get("/apiOpen/v1/task/getTaskDetail?robotCallJobId=3");
    assert_eq!(detail.status, 500);
    assert_eq!(
        api.post(TASK_LIST, &json!({"robotCallJobId": "3"})).status,
        500
    );
    // Its two times are used up: it has cleared itself.
    assert_eq!(
        admin(&mock, "GET", "/__mock/fault", None).json(),
        json!({"fault": null, "path_prefix": null, "times": null, "job": null})
    );
    assert_eq!(api.post(CR_LIST, &json!({"robotCallJobId": 3})).status, 200);

    // With a prefix too, both must match; until cleared without times.
    admin(
        &mock,
        "POST",
        "/__mock/fault",
        Some(json!({"fault": "412", "job": 3, "path_prefix": "/apiOpen/v1/callRecord"})),
    );
    assert_eq!(
        api.post(TASK_LIST, &json!({"robotCallJobId": 3})).json()["code"],
        200
    );
    for _ in 0..2 {
        let r = api.post(CR_LIST, &json!({"robotCallJobId": 3}));
        assert_eq!(r.json()["code"], 412);
    }
    // A bad job changes nothing.
    for bad in [json!(0), json!(5), json!(-1), json!("3"), json!(2.5)] {
        let r = admin(
            &mock,
            "POST",
            "/__mock/fault",
            Some(json!({"fault": "500", "job": bad})),
        );
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
        assert!(r.text().contains("job"), "{}", r.text());
    }
    assert_eq!(
        admin(&mock, "GET", "/__mock/fault", None).json()["fault"],
        "412"
    );
    assert_eq!(admin(&mock, "POST", "/__mock/reset", None).status, 200);
    assert_eq!(
        admin(&mock, "GET", "/__mock/fault", None).json()["job"],
        Value::Null
    );
}
