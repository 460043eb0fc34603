//! Performance marks the benchmark (`cargo xtask bench`) reads with
//! `performance.getEntriesByName` (one entry per name, the latest). Only the build with the
//! feature `bench` sets them; in the users' build these functions do nothing.

#[cfg(feature = "bench")]
use leptos::prelude::{request_animation_frame, set_timeout};
#[cfg(feature = "bench")]
use std::time::Duration;

/// Set when a page of call rows is in the DOM and painted (the calls page).
pub const CALLS_PAINTED: &str = "tanyi:calls-painted";
/// Set when a call's transcript is in the DOM and painted (the call page).
pub const CALL_PAINTED: &str = "tanyi:call-painted";
/// Set when the leads list has read every job and its first page is painted (the leads).
pub const LEADS_PAINTED: &str = "tanyi:leads-painted";
/// Set when the overview's figures are all in the DOM and painted (the overview).
pub const OVERVIEW_PAINTED: &str = "tanyi:overview-painted";

/// `performance.mark(name)` now, replacing the previous mark of that name (the browser
/// would otherwise keep every one for the life of the page); nothing without `performance`.
#[cfg(feature = "bench")]
fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        performance.clear_marks_with_mark_name(name);
        let _ = performance.mark(name);
    }
}

/// `performance.mark(name)` once what is being rendered now is in the DOM and painted:
/// the next animation frame runs before that paint, a 0 ms timeout from it runs after.
#[cfg(feature = "bench")]
fn mark_after_paint(name: &'static str) {
    request_animation_frame(move || set_timeout(move || mark(name), Duration::ZERO));
}

/// From an effect: once `ready()` holds, after each change of what it reads, the mark
/// `name` when that is painted. Nothing in the users' build.
pub fn mark_when_painted(name: &'static str, ready: impl Fn() -> bool + 'static) {
    #[cfg(feature = "bench")]
    leptos::prelude::Effect::new(move |_| {
        if ready() {
            mark_after_paint(name);
        }
    });
    #[cfg(not(feature = "bench"))]
    let _ = (name, ready);
}
