//! The filter form of a job's calls. Each field maps to one key of the URL query (and so to
//! one field of the request body); a change applies at once, typed text once typing pauses.

use crate::api::enums::{CallResult, FollowStatus, HangupSide, IntentLevel, ReadStatus};
use crate::api::time::{date_text, parse_date};
use crate::api::{CallFilter, CallQuery};
use crate::components::debounced_input::DebouncedInput;
use crate::i18n::Locale;
use crate::state::use_app;
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;

/// A ready-made range of creation dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePreset {
    Today,
    Yesterday,
    Last7Days,
    ThisMonth,
}

impl DatePreset {
    pub const ALL: [DatePreset; 4] = [
        DatePreset::Today,
        DatePreset::Yesterday,
        DatePreset::Last7Days,
        DatePreset::ThisMonth,
    ];

    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            DatePreset::Today => locale.pick("今天", "Today"),
            DatePreset::Yesterday => locale.pick("昨天", "Yesterday"),
            DatePreset::Last7Days => locale.pick("近 7 天", "Last 7 days"),
            DatePreset::ThisMonth => locale.pick("本月", "This month"),
        }
    }

    /// The first and last day (both included) as seen on `today`.
    pub fn range(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            DatePreset::Today => (today, today),
            DatePreset::Yesterday => {
                let day = today - Duration::days(1);
                (day, day)
            }
            DatePreset::Last7Days => (today - Duration::days(6), today),
            DatePreset::ThisMonth => (today.with_day(1).unwrap_or(today), today),
        }
    }

    /// The preset a date range is, if any.
    pub fn matching(
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Option<DatePreset> {
        let (from, to) = (from?, to?);
        // "Today" and "this month" are the same range on the 1st: name it "today".
        DatePreset::ALL
            .into_iter()
            .find(|preset| preset.range(today) == (from, to))
    }
}

/// The user's today (local time).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// `list` with `value` added, or removed if it was there (order kept).
pub fn toggled<T: PartialEq + Clone>(list: &[T], value: &T) -> Vec<T> {
    if list.contains(value) {
        list.iter().filter(|v| *v != value).cloned().collect()
    } else {
        let mut out = list.to_vec();
        out.push(value.clone());
        out
    }
}

/// What was typed in a number box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typed<T> {
    /// Nothing: no filter.
    Blank,
    /// A valid value.
    Value(T),
    /// Not a valid value: pointed out, not sent.
    Invalid,
}

impl<T> Typed<T> {
    /// The filter value, or `Err` when the text is not valid.
    pub fn filter(self) -> Result<Option<T>, InvalidText> {
        match self {
            Typed::Blank => Ok(None),
            Typed::Value(value) => Ok(Some(value)),
            Typed::Invalid => Err(InvalidText),
        }
    }
}

/// Text that is not a valid value for its box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidText;

/// An id typed in a box: a positive whole number.
pub fn parse_id_text(text: &str) -> Typed<i64> {
    let text = text.trim();
    if text.is_empty() {
        return Typed::Blank;
    }
    match text.parse::<i64>() {
        Ok(id) if id > 0 => Typed::Value(id),
        _ => Typed::Invalid,
    }
}

/// Seconds typed in a box: a whole number.
pub fn parse_seconds_text(text: &str) -> Typed<u32> {
    let text = text.trim();
    if text.is_empty() {
        return Typed::Blank;
    }
    text.parse::<u32>().map_or(Typed::Invalid, Typed::Value)
}

/// A text box's value that changes only when its text does. `DebouncedInput` copies its value
/// into what is being typed whenever the value notifies; without the memo, any other filter
/// changing (a chip clicked while typing) would wipe the text not yet sent.
fn settled(text: impl Fn() -> String + Send + Sync + 'static) -> Signal<String> {
    Memo::new(move |_| text()).into()
}

/// Applies an edit to the query shown, back on page 1.
fn apply(
    query: Signal<CallQuery>,
    on_change: Callback<CallQuery>,
    edit: impl FnOnce(&mut CallQuery),
) {
    let mut next = query.get_untracked();
    edit(&mut next);
    next.page = 1;
    on_change.run(next);
}

