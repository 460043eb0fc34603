//! A failed request, as the user sees it: what happened, what to do, the API's own message
//! and request id (what support asks for), and a retry button; or, when nobody is signed
//! in, the sign-in screen.

use crate::api::ApiError;
use crate::components::sign_in::SignInPanel;
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn ErrorPanel(error: ApiError, retry: Callback<()>) -> impl IntoView {
    if let ApiError::SignIn { url, .. } = error {
        return view! { <SignInPanel url retry/> }.into_any();
    }
    let app = use_app();
    let code = error
        .code()
        .map(|c| c.to_string())
        .or_else(|| error.http_status().map(|s| format!("HTTP {s}")));
    let request_id = error.request_id().map(str::to_string);
    view! {
        <section class="tc-error" role="alert">
            <p class="tc-error-message">{error.message(app.locale())}</p>
            <dl class="tc-error-facts">
                {code.map(|code| view! {
                    <dt>{app.t("错误码", "Code")}</dt>
                    <dd class="tc-error-code">{code}</dd>
                })}
                {request_id.map(|id| view! {
                    <dt>{app.t("请求 ID", "Request ID")}</dt>
                    <dd><code class="tc-request-id">{id}</code></dd>
                })}
            </dl>
            <button type="button" class="tc-button tc-retry" on:click=move |_| retry.run(())>
                {app.t("重试", "Retry")}
            </button>
        </section>
    }
    .into_any()
}
