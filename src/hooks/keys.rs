//! Keyboard shortcuts' browser side: a `keydown` listener for as long as a view lives, and
//! what a key press is ([`press`]).

use super::listener::use_document_event;
use crate::shortcuts::Press;
use wasm_bindgen::JsCast;

/// Whether an element takes typing: a text box of any kind, a text area, a select, or
/// anything editable (a checkbox or a button does not).
fn takes_typing(element: &web_sys::Element) -> bool {
    match element.tag_name().to_ascii_uppercase().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => {
            let kind = element.get_attribute("type").unwrap_or_default();
            !matches!(
                kind.to_ascii_lowercase().as_str(),
                "checkbox" | "radio" | "button" | "submit" | "reset" | "range" | "file" | "color"
            )
        }
        _ => element
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|e| e.is_content_editable()),
    }
}

/// The element a key press went to.
pub fn target_element(ev: &web_sys::KeyboardEvent) -> Option<web_sys::Element> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// Whether the press went to a link, a button or a player (which `Enter` works by itself).
pub fn on_control(ev: &web_sys::KeyboardEvent) -> bool {
    target_element(ev)
        .and_then(|e| e.closest("a, button, audio, summary").ok().flatten())
        .is_some()
}

/// Runs `with` with the press as the shortcuts read it.
pub fn press<R>(ev: &web_sys::KeyboardEvent, with: impl FnOnce(Press<'_>) -> R) -> R {
    let key = ev.key();
    let in_field = target_element(ev).is_some_and(|e| takes_typing(&e));
    with(Press {
        key: &key,
        modifier: ev.ctrl_key() || ev.alt_key() || ev.meta_key(),
        in_field,
    })
}

/// Calls `handler` for every key pressed on the page while the calling view lives.
pub fn use_keydown(handler: impl Fn(&web_sys::KeyboardEvent) + 'static) {
    use_document_event("keydown", move |ev| {
        if let Some(key) = ev.dyn_ref::<web_sys::KeyboardEvent>() {
            handler(key);
        }
    });
}
