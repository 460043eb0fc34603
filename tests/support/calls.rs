//! Helpers for the calls pages' browser tests: counting, typing, the stand-in's call lists.
#![allow(dead_code)]

use super::browser::{find, sleep};
use super::mock::{requests_to, MOCK};
use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// How many elements match `selector` under `root`.
pub fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .map(|l| l.length())
        .unwrap_or(0)
}

/// The address bar's query string (with `?`).
pub fn search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// How many entries the tab's history has.
pub fn history_length() -> u32 {
    web_sys::window()
        .and_then(|w| w.history().ok())
        .and_then(|h| h.length().ok())
        .unwrap_or(0)
}

/// Types `text` into a box as a user would (value, then an input event), then waits out
/// the debounce.
pub async fn type_into(root: &Element, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(text);
    let _ = input.dispatch_event(&web_sys::Event::new("input").expect("event"));
    sleep(600).await;
}

/// Sets a date box and fires its change event.
pub fn set_date(root: &Element, selector: &str, date: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(date);
    let _ = input.dispatch_event(&web_sys::Event::new("change").expect("event"));
}

/// The JSON bodies of the call-list requests the stand-in received, oldest first.
pub async fn list_bodies() -> Vec<Value> {
    requests_to("/callRecord/getCallRecordInfoList")
        .await
        .into_iter()
        .map(|r| r["body"].clone())
        .collect()
}

/// Waits up to 10 s for a call-list request whose body `check` accepts; returns the body.
pub async fn wait_for_list_body(what: &str, check: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..200 {
        if let Some(body) = list_bodies().await.into_iter().rev().find(|b| check(b)) {
            return body;
        }
        sleep(50).await;
    }
    panic!(
        "no call-list request with {what}; the last bodies: {:?}",
        list_bodies().await
    );
}

/// The last call-list request's body.
pub async fn last_list_body() -> Value {
    list_bodies().await.pop().unwrap_or(Value::Null)
}

/// Asks the stand-in for a page of calls directly (callRecord family).
pub async fn calls_from_mock(body: Value) -> Value {
    let response = gloo_net::http::Request::post(&format!(
        "{MOCK}/apiOpen/v1/callRecord/getCallRecordInfoList"
    ))
    .json(&body)
    .expect("a JSON body")
    .send()
    .await
    .expect("the stand-in answers");
    let value: Value = response.json().await.expect("JSON");
    value["data"].clone()
}

/// A call's detail straight from the stand-in.
pub async fn call_from_mock(id: i64) -> Value {
    let value = super::mock::get_json(&format!(
        "/apiOpen/v1/callRecord/callDetail?callRecordId={id}"
    ))
    .await;
    value["data"].clone()
}

/// The value stored in sessionStorage under `key`.
pub fn session_item(key: &str) -> Option<String> {
    web_sys::window()?
        .session_storage()
        .ok()
        .flatten()?
        .get_item(key)
        .ok()
        .flatten()
}

/// Clears sessionStorage (the remembered call list).
pub fn clear_session() {
    if let Some(storage) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = storage.clear();
    }
}

/// The attribute of the first element matching `selector`.
pub fn attribute(root: &Element, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute(name))
}

/// Every value of attribute `name` on elements under `root` that have it.
pub fn all_attributes(root: &Element, name: &str) -> Vec<String> {
    let Ok(list) = root.query_selector_all(&format!("[{name}]")) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter_map(|e| e.get_attribute(name))
        .collect()
}
