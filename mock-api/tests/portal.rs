//! The stand-in sign-in portal (`/__portal/...`, gateway contract "Sign-in, mode sso"), and
//! CORS for credentialed requests.

mod common;

use std::time::{Duration, Instant};

use common::*;
use mock_api::{Options, RunningMock};
use serde_json::json;

const TASKS: &str = "/apiOpen/v1/task/getTasks";
const FORM: &str = "/__portal/sign-in";
const SESSION: &str = "/__portal/session";
const SIGN_OUT: &str = "/__portal/sign-out";

fn own() -> RunningMock {
    start_sized(2, 10, small_options())
}

fn enc(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn get(base: &str, path: &str, headers: &[(&str, String)]) -> Resp {
    request(base, "GET", path, headers, None, TIMEOUT).expect("GET")
}

/// POST /__portal/sign-in as a browser's form does.
fn sign_in(base: &str, user: &str, password: &str, rd: &str) -> Resp {
    let body = format!(
        "user={}&password={}&rd={}",
        enc(user),
        enc(password),
        enc(rd)
    );
    request_typed(
        base,
        "POST",
        FORM,
        &[],
        Some(("application/x-www-form-urlencoded", body.as_bytes())),
        TIMEOUT,
    )
    .expect("POST sign-in")
}

/// The `tanyi_portal` token of a `Set-Cookie` answer.
fn token_of(r: &Resp) -> String {
    let cookie = r
        .header("set-cookie")
        .unwrap_or_else(|| panic!("no cookie: {r:?}"));
    cookie
        .split(';')
        .next()
        .and_then(|pair| pair.strip_prefix("tanyi_portal="))
        .unwrap_or_else(|| panic!("not tanyi_portal: {cookie}"))
        .to_string()
}

fn session(base: &str, cookie: Option<String>) -> Resp {
    let headers: Vec<(&str, String)> = cookie.into_iter().map(|c| ("Cookie", c)).collect();
    get(base, SESSION, &headers)
}

/// The sign-in form's HTML for this `rd`, checked to be a 200 HTML page.
fn form_page(base: &str, rd: &str) -> String {
    let r = get(base, &format!("{FORM}?rd={}", enc(rd)), &[]);
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html")));
    r.text()
}

#[test]
fn the_form_is_bilingual_names_the_accounts_and_keeps_rd() {
    let base = shared().base_url();
    let rd = "http://127.0.0.1:8080/calls?job=3&page=2";
    let page = form_page(&base, rd);
    for text in [
        "用户名 · User",
        "密码 · Password",
        "登录 · Sign in",
        "viewer / viewer",
        "supervisor / supervisor",
        "type=\"password\"",
        "name=\"rd\" value=\"http://127.0.0.1:8080/calls?job=3&amp;page=2\"",
    ] {
        assert!(page.contains(text), "{text} in {page}");
    }
    // No rd: the form still works, with an empty one.
    let r = get(&base, FORM, &[]);
    assert_eq!(r.status, 200);
    assert!(r.text().contains("name=\"rd\" value=\"\""));
}

#[test]
fn hostile_rd_and_user_are_escaped() {
    let base = shared().base_url();
    let evil = "\"><script>alert('rd')</script><x a='";
    let page = form_page(&base, evil);
    assert!(!page.contains("<script>"), "{page}");
    assert!(!page.contains("\"><"), "{page}");
    assert!(page.contains("&quot;&gt;&lt;script&gt;alert(&#39;rd&#39;)&lt;/script&gt;"));

    let r = sign_in(&base, "<img src=x onerror=alert(1)>\"", "nope", evil);
    assert_eq!(r.status, 401);
    let page = r.text();
    assert!(!page.contains("<script>"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(page.contains("value=\"&lt;img src=x onerror=alert(1)&gt;&quot;\""));
    assert!(page.contains("&lt;script&gt;"));
}

#[test]
fn sign_in_round_trip() {
    let mock = own();
    let base = mock.base_url();
    let rd = "http://127.0.0.1:8080/calls?job=1&page=3#top";
    let r = sign_in(&base, "supervisor", "supervisor", rd);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), Some(rd));
    let cookie = r.header("set-cookie").unwrap_or("").to_string();
    let token = token_of(&r);
    assert!(token.len() >= 16, "{token}");
    assert!(
        cookie.ends_with("; Path=/; HttpOnly; SameSite=Lax"),
        "{cookie}"
    );

    let s = session(&base, Some(format!("tanyi_portal={token}")));
    assert_eq!(s.status, 200);
    assert!(s.body.is_empty(), "{}", s.text());
    assert_eq!(s.header("x-auth-request-user"), Some("supervisor"));
    assert_eq!(s.header("x-auth-request-groups"), Some("supervisor"));
    // Among other cookies, as a browser sends them.
    let s = session(
        &base,
        Some(format!("theme=dark; tanyi_portal={token}; lang=zh")),
    );
    assert_eq!(s.status, 200);
    assert_eq!(s.header("x-auth-request-user"), Some("supervisor"));

    // The viewer, on localhost, gets a session of its own.
    let r = sign_in(&base, "viewer", "viewer", "https://localhost:5173/");
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("https://localhost:5173/"));
    let viewer = token_of(&r);
    assert_ne!(viewer, token);
    let s = session(&base, Some(format!("tanyi_portal={viewer}")));
    assert_eq!(s.status, 200);
    assert_eq!(s.header("x-auth-request-user"), Some("viewer"));
    assert_eq!(s.header("x-auth-request-groups"), Some("viewer"));

    // Signing in again gives a new token; the old one still works until signed out.
    let again = token_of(&sign_in(&base, "supervisor", "supervisor", rd));
    assert_ne!(again, token);

    // Sign-out forgets the session and clears the cookie.
    let r = request(
        &base,
        "POST",
        SIGN_OUT,
        &[("Cookie", format!("tanyi_portal={token}"))],
        None,
        TIMEOUT,
    )
    .expect("sign out");
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some(FORM));
    let cleared = r.header("set-cookie").unwrap_or("");
    assert!(cleared.starts_with("tanyi_portal=;"), "{cleared}");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_eq!(
        session(&base, Some(format!("tanyi_portal={token}"))).status,
        401
    );
    // The others are untouched; GET signs out too (a link).
    assert_eq!(
        session(&base, Some(format!("tanyi_portal={again}"))).status,
        200
    );
    let r = get(
        &base,
        SIGN_OUT,
        &[("Cookie", format!("tanyi_portal={viewer}"))],
    );
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some(FORM));
    assert_eq!(
        session(&base, Some(format!("tanyi_portal={viewer}"))).status,
        401
    );
}

