//! `/jobs/:id/calls` (placeholder until the pages are built).

use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CallsPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    view! {
        <section class="tc-page tc-calls">
            <h1>{move || app.t("通话记录", "Calls")} " #" {id}</h1>
        </section>
    }
}
