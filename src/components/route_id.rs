//! Pages whose address names a job or a call (`/jobs/:id`, `/calls/:id`): the id from the
//! address, or the screen that says it is not a valid id.

use crate::pages::parse_id;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// What the id in the address names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdOf {
    Job,
    Call,
}

/// The page of the id in the address: `children` with the id (which follows the address
/// from one valid id to another); or, when the address holds no positive whole number, the
/// page's `title` and what is wrong.
#[component]
pub fn RouteId<ChFn, V>(
    /// The page's heading.
    title: &'static str,
    /// What the id names.
    of: IdOf,
    /// The page of a valid id.
    children: ChFn,
) -> impl IntoView
where
    ChFn: Fn(Signal<i64>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let app = use_app();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| parse_id(p.get("id").as_deref())));
    let valid = Memo::new(move |_| id.get().is_some());
    let (zh, en) = match of {
        IdOf::Job => (
            "地址中的任务 ID 无效，应为正整数。",
            "The job id in the address is not valid: it must be a positive whole number.",
        ),
        IdOf::Call => (
            "地址中的通话 ID 无效，应为正整数。",
            "The call id in the address is not valid: it must be a positive whole number.",
        ),
    };
    let problem = app.t(zh, en);
    move || {
        if valid.get() {
            children(Signal::derive(move || id.get().unwrap_or_default())).into_any()
        } else {
            view! {
                <h1>{title}</h1>
                <p class="tc-error tc-bad-id" role="alert">{problem}</p>
            }
            .into_any()
        }
    }
}
