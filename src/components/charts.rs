//! Small hand-written charts: horizontal bars (HTML) and a line over dates (SVG).
//! A chart library would add far more to the download than these few hundred lines.

use crate::state::use_app;
use leptos::prelude::*;

/// One bar: what it counts and how many.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The wire name (`ANSWERED`, `A`), passed to the click handler.
    pub key: String,
    pub label: String,
    pub value: f64,
    /// Whether a click on it means something (an unknown category has no filter to open).
    pub clickable: bool,
}

/// Each bar's length as a percentage of the longest (0 when all are 0).
pub fn bar_percents(values: &[f64]) -> Vec<f64> {
    let max = values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    values
        .iter()
        .map(|v| {
            if max > 0.0 && v.is_finite() && *v > 0.0 {
                v / max * 100.0
            } else {
                0.0
            }
        })
        .collect()
}

/// A round upper bound for an axis (1, 2 or 5 times a power of ten) at or above `max`.
pub fn nice_ceiling(max: f64) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|step| step * magnitude)
        .find(|bound| *bound >= max)
        .unwrap_or(10.0 * magnitude)
}

/// Horizontal bars; with `on_bar`, each bar is a button.
#[component]
pub fn BarChart(
    bars: Vec<Bar>,
    #[prop(into)] title: String,
    #[prop(optional)] on_bar: Option<Callback<String>>,
    /// How a value is written next to its bar.
    #[prop(optional)]
    format: Option<fn(f64) -> String>,
) -> impl IntoView {
    let percents = bar_percents(&bars.iter().map(|b| b.value).collect::<Vec<_>>());
    let format = format.unwrap_or(|v| format!("{v}"));
    let rows = bars
        .into_iter()
        .zip(percents)
        .map(|(bar, percent)| {
            let style = format!("width:{percent:.2}%");
            let value = format(bar.value);
            let key = bar.key.clone();
            let inner = view! {
                <span class="tc-bar-label">{bar.label.clone()}</span>
                <span class="tc-bar-track"><span class="tc-bar-fill" style=style></span></span>
                <span class="tc-bar-value">{value}</span>
            };
            match on_bar.filter(|_| bar.clickable) {
                Some(on_bar) => view! {
                    <li class="tc-bar tc-bar-clickable" data-key=bar.key>
                        <button type="button" class="tc-bar-button" on:click=move |_| on_bar.run(key.clone())>{inner}</button>
                    </li>
                }
                .into_any(),
                None => view! { <li class="tc-bar" data-key=key>{inner}</li> }.into_any(),
            }
        })
        .collect_view();
    view! {
        <figure class="tc-chart tc-bar-chart">
            <figcaption>{title}</figcaption>
            <ul>{rows}</ul>
        </figure>
    }
}

/// One point of a daily series.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// The date as shown.
    pub date: String,
    /// The date as a day number (any fixed origin: only the gaps count), when it could be read.
    pub day: Option<i64>,
    pub value: f64,
}

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 160.0;
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 22.0;
const TOP: f64 = 8.0;
const RIGHT: f64 = 8.0;

/// Where each point goes in the SVG (x, y), for a chart with the axis bound `ceiling`.
/// Points are placed by their day when every one has a day (so 09-25, 09-27, 10-09 are not
/// evenly spaced), else evenly in the order given.
pub fn line_coordinates(days: &[Option<i64>], values: &[f64], ceiling: f64) -> Vec<(f64, f64)> {
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let n = values.len();
    let known: Option<Vec<i64>> = days.iter().copied().collect();
    let span = known.as_ref().and_then(|d| {
        let (first, last) = (*d.iter().min()?, *d.iter().max()?);
        (d.len() == n && last > first).then_some((first, (last - first) as f64))
    });
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let fraction = match (span, &known) {
                (Some((first, width)), Some(days)) => (days[i] - first) as f64 / width,
                _ if n <= 1 => 0.5,
                _ => i as f64 / (n - 1) as f64,
            };
            let v = if v.is_finite() {
                v.clamp(0.0, ceiling)
            } else {
                0.0
            };
            (LEFT + plot_w * fraction, TOP + plot_h * (1.0 - v / ceiling))
        })
        .collect()
}

/// A line over dates, with the first and last date and the axis bound written out, and every
/// point's figure in a table for screen readers.
#[component]
pub fn LineChart(
    points: Vec<Point>,
    #[prop(into)] title: String,
    #[prop(into)] empty_text: String,
    format: fn(f64) -> String,
) -> impl IntoView {
    if points.is_empty() {
        return view! {
            <figure class="tc-chart tc-line-chart">
                <figcaption>{title}</figcaption>
                <p class="tc-chart-empty">{empty_text}</p>
            </figure>
        }
        .into_any();
    }
    let values: Vec<f64> = points.iter().map(|p| p.value).collect();
    let days: Vec<Option<i64>> = points.iter().map(|p| p.day).collect();
    let ceiling = nice_ceiling(values.iter().copied().fold(0.0, f64::max));
    let coords = line_coordinates(&days, &values, ceiling);
    let path = coords
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let dots = coords
        .iter()
        .zip(&points)
        .map(|((x, y), p)| {
            let tip = format!("{}: {}", p.date, format(p.value));
            view! { <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="3"><title>{tip}</title></circle> }
        })
        .collect_view();
    let first = points.first().map(|p| p.date.clone()).unwrap_or_default();
    let last = points.last().map(|p| p.date.clone()).unwrap_or_default();
    let base_y = HEIGHT - BOTTOM;
    // The numbers for those who cannot see the line: a table that screen readers read in
    // its place (the drawing is hidden from them).
    let rows = points
        .iter()
        .map(|p| view! { <tr><th scope="row">{p.date.clone()}</th><td>{format(p.value)}</td></tr> })
        .collect_view();
    let date_title = use_app().t("日期", "Date");
    view! {
        <figure class="tc-chart tc-line-chart">
            <figcaption>{title.clone()}</figcaption>
            <table class="tc-sr-only tc-chart-data">
                <thead><tr><th scope="col">{date_title}</th><th scope="col">{title}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") aria-hidden="true" focusable="false">
                <line class="tc-axis" x1=LEFT y1=TOP x2=LEFT y2=base_y/>
                <line class="tc-axis" x1=LEFT y1=base_y x2=WIDTH - RIGHT y2=base_y/>
                <text class="tc-tick" x=LEFT - 4.0 y=TOP + 8.0 text-anchor="end">{format(ceiling)}</text>
                <text class="tc-tick" x=LEFT - 4.0 y=base_y text-anchor="end">"0"</text>
                <text class="tc-tick" x=LEFT y=HEIGHT - 4.0>{first}</text>
                <text class="tc-tick" x=WIDTH - RIGHT y=HEIGHT - 4.0 text-anchor="end">{last}</text>
                <polyline class="tc-line" points=path/>
                {dots}
            </svg>
        </figure>
    }
    .into_any()
}
