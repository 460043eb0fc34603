//! Coloured labels for statuses, results and intent levels. Unknown values show raw.

use crate::api::enums::{CallResult, IntentLevel, JobStatus};
use crate::format;
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

fn tone_of_intent(level: Option<&IntentLevel>) -> &'static str {
    match level {
        Some(IntentLevel::A | IntentLevel::B) => "tc-tone-green",
        Some(IntentLevel::C | IntentLevel::E) => "tc-tone-blue",
        _ => "tc-tone-grey",
    }
}

/// A badge's parts: its colour (a CSS class), the value's wire code and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub tone: &'static str,
    pub code: String,
    pub label: String,
}

impl Badge {
    pub fn job_status(status: &JobStatus, locale: Locale) -> Badge {
        Badge {
            tone: tone_of_job(status),
            code: status.code().to_string(),
            label: status.label(locale).into_owned(),
        }
    }

    pub fn call_result(result: &CallResult, locale: Locale) -> Badge {
        Badge {
            tone: tone_of_result(result),
            code: result.code().to_string(),
            label: result.label(locale).into_owned(),
        }
    }

    /// An intent: the level and the tenant's own name for it (`intentLevelName`), either of
    /// which may be missing, read as [`format::intent_text`] reads it; none without either. A
    /// name without a level is a grey badge without a code.
    pub fn intent_of(
        level: Option<&IntentLevel>,
        name: Option<&str>,
        locale: Locale,
    ) -> Option<Badge> {
        let named = format::intent_name(name).is_some();
        (level.is_some() || named).then(|| Badge {
            tone: tone_of_intent(level),
            code: level.map_or_else(String::new, |level| level.code().to_string()),
            label: format::intent_text(level, name, locale),
        })
    }

    pub fn class(&self) -> String {
        format!("tc-badge {}", self.tone)
    }
}

/// A badge, or the missing mark for an absent value.
fn view(badge: Option<Badge>) -> AnyView {
    match badge {
        // The whole text on hover: a long unknown value is cut short in the badge.
        Some(badge) => {
            let (class, title) = (badge.class(), badge.label.clone());
            view! { <span class=class data-code=badge.code title=title>{badge.label}</span> }
                .into_any()
        }
        None => view! { <span class="tc-missing">{format::MISSING}</span> }.into_any(),
    }
}

pub fn job_status_badge(status: Option<&JobStatus>, locale: Locale) -> AnyView {
    view(status.map(|s| Badge::job_status(s, locale)))
}

pub fn call_result_badge(result: Option<&CallResult>, locale: Locale) -> AnyView {
    view(result.map(|r| Badge::call_result(r, locale)))
}

/// An intent (see [`Badge::intent_of`]).
pub fn intent_badge(level: Option<&IntentLevel>, name: Option<&str>, locale: Locale) -> AnyView {
    view(Badge::intent_of(level, name, locale))
}
