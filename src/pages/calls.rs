//! `/jobs/:id/calls`: a job's calls, filtered and paged. The URL query is the one source of
//! truth: the filters rewrite it (replacing the history entry), the fetch follows it, so
//! reload, back and forward show exactly what was shown.

use crate::api::{client, CallQuery};
use crate::components::call_export::CallExport;
use crate::components::call_filters::CallFilters;
use crate::components::call_nav::{save_call_list, CallList};
use crate::components::call_table::CallTable;
use crate::components::pagination::{PageSizeSelect, Pagination};
use crate::components::remote_view::RemoteView;
use crate::components::route_id::{IdOf, RouteId};
use crate::hooks::{use_remote, RemoteData};
use crate::i18n::Locale;
use crate::pages::routes;
use crate::perf;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

#[component]
pub fn CallsPage() -> impl IntoView {
    let app = use_app();
    view! {
        <section class="tc-page tc-calls">
            <RouteId title=app.t("通话记录", "Calls") of=IdOf::Job let:job_id>
                {move || view! { <CallsView job_id=job_id.get()/> }}
            </RouteId>
        </section>
    }
}

#[component]
fn CallsView(job_id: i64) -> impl IntoView {
    let app = use_app();
    let location = use_location();
    let own_path = routes::job_calls(job_id, "");
    let query = Memo::new(move |previous: Option<&CallQuery>| {
        // While the router leaves for another page, keep the last query: no stray request.
        let here = location
            .pathname
            .with(|p| p.trim_end_matches('/').ends_with(&own_path));
        match previous {
            Some(previous) if !here => previous.clone(),
            _ => {
                let mut query =
                    CallQuery::from_url(&location.search.get(), app.config_untracked().page_size);
                query.job_id = Some(job_id);
                query
            }
        }
    });
    let navigate = use_navigate();
    let show = Callback::new(move |next: CallQuery| {
        let route = routes::calls_route(job_id, &next, app.config_untracked().page_size);
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&route, options);
    });
    let reset =
        Callback::new(move |_: ()| show.run(CallQuery::new(app.config_untracked().page_size)));
    let calls = use_remote(
        move || query.get(),
        |config, query| {
            let page = client::get_calls(&config, &query);
            async move { Ok((query, page.await?)) }
        },
    );
    // The benchmark's mark (only a build with the feature bench sets it): rows painted.
    perf::mark_when_painted(perf::CALLS_PAINTED, move || {
        calls.with(|d| matches!(d, RemoteData::Loaded(a) if !a.1.items.is_empty()))
    });
    let remember = Callback::new(move |_: ()| {
        calls.with_untracked(|calls| {
            if let Some((asked, page)) = calls.data().map(|answer| &**answer) {
                let default_size = app.config_untracked().page_size;
                save_call_list(&CallList::of(job_id, asked, page, default_size));
            }
        })
    });
    let locale = app.locale();
    let mask = app.config_untracked().mask_phone_numbers;
    let set_page = move |page: u32| {
        let mut next = query.get_untracked();
        next.page = page.max(1);
        show.run(next);
    };

    view! {
        <header class="tc-page-header">
            <h1>{app.t("通话记录", "Calls")}</h1>
            <a href=app.href(&routes::job(job_id)) class="tc-job-link">
                {format!("{} #{job_id}", app.t("任务", "Job"))}
            </a>
        </header>
        <CallFilters query=Signal::from(query) on_change=show on_reset=reset/>
        <div class="tc-toolbar tc-calls-toolbar">
            <span class="tc-calls-total">
                {move || calls.with(|calls| calls.data().and_then(|data| data.1.total)).map(|total| match locale {
                    Locale::ZhCn => format!("共 {total} 条通话"),
                    Locale::En => format!("{total} calls"),
                })}
            </span>
            <PageSizeSelect current=Signal::derive(move || query.get().page_size)
                on_change=Callback::new(move |size: u32| {
                    let mut next = query.get_untracked();
                    next.page_size = size;
                    next.page = 1;
                    show.run(next);
                })/>
            <CallExport query=Signal::from(query)/>
        </div>
        <RemoteView remote=calls let:answer>
            {
                let (asked, page) = &*answer;
                if page.items.is_empty() {
                    let past_the_end = page.total_rows() > 0 && asked.page > 1;
                    view! { <EmptyCalls job_id past_the_end reset first_page=Callback::new(move |_| set_page(1))/> }.into_any()
                } else {
                    view! {
                        <CallTable records=page.items.clone() mask on_open=remember/>
                        <Pagination
                            current=Signal::stored(asked.page)
                            total_pages=Signal::stored(page.page_count(asked.page_size))
                            total_rows=Signal::stored(page.total_rows())
                            on_page=Callback::new(set_page)/>
                    }
                    .into_any()
                }
            }
        </RemoteView>
    }
}

/// No calls to show: nothing matches the filters, or the page is past the end.
#[component]
fn EmptyCalls(
    job_id: i64,
    past_the_end: bool,
    reset: Callback<()>,
    first_page: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    // A real link (it can open in a new tab); a plain click replaces the history entry.
    let reset_href = app.href(&routes::job_calls(job_id, ""));
    view! {
        <div class="tc-empty tc-calls-empty">
            {if past_the_end {
                view! {
                    <p>{app.t("这一页没有通话记录", "There are no calls on this page")}</p>
                    <button type="button" class="tc-link-button tc-first-page" on:click=move |_| first_page.run(())>
                        {app.t("回到第一页", "Go to the first page")}
                    </button>
                }
                .into_any()
            } else {
                view! {
                    <p>{app.t("没有符合条件的通话记录", "No calls match these filters")}</p>
                    <a class="tc-reset-link" href=reset_href.clone() on:click=move |ev| {
                        ev.prevent_default();
                        reset.run(());
                    }>
                        {app.t("清除筛选条件", "Clear the filters")}
                    </a>
                }
                .into_any()
            }}
        </div>
    }
}
