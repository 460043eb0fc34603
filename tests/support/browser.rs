//! Helpers for browser tests: mount the console at a route with a given config, wait for
//! the DOM, act like a user.
#![allow(dead_code)]

use tanyi_console::{mount, BootOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, HtmlElement};

pub fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// A `data:` URL serving `json` as config.json.
pub fn config_url(json: &str) -> String {
    format!(
        "data:application/json,{}",
        String::from(js_sys::encode_uri_component(json))
    )
}

/// Sets the address bar path without loading anything.
pub fn go_to(path: &str) {
    let history = web_sys::window()
        .and_then(|w| w.history().ok())
        .expect("history");
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .expect("replaceState");
}

pub fn path() -> String {
    web_sys::window()
        .expect("window")
        .location()
        .pathname()
        .expect("pathname")
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    let _ = JsFuture::from(promise).await;
}

/// Waits up to 10 s for `check` to hold; panics with `what` (and the page) otherwise.
pub async fn wait_for(what: &str, root: &Element, check: impl Fn(&Element) -> bool) {
    for _ in 0..500 {
        if check(root) {
            return;
        }
        sleep(20).await;
    }
    panic!(
        "timed out waiting for {what}; the page shows: {}",
        root.inner_html()
    );
}

pub fn text_of(root: &Element, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
}

/// Whether an element matches `selector` under `root`.
pub fn exists(root: &Element, selector: &str) -> bool {
    root.query_selector(selector).ok().flatten().is_some()
}

pub fn has_text(root: &Element, selector: &str, text: &str) -> bool {
    text_of(root, selector).is_some_and(|t| t.contains(text))
}

pub fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
}

pub fn click(root: &Element, selector: &str) {
    find(root, selector).unchecked_into::<HtmlElement>().click();
}

/// Picks `value` in a `<select>` as a user would (value, then a change event).
pub fn choose(root: &Element, selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = find(root, selector).unchecked_into();
    select.set_value(value);
    let _ = select.dispatch_event(&web_sys::Event::new("change").expect("event"));
}

/// A fresh element in the body.
pub fn fresh_host(id: Option<&str>) -> HtmlElement {
    let host: HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    if let Some(id) = id {
        host.set_id(id);
    }
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    host
}

/// The console mounted at `path` with `config_json` as its config.json. Keep the handle
/// alive while the test looks at the page; dropping it unmounts.
pub fn mount_at(path: &str, config_json: &str) -> (Element, impl Sized) {
    go_to(path);
    let host = fresh_host(None);
    let options = BootOptions {
        config_url: config_url(config_json),
        base_path: String::new(),
    };
    let handle = mount(host.clone(), options);
    (host.unchecked_into(), handle)
}

pub fn clear_storage() {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.clear();
    }
}

/// Makes the tab look hidden (or visible again) and tells the page, as the browser would.
pub fn set_tab_hidden(hidden: bool) {
    let script = if hidden {
        "Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});"
    } else {
        "delete document.hidden;"
    };
    js_sys::Function::new_no_args(&format!(
        "{script} document.dispatchEvent(new Event('visibilitychange'));"
    ))
    .call0(&wasm_bindgen::JsValue::NULL)
    .expect("the visibility script");
}

/// Presses `key` (with Ctrl when asked) where the focus is.
pub fn press(key: &str, ctrl: bool) {
    js_sys::Function::new_with_args(
        "key, ctrl",
        "(document.activeElement || document.body).dispatchEvent(\n\
           new KeyboardEvent('keydown', { key, ctrlKey: ctrl, bubbles: true, cancelable: true }));",
    )
    .call2(
        &wasm_bindgen::JsValue::NULL,
        &key.into(),
        &wasm_bindgen::JsValue::from_bool(ctrl),
    )
    .expect("the key");
}
