//! A live view's refresh: a tick every `seconds` while the tab is visible, one at once when
//! it shows again, and one on demand. A view puts the tick in its `use_remote` key.
//!
//! Its own timer (not Leptos's helpers, whose callbacks outlive a cleared timer): it is
//! cleared and its closure dropped when the view goes away, as is the visibility listener
//! ([`use_document_event`]), so nothing is left behind per navigation.

use super::listener::use_document_event;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A view's refresh ticks. Copy, so closures in views can hold it.
#[derive(Clone, Copy)]
pub struct Refresh {
    tick: RwSignal<u32>,
}

impl Refresh {
    /// The number of refreshes so far (tracked: a key holding it changes at each).
    pub fn tick(&self) -> u32 {
        self.tick.get()
    }

    /// Refreshes at once (and starts the countdown again).
    pub fn now(&self) {
        self.tick.try_update(|n| *n = n.wrapping_add(1));
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

fn tab_hidden() -> bool {
    document().is_some_and(|d| d.hidden())
}

/// What must go when the view goes: the pending timer and its closure.
struct Live {
    timer: Rc<Cell<Option<i32>>>,
    fire: Closure<dyn FnMut()>,
}

impl Live {
    fn stop_timer(&self) {
        if let (Some(id), Some(window)) = (self.timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
    }

    fn start_timer(&self, seconds: u32) {
        self.stop_timer();
        let millis = i32::try_from(u64::from(seconds) * 1000).unwrap_or(i32::MAX);
        let id = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                self.fire.as_ref().unchecked_ref(),
                millis,
            )
            .ok()
        });
        self.timer.set(id);
    }
}

/// Ticks every `seconds` (0: never) while the tab is visible, counting from the last tick
/// (so a view that holds `seconds` at 0 while it loads counts from its last answer). When
/// the tab shows again after being hidden, one tick at once.
pub fn use_refresh(seconds: Signal<u32>) -> Refresh {
    let refresh = Refresh {
        tick: RwSignal::new(0),
    };
    let visible = RwSignal::new(!tab_hidden());
    let timer = Rc::new(Cell::new(None));
    let fire = Closure::<dyn FnMut()>::new({
        let timer = Rc::clone(&timer);
        move || {
            timer.set(None);
            refresh.now();
        }
    });
    use_document_event("visibilitychange", move |_| {
        let shown = !tab_hidden();
        if visible.try_get_untracked() == Some(shown) {
            return;
        }
        visible.try_set(shown);
        if shown && seconds.try_get_untracked().unwrap_or(0) > 0 {
            refresh.now();
        }
    });
    let live = StoredValue::new_local(Some(Live { timer, fire }));
    Effect::new(move |_| {
        let seconds = seconds.get();
        let visible = visible.get();
        refresh.tick.track();
        live.with_value(|live| {
            if let Some(live) = live {
                if seconds > 0 && visible {
                    live.start_timer(seconds);
                } else {
                    live.stop_timer();
                }
            }
        });
    });
    on_cleanup(move || {
        // Cleanups run before the view's values are dropped, so `live` is still here.
        if let Some(live) = live.try_update_value(Option::take).flatten() {
            live.stop_timer();
        }
    });
    refresh
}
