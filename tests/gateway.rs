//! The console's side of the gateway contract: the sign-in answer, "too many requests",
//! who is signed in.

use std::cell::RefCell;
use std::future::{ready, Future};
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use tanyi_console::api::client::retrying;
use tanyi_console::api::envelope::{decode_item, decode_page};
use tanyi_console::api::reply::{retry_seconds, Reply, DEFAULT_RETRY_SECONDS};
use tanyi_console::api::session::{self, Role, Session};
use tanyi_console::api::{ApiError, CallDetail, JobSummary};
use tanyi_console::components::remote_view::retry_text;
use tanyi_console::components::sign_in::sign_in_href;
use tanyi_console::i18n::Locale::{En, ZhCn};

const SIGN_IN_BODY: &str = r#"{"code":401,"data":{"signInUrl":"https://portal.example.com/sign-in"},"requestId":"0f3a9c","resultMsg":"请先登录 / Please sign in"}"#;

fn sign_in(url: &str, request_id: Option<&str>) -> ApiError {
    ApiError::SignIn {
        url: url.into(),
        request_id: request_id.map(str::to_string),
    }
}

// ---- Sign-in ----

#[test]
fn a_401_with_a_sign_in_address_asks_the_user_to_sign_in() {
    let expected = sign_in("https://portal.example.com/sign-in", Some("0f3a9c"));
    assert_eq!(
        decode_page::<JobSummary>(401, SIGN_IN_BODY),
        Err(expected.clone())
    );
    assert_eq!(
        decode_item::<CallDetail>(401, SIGN_IN_BODY),
        Err(expected.clone())
    );
    assert_eq!(expected.message(ZhCn), "请先登录。登录后会回到当前页面。");
    assert_eq!(
        expected.message(En),
        "Please sign in. After signing in you come back to this page."
    );
    assert!(!expected.is_transient());
    assert_eq!(expected.request_id(), Some("0f3a9c"));

    // Relative to the proxy's origin (mode basic), kept as sent until the client resolves it.
    let relative = r#"{"code":401,"data":{"signInUrl":" /tanyi-sign-in "},"requestId":"r1"}"#;
    assert_eq!(
        decode_page::<JobSummary>(401, relative),
        Err(sign_in("/tanyi-sign-in", Some("r1")))
    );
}

#[test]
fn a_401_without_a_sign_in_address_stays_an_ordinary_error() {
    // An older proxy's 401.
    let older = r#"{"code":401,"data":null,"requestId":"A","resultMsg":"未登录"}"#;
    assert_eq!(
        decode_page::<JobSummary>(401, older),
        Err(ApiError::Api {
            code: 401,
            message: Some("未登录".into()),
            request_id: Some("A".into()),
        })
    );
    // Tanyi's own 401 envelope comes with HTTP 200: never a sign-in screen, address or not.
    assert!(matches!(
        decode_page::<JobSummary>(200, SIGN_IN_BODY),
        Err(ApiError::Api { code: 401, .. })
    ));
    // A blank or non-text address, or a body that is not JSON, is no address.
    for body in [
        r#"{"code":401,"data":{"signInUrl":"  "}}"#,
        r#"{"code":401,"data":{"signInUrl":42}}"#,
        r#"{"code":401,"data":"https://portal.example.com/sign-in"}"#,
        "<html>401 Authorization Required</html>",
    ] {
        let error = decode_page::<JobSummary>(401, body).expect_err(body);
        assert!(
            !matches!(error, ApiError::SignIn { .. }),
            "{body}: {error:?}"
        );
    }
}

