//! The nginx deployment of deploy/nginx, run for real in front of the stand-in API:
//! signing, CORS, static serving with SPA fallback and caching, security headers, and
//! the secret never leaving nginx.

use base64::Engine as _;
use e2e::stack::{code, credentials, envelope, mock, Kind, Stack};
use e2e::stack::{APP_KEY, LONG_CACHE, OTHER, PORTAL, SECRET, TENANT};
use e2e::{body_mark, chromium_dump, free_port, get, request, Response, TempDir};
use e2e::{FAKE_CSS, FAKE_INDEX_MARKER, FAKE_INLINE_STYLE, FAKE_JS, FAKE_WASM};
use sha2::{Digest, Sha256};
use std::fs;
use std::path::Path;
use xtask::nginx::{Auth, CredentialsSource, ProxySettings};

fn get_tasks(stack: &Stack, headers: &[(&str, &str)]) -> Response {
    get(
        &stack.api("/apiOpen/v1/task/getTasks?pageNum=1&pageSize=10"),
        headers,
    )
    .unwrap()
}

fn preflight(stack: &Stack, origin: &str) -> Response {
    request(
        "OPTIONS",
        &stack.api("/apiOpen/v1/callRecord/getCallRecordInfoList"),
        &[
            ("Origin", origin),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        None,
    )
    .unwrap()
}

fn sha256_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The sources of one CSP directive.
fn directive(csp: &str, name: &str) -> Vec<String> {
    csp.split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix(name).filter(|rest| rest.starts_with(' ')))
        .map(|rest| rest.split_whitespace().map(String::from).collect())
        .unwrap_or_default()
}

