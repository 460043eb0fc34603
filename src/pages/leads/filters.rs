//! The leads list's filters: intent levels, results, the date range (with presets) and the
//! jobs (a picker with search). Each change goes to the URL, back on page 1.

use crate::api::enums::{CallResult, IntentLevel};
use crate::api::CallFilter;
use crate::components::call_filters::{today, toggled, ChipGroup, DateRange, FilterFold, Range};
use crate::components::transcript;
use crate::leads::load::JobName;
use crate::leads::LeadsQuery;
use crate::state::use_app;
use leptos::prelude::*;

/// Applies an edit to the query shown, back on page 1.
fn apply(
    query: Memo<LeadsQuery>,
    on_change: Callback<LeadsQuery>,
    edit: impl FnOnce(&mut LeadsQuery),
) {
    let mut next = query.get_untracked();
    edit(&mut next);
    next.page = 1;
    on_change.run(next);
}

#[component]
pub fn LeadsFilters(
    query: Memo<LeadsQuery>,
    on_change: Callback<LeadsQuery>,
    /// Every job that has made calls, as the picker offers them.
    #[prop(into)]
    candidates: Signal<Vec<JobName>>,
) -> impl IntoView {
    let app = use_app();
    // How many filters differ from the defaults (the folded filters' button says it).
    let on = Signal::derive(move || query.with(|q| q.changed_filters(today())));
    view! {
        <FilterFold controls="tc-leads-filters" count=on>
        <form class="tc-leads-filters tc-card" id="tc-leads-filters" on:submit=|ev| ev.prevent_default()>
            <ChipGroup class="tc-filter-intents" title=CallFilter::Intents options=IntentLevel::ALL
                chosen=Signal::derive(move || query.get().intents)
                on_toggle=Callback::new(move |value: IntentLevel| {
                    apply(query, on_change, |q| q.intents = toggled(&q.intents, &value))
                })/>
            <ChipGroup class="tc-filter-results" title=CallFilter::Results options=CallResult::ALL
                chosen=Signal::derive(move || query.get().results)
                on_toggle=Callback::new(move |value: CallResult| {
                    apply(query, on_change, |q| q.results = toggled(&q.results, &value))
                })/>
            <p class="tc-hint tc-filter-any">{app.t("一个都不选即为不限。", "None chosen means any.")}</p>
            <DateRange range=Signal::derive(move || query.with(|q| (Some(q.from), Some(q.to))))
                on_range=Callback::new(move |range: Range| {
                    // The leads always have a range: a cleared box changes nothing.
                    if let (Some(from), Some(to)) = range {
                        apply(query, on_change, |q| (q.from, q.to) = (from.min(to), from.max(to)));
                    }
                })/>
            <JobPicker query on_change candidates/>
        </form>
        </FilterFold>
    }
}

/// The jobs read: all of them, or those ticked; a search box narrows the list shown.
#[component]
fn JobPicker(
    query: Memo<LeadsQuery>,
    on_change: Callback<LeadsQuery>,
    candidates: Signal<Vec<JobName>>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let search = RwSignal::new(String::new());
    let summary = move || {
        let chosen = query.with(|q| q.jobs.len());
        match (chosen, locale) {
            (0, crate::i18n::Locale::ZhCn) => "全部任务".to_string(),
            (0, crate::i18n::Locale::En) => "All jobs".to_string(),
            (n, crate::i18n::Locale::ZhCn) => format!("已选 {n} 个任务"),
            (n, crate::i18n::Locale::En) => format!("{n} jobs chosen"),
        }
    };
    let shown = move || {
        let words = search.get().trim().to_string();
        candidates.with(|jobs| {
            jobs.iter()
                .filter(|(id, name)| {
                    words.is_empty()
                        || id.to_string().contains(&words)
                        || name
                            .as_deref()
                            .is_some_and(|n| transcript::finds(n, &words))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <details class="tc-job-picker">
            <summary class="tc-filter-chip">{app.t("任务", "Jobs")} ": " {summary}</summary>
            <div class="tc-job-picker-body">
                <input type="search" class="tc-input tc-job-search" placeholder=app.t("按名称或 ID 查找任务", "Find a job by name or id")
                    prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                <button type="button" class="tc-link-button tc-jobs-all"
                    on:click=move |_| apply(query, on_change, |q| q.jobs.clear())>
                    {app.t("全部任务", "All jobs")}
                </button>
                <ul class="tc-job-options">
                    {move || shown().into_iter().map(|(id, name)| {
                        let checked = move || query.with(|q| q.jobs.contains(&id));
                        let label = name.as_deref().map_or_else(|| format!("#{id}"), |n| format!("{n} (#{id})"));
                        view! {
                            <li>
                                <label>
                                    <input type="checkbox" class="tc-job-option" value=id.to_string() prop:checked=checked
                                        on:change=move |_| apply(query, on_change, |q| q.jobs = toggled(&q.jobs, &id))/>
                                    " " {label}
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        </details>
    }
}
