//! `/jobs`: the call jobs, searchable by name and status, page by page. All state is in
//! the URL, so reload, back and forward show exactly the same list.

use crate::api::enums::JobStatus;
use crate::api::{client, JobQuery, JobSummary, Page};
use crate::components::badge::job_status_badge;
use crate::components::debounced_input::DebouncedInput;
use crate::components::pagination::{PageSizeSelect, Pagination};
use crate::components::progress::JobProgress;
use crate::components::remote_view::RemoteView;
use crate::components::row_link::open_row;
use crate::format;
use crate::hooks::use_remote;
use crate::pages::routes;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

#[component]
pub fn JobsPage() -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let location = use_location();
    let query = Memo::new(move |_| {
        JobQuery::from_url(&location.search.get(), app.config_untracked().page_size)
    });
    let navigate = use_navigate();
    // Filter changes add history entries, so back and forward walk through them.
    let show = move |next: JobQuery| {
        let url = next.to_url(app.config_untracked().page_size);
        let path = if url.is_empty() {
            "/jobs".to_string()
        } else {
            format!("/jobs?{url}")
        };
        navigate(
            &path,
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };
    let change = Callback::new(move |(edit, value): (fn(&mut JobQuery, String), String)| {
        let mut next = query.get_untracked();
        edit(&mut next, value);
        show(next);
    });
    let change = move |edit: fn(&mut JobQuery, String), value: String| change.run((edit, value));
    let jobs = use_remote(
        move || query.get(),
        |config, query| {
            let page = client::get_jobs(&config, &query);
            async move { Ok((query, page.await?)) }
        },
    );

    view! {
        <section class="tc-page tc-jobs">
            <h1>{app.t("任务列表", "Jobs")}</h1>
            <div class="tc-toolbar">
                <DebouncedInput class="tc-job-name" value=Signal::derive(move || query.get().name)
                    placeholder=app.t("按任务名称搜索", "Search by job name")
                    on_change=Callback::new(move |name| change(|q, v| { q.name = v; q.page = 1; }, name))/>
                <select class="tc-select tc-job-status" aria-label=app.t("任务状态", "Status")
                    on:change=move |ev| change(|q, v| { q.status = JobStatus::known(&v); q.page = 1; }, event_target_value(&ev))>
                    <option value="" selected=move || query.get().status.is_none()>{app.t("全部状态", "All statuses")}</option>
                    {JobStatus::ALL.iter().map(|status| {
                        let code = status.code().to_string();
                        let selected = { let code = code.clone(); move || query.get().status.as_ref().map(|s| s.code()) == Some(code.as_str()) };
                        view! { <option value=code selected=selected>{status.label(locale).into_owned()}</option> }
                    }).collect_view()}
                </select>
                <PageSizeSelect current=Signal::derive(move || query.get().page_size)
                    on_change=Callback::new(move |size: u32| change(|q, v| { q.page_size = v.parse().unwrap_or(q.page_size); q.page = 1; }, size.to_string()))/>
            </div>
            <RemoteView remote=jobs let:answer>
                {
                    let (asked, page) = &*answer;
                    view! {
                        <JobsTable page=page.clone()/>
                        <Pagination
                            current=Signal::stored(asked.page)
                            total_pages=Signal::stored(page.page_count(asked.page_size))
                            total_rows=Signal::stored(page.total_rows())
                            on_page=Callback::new(move |p: u32| change(|q, v| q.page = v.parse().unwrap_or(1), p.to_string()))/>
                    }
                }
            </RemoteView>
        </section>
    }
}

#[component]
fn JobsTable(page: Page<JobSummary>) -> impl IntoView {
    let app = use_app();
    if page.items.is_empty() {
        return view! { <p class="tc-empty">{app.t("没有符合条件的任务", "No jobs match")}</p> }
            .into_any();
    }
    let rows = page
        .items
        .into_iter()
        .map(|job| view! { <JobRow job/> })
        .collect_view();
    let titles = column_titles(app);
    view! {
        <table class="tc-table tc-jobs-table">
            <thead><tr>{titles.map(|title| view! { <th>{title}</th> }).collect_view()}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// The columns' titles; each cell also carries its own (`data-label`), which narrow screens
/// show beside the value when a row becomes a card.
fn column_titles(app: crate::state::AppState) -> [&'static str; 6] {
    [
        app.t("任务名称", "Name"),
        app.t("状态", "Status"),
        app.t("进度", "Progress"),
        app.t("创建时间", "Created"),
        app.t("创建人", "Creator"),
        app.t("组织", "Organisation"),
    ]
}

#[component]
fn JobRow(job: JobSummary) -> impl IntoView {
    let app = use_app();
    let [_, status, progress, created, creator, organisation] = column_titles(app);
    let locale = app.locale();
    let route = job.id.map(routes::job);
    let name = job
        .name
        .clone()
        .unwrap_or_else(|| format::MISSING.to_string());
    let href = route.as_deref().map(|r| app.href(r));
    let open = open_row(route, || {});
    view! {
        <tr class="tc-row-link" data-job-id=job.id.map(|id| id.to_string()) on:click=open>
            <td class="tc-job-name-cell">
                {match href {
                    Some(href) => view! { <a href=href>{name}</a> }.into_any(),
                    None => view! { <span>{name}</span> }.into_any(),
                }}
            </td>
            <td class="tc-status" data-label=status>{job_status_badge(job.status.as_ref(), locale)}</td>
            <td class="tc-progress-cell" data-label=progress>
                <JobProgress completed=job.completed_task total=job.task_call_total/>
            </td>
            <td class="tc-created" data-label=created>{format::date_time(job.creation_time.as_ref())}</td>
            <td class="tc-creator" data-label=creator>{job.created_by_user_name.unwrap_or_else(|| format::MISSING.into())}</td>
            <td class="tc-organisation" data-label=organisation>{job.organization_name.unwrap_or_else(|| format::MISSING.into())}</td>
        </tr>
    }
}
