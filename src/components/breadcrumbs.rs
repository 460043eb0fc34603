//! The trail under the header: where the user is, each step a link back.

use crate::i18n::Locale;
use crate::pages::routes;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// One step of the trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Crumb {
    Overview,
    Leads,
    Jobs,
    Job(String),
    Calls(String),
    Call(String),
    Settings,
}

impl Crumb {
    pub fn label(&self, locale: Locale) -> String {
        match self {
            Crumb::Overview => locale.pick("总览", "Overview").to_string(),
            Crumb::Leads => locale.pick("意向客户", "Leads").to_string(),
            Crumb::Jobs => locale.pick("任务列表", "Jobs").to_string(),
            Crumb::Job(id) => format!("{} #{id}", locale.pick("任务", "Job")),
            Crumb::Calls(_) => locale.pick("通话记录", "Calls").to_string(),
            Crumb::Call(id) => format!("{} #{id}", locale.pick("通话", "Call")),
            Crumb::Settings => locale.pick("设置", "Settings").to_string(),
        }
    }

    /// The route path of the step (the router adds its base).
    pub fn href(&self) -> String {
        match self {
            Crumb::Overview => "/overview".into(),
            Crumb::Leads => routes::leads(""),
            Crumb::Jobs => "/jobs".into(),
            Crumb::Job(id) => routes::job(id),
            Crumb::Calls(id) => routes::job_calls(id, ""),
            Crumb::Call(id) => format!("/calls/{id}"),
            Crumb::Settings => "/settings".into(),
        }
    }
}

/// The trail for a route path (without the router base). Unknown paths have none. A call
/// leads back through its job when `call_job` (call id, job id) says which job that is.
pub fn trail(path: &str, call_job: Option<(i64, i64)>) -> Vec<Crumb> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        ["overview"] => vec![Crumb::Overview],
        ["leads"] => vec![Crumb::Leads],
        ["jobs"] => vec![Crumb::Jobs],
        ["jobs", id] => vec![Crumb::Jobs, Crumb::Job(id.to_string())],
        ["jobs", id, "calls"] => vec![
            Crumb::Jobs,
            Crumb::Job(id.to_string()),
            Crumb::Calls(id.to_string()),
        ],
        ["calls", id] => match call_job.filter(|(call, _)| call.to_string() == *id) {
            Some((_, job)) => vec![
                Crumb::Jobs,
                Crumb::Job(job.to_string()),
                Crumb::Calls(job.to_string()),
                Crumb::Call(id.to_string()),
            ],
            None => vec![Crumb::Jobs, Crumb::Call(id.to_string())],
        },
        ["settings"] => vec![Crumb::Settings],
        _ => Vec::new(),
    }
}

#[component]
pub fn Breadcrumbs() -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let location = use_location();
    let crumbs = move || {
        let path = location.pathname.get();
        let route = path
            .strip_prefix(app.base_path().as_str())
            .unwrap_or(&path)
            .to_string();
        trail(&route, app.call_job.get())
    };
    view! {
        <nav class="tc-breadcrumbs" aria-label="breadcrumbs">
            {move || {
                let steps = crumbs();
                let last = steps.len().saturating_sub(1);
                steps
                    .into_iter()
                    .enumerate()
                    .map(|(i, crumb)| {
                        let label = crumb.label(locale);
                        if i == last {
                            view! { <span class="tc-crumb tc-crumb-current">{label}</span> }.into_any()
                        } else {
                            view! {
                                <span class="tc-crumb">
                                    <a href=app.href(&crumb.href())>{label}</a>
                                    <span class="tc-crumb-sep">" › "</span>
                                </span>
                            }
                                .into_any()
                        }
                    })
                    .collect_view()
            }}
        </nav>
    }
}
