//! `/jobs/:id` (placeholder until the pages are built).

use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn JobPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    view! {
        <section class="tc-page tc-job">
            <h1>{move || app.t("任务", "Job")} " #" {id}</h1>
        </section>
    }
}
