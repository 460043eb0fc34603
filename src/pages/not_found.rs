//! Any path the console does not know.

use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn NotFound() -> impl IntoView {
    let app = use_app();
    let path = use_location().pathname;
    view! {
        <section class="tc-page tc-not-found">
            <h1>{app.t("页面不存在", "Page not found")}</h1>
            <p>
                {app.t("没有这个地址：", "There is no page at ")}
                <code>{move || path.get()}</code>
            </p>
            <a href=app.href("/jobs")>{app.t("返回任务列表", "Back to the jobs")}</a>
        </section>
    }
}