#[component]
pub fn CallFilters(
    /// The query the URL holds.
    #[prop(into)]
    query: Signal<CallQuery>,
    /// Called with the edited query (page 1).
    on_change: Callback<CallQuery>,
    /// Back to no filters.
    on_reset: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let later_filters =
        move || CallFilter::Read.supported_by(app.config_untracked().call_record_api);
    view! {
        <FilterFold controls="tc-call-filters" count=Signal::derive(move || query.with(|q| q.active_filters().len()))>
        <form id="tc-call-filters" class="tc-call-filters tc-card" on:submit=|ev| ev.prevent_default()>
            <ChipGroup class="tc-filter-results" title=CallFilter::Results
                options=CallResult::ALL
                chosen=Signal::derive(move || query.get().results)
                on_toggle=Callback::new(move |value: CallResult| {
                    apply(query, on_change, |q| q.results = toggled(&q.results, &value))
                })/>
            <ChipGroup class="tc-filter-intents" title=CallFilter::Intents
                options=IntentLevel::ALL
                chosen=Signal::derive(move || query.get().intents)
                on_toggle=Callback::new(move |value: IntentLevel| {
                    apply(query, on_change, |q| q.intents = toggled(&q.intents, &value))
                })/>
            <div class="tc-filter-row">
                <label class="tc-filter">
                    <span class="tc-filter-label">{CallFilter::Search.label(locale)}</span>
                    <DebouncedInput class="tc-filter-search" value=settled(move || query.get().search)
                        placeholder=app.t("电话号码、通话ID或客户姓名", "Phone, call id or customer name")
                        on_change=Callback::new(move |text: String| apply(query, on_change, |q| q.search = text))/>
                </label>
                <IdBox class="tc-filter-group" filter=CallFilter::Group
                    value=Signal::derive(move || query.get().customer_group_id)
                    on_change=Callback::new(move |id| apply(query, on_change, |q| q.customer_group_id = id))/>
                <IdBox class="tc-filter-flow" filter=CallFilter::Flow
                    value=Signal::derive(move || query.get().dialog_flow_id)
                    on_change=Callback::new(move |id| apply(query, on_change, |q| q.dialog_flow_id = id))/>
                <EnumSelect class="tc-filter-follow" filter=CallFilter::Follow options=FollowStatus::ALL
                    chosen=Signal::derive(move || query.get().follow_status)
                    on_change=Callback::new(move |v| apply(query, on_change, |q| q.follow_status = v))/>
            </div>
            <DateRange range=Signal::derive(move || query.with(|q| (q.from, q.to)))
                on_range=Callback::new(move |(from, to): Range| apply(query, on_change, |q| { q.from = from; q.to = to; }))/>
            {move || later_filters().then(|| view! {
                <div class="tc-filter-row tc-later-filters">
                    <EnumSelect class="tc-filter-read" filter=CallFilter::Read options=ReadStatus::ALL
                        chosen=Signal::derive(move || query.get().read_status)
                        on_change=Callback::new(move |v| apply(query, on_change, |q| q.read_status = v))/>
                    <DurationRange query on_change/>
                    <EnumSelect class="tc-filter-hangup" filter=CallFilter::Hangup options=HangupSide::ALL
                        chosen=Signal::derive(move || query.get().hangup_by)
                        on_change=Callback::new(move |v| apply(query, on_change, |q| q.hangup_by = v))/>
                </div>
            })}
            {move || {
                let unsupported = query.get().unsupported_filters(app.config_untracked().call_record_api);
                (!unsupported.is_empty()).then(|| {
                    let names = unsupported.iter().map(|f| f.label(locale)).collect::<Vec<_>>().join(app.t("、", ", "));
                    view! {
                        <p class="tc-hint tc-unsupported-filters">
                            {app.t("当前接口（task）不支持这些筛选，已忽略：", "The task API does not support these filters; they are ignored: ")}
                            {names}
                        </p>
                    }
                })
            }}
            <div class="tc-filter-actions">
                <button type="button" class="tc-button tc-button-plain tc-reset" on:click=move |_| on_reset.run(())>
                    {app.t("重置筛选", "Reset filters")}
                </button>
            </div>
        </form>
        </FilterFold>
    }
}