#[test]
fn a_call_through_the_proxy_passes_the_stand_ins_signature_check() {
    let stack = Stack::start(Kind::Same, |_| {});
    // The check is on: unsigned, the stand-in refuses.
    let direct = get(
        &format!(
            "{}/apiOpen/v1/task/getTasks?pageNum=1&pageSize=10",
            stack.mock.base_url()
        ),
        &[],
    )
    .unwrap();
    assert_eq!(code(&direct), 401, "{}", direct.raw());

    let r = get_tasks(&stack, &[]);
    assert_eq!(r.status, 200, "{}", r.raw());
    assert_eq!(code(&r), 200, "{}", r.raw());
    assert!(envelope(&r)["data"].is_object(), "{}", r.raw());

    let post = request(
        "POST",
        &stack.api("/apiOpen/v1/callRecord/getCallRecordInfoList"),
        &[("Content-Type", "application/json")],
        Some(br#"{"pageNum":1,"pageSize":10}"#),
    )
    .unwrap();
    assert_ne!(code(&post), 401, "{}", post.raw());
    assert_eq!(
        stack.last_seen()["body"]["pageSize"],
        10,
        "the body is forwarded"
    );
}

#[test]
fn the_njs_signature_equals_the_notes_vector() {
    let stack = Stack::start(Kind::Same, |_| {});
    let sign = |q: &str| {
        get(&stack.site(&format!("/__tanyi_test/sign?{q}")), &[])
            .unwrap()
            .text()
    };
    assert_eq!(
        sign("appKey=ak&appSecret=as&tenantSign=ts&version=v1&timestamp=1700000000000"),
        "8756edf603e8ab545fc0f5c4c1165e4837ab511829f0f4ec6f58372cbc5152a5"
    );
    // And it agrees with the stand-in's own implementation elsewhere.
    assert_eq!(
        sign("appKey=k2&appSecret=s2&tenantSign=t2&version=v1&timestamp=1712345678901"),
        mock_api::signature("k2", "s2", "t2", "v1", "1712345678901")
    );
}

#[test]
fn production_renderings_have_no_test_location() {
    let stack = Stack::start(Kind::Same, |s| s.test_endpoints = false);
    let r = get(
        &stack
            .site("/__tanyi_test/sign?appKey=ak&appSecret=as&tenantSign=ts&version=v1&timestamp=1"),
        &[],
    )
    .unwrap();
    // Just another unknown path: the app answers.
    assert!(r.text().contains(FAKE_INDEX_MARKER), "{}", r.raw());
    let conf = fs::read_to_string(stack.nginx.work_dir().join("nginx.conf")).unwrap();
    assert!(!conf.contains("__tanyi_test"));
}

#[test]
fn headers_the_browser_sends_for_signing_are_replaced_and_cookies_dropped() {
    let stack = Stack::start(Kind::Same, |_| {});
    let r = get_tasks(
        &stack,
        &[
            ("appKey", "forged-key"),
            ("signature", "forged-signature"),
            ("timestamp", "1"),
            ("version", "v9"),
            ("Cookie", "session=abc"),
            ("Authorization", "Bearer abc"),
            ("Referer", "http://127.0.0.1/calls?searchWords=13800138000"),
        ],
    );
    assert_eq!(code(&r), 200, "{}", r.raw());

    let seen = stack.last_seen();
    let h = &seen["headers"];
    assert_eq!(h["appkey"], APP_KEY);
    assert_eq!(h["version"], "v1");
    let timestamp = h["timestamp"].as_str().unwrap();
    let signature = h["signature"].as_str().unwrap();
    assert_ne!(signature, "forged-signature");
    assert_eq!(
        signature,
        mock_api::signature(APP_KEY, SECRET, TENANT, "v1", timestamp)
    );
    for dropped in ["cookie", "authorization", "referer", "origin"] {
        assert!(h.get(dropped).is_none(), "{dropped} was forwarded: {h}");
    }
    // Each header arrives once, the browser's copy gone.
    assert!(!h.to_string().contains("forged"), "{h}");
    assert!(
        !seen.to_string().contains(SECRET),
        "the secret itself went upstream"
    );
}

#[test]
fn a_preflight_from_an_allowed_origin_gets_204_and_the_grants() {
    let stack = Stack::start(Kind::Cross, |_| {});
    let before = stack.seen().len();
    for origin in [stack.nginx.site_url().to_string(), PORTAL.to_string()] {
        let r = preflight(&stack, &origin);
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
    let r = preflight(&stack, OTHER);
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
    let ok = get_tasks(&stack, &[("Origin", &site)]);
    assert_eq!(code(&ok), 200, "{}", ok.raw());
    assert_eq!(
        ok.header("Access-Control-Allow-Origin"),
        Some(site.as_str())
    );
    assert!(ok.all("Vary").iter().any(|v| v.contains("Origin")));

    let other = get_tasks(&stack, &[("Origin", OTHER)]);
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
    assert_eq!(code(&get_tasks(&stack, &[])), 200);
}

#[test]
fn the_same_origin_layout_serves_both_on_one_port() {
    let stack = Stack::start(Kind::Same, |_| {});
    assert_eq!(stack.nginx.site_url(), stack.nginx.api_url());
    assert!(get(&stack.site("/"), &[])
        .unwrap()
        .text()
        .contains(FAKE_INDEX_MARKER));
    let r = get_tasks(&stack, &[("Origin", stack.nginx.site_url())]);
    assert_eq!(code(&r), 200, "{}", r.raw());
    let csp = get(&stack.site("/"), &[])
        .unwrap()
        .header("Content-Security-Policy")
        .unwrap()
        .to_string();
    assert_eq!(directive(&csp, "connect-src"), ["'self'"]);
}

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

#[test]
fn every_response_carries_the_security_headers() {
    let stack = Stack::start(Kind::Same, |_| {});
    let responses = [
        get(&stack.site("/jobs"), &[]).unwrap(),
        get(&stack.site("/config.json"), &[]).unwrap(),
        get(&stack.site(&format!("/{FAKE_JS}")), &[]).unwrap(),
        get(&stack.site("/tanyi-console-0000aaaa1111bbbb.js"), &[]).unwrap(),
        get_tasks(&stack, &[]),
        preflight(&stack, PORTAL),
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
        code(&get_tasks(&stack, &[])),
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
fn credentials_can_come_from_a_file_outside_the_web_root() {
    let outside = TempDir::new("secrets");
    let file = outside.path().join("tanyi.env");
    fs::write(
        &file,
        format!("# Tanyi open API\nTANYI_APP_KEY={APP_KEY}\nTANYI_APP_SECRET=\"{SECRET}\"\n\nTANYI_TENANT_SIGN={TENANT}\n"),
    )
    .unwrap();
    let stack = Stack::start(Kind::Same, |s| {
        s.credentials = CredentialsSource::File(file.clone())
    });
    let r = get_tasks(&stack, &[]);
    assert_eq!(code(&r), 200, "{}", r.raw());

    fs::remove_file(&file).unwrap();
    let r = get_tasks(&stack, &[]);
    assert_eq!(r.status, 500, "{}", r.raw());
    assert_eq!(code(&r), 500);
    assert!(envelope(&r)["resultMsg"]
        .as_str()
        .unwrap()
        .contains("credentials"));
    assert!(
        stack.logs().contains("cannot read the credentials file"),
        "{}",
        stack.logs()
    );
}

#[test]
fn missing_credentials_are_answered_by_the_proxy_not_sent_unsigned() {
    let mock = mock();
    let settings = ProxySettings::new(
        mock.base_url(),
        CredentialsSource::File("/nonexistent/tanyi.env".into()),
        Auth::None,
    );
    let stack = Stack::start_with(Kind::Same, mock, settings);
    let r = request(
        "POST",
        &stack.api("/apiOpen/v1/callRecord/getCallRecordInfoList"),
        &[("Origin", PORTAL)],
        Some(b"{}"),
    )
    .unwrap();
    assert_eq!(r.status, 500, "{}", r.raw());
    assert!(envelope(&r)["requestId"]
        .as_str()
        .is_some_and(|id| !id.is_empty()));
    assert!(stack.seen().is_empty(), "nothing went upstream");
}

#[test]
fn other_methods_are_refused_before_the_upstream() {
    let stack = Stack::start(Kind::Same, |_| {});
    for path in [
        "/apiOpen/v1/task/getTasks",
        "/apiOpen/v1/callRecord/callDetail",
    ] {
        for method in ["DELETE", "PUT", "PATCH"] {
            assert_eq!(
                request(method, &stack.api(path), &[], None).unwrap().status,
                405,
                "{method} {path}"
            );
        }
    }
    assert!(stack.seen().is_empty());
}

#[test]
fn the_call_record_family_can_have_its_own_upstream() {
    let task_family = mock();
    let call_record_family = mock();
    let mut settings = ProxySettings::new(
        task_family.base_url(),
        CredentialsSource::Values(credentials()),
        Auth::None,
    );
    settings.call_record_upstream = Some(call_record_family.base_url());
    let stack = Stack::start_with(Kind::Same, task_family, settings);

    let r = request(
        "POST",
        &stack.api("/apiOpen/v1/callRecord/getCallRecordInfoList"),
        &[("Content-Type", "application/json")],
        Some(br#"{"pageNum":1,"pageSize":10}"#),
    )
    .unwrap();
    assert_ne!(code(&r), 401, "{}", r.raw());
    let seen = get(
        &format!("{}/__mock/requests", call_record_family.base_url()),
        &[],
    )
    .unwrap();
    assert!(seen
        .text()
        .contains("/apiOpen/v1/callRecord/getCallRecordInfoList"));
    assert!(
        stack.seen().is_empty(),
        "the task family's upstream got nothing"
    );

    assert_eq!(code(&get_tasks(&stack, &[])), 200);
    assert_eq!(stack.seen().len(), 1);
}

#[test]
fn the_secret_appears_in_no_response_no_log_and_no_served_file() {
    for kind in [Kind::Same, Kind::Cross] {
        let stack = Stack::start(kind, |_| {});
        let site = stack.nginx.site_url().to_string();
        let mut responses = vec![
            get(&stack.site("/"), &[]).unwrap(),
            get(&stack.site("/jobs/1"), &[]).unwrap(),
            get(&stack.site("/config.json"), &[]).unwrap(),
            get(&stack.site(&format!("/{FAKE_JS}")), &[]).unwrap(),
            get(&stack.site("/nope-0123456789abcdef.js"), &[]).unwrap(),
            get_tasks(&stack, &[("Origin", &site)]),
            get(
                &stack.api("/apiOpen/v1/task/getTaskDetail?taskId=999999"),
                &[],
            )
            .unwrap(),
            get(&stack.api("/apiOpen/v1/task/nothing-here"), &[]).unwrap(),
            request(
                "POST",
                &stack.api("/apiOpen/v1/callRecord/getCallRecordInfoList"),
                &[],
                Some(b"not json"),
            )
            .unwrap(),
            request("DELETE", &stack.api("/apiOpen/v1/task/getTasks"), &[], None).unwrap(),
            preflight(&stack, &site),
            preflight(&stack, OTHER),
        ];
        // And when the upstream is gone (502 from nginx itself).
        let work_dir = stack.nginx.work_dir().to_path_buf();
        let Stack {
            nginx,
            mock,
            dist,
            work,
        } = stack;
        drop(mock);
        let down = get(
            &format!("{}/apiOpen/v1/task/getTasks", nginx.api_url()),
            &[],
        )
        .unwrap();
        assert_eq!(down.status, 502);
        responses.push(down);

        for r in &responses {
            assert!(
                !r.raw().contains(SECRET),
                "the secret is in a response: {}",
                r.raw()
            );
        }
        drop(nginx);
        for dir in [dist.path(), work.path()] {
            for file in files_under(dir) {
                let text = String::from_utf8_lossy(&fs::read(&file).unwrap()).into_owned();
                assert!(
                    !text.contains(SECRET),
                    "the secret is in {}",
                    file.display()
                );
            }
        }
        let error_log = fs::read_to_string(work_dir.join("error.log")).unwrap();
        assert!(
            error_log.contains("connect() failed"),
            "the log was written: {error_log}"
        );
    }
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
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

#[test]
fn the_access_log_leaves_out_query_strings_and_referers() {
    let stack = Stack::start(Kind::Same, |_| {});
    let phone = "13800138000";
    let referer = format!("http://127.0.0.1/calls?searchWords={phone}");
    get(
        &stack.site(&format!("/calls?searchWords={phone}")),
        &[("Referer", &referer)],
    )
    .unwrap();
    let url = stack.api(&format!(
        "/apiOpen/v1/task/getTasks?pageNum=1&pageSize=10&name={phone}"
    ));
    get(&url, &[("Referer", &referer)]).unwrap();
    let log = stack.access_log_with(1);
    assert!(log.contains("\"GET /calls HTTP/1.1\""), "{log}");
    assert!(!log.contains(phone), "{log}");
    // /apiOpen/ goes to the audit log instead (gateway.rs checks its lines).
    let audit = stack.audit_log_with(1);
    assert!(
        audit.contains("\"endpoint\":\"/apiOpen/v1/task/getTasks\""),
        "{audit}"
    );
    assert!(!audit.contains(phone), "{audit}");
}

#[test]
fn an_https_upstream_is_accepted_and_verified() {
    let stack = Stack::start(Kind::Same, |s| {
        s.call_record_upstream = Some(format!("https://127.0.0.1:{}", free_port()));
    });
    let r = get(
        &stack.api("/apiOpen/v1/callRecord/callDetail?callId=1"),
        &[],
    )
    .unwrap();
    assert_eq!(r.status, 502, "nothing listens there: {}", r.raw());
    let conf = fs::read_to_string(stack.nginx.work_dir().join("nginx.conf")).unwrap();
    assert!(conf.contains("proxy_ssl_verify on;"));
}
