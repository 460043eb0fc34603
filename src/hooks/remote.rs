//! A view's data from the API, as one state: loading (the last answer kept on screen),
//! loaded or failed. Only the view's latest request counts: a newer one aborts it, and so
//! does the view going away. After "too many requests" it waits and asks again by itself.
//!
//! Not a `LocalResource`: Leptos 0.8's resources (`AsyncDerived`) await a running future to
//! its end before they fetch for new inputs (`reactive_graph` 0.2 `spawn_derived!`), so a
//! superseded request would hold a connection and its answer would arrive first.

use crate::api::{client, ApiError, RequestSlot};
use crate::config::Config;
use crate::state::use_app;
use chrono::{DateTime, Local};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;

/// What a view has of its data.
#[derive(Debug)]
pub enum RemoteData<T> {
    /// A request is on its way. `last`: the previous answer, shown until the new one comes;
    /// `retry_in`: after a 429, the seconds until the request is made again.
    Loading {
        last: Option<Arc<T>>,
        retry_in: Option<u32>,
    },
    /// The answer to the latest request.
    Loaded(Arc<T>),
    /// The latest request failed.
    Failed(ApiError),
}

impl<T> RemoteData<T> {
    /// The data to show: the latest answer, or the previous one while a newer is on its way.
    pub fn data(&self) -> Option<&Arc<T>> {
        match self {
            RemoteData::Loading { last, .. } => last.as_ref(),
            RemoteData::Loaded(data) => Some(data),
            RemoteData::Failed(_) => None,
        }
    }

    /// Whether a request is on its way.
    pub fn is_loading(&self) -> bool {
        matches!(self, RemoteData::Loading { .. })
    }

    /// The state once a new request leaves: loading, the data on screen kept.
    pub fn reloading(&self) -> RemoteData<T> {
        RemoteData::Loading {
            last: self.data().cloned(),
            retry_in: None,
        }
    }
}

/// A view's handle on its data. Copy, so closures in views can hold it.
pub struct Remote<T: Send + Sync + 'static> {
    state: RwSignal<RemoteData<T>>,
    attempt: RwSignal<u32>,
    updated_at: RwSignal<Option<DateTime<Local>>>,
}

impl<T: Send + Sync + 'static> Clone for Remote<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Remote<T> {}

impl<T: Send + Sync + 'static> Remote<T> {
    /// Reads the state (tracked: a reactive closure runs again when it changes).
    pub fn with<R>(&self, read: impl FnOnce(&RemoteData<T>) -> R) -> R {
        self.state.with(read)
    }

    /// Reads the state without tracking it (event handlers).
    pub fn with_untracked<R>(&self, read: impl FnOnce(&RemoteData<T>) -> R) -> R {
        self.state.with_untracked(read)
    }

    /// When the data on screen arrived, in the browser's time zone (tracked); `None` before
    /// the first answer.
    pub fn updated_at(&self) -> Option<DateTime<Local>> {
        self.updated_at.get()
    }

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

/// A view's data: `fetch(config, key())` now, and again whenever the key changes or on
/// [`Remote::retry`]. The configuration is read untracked (it changes only on the settings
/// page). A newer request supersedes (and aborts) an older one; a 429 is waited out and
/// asked again, as long as it is the view's latest request.
pub fn use_remote<K, T, F, Fut>(key: impl Fn() -> K + 'static, fetch: F) -> Remote<T>
where
    K: Clone + PartialEq + 'static,
    T: Send + Sync + 'static,
    F: Fn(Config, K) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    remote(key, fetch, |_, _| false)
}

/// [`use_remote`] for a view that asks again for the same thing (a refresh): an answer equal
/// to the one on screen keeps it, so the view draws nothing again (charts stay mounted).
pub fn use_remote_eq<K, T, F, Fut>(key: impl Fn() -> K + 'static, fetch: F) -> Remote<T>
where
    K: Clone + PartialEq + 'static,
    T: PartialEq + Send + Sync + 'static,
    F: Fn(Config, K) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    remote(key, fetch, |last, new| last == new)
}

fn remote<K, T, F, Fut>(
    key: impl Fn() -> K + 'static,
    fetch: F,
    same: fn(&T, &T) -> bool,
) -> Remote<T>
where
    K: Clone + PartialEq + 'static,
    T: Send + Sync + 'static,
    F: Fn(Config, K) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let app = use_app();
    let remote = Remote {
        state: RwSignal::new(RemoteData::Loading {
            last: None,
            retry_in: None,
        }),
        attempt: RwSignal::new(0),
        updated_at: RwSignal::new(None),
    };
    let updated_at = remote.updated_at;
    let state = remote.state;
    let slot = view_slot();
    let fetch = Rc::new(fetch);
    let request = move |key: K| {
        let config = app.config_untracked();
        let first = fetch(config.clone(), key.clone());
        let again = {
            let fetch = Rc::clone(&fetch);
            move || fetch(config.clone(), key.clone())
        };
        let waiting = move |left: Option<u32>| {
            state.try_update(|now| {
                if let RemoteData::Loading { retry_in, .. } = now {
                    *retry_in = left;
                }
            });
        };
        let ticket = slot.begin();
        state.update(|now| *now = now.reloading());
        spawn_local(async move {
            let next = match ticket.run(client::retrying(first, again, waiting)).await {
                // A newer request owns the view now.
                Err(error) if error.is_superseded() => return,
                Ok(data) => {
                    let kept = state
                        .try_with_untracked(|now| {
                            now.data().filter(|last| same(last, &data)).cloned()
                        })
                        .flatten();
                    let _ = updated_at.try_set(Some(Local::now()));
                    RemoteData::Loaded(kept.unwrap_or_else(|| Arc::new(data)))
                }
                Err(error) => RemoteData::Failed(error),
            };
            let _ = state.try_set(next);
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
