//! Talking to the stand-in API from browser tests: its address, its request log, faults.
#![allow(dead_code)]

use serde_json::{json, Value};

/// Where `cargo xtask test` started the stand-in (no auth, CORS for any origin).
pub const MOCK: &str = match option_env!("TANYI_MOCK_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:18790",
};

/// A config.json pointing the console at the stand-in.
pub fn mock_config(extra: &str) -> String {
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(", {extra}")
    };
    format!(r#"{{"apiBaseUrl": "{MOCK}", "callRecordApi": "callRecord"{extra}}}"#)
}

/// GET a path of the stand-in and parse its JSON.
pub async fn get_json(path: &str) -> Value {
    let response = gloo_net::http::Request::get(&format!("{MOCK}{path}"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    response
        .json()
        .await
        .unwrap_or_else(|e| panic!("GET {path}: not JSON: {e}"))
}

/// POSTs a control to the stand-in (`/__mock/...`).
pub async fn control(path: &str, body: Value) {
    gloo_net::http::Request::post(&format!("{MOCK}{path}"))
        .json(&body)
        .expect("a JSON body")
        .send()
        .await
        .unwrap_or_else(|e| panic!("POST {path}: {e}"));
}

/// Makes every later /apiOpen request fail this way (`"500"`, `"garbage"`, `"hostile"`, ...);
/// `None` clears it.
pub async fn set_fault(fault: Option<&str>) {
    control("/__mock/fault", json!({ "fault": fault })).await;
}

/// Makes only the next `times` /apiOpen requests whose path starts with `path_prefix` (all
/// of them with `None`) fail this way (`"429"`, `"signin"`, ...); then the fault clears.
pub async fn set_fault_times(fault: &str, path_prefix: Option<&str>, times: u64) {
    control(
        "/__mock/fault",
        json!({ "fault": fault, "path_prefix": path_prefix, "times": times }),
    )
    .await;
}

/// Forgets the requests seen so far.
pub async fn clear_requests() {
    let _ = gloo_net::http::Request::delete(&format!("{MOCK}/__mock/requests"))
        .send()
        .await;
}

/// The requests the stand-in received whose path ends with `suffix`, oldest first.
pub async fn requests_to(suffix: &str) -> Vec<Value> {
    match get_json("/__mock/requests").await {
        Value::Array(all) => all
            .into_iter()
            .filter(|r| r["path"].as_str().is_some_and(|p| p.ends_with(suffix)))
            .collect(),
        other => panic!("the request log is not a list: {other}"),
    }
}

/// Waits up to 10 s for a request to `suffix` that `check` accepts, and returns it.
pub async fn wait_for_request(suffix: &str, check: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..200 {
        if let Some(found) = requests_to(suffix)
            .await
            .into_iter()
            .rev()
            .find(|r| check(r))
        {
            return found;
        }
        super::browser::sleep(50).await;
    }
    panic!(
        "no matching request to {suffix}; the last ones: {:?}",
        requests_to(suffix).await
    );
}