/// Filters that fold behind a button on a narrow screen (style/calls.css shows the button and
/// hides the form there until it is opened); on a wide one the button is not shown. The
/// button says how many filters are on.
#[component]
pub fn FilterFold(
    /// The id of the element folded (the form).
    controls: &'static str,
    /// How many filters are on.
    #[prop(into)]
    count: Signal<usize>,
    children: Children,
) -> impl IntoView {
    let app = use_app();
    let open = RwSignal::new(false);
    let label = move || match count.get() {
        0 => app.t("筛选", "Filters").to_string(),
        n => format!("{} ({n})", app.t("筛选", "Filters")),
    };
    view! {
        <div class="tc-filter-fold" class:tc-open=move || open.get()>
            <button type="button" class="tc-button tc-button-plain tc-filters-toggle"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=controls on:click=move |_| open.update(|o| *o = !*o)>
                {label}
            </button>
            {children()}
        </div>
    }
}

/// Multi-select chips for an enumeration (results, intent levels): one per option; `chosen`
/// are on.
#[component]
pub fn ChipGroup<T>(
    class: &'static str,
    title: CallFilter,
    options: &'static [T],
    chosen: Signal<Vec<T>>,
    on_toggle: Callback<T>,
) -> impl IntoView
where
    T: ChipOption,
{
    let app = use_app();
    let locale = app.locale();
    view! {
        <fieldset class=format!("tc-chip-group {class}")>
            <legend class="tc-filter-label">{title.label(locale)}</legend>
            {options.iter().map(|option| {
                let code = option.code_text().to_string();
                let on = move || chosen.with(|c| c.contains(option));
                view! {
                    <button type="button" class="tc-filter-chip" data-code=code
                        class:tc-on=on aria-pressed=move || if on() { "true" } else { "false" }
                        on:click=move |_| on_toggle.run(option.clone())>
                        {option.label_text(locale)}
                    </button>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// What a chip needs from an enumeration.
pub trait ChipOption: Clone + PartialEq + Send + Sync + 'static {
    fn code_text(&self) -> &str;
    fn label_text(&self, locale: Locale) -> String;
}

macro_rules! chip_option {
    ($($t:ty),*) => {$(
        impl ChipOption for $t {
            fn code_text(&self) -> &str {
                self.code()
            }
            fn label_text(&self, locale: Locale) -> String {
                self.label(locale).into_owned()
            }
        }
    )*};
}

chip_option!(
    CallResult,
    IntentLevel,
    FollowStatus,
    ReadStatus,
    HangupSide
);

/// A select of one enumeration value, or "all".
#[component]
fn EnumSelect<T>(
    class: &'static str,
    filter: CallFilter,
    options: &'static [T],
    chosen: Signal<Option<T>>,
    on_change: Callback<Option<T>>,
) -> impl IntoView
where
    T: ChipOption,
{
    let app = use_app();
    let locale = app.locale();
    view! {
        <label class="tc-filter">
            <span class="tc-filter-label">{filter.label(locale)}</span>
            <select class=format!("tc-select {class}") on:change=move |ev| {
                let code = event_target_value(&ev);
                on_change.run(options.iter().find(|o| o.code_text() == code).cloned());
            }>
                <option value="" selected=move || chosen.with(Option::is_none)>{app.t("全部", "All")}</option>
                {options.iter().map(|option| {
                    let code = option.code_text().to_string();
                    view! {
                        <option value=code selected=move || chosen.with(|c| c.as_ref() == Some(option))>
                            {option.label_text(locale)}
                        </option>
                    }
                }).collect_view()}
            </select>
        </label>
    }
}

/// A box for an id (customer group, dialog flow); a bad id is pointed out, not sent.
#[component]
fn IdBox(
    class: &'static str,
    filter: CallFilter,
    value: Signal<Option<i64>>,
    on_change: Callback<Option<i64>>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let invalid = RwSignal::new(false);
    view! {
        <label class="tc-filter">
            <span class="tc-filter-label">{filter.label(locale)} " ID"</span>
            <DebouncedInput class=format!("tc-filter-id {class}")
                value=settled(move || value.get().map(|id| id.to_string()).unwrap_or_default())
                placeholder=app.t("全部", "All")
                on_change=Callback::new(move |text: String| match parse_id_text(&text).filter() {
                    Ok(id) => {
                        invalid.set(false);
                        on_change.run(id);
                    }
                    Err(InvalidText) => invalid.set(true),
                })/>
            {move || invalid.get().then(|| view! {
                <span class="tc-field-error">{app.t("请输入正整数", "Enter a positive whole number")}</span>
            })}
        </label>
    }
}

/// A date range as a query holds it: (from, to), either end open.
pub type Range = (Option<NaiveDate>, Option<NaiveDate>);

/// The date range with its presets, for any list's query: `range` is the query's, `on_range`
/// gets the range a date box or a preset chose (a cleared box leaves its end `None`).
#[component]
pub fn DateRange(range: Signal<Range>, on_range: Callback<Range>) -> impl IntoView {
    let locale = use_app().locale();
    // One end's box: `from` or the other.
    let date_box = move |class: &'static str, filter: CallFilter, from: bool| {
        let end = move |(start, end): Range| if from { start } else { end };
        let value = move || end(range.get()).map(date_text).unwrap_or_default();
        let change = move |ev| {
            let chosen = parse_date(&event_target_value(&ev));
            let (start, end) = range.get_untracked();
            on_range.run(if from { (chosen, end) } else { (start, chosen) });
        };
        view! {
            <label class="tc-filter">
                <span class="tc-filter-label">{filter.label(locale)}</span>
                <input type="date" class=format!("tc-input {class}") prop:value=value on:change=change/>
            </label>
        }
    };
    view! {
        <div class="tc-filter-row tc-date-range">
            {date_box("tc-filter-from", CallFilter::From, true)}
            {date_box("tc-filter-to", CallFilter::To, false)}
            <span class="tc-date-presets">
                {DatePreset::ALL.into_iter().map(|preset| {
                    let active = move || range.with(|(from, to)| DatePreset::matching(*from, *to, today()) == Some(preset));
                    view! {
                        <button type="button" class=format!("tc-filter-chip tc-preset tc-preset-{}", preset_key(preset))
                            class:tc-on=active
                            on:click=move |_| {
                                let (from, to) = preset.range(today());
                                on_range.run((Some(from), Some(to)));
                            }>
                            {preset.label(locale)}
                        </button>
                    }
                }).collect_view()}
            </span>
        </div>
    }
}

fn preset_key(preset: DatePreset) -> &'static str {
    match preset {
        DatePreset::Today => "today",
        DatePreset::Yesterday => "yesterday",
        DatePreset::Last7Days => "last7",
        DatePreset::ThisMonth => "month",
    }
}

/// Talk time at least / at most, in seconds.
#[component]
fn DurationRange(query: Signal<CallQuery>, on_change: Callback<CallQuery>) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let invalid = RwSignal::new(false);
    let seconds = |value: Option<u32>| value.map(|s| s.to_string()).unwrap_or_default();
    let edit =
        move |text: String, set: fn(&mut CallQuery, Option<u32>)| match parse_seconds_text(&text)
            .filter()
        {
            Ok(value) => {
                invalid.set(false);
                apply(query, on_change, |q| set(q, value));
            }
            Err(InvalidText) => invalid.set(true),
        };
    view! {
        <label class="tc-filter tc-duration-range">
            <span class="tc-filter-label">{CallFilter::Duration.label(locale)} {app.t("（秒）", " (s)")}</span>
            <DebouncedInput class="tc-filter-duration-min" value=settled(move || seconds(query.get().min_duration))
                placeholder=app.t("最短", "Min")
                on_change=Callback::new(move |text| edit(text, |q, v| q.min_duration = v))/>
            "–"
            <DebouncedInput class="tc-filter-duration-max" value=settled(move || seconds(query.get().max_duration))
                placeholder=app.t("最长", "Max")
                on_change=Callback::new(move |text| edit(text, |q, v| q.max_duration = v))/>
            {move || invalid.get().then(|| view! {
                <span class="tc-field-error">{app.t("请输入整数秒数", "Enter whole seconds")}</span>
            })}
        </label>
    }
}
