//! Data a view fetches: the last answer, the last error, whether a newer request is under
//! way, and how it looks while it is. Only the latest request's answer is ever shown; older
//! ones are aborted. After "too many requests" it asks again by itself.

use crate::api::{client, ApiError, RequestSlot};
use crate::config::Config;
use crate::i18n::Locale;
use crate::state::use_app;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::rc::Rc;

/// What a view shows of its data. Copy, so closures in views can hold it.
pub struct Remote<T: Send + Sync + 'static> {
    /// The last answer. Kept while a newer request runs, so the page does not blank out.
    pub data: RwSignal<Option<T>>,
    /// The last failure; cleared by the next answer.
    pub error: RwSignal<Option<ApiError>>,
    /// A request is under way.
    pub loading: RwSignal<bool>,
    /// After a 429: the seconds until the request is made again.
    pub retry_in: RwSignal<Option<u32>>,
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
/// (and aborts) an older one, and a 429 is waited out and asked again, as long as it is
/// the view's latest request.
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
        retry_in: RwSignal::new(None),
        attempt: RwSignal::new(0),
    };
    let slot = view_slot();
    let fetch = Rc::new(fetch);
    let request = move |key: K| {
        let config = app.config_untracked();
        let first = fetch(config.clone(), key.clone());
        let again = {
            let fetch = Rc::clone(&fetch);
            move || fetch(config.clone(), key.clone())
        };
        let waiting = move |left| {
            let _ = remote.retry_in.try_set(left);
        };
        let ticket = slot.begin();
        remote.loading.set(true);
        remote.retry_in.set(None);
        spawn_local(async move {
            match ticket.run(client::retrying(first, again, waiting)).await {
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

/// What a view says while it waits after a 429: `3 秒后重试`.
pub fn retry_text(seconds: u32, locale: Locale) -> String {
    match locale {
        Locale::ZhCn => format!("{seconds} 秒后重试"),
        Locale::En => format!("Retrying in {seconds} s"),
    }
}

/// Where a view's data will be, while it is on its way: "Loading…", or after a 429 the
/// seconds until it is asked for again.
#[component]
pub fn Loading<T: Send + Sync + 'static>(remote: Remote<T>) -> impl IntoView {
    let app = use_app();
    let text = move || {
        let locale = app.locale();
        match remote.retry_in.get() {
            Some(seconds) => retry_text(seconds, locale),
            None => locale.pick("加载中…", "Loading…").to_string(),
        }
    };
    view! { <p class="tc-hint tc-loading" role="status">{text}</p> }
}

/// The thin bar at the top of a view while a newer answer is on its way; after a 429, the
/// seconds until it is asked for again when the view shows older data or an error (with
/// neither, [`Loading`] says it).
#[component]
pub fn LoadingBar<T: Send + Sync + 'static>(remote: Remote<T>) -> impl IntoView {
    let app = use_app();
    let retrying_over_something = move || {
        let seconds = remote.retry_in.get()?;
        let shown = remote.data.with(Option::is_some) || remote.error.with(Option::is_some);
        shown.then_some(seconds)
    };
    view! {
        <div class="tc-loading-bar" class:tc-active=move || remote.loading.get() aria-hidden="true"></div>
        {move || retrying_over_something().map(|seconds| view! {
            <p class="tc-hint tc-retrying" role="status">{retry_text(seconds, app.locale())}</p>
        })}
    }
}
