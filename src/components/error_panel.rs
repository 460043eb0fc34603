//! A failed request, as the user sees it: what happened, what to do, the API's own message
//! and request id (what support asks for), and a retry button.

use crate::api::ApiError;
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn ErrorPanel(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let app = use_app();
    let code = error
        .code()
        .map(|c| c.to_string())
        .or_else(|| error.http_status().map(|s| format!("HTTP {s}")));
    let request_id = error.request_id().map(str::to_string);
    view! {
        <section class="tc-error" role="alert">
            {move || {
                let locale = app.locale();
                view! {
            <p class="tc-error-message">{error.message(locale)}</p>
            <dl class="tc-error-facts">
                {code.clone().map(|code| view! {
                    <dt>{locale.pick("错误码", "Code")}</dt>
                    <dd class="tc-error-code">{code}</dd>
                })}
                {request_id.clone().map(|id| view! {
                    <dt>{locale.pick("请求 ID", "Request ID")}</dt>
                    <dd><code class="tc-request-id">{id}</code></dd>
                })}
            </dl>
            <button type="button" class="tc-button tc-retry" on:click=move |_| retry.run(())>
                {locale.pick("重试", "Retry")}
            </button>
                }
            }}
        </section>
    }
}

/// The thin bar at the top of a view while a newer answer is on its way.
#[component]
pub fn LoadingBar(#[prop(into)] loading: Signal<bool>) -> impl IntoView {
    view! { <div class="tc-loading-bar" class:tc-active=move || loading.get() aria-hidden="true"></div> }
}
