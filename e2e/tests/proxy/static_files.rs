//! Static serving: unknown paths answer index.html, caching fits each file, precompressed
//! assets (brotli, gzip, raw; gzip alone without nginx's brotli module), a sub-path,
//! config.json outside dist/, security headers on every response.

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

/// `cargo xtask build` writes `NAME.br` (brotli -q 11) and `NAME.gz` (gzip -9) beside each
/// wasm, js and css file: each client gets, byte for byte, the one it accepts.
#[test]
fn precompressed_assets_go_as_brotli_gzip_or_raw_as_the_client_accepts() {
    let stack = Stack::start(Kind::Same, |s| s.brotli_static = true);
    let dist = stack.dist.path();
    for file in [FAKE_JS, FAKE_WASM, FAKE_CSS] {
        let url = stack.site(&format!("/{file}"));
        let raw = fs::read(dist.join(file)).unwrap();
        for (accept, encoding, suffix) in [
            (Some("br, gzip"), Some("br"), ".br"),
            (Some("gzip, deflate, br, zstd"), Some("br"), ".br"),
            (Some("br"), Some("br"), ".br"),
            (Some("gzip"), Some("gzip"), ".gz"),
            (None, None, ""),
            (Some("identity"), None, ""),
        ] {
            let headers: Vec<(&str, &str)> =
                accept.map(|a| ("Accept-Encoding", a)).into_iter().collect();
            let r = get(&url, &headers).unwrap();
            let what = format!("{file} with Accept-Encoding {accept:?}");
            assert_eq!(r.status, 200, "{what}: {}", r.raw());
            assert_eq!(r.header("Content-Encoding"), encoding, "{what}");
            assert_eq!(r.header("Cache-Control"), Some(LONG_CACHE), "{what}");
            let expected = fs::read(dist.join(format!("{file}{suffix}"))).unwrap();
            assert_eq!(r.body, expected, "{what}: not the build's {file}{suffix}");
            if encoding.is_some() {
                assert_ne!(r.body, raw, "{what}");
                assert!(
                    r.all("Vary").iter().any(|v| v.contains("Accept-Encoding")),
                    "{what}: caches must keep one copy per encoding: {}",
                    r.raw()
                );
            }
        }
    }
    // Under a sub-path too.
    let sub = Stack::start(Kind::Same, |s| {
        s.brotli_static = true;
        s.public_url = "/portal/tanyi/".into();
    });
    let r = get(
        &sub.site(&format!("/portal/tanyi/{FAKE_WASM}")),
        &[("Accept-Encoding", "br, gzip")],
    )
    .unwrap();
    assert_eq!(r.header("Content-Encoding"), Some("br"), "{}", r.raw());
    let br = fs::read(sub.dist.path().join(format!("{FAKE_WASM}.br"))).unwrap();
    assert_eq!(r.body, br);
}

/// Where nginx has no brotli module the config names none (nginx would refuse to start on an
/// unknown directive): it starts, and a browser that accepts brotli gets the `.gz`.
#[test]
fn without_the_brotli_module_nginx_starts_and_sends_gzip() {
    let stack = Stack::start(Kind::Same, |s| s.brotli_static = false);
    let conf = fs::read_to_string(stack.nginx.work_dir().join("nginx.conf")).unwrap();
    let directives: Vec<&str> = conf
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    assert!(
        !directives.iter().any(|l| l.contains("brotli")),
        "no brotli module or directive:\n{conf}"
    );
    for file in [FAKE_JS, FAKE_WASM, FAKE_CSS] {
        let r = get(
            &stack.site(&format!("/{file}")),
            &[("Accept-Encoding", "br, gzip")],
        )
        .unwrap();
        assert_eq!(r.status, 200, "{file}: {}", r.raw());
        assert_eq!(r.header("Content-Encoding"), Some("gzip"), "{file}");
        let gz = fs::read(stack.dist.path().join(format!("{file}.gz"))).unwrap();
        assert_eq!(r.body, gz, "{file} is the build's .gz");
    }
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
