//! The shell: configuration loading, router, layout and the routes.

use crate::boot::{load_config, BootOptions};
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::config_error::ConfigErrorScreen;
use crate::config::{Layer, Resolved};
use crate::i18n::Locale;
use crate::pages::{
    call::CallPage, calls::CallsPage, job::JobPage, jobs::JobsPage, leads::LeadsPage,
    not_found::NotFound, overview::OverviewPage, settings::SettingsPage,
};
use crate::state::{use_app, AppState};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
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
    app.listen_to_answers();
    provide_context(app);
    let language = Memo::new(move |_| app.locale_tracked());
    // Everything below renders again in the new language when it changes (the URL keeps
    // the page's state), so pages read the language untracked.
    move || {
        view! {
            <div class="tc-shell" lang=language.get().code()>
                <Router base=base.clone()>
                    <Header/>
                    <Breadcrumbs/>
                    <main class="tc-main">
                        <Routes fallback=|| view! { <NotFound/> }>
                            <Route path=path!("/") view=|| view! { <Redirect path="/overview"/> }/>
                            <Route path=path!("/overview") view=OverviewPage/>
                            <Route path=path!("/jobs") view=JobsPage/>
                            <Route path=path!("/leads") view=LeadsPage/>
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
}

#[component]
fn Header() -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
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
    let signed_in = move || {
        app.session.with(|session| {
            let (name, role) = session.signed_in()?;
            Some((name.to_string(), role))
        })
    };
    let new_leads_title = app.t("上次查看以来的新意向客户", "New since your last visit");
    // Plain links (the router turns their clicks into client-side navigations); the
    // current section is marked by hand.
    let location = leptos_router::hooks::use_location();
    let current = move |section: &'static str| {
        let path = location.pathname.get();
        let route = path.strip_prefix(app.base_path().as_str()).unwrap_or(&path);
        let first = route
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or("");
        (first == section).then_some("page")
    };
    view! {
        <header class="tc-header">
            <a href=app.href("/overview") class="tc-brand">{app.t("探意外呼控制台", "Tanyi Console")}</a>
            <nav class="tc-nav">
                <a href=app.href("/overview") aria-current=move || current("overview")>{app.t("总览", "Overview")}</a>
                <a href=app.href("/jobs") aria-current=move || current("jobs")>{app.t("任务", "Jobs")}</a>
                <a href=app.href("/leads") class="tc-nav-leads" aria-current=move || current("leads")>
                    {app.t("意向客户", "Leads")}
                    {move || app.new_leads.get().filter(|n| *n > 0).map(|n| view! {
                        <span class="tc-badge tc-new tc-new-leads" title=new_leads_title>{n}</span>
                    })}
                </a>
                <a href=app.href("/settings") aria-current=move || current("settings")>{app.t("设置", "Settings")}</a>
            </nav>
            <span class="tc-api" title=app.t("正在使用的 API 地址", "API address in use")>
                "API: " <code class="tc-api-url">{api_address}</code>
            </span>
            {move || signed_in().map(|(name, role)| view! {
                <span class="tc-operator" title=app.t("当前登录的操作员", "Signed in as")>
                    <span class="tc-operator-name">{name}</span>
                    <span class="tc-operator-role">{role.label(locale)}</span>
                </span>
            })}
            <button type="button" class="tc-lang" on:click=switch_language>
                {app.t("English", "中文")}
            </button>
        </header>
    }
}
