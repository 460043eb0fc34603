//! The shell: configuration loading, router, layout and the routes.

use crate::boot::{load_config, BootOptions};
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::config_error::ConfigErrorScreen;
use crate::config::{Layer, Resolved};
use crate::i18n::Locale;
use crate::pages::{
    call::CallPage, calls::CallsPage, job::JobPage, jobs::JobsPage, not_found::NotFound,
    settings::SettingsPage,
};
use crate::state::{use_app, AppState};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes, A};
use leptos_router::path;

/// The whole console. Loads the configuration first; nothing else runs without one.
#[component]
pub fn App(options: BootOptions) -> impl IntoView {
    let config_url = options.config_url.clone();
    let attempt = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        attempt.track();
        load_config(config_url.clone())
    });
    let base = options.base_path.clone();
    view! {
        <div class="tanyi-console">
            {move || match loaded.get() {
                None => view! { <p class="tc-booting">"加载配置… · Loading configuration…"</p> }.into_any(),
                Some(Ok(resolved)) => view! { <Shell resolved base=base.clone()/> }.into_any(),
                Some(Err(error)) => {
                    let retry = Callback::new(move |_| attempt.update(|n| *n += 1));
                    view! { <ConfigErrorScreen error retry/> }.into_any()
                }
            }}
        </div>
    }
}

/// The console once configured: header, breadcrumbs, the page of the route.
#[component]
fn Shell(resolved: Resolved, base: String) -> impl IntoView {
    let app = AppState::new(resolved, base.clone());
    provide_context(app);
    let lang = move || app.locale().code();
    view! {
        <div class="tc-shell" lang=lang>
            <Router base=base>
                <Header/>
                <Breadcrumbs/>
                <main class="tc-main">
                    <Routes fallback=|| view! { <NotFound/> }>
                        <Route path=path!("/") view=|| view! { <Redirect path="/jobs"/> }/>
                        <Route path=path!("/jobs") view=JobsPage/>
                        <Route path=path!("/jobs/:id") view=JobPage/>
                        <Route path=path!("/jobs/:id/calls") view=CallsPage/>
                        <Route path=path!("/calls/:id") view=CallPage/>
                        <Route path=path!("/settings") view=SettingsPage/>
                    </Routes>
                </main>
            </Router>
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let app = use_app();
    let api_address = move || {
        let url = app.config().api_base_url;
        if url.is_empty() {
            app.t("同源", "same origin").to_string()
        } else {
            url
        }
    };
    let switch_language = move |_| {
        let mut overrides: Layer = app.resolved.with_untracked(|r| r.overrides.clone());
        let next = match app.resolved.with_untracked(|r| r.config.locale) {
            Locale::ZhCn => Locale::En,
            Locale::En => Locale::ZhCn,
        };
        overrides.locale = Some(next);
        app.set_overrides(overrides);
    };
    view! {
        <header class="tc-header">
            <A href=app.href("/jobs") attr:class="tc-brand">{move || app.t("探意外呼控制台", "Tanyi Console")}</A>
            <nav class="tc-nav">
                <A href=app.href("/jobs")>{move || app.t("任务", "Jobs")}</A>
                <A href=app.href("/settings")>{move || app.t("设置", "Settings")}</A>
            </nav>
            <span class="tc-api" title=move || app.t("正在使用的 API 地址", "API address in use")>
                "API: " <code class="tc-api-url">{api_address}</code>
            </span>
            <button type="button" class="tc-lang" on:click=switch_language>
                {move || app.t("English", "中文")}
            </button>
        </header>
    }
}