#[test]
fn the_sign_in_link_says_where_to_come_back_to() {
    let here = "http://127.0.0.1:8080/jobs/12/calls?result=ANSWERED,BUSY&page=3#top";
    let rd = "http%3A%2F%2F127.0.0.1%3A8080%2Fjobs%2F12%2Fcalls%3Fresult%3DANSWERED%2CBUSY%26page%3D3%23top";
    assert_eq!(
        sign_in_href("https://portal.example.com/sign-in", here).as_deref(),
        Some(format!("https://portal.example.com/sign-in?rd={rd}").as_str())
    );
    // A query of its own: `&rd=`.
    assert_eq!(
        sign_in_href("https://portal.example.com/sso?app=tanyi", here).as_deref(),
        Some(format!("https://portal.example.com/sso?app=tanyi&rd={rd}").as_str())
    );
    assert_eq!(
        sign_in_href("http://portal.example.com/sso?", "http://c/").as_deref(),
        Some("http://portal.example.com/sso?rd=http%3A%2F%2Fc%2F")
    );
    // Before a fragment, which the browser never sends.
    assert_eq!(
        sign_in_href("https://portal.example.com/#/login", "http://c/").as_deref(),
        Some("https://portal.example.com/?rd=http%3A%2F%2Fc%2F#/login")
    );
    // As encodeURIComponent writes it: Chinese as UTF-8, `-_.!~*'()` as they are.
    assert_eq!(
        sign_in_href("https://p.example.com/s", "http://c/jobs?name=外呼 (1)!").as_deref(),
        Some("https://p.example.com/s?rd=http%3A%2F%2Fc%2Fjobs%3Fname%3D%E5%A4%96%E5%91%BC%20(1)!")
    );
}

#[test]
fn only_an_http_sign_in_address_becomes_a_link() {
    for url in [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "/tanyi-sign-in",
        "tanyi-sign-in",
        "//portal.example.com/sign-in",
        "ftp://portal.example.com/sign-in",
        "https://",
        "",
    ] {
        assert_eq!(sign_in_href(url, "http://c/jobs"), None, "{url:?}");
    }
    assert!(sign_in_href("HTTPS://portal.example.com/sign-in", "http://c/").is_some());
}

// ---- Too many requests ----

fn reply(status: u16, retry_after: Option<&str>) -> Reply {
    Reply {
        status,
        body: r#"{"code":429,"data":null,"requestId":"x","resultMsg":"请求过于频繁"}"#.into(),
        retry_after: retry_after.map(str::to_string),
        ..Reply::default()
    }
}

#[test]
fn a_429_is_waited_out_for_its_retry_after() {
    let page = |r: Reply| r.decode(decode_page::<JobSummary>);
    assert_eq!(
        page(reply(429, Some("5"))),
        Err(ApiError::RateLimited { seconds: 5 })
    );
    // Whatever the body: an HTML page from the proxy is a 429 all the same.
    let html = Reply {
        body: "<html>429 Too Many Requests</html>".into(),
        ..reply(429, Some("1"))
    };
    assert_eq!(page(html), Err(ApiError::RateLimited { seconds: 1 }));
    assert_eq!(
        page(reply(429, None)),
        Err(ApiError::RateLimited {
            seconds: DEFAULT_RETRY_SECONDS
        })
    );
    // Any other status goes to the envelope as before.
    assert!(matches!(
        page(reply(200, Some("5"))),
        Err(ApiError::Api { code: 429, .. })
    ));
    let ok = Reply {
        status: 200,
        body: r#"{"code":200,"data":{"content":[],"totalElements":0}}"#.into(),
        ..Reply::default()
    };
    assert_eq!(page(ok).map(|p| p.total), Ok(Some(0)));

    let limited = ApiError::RateLimited { seconds: 3 };
    assert!(limited.is_transient());
    assert_eq!(limited.http_status(), Some(429));
    assert_eq!(limited.message(ZhCn), "请求过于频繁，3 秒后重试。");
}

#[test]
fn retry_after_is_whole_seconds_from_one_to_sixty() {
    assert_eq!(retry_seconds(Some("1")), 1);
    assert_eq!(retry_seconds(Some(" 7 ")), 7);
    assert_eq!(retry_seconds(Some("60")), 60);
    assert_eq!(retry_seconds(Some("0")), 1);
    assert_eq!(retry_seconds(Some("61")), 60);
    assert_eq!(retry_seconds(Some("3600")), 60);
    assert_eq!(retry_seconds(Some("99999999999999999999")), 60);
    for garbage in [
        None,
        Some(""),
        Some("soon"),
        Some("-5"),
        Some("1.5"),
        Some("Wed, 21 Oct 2026 07:28:00 GMT"),
    ] {
        assert_eq!(retry_seconds(garbage), 2, "{garbage:?}");
    }
}

/// Polls once with a waker that does nothing.
fn poll_once<F: Future>(future: std::pin::Pin<&mut F>) -> Poll<F::Output> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

