//! A listener on the document for as long as a view lives. Its own (not Leptos's window
//! helpers, which leave the closure to the JS garbage collector): removed and dropped with
//! the view, so nothing is left behind per navigation.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Calls `handler` for every `event` on the document while the calling view lives.
pub fn use_document_event(event: &'static str, handler: impl Fn(&web_sys::Event) + 'static) {
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev| handler(&ev));
    if let Some(document) = document() {
        let _ = document.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    }
    let kept = StoredValue::new_local(Some(listener));
    on_cleanup(move || {
        // Cleanups run before the view's values are dropped, so `kept` is still here.
        if let Some(listener) = kept.try_update_value(Option::take).flatten() {
            if let Some(document) = document() {
                let _ = document
                    .remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            }
        }
    });
}
