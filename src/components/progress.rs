//! A job's progress as the job lists show it: a bar and "completed / total (percent)".

use crate::format;
use leptos::prelude::*;

/// Progress of a job: completed of total, as a percentage; over 100 % is shown as it is.
pub fn progress_percent(completed: Option<i64>, total: Option<i64>) -> Option<f64> {
    match (completed, total) {
        (Some(done), Some(total)) if total > 0 => Some(done as f64 / total as f64 * 100.0),
        _ => None,
    }
}

/// The bar (full at 100 %, marked when over) and the figures beside it.
#[component]
pub fn JobProgress(completed: Option<i64>, total: Option<i64>) -> impl IntoView {
    let percent = progress_percent(completed, total);
    let bar_width = percent.map_or(0.0, |p| p.clamp(0.0, 100.0));
    let text = format!(
        "{} / {}{}",
        format::count(completed),
        format::count(total),
        percent
            .map(|p| format!(" ({})", format::percent(Some(p))))
            .unwrap_or_default()
    );
    let over = percent.is_some_and(|p| p > 100.0);
    view! {
        <span class="tc-progress" class:tc-over=over>
            <span class="tc-progress-fill" style=format!("width:{bar_width:.1}%")></span>
        </span>
        <span class="tc-progress-text">{text}</span>
    }
}
