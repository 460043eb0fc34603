//! Data a view fetches: the last answer, the last error, whether a newer request is under
//! way. Only the latest request's answer is ever shown; older ones are aborted.

use crate::api::{ApiError, RequestSlot};
use crate::config::Config;
use crate::state::use_app;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// What a view shows of its data. Copy, so closures in views can hold it.
pub struct Remote<T: Send + Sync + 'static> {
    /// The last answer. Kept while a newer request runs, so the page does not blank out.
    pub data: RwSignal<Option<T>>,
    /// The last failure; cleared by the next answer.
    pub error: RwSignal<Option<ApiError>>,
    /// A request is under way.
    pub loading: RwSignal<bool>,
    attempt: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for Remote<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Remote<T> {}

impl<T: Send + Sync + 'static> Remote<T> {
    /// Asks again with the same inputs.
    pub fn retry(&self) {
        self.attempt.update(|n| *n += 1);
    }
}

/// A request slot that lives as long as the view: leaving the view aborts its request, which
/// would otherwise hold one of the browser's few connections to the proxy up to the timeout,
/// and then act on a page that is gone.
pub fn view_slot() -> RequestSlot {
    let slot = RequestSlot::new();
    on_cleanup({
        let slot = slot.clone();
        move || slot.supersede()
    });
    slot
}

/// Fetches with `fetch(config, key())` now and whenever the key changes (the configuration
/// is read untracked: it changes only on the settings page); a newer request supersedes
/// (and aborts) an older one.
pub fn use_remote<K, T, F, Fut>(key: impl Fn() -> K + 'static, fetch: F) -> Remote<T>
where
    K: Clone + PartialEq + 'static,
    T: Send + Sync + 'static,
    F: Fn(Config, K) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let app = use_app();
    let remote = Remote {
        data: RwSignal::new(None),
        error: RwSignal::new(None),
        loading: RwSignal::new(false),
        attempt: RwSignal::new(0),
    };
    let slot = view_slot();
    let request = move |key: K| {
        let request = fetch(app.config_untracked(), key);
        let ticket = slot.begin();
        remote.loading.set(true);
        spawn_local(async move {
            match ticket.run(request).await {
                // A newer request owns the view now.
                Err(error) if error.is_superseded() => {}
                Ok(value) => {
                    remote.data.set(Some(value));
                    remote.error.set(None);
                    remote.loading.set(false);
                }
                Err(error) => {
                    remote.error.set(Some(error));
                    remote.loading.set(false);
                }
            }
        });
    };
    // The first request leaves now, while the page renders; the effect (which first runs
    // after the render) only asks again when the key changes or on a retry.
    let first_key = untrack(&key);
    request(first_key.clone());
    Effect::new(move |previous: Option<(K, u32)>| {
        let now = (key(), remote.attempt.get());
        let unchanged = match &previous {
            Some(previous) => *previous == now,
            None => now == (first_key.clone(), 0),
        };
        if !unchanged {
            request(now.0.clone());
        }
        now
    });
    remote
}