#[test]
fn after_a_429_the_request_waits_and_says_how_long() {
    let told = Rc::new(RefCell::new(Vec::new()));
    let asked_again = Rc::new(RefCell::new(0));
    let mut waiting = pin!(retrying(
        ready(Err::<u8, _>(ApiError::RateLimited { seconds: 3 })),
        || {
            *asked_again.borrow_mut() += 1;
            ready(Ok(1))
        },
        {
            let told = Rc::clone(&told);
            move |left| told.borrow_mut().push(left)
        },
    ));
    // Outside a browser the timer never fires: it stays in its first second.
    assert!(poll_once(waiting.as_mut()).is_pending());
    assert_eq!(*told.borrow(), vec![Some(3)]);
    assert_eq!(*asked_again.borrow(), 0, "not asked again before the wait");
}

#[test]
fn other_answers_pass_through_the_retry() {
    let quiet = |_| panic!("nothing to wait for");
    let mut ok = pin!(retrying(
        ready(Ok::<_, ApiError>(7)),
        || ready(Ok(0)),
        quiet
    ));
    assert_eq!(poll_once(ok.as_mut()), Poll::Ready(Ok(7)));
    let timeout = ApiError::Timeout { seconds: 15 };
    let mut failed = pin!(retrying(
        ready(Err::<u8, _>(ApiError::Timeout { seconds: 15 })),
        || ready(Ok(0)),
        quiet,
    ));
    assert_eq!(poll_once(failed.as_mut()), Poll::Ready(Err(timeout)));
}

#[test]
fn the_wait_reads_in_both_languages() {
    assert_eq!(retry_text(3, ZhCn), "3 秒后重试");
    assert_eq!(retry_text(1, En), "Retrying in 1 s");
}

// ---- Who is signed in ----

#[test]
fn the_operator_comes_percent_decoded_with_a_role() {
    let session = Session::from_headers(Some("%E5%BC%A0%E4%B8%89"), Some("supervisor"));
    assert_eq!(session.signed_in(), Some(("张三", Role::Supervisor)));
    assert!(!session.proxy_masks_phones());

    let viewer = Session::from_headers(Some("li.si%40example.com"), Some("viewer"));
    assert_eq!(
        viewer.signed_in(),
        Some(("li.si@example.com", Role::Viewer))
    );
    assert!(viewer.proxy_masks_phones());

    // An unknown role, or a name without a role, shows as viewer, as the proxy treats it.
    let unknown = Session::from_headers(Some("ops"), Some("admin"));
    assert_eq!(unknown.signed_in(), Some(("ops", Role::Viewer)));
    assert_eq!(
        Session::from_headers(Some("ops"), None).signed_in(),
        Some(("ops", Role::Viewer))
    );
    // Text that is not valid percent-encoding is shown, not dropped.
    assert_eq!(
        Session::from_headers(Some("100%"), Some("viewer")).signed_in(),
        Some(("100%", Role::Viewer))
    );

    assert_eq!(Role::Viewer.label(ZhCn), "查看员");
    assert_eq!(Role::Supervisor.label(ZhCn), "主管");
    assert_eq!(Role::Viewer.label(En), "viewer");
    assert_eq!(Role::Supervisor.label(En), "supervisor");
}

#[test]
fn nobody_is_shown_without_the_headers() {
    // An older proxy: no headers.
    let older = Session::from_headers(None, None);
    assert_eq!(older, Session::default());
    assert_eq!(older.signed_in(), None);
    assert!(!older.proxy_masks_phones(), "an older proxy masks nothing");
    // Mode `none`: no operator, but the proxy masks as for a viewer.
    let anonymous = Session::from_headers(Some(""), Some("viewer"));
    assert_eq!(anonymous.signed_in(), None);
    assert!(anonymous.proxy_masks_phones());
}

#[test]
fn every_answer_reaches_the_latest_listener() {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let first = session::listen({
        let seen = Rc::clone(&seen);
        move |s: Session| seen.borrow_mut().push(("first", s.operator))
    });
    let second = session::listen({
        let seen = Rc::clone(&seen);
        move |s: Session| seen.borrow_mut().push(("second", s.operator))
    });
    let answer = Reply {
        status: 200,
        operator: Some("%E7%8E%8B%E4%BA%94".into()),
        role: Some("viewer".into()),
        ..Reply::default()
    };
    session::publish(answer.session());
    // The first one's cleanup, coming late, leaves the newer listener in place.
    session::stop_listening(first);
    session::publish(Session::default());
    session::stop_listening(second);
    session::publish(answer.session());
    assert_eq!(
        *seen.borrow(),
        vec![("second", Some("王五".to_string())), ("second", None)]
    );
}