#[test]
fn wrong_password_is_401_without_a_cookie() {
    let base = shared().base_url();
    let rd = "http://127.0.0.1:8080/";
    for (user, password) in [
        ("viewer", "Sup3r-Secret-Guess"),
        ("supervisor", "viewer"),
        ("nobody", "nobody"),
        ("", ""),
    ] {
        let r = sign_in(&base, user, password, rd);
        assert_eq!(r.status, 401, "{user}/{password}");
        assert!(r.header("set-cookie").is_none(), "{user}: {r:?}");
        assert!(r.header("location").is_none());
        let page = r.text();
        assert!(page.contains("用户名或密码错误 · Wrong user name or password"));
        assert!(
            page.contains(&format!("name=\"user\" value=\"{user}\"")),
            "{page}"
        );
        assert!(page.contains("name=\"rd\" value=\"http://127.0.0.1:8080/\""));
        if password.len() > 6 {
            assert!(!page.contains(password), "the password is never echoed");
        }
    }
}

#[test]
fn session_without_a_live_cookie_is_401() {
    let base = shared().base_url();
    for cookie in [
        None,
        Some("theme=dark".to_string()),
        Some("tanyi_portal=".to_string()),
        Some("tanyi_portal=0123456789abcdef0123456789abcdef".to_string()),
        Some("tanyi_portal=forged; other=1".to_string()),
        Some("not_tanyi_portal=x".to_string()),
    ] {
        let r = session(&base, cookie.clone());
        assert_eq!(r.status, 401, "{cookie:?}");
        assert!(r.body.is_empty(), "{cookie:?}: {}", r.text());
        assert!(r.header("x-auth-request-user").is_none());
    }
}

#[test]
fn a_foreign_rd_is_not_followed() {
    let base = shared().base_url();
    for rd in [
        "https://evil.example.com/",
        "http://localhost@evil.example.com/",
        "http://localhost.evil.example.com/",
        "//evil.example.com/",
        "javascript:alert(1)",
        "",
    ] {
        let r = sign_in(&base, "viewer", "viewer", rd);
        assert_eq!(r.status, 303, "{rd}");
        assert_eq!(r.header("location"), Some("/__portal/signed-in"), "{rd}");
        let token = token_of(&r);
        // Signed in all the same, on a page that stays put.
        let page = get(
            &base,
            "/__portal/signed-in",
            &[("Cookie", format!("tanyi_portal={token}"))],
        );
        assert_eq!(page.status, 200);
        assert!(page.header("location").is_none());
        assert!(page.header("refresh").is_none());
        let text = page.text();
        assert!(
            text.contains("Signed in") && text.contains("viewer"),
            "{text}"
        );
        assert!(!text.contains("evil.example.com"));
        assert!(!text.contains("http-equiv"));
    }
}

