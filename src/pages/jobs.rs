//! `/jobs` (placeholder until the pages are built).

use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn JobsPage() -> impl IntoView {
    let app = use_app();
    view! {
        <section class="tc-page tc-jobs">
            <h1>{move || app.t("任务列表", "Jobs")}</h1>
        </section>
    }
}
