//! Signing: a request through the proxy passes the stand-in's signature check, the njs
//! signature is the notes' vector, the browser's own signing headers and cookies never go
//! on, each API family reaches its own upstream.

use e2e::stack::{
    code, credentials, envelope, mock, Kind, Stack, APP_KEY, CALL_RECORDS, SECRET, TENANT,
};
use e2e::{free_port, get, request, FAKE_INDEX_MARKER};
use std::fs;
use xtask::nginx::{Auth, CredentialsSource, ProxySettings};

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

    let r = stack.get_tasks(&[]);
    assert_eq!(r.status, 200, "{}", r.raw());
    assert_eq!(code(&r), 200, "{}", r.raw());
    assert!(envelope(&r)["data"].is_object(), "{}", r.raw());

    let post = stack.post_json(CALL_RECORDS, r#"{"pageNum":1,"pageSize":10}"#, &[]);
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
    let r = stack.get_tasks(&[
        ("appKey", "forged-key"),
        ("signature", "forged-signature"),
        ("timestamp", "1"),
        ("version", "v9"),
        ("Cookie", "session=abc"),
        ("Authorization", "Bearer abc"),
        ("Referer", "http://127.0.0.1/calls?searchWords=13800138000"),
    ]);
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

    let r = stack.post_json(CALL_RECORDS, r#"{"pageNum":1,"pageSize":10}"#, &[]);
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

    assert_eq!(code(&stack.get_tasks(&[])), 200);
    assert_eq!(stack.seen().len(), 1);
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
