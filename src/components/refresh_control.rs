//! A live view's refresh control: when its figures arrived ("更新于 hh:mm:ss", the browser's
//! local time) and a button that refreshes at once.

use crate::i18n::Locale;
use crate::state::use_app;
use chrono::{DateTime, Local, Timelike};
use leptos::prelude::*;

/// "更新于 14:03:27" / "Updated at 14:03:27".
pub fn updated_text(at: DateTime<Local>, locale: Locale) -> String {
    let time = format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second());
    match locale {
        Locale::ZhCn => format!("更新于 {time}"),
        Locale::En => format!("Updated at {time}"),
    }
}

/// When the data on screen arrived, and "立即刷新 · Refresh now".
#[component]
pub fn RefreshControl(
    /// When the figures on screen arrived (`None`: not yet).
    #[prop(into)]
    updated_at: Signal<Option<DateTime<Local>>>,
    /// Refreshes at once.
    on_refresh: Callback<()>,
    /// Whether a refresh is on its way (the button waits).
    #[prop(optional, into)]
    loading: Signal<bool>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    view! {
        <div class="tc-refresh" role="status">
            <span class="tc-updated-at">
                {move || updated_at.get().map(|at| updated_text(at, locale)).unwrap_or_default()}
            </span>
            <button type="button" class="tc-button tc-refresh-now" aria-busy=move || loading.get().to_string()
                on:click=move |_| on_refresh.run(())>
                {app.t("立即刷新", "Refresh now")}
            </button>
        </div>
    }
}
