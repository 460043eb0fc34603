//! Client: request building, envelope and error classification, messages, superseding.

use serde_json::{json, Value};
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use tanyi_console::api::client::{
    call_detail_request, calls_request, endpoint_url, job_detail_request, jobs_request, send,
    ApiRequest, Method, DEFAULT_TIMEOUT,
};
use tanyi_console::api::envelope::{decode_envelope, decode_item, decode_page, excerpt};
use tanyi_console::api::query::{CallQuery, JobQuery};
use tanyi_console::api::{ApiError, CallDetail, JobSummary, RequestSlot};
use tanyi_console::config::{CallRecordApi, Config};
use tanyi_console::i18n::Locale::{En, ZhCn};

fn config(base: &str, api: CallRecordApi) -> Config {
    Config {
        api_base_url: base.to_string(),
        call_record_api: api,
        ..Config::default()
    }
}

#[test]
fn urls_use_the_base_and_the_family() {
    let same_origin = config("", CallRecordApi::CallRecord);
    let proxy = config("https://proxy.example.com/tanyi", CallRecordApi::Task);

    let mut jobs = JobQuery::new(20);
    jobs.name = "测试 & co".into();
    // The parameters stay apart from the address: the browser encodes and joins them.
    assert_eq!(
        jobs_request(&same_origin, &jobs),
        ApiRequest {
            method: Method::Get,
            url: "/apiOpen/v1/task/getTasks".into(),
            params: vec![
                ("name", "测试 & co".into()),
                ("pageNum", "1".into()),
                ("pageSize", "20".into())
            ],
            body: None,
        }
    );
    let params = |id: &'static str, value: &str| vec![(id, value.to_string())];
    let detail = job_detail_request(&proxy, 21);
    assert_eq!(
        (detail.url.as_str(), detail.params),
        (
            "https://proxy.example.com/tanyi/apiOpen/v1/task/getTaskDetail",
            params("robotCallJobId", "21")
        )
    );
    let call = call_detail_request(&same_origin, 1);
    assert_eq!(
        (call.url.as_str(), call.params),
        (
            "/apiOpen/v1/callRecord/callDetail",
            params("callRecordId", "1")
        )
    );
    assert_eq!(
        call_detail_request(&proxy, 1).url,
        "https://proxy.example.com/tanyi/apiOpen/v1/task/callDetail"
    );

    let mut calls = CallQuery::new(20);
    calls.job_id = Some(50);
    let request = calls_request(&same_origin, &calls);
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.url, "/apiOpen/v1/callRecord/getCallRecordInfoList");
    assert!(request.params.is_empty());
    let body: Value = serde_json::from_str(request.body.as_deref().unwrap_or("")).expect("JSON");
    assert_eq!(
        body,
        json!({"robotCallJobId": 50, "pageNum": 1, "pageSize": 20})
    );
    assert_eq!(
        calls_request(&proxy, &calls).url,
        "https://proxy.example.com/tanyi/apiOpen/v1/task/getCallRecordInfoList"
    );
    // A stray trailing slash does not double up.
    assert_eq!(
        endpoint_url(&config("http://h:8080/", CallRecordApi::Task), "/x"),
        "http://h:8080/x"
    );
}

