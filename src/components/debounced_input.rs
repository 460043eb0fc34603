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
    placeholder: &'static str,
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
    // Every keystroke starts a timer; only the latest keystroke's timer commits. Timers are
    // never cleared: a cleared timer's callback is never run, and so never freed.
    let keystrokes = StoredValue::new(0_u32);
    let commit = move || {
        // Once the box is gone (a row clicked while typing), its values are disposed: the
        // `try_` reads find nothing and the timer does nothing.
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
        let typed = keystrokes.get_value().wrapping_add(1);
        keystrokes.set_value(typed);
        set_timeout(
            move || {
                if keystrokes.try_get_value() == Some(typed) {
                    commit();
                }
            },
            DEBOUNCE,
        );
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            // Now, and the pending timer no longer counts.
            keystrokes.update_value(|n| *n = n.wrapping_add(1));
            commit();
        }
    };
    view! {
        <input type="search" class=format!("tc-input {class}") placeholder=placeholder
            prop:value=move || draft.get() on:input=on_input
            on:keydown=on_keydown/>
    }
}