#[test]
fn portal_requests_are_not_logged_faulted_or_delayed() {
    let mock = own();
    let base = mock.base_url();
    let admin = |method: &str, path: &str, body: Option<serde_json::Value>| {
        let bytes = body.map(|b| b.to_string().into_bytes());
        request(&base, method, path, &[], bytes.as_deref(), TIMEOUT).expect("admin")
    };
    assert_eq!(admin("DELETE", "/__mock/requests", None).status, 200);
    let token = token_of(&sign_in(&base, "viewer", "viewer", "http://localhost/"));
    get(&base, FORM, &[]);
    session(&base, Some(format!("tanyi_portal={token}")));
    session(&base, None);
    get(&base, "/__portal/signed-in", &[]);
    let api = Api::new(&mock);
    assert_eq!(api.get_env(TASKS)["code"], 200);
    request(&base, "POST", SIGN_OUT, &[], None, TIMEOUT).expect("sign out");
    let log = admin("GET", "/__mock/requests", None).json();
    let paths: Vec<&str> = log
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["path"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(paths, vec![TASKS], "{log}");

    // A global fault for every path, and latency, leave the portal alone.
    admin(
        "POST",
        "/__mock/fault",
        Some(json!({"fault": "500", "path_prefix": "/"})),
    );
    admin("POST", "/__mock/latency", Some(json!({"ms": 1500})));
    let t = Instant::now();
    assert_eq!(get(&base, FORM, &[]).status, 200);
    let r = sign_in(&base, "supervisor", "supervisor", "http://127.0.0.1:1/");
    assert_eq!(r.status, 303);
    let s = session(&base, Some(format!("tanyi_portal={}", token_of(&r))));
    assert_eq!(s.status, 200);
    assert_eq!(session(&base, None).status, 401);
    assert!(
        t.elapsed() < Duration::from_millis(1000),
        "{:?}",
        t.elapsed()
    );
    // While the API is faulted, and signature-checked (the portal needs no signature).
    assert_eq!(api.get(TASKS).status, 500);
    admin("POST", "/__mock/reset", None);
    let unsigned = get(&base, TASKS, &[]).json();
    assert_eq!(unsigned["code"], 401);
}

#[test]
fn cors_echoes_the_origin_with_credentials() {
    let origin = "http://localhost:8080";
    let any = start_sized(
        2,
        10,
        Options {
            cors_origin: Some("*".into()),
            ..Options::default()
        },
    );
    let mut api = Api::new(&any);
    api.extra.push(("Origin", origin.to_string()));
    let r = api.get(TASKS);
    assert_eq!(r.json()["code"], 200);
    assert_eq!(r.header("access-control-allow-origin"), Some(origin));
    assert_eq!(r.header("access-control-allow-credentials"), Some("true"));
    assert_eq!(r.header("vary"), Some("Origin"));
    let exposed = r
        .header("access-control-expose-headers")
        .unwrap_or("")
        .to_string();
    for h in [
        "Retry-After",
        "X-Tanyi-Operator",
        "X-Tanyi-Role",
        "Content-Range",
    ] {
        assert!(exposed.contains(h), "{h} in {exposed}");
    }
    // A preflight from another origin gets its own origin back.
    let other = "http://127.0.0.1:5173";
    let pre = [
        ("Origin", other.to_string()),
        ("Access-Control-Request-Method", "POST".to_string()),
    ];
    let r = request(&any.base_url(), "OPTIONS", CR_LIST, &pre, None, TIMEOUT).expect("options");
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some(other));
    assert_eq!(r.header("access-control-allow-credentials"), Some("true"));
    // Errors and the portal carry them too.
    let r = get(&any.base_url(), TASKS, &[("Origin", origin.to_string())]);
    assert_eq!(r.json()["code"], 401);
    assert_eq!(r.header("access-control-allow-origin"), Some(origin));
    let r = get(&any.base_url(), SESSION, &[("Origin", origin.to_string())]);
    assert_eq!(r.status, 401);
    assert_eq!(r.header("access-control-allow-credentials"), Some("true"));
    // Not a browser (no Origin): `*`, without credentials.
    let r = Api::new(&any).get(TASKS);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert!(r.header("access-control-allow-credentials").is_none());

    // A configured origin is answered as configured, with credentials.
    let one = start_sized(
        1,
        1,
        Options {
            cors_origin: Some(origin.into()),
            ..Options::default()
        },
    );
    for sent in [None, Some(origin), Some("http://localhost:9999")] {
        let mut api = Api::new(&one);
        api.extra.extend(sent.map(|o| ("Origin", o.to_string())));
        let r = api.get(TASKS);
        assert_eq!(r.header("access-control-allow-origin"), Some(origin));
        assert_eq!(r.header("access-control-allow-credentials"), Some("true"));
        assert_eq!(r.header("vary"), Some("Origin"));
    }
}
