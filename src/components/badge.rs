//! Coloured labels for statuses, results and intent levels. Unknown values show raw.

use crate::api::enums::{CallResult, IntentLevel, JobStatus};
use crate::i18n::Locale;
use leptos::prelude::*;

/// The colour family of a badge, as a CSS class.
fn tone_of_job(status: &JobStatus) -> &'static str {
    match status {
        JobStatus::InProcess | JobStatus::InQueue => "tc-tone-blue",
        JobStatus::Completed => "tc-tone-green",
        JobStatus::UserPause | JobStatus::SystemSuspended => "tc-tone-amber",
        JobStatus::Terminate => "tc-tone-red",
        _ => "tc-tone-grey",
    }
}

fn tone_of_result(result: &CallResult) -> &'static str {
    match result {
        CallResult::Answered => "tc-tone-green",
        CallResult::NoAnswer | CallResult::Busy | CallResult::Refused => "tc-tone-amber",
        CallResult::FromPhoneError | CallResult::SystemError => "tc-tone-red",
        _ => "tc-tone-grey",
    }
}

fn tone_of_intent(level: &IntentLevel) -> &'static str {
    match level {
        IntentLevel::A | IntentLevel::B => "tc-tone-green",
        IntentLevel::C | IntentLevel::E => "tc-tone-blue",
        _ => "tc-tone-grey",
    }
}

fn badge(tone: &'static str, code: String, label: String) -> AnyView {
    // The whole text on hover: a long unknown value is cut short in the badge.
    let title = label.clone();
    view! { <span class=format!("tc-badge {tone}") data-code=code title=title>{label}</span> }
        .into_any()
}

fn missing() -> AnyView {
    view! { <span class="tc-missing">"—"</span> }.into_any()
}

pub fn job_status_badge(status: Option<&JobStatus>, locale: Locale) -> AnyView {
    match status {
        Some(s) => badge(
            tone_of_job(s),
            s.code().to_string(),
            s.label(locale).into_owned(),
        ),
        None => missing(),
    }
}

pub fn call_result_badge(result: Option<&CallResult>, locale: Locale) -> AnyView {
    match result {
        Some(r) => badge(
            tone_of_result(r),
            r.code().to_string(),
            r.label(locale).into_owned(),
        ),
        None => missing(),
    }
}

/// The intent level; `name` is the tenant's own name for it (`intentLevelName`) when sent.
pub fn intent_badge(level: Option<&IntentLevel>, name: Option<&str>, locale: Locale) -> AnyView {
    match level {
        Some(l) => {
            let label = match name {
                Some(name) if !name.is_empty() => format!("{} · {name}", l.code()),
                _ => l.label(locale).into_owned(),
            };
            badge(tone_of_intent(l), l.code().to_string(), label)
        }
        None => missing(),
    }
}
