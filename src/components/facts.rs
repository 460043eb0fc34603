//! Facts as a list of names and values (a job's settings, a call, a customer).

use leptos::prelude::*;

/// `<dl class="tc-facts {class}">` with a name and a value per fact, in order.
pub fn facts<V: IntoView + 'static>(class: &str, rows: Vec<(&'static str, V)>) -> impl IntoView {
    let class = format!("tc-facts {class}").trim_end().to_string();
    let rows = rows
        .into_iter()
        .map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> })
        .collect_view();
    view! { <dl class=class>{rows}</dl> }
}
