//! The leads list's filters: intent levels, results, the date range (with presets) and the
//! jobs (a picker with search). Each change goes to the URL, back on page 1.

use crate::api::enums::{CallResult, IntentLevel};
use crate::api::time::{date_text, parse_date};
use crate::api::CallFilter;
use crate::components::call_filters::{
    preset_key, today, toggled, ChipGroup, DatePreset, FilterFold,
};
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
    let locale = app.locale();
    let set_date = move |from: bool, text: String| {
        if let Some(date) = parse_date(&text) {
            apply(query, on_change, |q| {
                if from {
                    q.from = date;
                } else {
                    q.to = date;
                }
                if q.from > q.to {
                    (q.from, q.to) = (q.to, q.from);
                }
            });
        }
    };
    // How many filters differ from the defaults (the folded filters' button says it).
    let on = Signal::derive(move || {
        let (now, defaults) = (query.get(), LeadsQuery::new(today()));
        [
            now.intents != defaults.intents,
            now.results != defaults.results,
            (now.from, now.to) != (defaults.from, defaults.to),
            !now.jobs.is_empty(),
        ]
        .into_iter()
        .filter(|differs| *differs)
        .count()
    });
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
            <div class="tc-filter-row tc-date-range">
                <label class="tc-filter">
                    <span class="tc-filter-label">{CallFilter::From.label(locale)}</span>
                    <input type="date" class="tc-input tc-filter-from" prop:value=move || date_text(query.get().from)
                        on:change=move |ev| set_date(true, event_target_value(&ev))/>
                </label>
                <label class="tc-filter">
                    <span class="tc-filter-label">{CallFilter::To.label(locale)}</span>
                    <input type="date" class="tc-input tc-filter-to" prop:value=move || date_text(query.get().to)
                        on:change=move |ev| set_date(false, event_target_value(&ev))/>
                </label>
                <span class="tc-date-presets">
                    {DatePreset::ALL.into_iter().map(|preset| {
                        let active = move || query.with(|q| DatePreset::matching(Some(q.from), Some(q.to), today()) == Some(preset));
                        view! {
                            <button type="button" class=format!("tc-filter-chip tc-preset tc-preset-{}", preset_key(preset))
                                class:tc-on=active
                                on:click=move |_| {
                                    let (from, to) = preset.range(today());
                                    apply(query, on_change, |q| { q.from = from; q.to = to; });
                                }>
                                {preset.label(locale)}
                            </button>
                        }
                    }).collect_view()}
                </span>
            </div>
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
