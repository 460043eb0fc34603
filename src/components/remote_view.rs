//! How every page shows data from the API: a thin bar while a request is on its way;
//! "加载中…" (after a 429, the seconds until it asks again) while there is nothing to show;
//! the failure with a retry button; or the page's own view of the data.

use crate::api::ApiError;
use crate::components::error_panel::ErrorPanel;
use crate::hooks::{Remote, RemoteData};
use crate::i18n::Locale;
use crate::state::use_app;
use leptos::prelude::*;
use std::sync::Arc;

/// What a view says while it waits after a 429: `3 秒后重试`.
pub fn retry_text(seconds: u32, locale: Locale) -> String {
    match locale {
        Locale::ZhCn => format!("{seconds} 秒后重试"),
        Locale::En => format!("Retrying in {seconds} s"),
    }
}

/// What takes the view's place: changes only when something else is to be drawn (a bar
/// coming and going over the same data draws nothing again).
enum Shown<T> {
    /// Nothing to show yet; after a 429, the seconds until the request is made again.
    Waiting(Option<u32>),
    Data(Arc<T>),
    Failed(ApiError),
}

impl<T> Shown<T> {
    fn of(state: &RemoteData<T>) -> Shown<T> {
        match state {
            RemoteData::Loaded(data)
            | RemoteData::Loading {
                last: Some(data), ..
            } => Shown::Data(Arc::clone(data)),
            RemoteData::Loading {
                last: None,
                retry_in,
            } => Shown::Waiting(*retry_in),
            RemoteData::Failed(error) => Shown::Failed(error.clone()),
        }
    }
}

impl<T> PartialEq for Shown<T> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Shown::Waiting(a), Shown::Waiting(b)) => a == b,
            (Shown::Data(a), Shown::Data(b)) => Arc::ptr_eq(a, b),
            (Shown::Failed(a), Shown::Failed(b)) => a == b,
            _ => false,
        }
    }
}

impl<T> Clone for Shown<T> {
    fn clone(&self) -> Self {
        match self {
            Shown::Waiting(retry_in) => Shown::Waiting(*retry_in),
            Shown::Data(data) => Shown::Data(Arc::clone(data)),
            Shown::Failed(error) => Shown::Failed(error.clone()),
        }
    }
}

/// The seconds until a request is made again while older data stays on screen.
fn retrying_over_data<T>(state: &RemoteData<T>) -> Option<u32> {
    match state {
        RemoteData::Loading {
            last: Some(_),
            retry_in,
        } => *retry_in,
        _ => None,
    }
}

/// A view of data from [`crate::hooks::use_remote`]: the loading bar, then the
/// waiting text, the error with a retry button, or `children` with the data.
#[component]
pub fn RemoteView<T, ChFn, V>(
    /// The view's data.
    remote: Remote<T>,
    /// The view's heading while it has no data to show (the data's view has its own).
    #[prop(optional, into)]
    title: Option<Signal<String>>,
    /// The view of the data.
    children: ChFn,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    ChFn: Fn(Arc<T>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let app = use_app();
    let locale = app.locale();
    let shown = Memo::new(move |_| remote.with(Shown::of));
    let retry = Callback::new(move |_: ()| remote.retry());
    view! {
        <div class="tc-loading-bar" class:tc-active=move || remote.with(RemoteData::is_loading)
            aria-hidden="true"></div>
        {move || remote.with(retrying_over_data).map(|seconds| view! {
            <p class="tc-hint tc-retrying" role="status">{retry_text(seconds, locale)}</p>
        })}
        {move || {
            let title = title.map(|title| view! { <h1>{move || title.get()}</h1> });
            match shown.get() {
                Shown::Data(data) => children(data).into_any(),
                Shown::Waiting(retry_in) => {
                    let text = match retry_in {
                        Some(seconds) => retry_text(seconds, locale),
                        None => app.t("加载中…", "Loading…").to_string(),
                    };
                    view! { {title} <p class="tc-hint tc-loading" role="status">{text}</p> }.into_any()
                }
                Shown::Failed(error) => view! { {title} <ErrorPanel error retry/> }.into_any(),
            }
        }}
    }
}
