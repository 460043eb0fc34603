//! A text box that reports what was typed once the typing pauses, and follows its value
//! when it changes elsewhere (back, forward, reset).

use leptos::prelude::*;
use std::time::Duration;

/// How long typing must pause before the text counts.
pub const DEBOUNCE: Duration = Duration::from_millis(400);

#[component]
pub fn DebouncedInput(
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(into)] placeholder: Signal<String>,
    #[prop(into)] class: String,
) -> impl IntoView {
    let draft = RwSignal::new(value.get_untracked());
    // Follow the value only when it really changes: a re-notification with the same text
    // must not wipe what the user is typing.
    Effect::new(move |previous: Option<String>| {
        let current = value.get();
        if previous.as_ref() != Some(&current) {
            draft.set(current.clone());
        }
        current
    });
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let cancel = move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
        pending.try_set_value(None);
    };
    // Leaving the page (a row clicked while typing) must not fire the timer into a box
    // that is gone: reading its disposed signals would panic.
    on_cleanup(cancel);
    let commit = move || {
        cancel();
        let (Some(text), Some(current)) = (draft.try_get_untracked(), value.try_get_untracked())
        else {
            return;
        };
        if text != current {
            on_change.run(text);
        }
    };
    let on_input = move |ev| {
        draft.set(event_target_value(&ev));
        cancel();
        pending.set_value(set_timeout_with_handle(commit, DEBOUNCE).ok());
    };
    view! {
        <input type="search" class=format!("tc-input {class}") placeholder=move || placeholder.get()
            prop:value=move || draft.get() on:input=on_input
            on:keydown=move |ev| if ev.key() == "Enter" { commit() }/>
    }
}
