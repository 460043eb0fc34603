//! CORS and the two layouts: preflights, who may read an answer, site and proxy on one
//! origin or two, a portal page loading the app's files.

use e2e::stack::{code, directive, Kind, Stack, OTHER, PORTAL};
use e2e::{get, FAKE_INDEX_MARKER, FAKE_JS, FAKE_WASM};

#[test]
fn a_preflight_from_an_allowed_origin_gets_204_and_the_grants() {
    let stack = Stack::start(Kind::Cross, |_| {});
    let before = stack.seen().len();
    for origin in [stack.nginx.site_url().to_string(), PORTAL.to_string()] {
        let r = stack.preflight(&origin);
        assert_eq!(r.status, 204, "{}", r.raw());
        assert_eq!(
            r.header("Access-Control-Allow-Origin"),
            Some(origin.as_str())
        );
        let methods = r.header("Access-Control-Allow-Methods").unwrap_or_default();
        assert!(
            methods.contains("GET") && methods.contains("POST"),
            "{}",
            r.raw()
        );
        let allowed = r.header("Access-Control-Allow-Headers").unwrap_or_default();
        assert!(
            allowed.to_ascii_lowercase().contains("content-type"),
            "{}",
            r.raw()
        );
        assert!(
            r.all("Vary").iter().any(|v| v.contains("Origin")),
            "{}",
            r.raw()
        );
        // The operator's cookie or password goes with the console's requests.
        assert_eq!(
            r.header("Access-Control-Allow-Credentials"),
            Some("true"),
            "{}",
            r.raw()
        );
    }
    assert_eq!(
        stack.seen().len(),
        before,
        "preflights never reach the upstream"
    );
}

#[test]
fn a_preflight_from_another_origin_gets_no_grant() {
    let stack = Stack::start(Kind::Cross, |_| {});
    let r = stack.preflight(OTHER);
    assert_eq!(r.status, 204, "{}", r.raw());
    for grant in [
        "Access-Control-Allow-Origin",
        "Access-Control-Allow-Methods",
        "Access-Control-Allow-Headers",
        "Access-Control-Allow-Credentials",
        "Access-Control-Expose-Headers",
    ] {
        assert!(r.header(grant).is_none(), "{grant} granted: {}", r.raw());
    }
    assert!(
        r.all("Vary").iter().any(|v| v.contains("Origin")),
        "{}",
        r.raw()
    );
}

#[test]
fn cross_origin_calls_are_readable_only_by_listed_origins() {
    let stack = Stack::start(Kind::Cross, |_| {});
    let site = stack.nginx.site_url().to_string();
    let ok = stack.get_tasks(&[("Origin", &site)]);
    assert_eq!(code(&ok), 200, "{}", ok.raw());
    assert_eq!(
        ok.header("Access-Control-Allow-Origin"),
        Some(site.as_str())
    );
    assert!(ok.all("Vary").iter().any(|v| v.contains("Origin")));

    let other = stack.get_tasks(&[("Origin", OTHER)]);
    assert!(
        other.header("Access-Control-Allow-Origin").is_none(),
        "{}",
        other.raw()
    );
}

#[test]
fn the_cross_origin_layout_splits_site_and_proxy() {
    let stack = Stack::start(Kind::Cross, |_| {});
    assert_ne!(stack.nginx.site_url(), stack.nginx.api_url());

    let index = get(&stack.site("/"), &[]).unwrap();
    assert!(index.text().contains(FAKE_INDEX_MARKER));
    let csp = index.header("Content-Security-Policy").unwrap();
    assert!(
        directive(csp, "connect-src").contains(&stack.nginx.api_url().to_string()),
        "{csp}"
    );

    // The site has no proxy: /apiOpen/ there is just an app route.
    let before = stack.seen().len();
    let on_site = get(
        &stack.site("/apiOpen/v1/task/getTasks?pageNum=1&pageSize=10"),
        &[],
    )
    .unwrap();
    assert!(
        on_site.text().contains(FAKE_INDEX_MARKER),
        "{}",
        on_site.raw()
    );
    assert_eq!(stack.seen().len(), before);

    // The proxy serves no site.
    assert_eq!(get(&stack.api("/"), &[]).unwrap().status, 404);
    assert_eq!(code(&stack.get_tasks(&[])), 200);
}

#[test]
fn the_same_origin_layout_serves_both_on_one_port() {
    let stack = Stack::start(Kind::Same, |_| {});
    assert_eq!(stack.nginx.site_url(), stack.nginx.api_url());
    assert!(get(&stack.site("/"), &[])
        .unwrap()
        .text()
        .contains(FAKE_INDEX_MARKER));
    let r = stack.get_tasks(&[("Origin", stack.nginx.site_url())]);
    assert_eq!(code(&r), 200, "{}", r.raw());
    let csp = get(&stack.site("/"), &[])
        .unwrap()
        .header("Content-Security-Policy")
        .unwrap()
        .to_string();
    assert_eq!(directive(&csp, "connect-src"), ["'self'"]);
}

#[test]
fn a_portal_page_on_an_allowed_origin_may_load_the_app_itself() {
    let stack = Stack::start(Kind::Same, |_| {});
    for path in [
        format!("/{FAKE_JS}"),
        format!("/{FAKE_WASM}"),
        "/config.json".to_string(),
    ] {
        let r = get(&stack.site(&path), &[("Origin", PORTAL)]).unwrap();
        assert_eq!(
            r.header("Access-Control-Allow-Origin"),
            Some(PORTAL),
            "{path}"
        );
        let other = get(&stack.site(&path), &[("Origin", OTHER)]).unwrap();
        assert!(
            other.header("Access-Control-Allow-Origin").is_none(),
            "{path}"
        );
        assert!(
            other.all("Vary").iter().any(|v| v.contains("Origin")),
            "{path}"
        );
    }
}