#[test]
fn success_envelope() {
    let envelope = decode_envelope(
        200,
        r#"{"code":200,"data":{"a":1},"requestId":"R1","resultMsg":"获取成功"}"#,
    )
    .expect("ok");
    assert_eq!(envelope.data, json!({"a": 1}));
    assert_eq!(envelope.request_id.as_deref(), Some("R1"));
    assert_eq!(envelope.result_msg.as_deref(), Some("获取成功"));
    // A code sent as text is still the code.
    assert!(decode_envelope(200, r#"{"code":"200","data":null}"#).is_ok());
}

#[test]
fn api_error_envelope() {
    let body = r#"{"code":401,"data":null,"requestId":"PSVILAEB","resultMsg":"签名错误","errorStackTrace":null}"#;
    let err = decode_envelope(200, body).expect_err("401");
    assert_eq!(
        err,
        ApiError::Api {
            code: 401,
            message: Some("签名错误".into()),
            request_id: Some("PSVILAEB".into()),
        }
    );
    assert_eq!(err.code(), Some(401));
    assert_eq!(err.request_id(), Some("PSVILAEB"));
    assert_eq!(err.result_msg(), Some("签名错误"));
    // The same envelope behind an HTTP error status is still the API's error.
    assert_eq!(decode_envelope(401, body), Err(err));
    let err = decode_page::<JobSummary>(200, r#"{"code":412,"resultMsg":"pageSize 不能超过100"}"#)
        .expect_err("412");
    assert_eq!(err.code(), Some(412));
    assert_eq!(err.request_id(), None);
}

#[test]
fn http_errors() {
    let html =
        "<html>\n  <head><title>502 Bad Gateway</title></head>\n  <body>nginx</body>\n</html>";
    let err = decode_envelope(502, html).expect_err("502");
    assert_eq!(
        err,
        ApiError::Http {
            status: 502,
            excerpt:
                "<html> <head><title>502 Bad Gateway</title></head> <body>nginx</body> </html>"
                    .into(),
            request_id: None,
        }
    );
    assert_eq!(err.http_status(), Some(502));
    assert_eq!(err.code(), None);
    let err = decode_envelope(404, "").expect_err("404");
    assert_eq!(
        err,
        ApiError::Http {
            status: 404,
            excerpt: String::new(),
            request_id: None,
        }
    );
    // JSON that is not an error envelope behind an error status.
    let err = decode_envelope(500, r#"{"error":"boom"}"#).expect_err("500");
    assert!(matches!(err, ApiError::Http { status: 500, .. }));
    // A server's JSON error page keeps its request id for support.
    let spring = r#"{"error":"Internal Server Error","status":500,"requestId":"PNITHKTY"}"#;
    let err = decode_envelope(500, spring).expect_err("500");
    assert_eq!(err.http_status(), Some(500));
    assert_eq!(err.request_id(), Some("PNITHKTY"));
    let err = decode_envelope(503, r#"{"code":200,"data":{}}"#).expect_err("503");
    assert!(matches!(err, ApiError::Http { status: 503, .. }));
}

#[test]
fn bodies_that_are_not_json() {
    let err = decode_envelope(200, "<!doctype html><title>Console</title>").expect_err("html");
    assert_eq!(
        err,
        ApiError::NotJson {
            excerpt: "<!doctype html><title>Console</title>".into()
        }
    );
    assert_eq!(
        decode_envelope(200, ""),
        Err(ApiError::NotJson {
            excerpt: String::new()
        })
    );
    assert_eq!(
        decode_envelope(200, "{\"code\": 200, \"data\": "),
        Err(ApiError::NotJson {
            excerpt: "{\"code\": 200, \"data\":".into()
        })
    );
    let long = "x".repeat(1000);
    let cut = excerpt(&long);
    assert_eq!(cut.chars().count(), 161);
    assert!(cut.ends_with('…'));
    assert_eq!(excerpt("中文".repeat(100).as_str()).chars().count(), 161);
}

#[test]
fn bodies_that_do_not_fit() {
    let err = decode_envelope(200, "[1,2]").expect_err("list");
    assert!(matches!(&err, ApiError::Shape { path, .. } if path == "(body)"));
    let err = decode_envelope(200, r#"{"data":{},"requestId":"Q"}"#).expect_err("no code");
    assert_eq!(
        err,
        ApiError::Shape {
            path: "code".into(),
            detail: "missing".into(),
            request_id: Some("Q".into())
        }
    );
    assert_eq!(err.request_id(), Some("Q"));
    // A detail with `data: null` most likely does not exist: the message says so.
    let err = decode_item::<CallDetail>(200, r#"{"code":200,"data":null,"requestId":"N"}"#)
        .expect_err("null data");
    assert_eq!(err.request_id(), Some("N"));
    assert!(
        err.message(ZhCn).contains("可能不存在"),
        "{}",
        err.message(ZhCn)
    );
    assert!(
        err.message(En).contains("may not exist"),
        "{}",
        err.message(En)
    );
    let err = decode_envelope(200, r#"{"code":{"v":200}}"#).expect_err("odd code");
    assert!(
        matches!(&err, ApiError::Shape { path, detail, .. } if path == "code" && detail.contains("object"))
    );
    let err = decode_item::<CallDetail>(200, r#"{"code":200,"data":[],"requestId":"Z"}"#)
        .expect_err("list data");
    assert_eq!(err.request_id(), Some("Z"));
}

fn all_errors() -> Vec<ApiError> {
    let api = |code| ApiError::Api {
        code,
        message: Some("错误信息".into()),
        request_id: Some("REQ1".into()),
    };
    vec![
        api(401),
        api(403),
        api(404),
        api(412),
        api(500),
        api(999),
        ApiError::Api {
            code: 401,
            message: None,
            request_id: None,
        },
        ApiError::Http {
            status: 502,
            excerpt: "Bad Gateway".into(),
            request_id: None,
        },
        ApiError::Http {
            status: 404,
            excerpt: String::new(),
            request_id: None,
        },
        ApiError::Http {
            status: 418,
            excerpt: "teapot".into(),
            request_id: None,
        },
        ApiError::Network {
            detail: "TypeError: Failed to fetch".into(),
        },
        ApiError::NotJson {
            excerpt: "<html>".into(),
        },
        ApiError::Shape {
            path: "data".into(),
            detail: "missing".into(),
            request_id: None,
        },
        ApiError::NoData {
            request_id: Some("REQ2".into()),
        },
        ApiError::Timeout { seconds: 15 },
        ApiError::SignIn {
            url: "https://portal.example.com/sign-in".into(),
            request_id: Some("REQ3".into()),
        },
        ApiError::RateLimited { seconds: 2 },
        ApiError::Superseded,
    ]
}

#[test]
fn every_error_has_a_message_in_both_languages() {
    let errors = all_errors();
    for err in &errors {
        let zh = err.message(ZhCn);
        let en = err.message(En);
        assert!(!zh.is_empty() && !en.is_empty());
        assert_ne!(zh, en, "{err:?}");
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert_eq!(err.to_string(), en);
        assert!(!zh.contains("。。") && !en.contains(".."), "{zh} / {en}");
    }
    // Distinct errors read differently.
    for (i, a) in errors.iter().enumerate() {
        for b in &errors[i + 1..] {
            assert_ne!(a.message(En), b.message(En));
        }
    }
}

#[test]
fn envelope_codes_come_with_a_hint() {
    let api = |code| ApiError::Api {
        code,
        message: Some("签名错误".into()),
        request_id: None,
    };
    assert_eq!(
        api(401).message(ZhCn),
        "接口返回错误 401：签名错误。凭证或签名错误，请检查代理的 appKey/appSecret 配置。"
    );
    assert_eq!(
        api(401).message(En),
        "The API answered with error 401: 签名错误. Bad credentials or signature: check appKey/appSecret in the proxy's configuration."
    );
    for code in [401, 403, 404, 412, 500] {
        assert!(api(code).hint(ZhCn).is_some() && api(code).hint(En).is_some());
        assert!(api(code)
            .message(ZhCn)
            .contains(api(code).hint(ZhCn).unwrap_or("?")));
    }
    assert_eq!(api(999).hint(En), None);
    assert_eq!(
        ApiError::Timeout { seconds: 15 }.message(ZhCn),
        "请求超时：15 秒内没有响应。服务器响应太慢，请稍后重试。"
    );
    assert_eq!(
        ApiError::Timeout { seconds: 15 }.message(En),
        "The request timed out: no answer within 15 s. The server is slow to answer: try again later."
    );
    assert!(ApiError::Network { detail: "x".into() }
        .message(En)
        .contains("CORS"));
    assert!(ApiError::Http {
        status: 404,
        excerpt: String::new(),
        request_id: None,
    }
    .message(ZhCn)
    .contains("apiBaseUrl"));
    // A trailing full stop in the API's message is not doubled.
    let err = ApiError::Api {
        code: 412,
        message: Some("参数错误。".into()),
        request_id: None,
    };
    assert!(err
        .message(ZhCn)
        .starts_with("接口返回错误 412：参数错误。请求参数有误"));
}

#[test]
fn error_kinds() {
    assert!(ApiError::Superseded.is_superseded());
    assert!(!ApiError::Timeout { seconds: 1 }.is_superseded());
    assert!(ApiError::Timeout { seconds: 1 }.is_transient());
    assert!(ApiError::Network {
        detail: String::new()
    }
    .is_transient());
    assert!(!ApiError::Api {
        code: 401,
        message: None,
        request_id: None
    }
    .is_transient());
    assert!(ApiError::Api {
        code: 500,
        message: None,
        request_id: None
    }
    .is_transient());
    assert!(!ApiError::NotJson {
        excerpt: String::new()
    }
    .is_transient());
    assert_eq!(DEFAULT_TIMEOUT.as_secs(), 15);
}

// A tiny executor: enough to poll futures by hand on the host.

struct CountWaker(AtomicUsize);

impl Wake for CountWaker {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn waker() -> (Arc<CountWaker>, Waker) {
    let count = Arc::new(CountWaker(AtomicUsize::new(0)));
    (Arc::clone(&count), Waker::from(count))
}

/// A request that never answers and records being dropped (as a fetch would be aborted).
struct Hanging(Arc<AtomicBool>);

impl Future for Hanging {
    type Output = Result<u32, ApiError>;
    fn poll(self: std::pin::Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
        Poll::Pending
    }
}

impl Drop for Hanging {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[test]
fn a_newer_request_supersedes_and_drops_the_older() {
    let slot = RequestSlot::new();
    let dropped = Arc::new(AtomicBool::new(false));
    let (wakes, waker) = waker();
    let mut cx = Context::from_waker(&waker);

    let first = slot.begin();
    let mut old = pin!(first.run(Hanging(Arc::clone(&dropped))));
    assert!(old.as_mut().poll(&mut cx).is_pending());
    assert!(!dropped.load(Ordering::SeqCst));

    let second = slot.begin();
    assert_eq!(
        wakes.0.load(Ordering::SeqCst),
        1,
        "the older request is woken"
    );
    assert_eq!(
        old.as_mut().poll(&mut cx),
        Poll::Ready(Err(ApiError::Superseded))
    );
    assert!(
        dropped.load(Ordering::SeqCst),
        "its request future was dropped (fetch aborted)"
    );

    let mut new = pin!(second.run(async { Ok::<_, ApiError>(7) }));
    assert_eq!(new.as_mut().poll(&mut cx), Poll::Ready(Ok(7)));
}

#[test]
fn an_answer_after_supersession_is_never_returned() {
    let slot = RequestSlot::new();
    let (_, waker) = waker();
    let mut cx = Context::from_waker(&waker);
    let ticket = slot.begin();
    assert!(ticket.is_current());
    slot.supersede();
    assert!(!ticket.is_current());
    let mut run = pin!(ticket.run(async { Ok::<_, ApiError>(1) }));
    assert_eq!(
        run.as_mut().poll(&mut cx),
        Poll::Ready(Err(ApiError::Superseded))
    );
}

#[test]
fn errors_pass_through_a_ticket() {
    let slot = RequestSlot::new();
    let (_, waker) = waker();
    let mut cx = Context::from_waker(&waker);
    let mut run = pin!(slot
        .begin()
        .run(async { Err::<u8, _>(ApiError::Timeout { seconds: 15 }) }));
    assert_eq!(
        run.as_mut().poll(&mut cx),
        Poll::Ready(Err(ApiError::Timeout { seconds: 15 }))
    );
}

#[test]
fn sending_outside_a_browser_is_a_network_error() {
    let (_, waker) = waker();
    let mut cx = Context::from_waker(&waker);
    let request = jobs_request(&Config::default(), &JobQuery::new(20));
    let mut sending = pin!(send(&request, DEFAULT_TIMEOUT));
    assert!(matches!(
        sending.as_mut().poll(&mut cx),
        Poll::Ready(Err(ApiError::Network { .. }))
    ));
}

#[test]
fn a_count_of_calls_asks_the_task_family_for_one_call_of_the_day() {
    use chrono::NaiveDate;
    use tanyi_console::api::client::call_count_request;
    use tanyi_console::api::enums::IntentLevel;
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    let mut leads = CallQuery::new(20);
    leads.job_id = Some(7);
    leads.intents = vec![IntentLevel::A, IntentLevel::B];
    (leads.from, leads.to, leads.page) = (Some(day), Some(day), 3);
    // Whichever family the console shows calls from: only the task family's list documents
    // the date filter.
    for family in [CallRecordApi::CallRecord, CallRecordApi::Task] {
        let request = call_count_request(&config("", family), &leads);
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.url, "/apiOpen/v1/task/getCallRecordInfoList");
        let body: Value =
            serde_json::from_str(request.body.as_deref().unwrap_or("")).expect("json");
        assert_eq!(
            body,
            json!({
                "robotCallJobId": 7,
                "intentLevels": ["A", "B"],
                "earliestCreationTime": "2026-12-01",
                "latestCreationTime": "2026-12-01",
                "pageNum": 1,
                "pageSize": 1,
            })
        );
    }
}
