//! The Content-Security-Policy, and the fake build in a real Chromium under it.

use e2e::stack::{directive, sha256_source, Kind, Stack, PORTAL};
use e2e::{body_mark, chromium_dump, get, FAKE_INLINE_STYLE};

#[test]
fn the_csp_lets_the_console_run_and_nothing_inline_else() {
    let stack = Stack::start(Kind::Same, |_| {});
    let r = get(&stack.site("/jobs/7"), &[]).unwrap();
    let csp = r
        .header("Content-Security-Policy")
        .expect("index.html has a CSP");
    let script_src = directive(csp, "script-src");
    for needed in ["'self'", "'wasm-unsafe-eval'"] {
        assert!(script_src.contains(&needed.to_string()), "{csp}");
    }
    assert!(
        script_src.contains(&sha256_source(&e2e::fake_inline_script("/"))),
        "{csp}"
    );
    assert!(
        !script_src
            .iter()
            .any(|s| s == "'unsafe-inline'" || s == "'unsafe-eval'"),
        "{csp}"
    );
    let style_src = directive(csp, "style-src");
    assert!(
        style_src.contains(&sha256_source(FAKE_INLINE_STYLE)),
        "{csp}"
    );
    assert!(!style_src.contains(&"'unsafe-inline'".to_string()), "{csp}");
    assert_eq!(directive(csp, "style-src-attr"), ["'unsafe-inline'"]);
    assert_eq!(directive(csp, "default-src"), ["'self'"]);
    assert_eq!(directive(csp, "object-src"), ["'none'"]);
    let media = directive(csp, "media-src");
    assert!(
        media.contains(&"http:".to_string()) && media.contains(&"https:".to_string()),
        "{csp}"
    );
    assert_eq!(directive(csp, "frame-ancestors"), ["'self'", PORTAL]);
}

/// Real Chromium on the fake build: the inline loader runs under the CSP, the wasm
/// instantiates, the API answers through the proxy (with a real preflight across
/// origins), style attributes and the inline style apply, the injected handler does not.
#[test]
fn in_a_real_browser_the_page_runs_under_the_csp_in_both_layouts() {
    for kind in [Kind::Same, Kind::Cross] {
        let stack = Stack::start(kind, |_| {});
        let (dom, console) = chromium_dump(&stack.site("/jobs/1"), 10_000).unwrap();
        let mark = |name: &str| body_mark(&dom, name);
        let context = format!("DOM: {dom}\nconsole: {console:#?}");
        assert_eq!(mark("done").as_deref(), Some("1"), "{context}");
        assert_eq!(mark("wasm").as_deref(), Some("ok"), "{context}");
        assert_eq!(mark("get").as_deref(), Some("200"), "{context}");
        let post = mark("post").unwrap_or_default();
        assert!(post.parse::<i64>().is_ok_and(|c| c != 401), "{context}");
        assert_eq!(
            mark("style-attr").as_deref(),
            Some("rgb(255, 0, 0)"),
            "{context}"
        );
        assert_eq!(
            mark("inline-style").as_deref(),
            Some("rgb(1, 2, 3)"),
            "{context}"
        );
        assert_eq!(mark("injected"), None, "an inline handler ran: {context}");
        assert!(
            console.iter().any(|l| l.contains("inline event handler")),
            "{context}"
        );
        if kind == Kind::Cross {
            let audit = stack.audit_log_with(1);
            let preflights = audit.matches("\"method\":\"OPTIONS\"").count();
            assert!(preflights >= 1, "the browser sent no preflight: {audit}");
        }
    }
}

/// The same page from an origin the proxy does not list: the browser refuses the answer.
#[test]
fn in_a_real_browser_an_unlisted_origin_cannot_read_the_api() {
    let stack = Stack::start(Kind::Cross, |_| {});
    // Same server, but the page's origin is http://localhost:PORT, which is not listed.
    let url = stack.site("/jobs").replace("127.0.0.1", "localhost");
    let (dom, console) = chromium_dump(&url, 10_000).unwrap();
    let context = format!("DOM: {dom}\nconsole: {console:#?}");
    assert_eq!(body_mark(&dom, "wasm").as_deref(), Some("ok"), "{context}");
    assert_eq!(body_mark(&dom, "get"), None, "{context}");
    assert!(body_mark(&dom, "api-error").is_some(), "{context}");
    assert!(console.iter().any(|l| l.contains("CORS")), "{context}");
}
