//! A last resort: if a panic happens anyway, show a visible message with a reload button
//! instead of a frozen page.

use std::sync::Once;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the overlay, so tests can find it.
pub const PANIC_SCREEN_ID: &str = "tanyi-console-crashed";

pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            show();
        }));
    });
}

fn show() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(PANIC_SCREEN_ID).is_some() {
        return;
    }
    let Ok(overlay) = document.create_element("div") else {
        return;
    };
    overlay.set_id(PANIC_SCREEN_ID);
    let _ = overlay.set_attribute("role", "alert");
    let _ = overlay.set_attribute(
        "style",
        "position:fixed;inset:0;z-index:2147483647;background:rgba(255,255,255,.96);\
         display:flex;flex-direction:column;align-items:center;justify-content:center;\
         gap:12px;font:16px/1.5 system-ui,sans-serif;color:#1f2328",
    );
    // Static markup only: nothing from outside goes into it.
    overlay.set_inner_html(
        "<strong>出错了 · Something went wrong</strong>\
         <span>控制台遇到意外错误。请刷新页面；若反复出现，请联系管理员。</span>\
         <span>The console hit an unexpected error. Reload the page; if it happens again, contact your administrator.</span>",
    );
    // A listener rather than an inline onclick, which the Content-Security-Policy forbids.
    if let Ok(button) = document.create_element("button") {
        button.set_text_content(Some("刷新 · Reload"));
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("style", "padding:6px 16px;font:inherit;cursor:pointer");
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
        let _ = overlay.append_child(&button);
    }
    if let Some(body) = document.body() {
        let _ = body.append_child(&overlay);
    }
}
