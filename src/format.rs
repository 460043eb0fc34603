//! Display formatting: dates, durations, percentages, counts, phone masking, intent levels
//! and concerns, the same on every page and in the CSV.
//!
//! Every function takes what the API may send (absent, negative, odd) and returns text to
//! show; [`MISSING`] stands for a value that is absent or meaningless.

use crate::api::enums::{IntentLevel, WireEnum};
use crate::api::time::{date_time_text, ApiDateTime};
use crate::i18n::Locale;
use serde_json::Value;

/// Shown for a value that is absent or meaningless.
pub const MISSING: &str = "—";

/// A duration in seconds: `1:33`, `24:54:19`, `0:00`; absent or negative is [`MISSING`].
pub fn duration(seconds: Option<i64>) -> String {
    match seconds {
        Some(total) if total >= 0 => {
            let (hours, minutes, secs) = (total / 3600, total % 3600 / 60, total % 60);
            if hours > 0 {
                format!("{hours}:{minutes:02}:{secs:02}")
            } else {
                format!("{minutes}:{secs:02}")
            }
        }
        _ => MISSING.to_string(),
    }
}

/// A date-time in the one display format, `2018-10-02 16:54:08`; minute-only input as
/// `2018-10-01 16:39`, a date alone as `2018-09-27`. Text of an unknown shape is shown as
/// sent; absent is [`MISSING`].
pub fn date_time(value: Option<&ApiDateTime>) -> String {
    match value {
        None => MISSING.to_string(),
        Some(time) => match (time.value(), time.precision()) {
            (Some(value), Some(precision)) => date_time_text(value, precision),
            _ if time.raw().trim().is_empty() => MISSING.to_string(),
            _ => time.raw().trim().to_string(),
        },
    }
}

/// A percentage as sent (`9.47` is 9.47 %), two decimals: `9.47%`, `2175.90%`.
pub fn percent(value: Option<f64>) -> String {
    match value {
        Some(value) if value.is_finite() => format!("{value:.2}%"),
        _ => MISSING.to_string(),
    }
}

/// A count, or [`MISSING`].
pub fn count(value: Option<i64>) -> String {
    value.map_or_else(|| MISSING.to_string(), |value| value.to_string())
}

/// A value's label (a status, a result, a level, ...), or [`MISSING`] when absent.
pub fn value_label<K: WireEnum>(value: Option<&K>, locale: Locale) -> String {
    value.map_or_else(
        || MISSING.to_string(),
        |value| value.label(locale).into_owned(),
    )
}

/// The tenant's own name for an intent level (`intentLevelName`), unless blank.
pub fn intent_name(name: Option<&str>) -> Option<&str> {
    name.map(str::trim).filter(|name| !name.is_empty())
}

/// An intent as every view and the CSV show it: `B · 一般` with the tenant's name for the
/// level, `B级(一般)` without, the name alone when no level was sent, else [`MISSING`].
pub fn intent_text(level: Option<&IntentLevel>, name: Option<&str>, locale: Locale) -> String {
    match (level, intent_name(name)) {
        (Some(level), Some(name)) => format!("{} · {name}", level.code()),
        (Some(level), None) => level.label(locale).into_owned(),
        (None, Some(name)) => name.to_string(),
        (None, None) => MISSING.to_string(),
    }
}

/// The customer's concerns as one line: `价格、位置` (blank ones left out), or [`MISSING`].
pub fn concerns_text(concerns: &[String], locale: Locale) -> String {
    let separator = locale.pick("、", "; ");
    let text = concerns
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(separator);
    if text.is_empty() {
        MISSING.to_string()
    } else {
        text
    }
}

/// Any JSON value as text (a customer property): a string as it is, a number or boolean as
/// written, `null` as [`MISSING`], a list or object as compact JSON.
pub fn json_text(value: &Value) -> String {
    match value {
        Value::Null => MISSING.to_string(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Digits kept at the start and the end of a masked number of `len` digits: three and four
/// for a usual number, fewer for a short one, and always at least four digits hidden.
fn kept_digits(len: usize) -> (usize, usize) {
    let hidden = len.saturating_sub(7).max(4);
    let kept = len.saturating_sub(hidden);
    let end = kept.div_ceil(2).min(4);
    let start = (kept - end).min(3);
    (start, end)
}

/// The local part of a landline whose area code is shown: only its last digits kept.
fn mask_local(digits: &[char]) -> String {
    let end = digits.len().saturating_sub(4).min(4);
    let hidden = digits.len() - end;
    let mut out: String = std::iter::repeat_n('*', hidden.max(4)).collect();
    out.extend(&digits[digits.len() - end..]);
    out
}

fn mask_digits(digits: &[char]) -> String {
    let (start, end) = kept_digits(digits.len());
    let hidden = digits.len() - start - end;
    let mut out: String = digits[..start].iter().collect();
    out.extend(std::iter::repeat_n('*', hidden.max(4)));
    out.extend(&digits[digits.len() - end..]);
    out
}

/// A phone number with its middle hidden: `18817501728` → `188****1728`.
///
/// A country prefix (`+86`, `0086`) is kept as `+86 `; a landline's area code written with
/// a separator (`0571-88889999`) is kept and only the local number is masked
/// (`0571-****9999`). Spaces and other separators are dropped. Short numbers keep fewer digits
/// so that at least four are always hidden: a number is never shown whole. Text without
/// digits is not a number, and text with a `*` was masked already (by the proxy): both are
/// shown as sent; blank is [`MISSING`].
pub fn mask_phone(raw: &str) -> String {
    let text = raw.trim();
    if text.is_empty() {
        return MISSING.to_string();
    }
    // Masking `188****1728` again would hide more of it (`1****28`).
    if text.contains('*') || !text.chars().any(|c| c.is_ascii_digit()) {
        return text.to_string();
    }
    let (prefix, rest) = if let Some(rest) = text.strip_prefix("+86") {
        ("+86 ", rest)
    } else if let Some(rest) = text.strip_prefix("0086") {
        ("+86 ", rest)
    } else if let Some(rest) = text.strip_prefix('+') {
        ("+", rest)
    } else {
        ("", text)
    };
    let rest = rest.trim_start_matches([' ', '-', '(', ')']);
    // A landline's area code, written apart: `0571-...`, `010 ...`, `(0571)...`.
    let area_split = rest
        .trim_start_matches('(')
        .split_once(|c: char| !c.is_ascii_digit())
        .filter(|(area, local)| {
            area.starts_with('0')
                && (3..=4).contains(&area.len())
                && local.chars().filter(char::is_ascii_digit).count() >= 5
        });
    if let Some((area, local)) = area_split {
        let digits: Vec<char> = local.chars().filter(char::is_ascii_digit).collect();
        return format!("{prefix}{area}-{}", mask_local(&digits));
    }
    let digits: Vec<char> = rest.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return format!("{prefix}****");
    }
    format!("{prefix}{}", mask_digits(&digits))
}

/// A phone number for display: masked when `mask` is on (see [`mask_phone`]), otherwise as
/// sent; blank is [`MISSING`].
pub fn display_phone(raw: &str, mask: bool) -> String {
    if mask {
        mask_phone(raw)
    } else if raw.trim().is_empty() {
        MISSING.to_string()
    } else {
        raw.trim().to_string()
    }
}
