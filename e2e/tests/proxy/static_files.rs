//! Static serving: unknown paths answer index.html, caching fits each file, precompressed
//! assets, a sub-path, config.json outside dist/, security headers on every response.

use e2e::stack::{code, directive, sha256_source, Kind, Stack, LONG_CACHE, PORTAL};
use e2e::{get, TempDir, FAKE_CSS, FAKE_INDEX_MARKER, FAKE_JS, FAKE_WASM};
use std::fs;

#[test]
fn unknown_paths_answer_index_html_and_caching_fits_each_file() {
    let stack = Stack::start(Kind::Same, |_| {});
    for path in [
        "/",
        "/index.html",
        "/jobs",
        "/jobs/42/calls?page=2&status=1",
        "/calls/abc.def",
    ] {
        let r = get(&stack.site(path), &[]).unwrap();
        assert_eq!(r.status, 200, "{path}: {}", r.raw());
        assert!(r.text().contains(FAKE_INDEX_MARKER), "{path}");
        assert_eq!(r.header("Cache-Control"), Some("no-cache"), "{path}");
        assert!(r.header("Content-Type").unwrap().starts_with("text/html"));
    }
    let config = get(&stack.site("/config.json"), &[]).unwrap();
    assert_eq!(config.text(), r#"{"apiBaseUrl":""}"#);
    assert_eq!(config.header("Cache-Control"), Some("no-cache"));
    assert!(
        config.header("Content-Security-Policy").is_none(),
        "only documents carry the CSP"
    );

    for (file, mime) in [
        (FAKE_JS, "application/javascript"),
        (FAKE_WASM, "application/wasm"),
        (FAKE_CSS, "text/css"),
    ] {
        let r = get(
            &stack.site(&format!("/{file}")),
            &[("Accept-Encoding", "gzip")],
        )
        .unwrap();
        assert_eq!(r.status, 200, "{file}");
        assert_eq!(r.header("Cache-Control"), Some(LONG_CACHE), "{file}");
        assert_eq!(r.header("Content-Type"), Some(mime), "{file}");
        assert_eq!(
            r.header("Content-Encoding"),
            Some("gzip"),
            "{file} is gzipped"
        );
        // Sent as the build compressed it (gzip -9), not compressed again on the way out.
        let precompressed = fs::read(stack.dist.path().join(format!("{file}.gz"))).unwrap();
        assert_eq!(r.body, precompressed, "{file} is the build's .gz");
        let plain = get(&stack.site(&format!("/{file}")), &[]).unwrap();
        assert_eq!(plain.header("Content-Encoding"), None, "{file}");
        assert_eq!(plain.body, fs::read(stack.dist.path().join(file)).unwrap());
    }
    // A hashed asset that is not there is a 404, not the app with a 200.
    let missing = get(&stack.site("/tanyi-console-0000aaaa1111bbbb.js"), &[]).unwrap();
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("Cache-Control"),
        Some("no-cache"),
        "a 404 is not cached for a year"
    );
}

#[test]
fn the_console_can_be_served_under_a_sub_path() {
    let stack = Stack::start(Kind::Same, |s| s.public_url = "/portal/tanyi/".into());
    for path in ["/portal/tanyi/", "/portal/tanyi/jobs/3"] {
        let r = get(&stack.site(path), &[]).unwrap();
        assert_eq!(r.status, 200, "{path}");
        assert!(r.text().contains(FAKE_INDEX_MARKER), "{path}");
        let csp = r.header("Content-Security-Policy").unwrap();
        assert!(directive(csp, "script-src")
            .contains(&sha256_source(&e2e::fake_inline_script("/portal/tanyi/"))));
    }
    let bare = get(&stack.site("/portal/tanyi"), &[]).unwrap();
    assert_eq!(bare.status, 301);
    assert!(
        bare.header("Location").unwrap().ends_with("/portal/tanyi/"),
        "{}",
        bare.raw()
    );
    let asset = get(&stack.site(&format!("/portal/tanyi/{FAKE_WASM}")), &[]).unwrap();
    assert_eq!(asset.status, 200);
    assert!(asset.body.starts_with(b"\0asm"));
    assert_eq!(asset.header("Cache-Control"), Some(LONG_CACHE));
    assert_eq!(
        get(&stack.site("/portal/tanyi/config.json"), &[])
            .unwrap()
            .text(),
        r#"{"apiBaseUrl":""}"#
    );
    assert_eq!(
        get(&stack.site("/jobs"), &[]).unwrap().status,
        404,
        "outside the public URL"
    );
    assert_eq!(
        code(&stack.get_tasks(&[])),
        200,
        "the proxy stays at /apiOpen/"
    );
}

#[test]
fn config_json_can_live_outside_dist() {
    let outside = TempDir::new("config");
    let file = outside.path().join("config.json");
    fs::write(&file, r#"{"apiBaseUrl":"https://proxy.example.com"}"#).unwrap();
    let stack = Stack::start(Kind::Same, |s| s.config_json = Some(file.clone()));
    let r = get(&stack.site("/config.json"), &[]).unwrap();
    assert_eq!(r.text(), r#"{"apiBaseUrl":"https://proxy.example.com"}"#);
    assert_eq!(r.header("Cache-Control"), Some("no-cache"));
}

#[test]
fn every_response_carries_the_security_headers() {
    let stack = Stack::start(Kind::Same, |_| {});
    let responses = [
        get(&stack.site("/jobs"), &[]).unwrap(),
        get(&stack.site("/config.json"), &[]).unwrap(),
        get(&stack.site(&format!("/{FAKE_JS}")), &[]).unwrap(),
        get(&stack.site("/tanyi-console-0000aaaa1111bbbb.js"), &[]).unwrap(),
        stack.get_tasks(&[]),
        stack.preflight(PORTAL),
    ];
    for r in &responses {
        assert_eq!(
            r.header("X-Content-Type-Options"),
            Some("nosniff"),
            "{}",
            r.raw()
        );
        assert!(r.header("Referrer-Policy").is_some(), "{}", r.raw());
    }
}
