//! `/calls/:id` (placeholder until the pages are built).

use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CallPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    view! {
        <section class="tc-page tc-call">
            <h1>{move || app.t("通话", "Call")} " #" {id}</h1>
        </section>
    }
}
