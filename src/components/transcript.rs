//! A call's transcript as chat bubbles (robot on the left, customer on the right) with a
//! search box that highlights what it finds.
//!
//! Text is split into plain and matching pieces in Rust and rendered as text nodes and
//! `<mark>` elements: never as HTML. A 2,000-turn transcript stays responsive because the
//! turns are plain views rebuilt only when the search words change (no signal per turn).

use crate::api::enums::Speaker;
use crate::api::TranscriptTurn;
use crate::components::debounced_input::DebouncedInput;
use crate::format;
use crate::i18n::Locale;
use crate::state::use_app;
use leptos::prelude::*;
use std::sync::Arc;

/// A piece of a line of text: plain, or a match of the search words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub matched: bool,
}

/// Splits `text` around every match of `needle` (ASCII letters in any case; other text
/// exactly), left to right, matches not overlapping. A blank needle matches nothing.
pub fn highlight<'a>(text: &'a str, needle: &str) -> Vec<Segment<'a>> {
    let needle = needle.trim();
    if needle.is_empty() || text.is_empty() {
        return vec![Segment {
            text,
            matched: false,
        }];
    }
    // ASCII lower-casing keeps every byte offset, so offsets in `hay` are offsets in `text`.
    let hay = text.to_ascii_lowercase();
    let needle = needle.to_ascii_lowercase();
    let mut segments = Vec::new();
    let mut from = 0;
    while let Some(found) = hay[from..].find(&needle) {
        let start = from + found;
        let end = start + needle.len();
        if start > from {
            segments.push(Segment {
                text: &text[from..start],
                matched: false,
            });
        }
        segments.push(Segment {
            text: &text[start..end],
            matched: true,
        });
        from = end;
    }
    if from < text.len() || segments.is_empty() {
        segments.push(Segment {
            text: &text[from..],
            matched: false,
        });
    }
    segments
}

/// Whether `text` holds `needle` as [`highlight`] finds it (ASCII letters in any case).
pub fn finds(text: &str, needle: &str) -> bool {
    let needle = needle.trim();
    !needle.is_empty()
        && text
            .to_ascii_lowercase()
            .contains(&needle.to_ascii_lowercase())
}

/// How many matches of `needle` there are in `text` (as [`highlight`] finds them).
pub fn count_matches(text: &str, needle: &str) -> usize {
    let needle = needle.trim();
    if needle.is_empty() {
        return 0;
    }
    let (hay, needle) = (text.to_ascii_lowercase(), needle.to_ascii_lowercase());
    hay.matches(&needle).count()
}

/// The side and style of a speaker: `robot`, `person`, or `other` for an unknown one.
pub fn speaker_side(speaker: Option<&Speaker>) -> &'static str {
    match speaker {
        Some(Speaker::Robot) => "robot",
        Some(Speaker::Person) => "person",
        _ => "other",
    }
}

fn turn_view(turn: &TranscriptTurn, needle: &str, locale: Locale) -> AnyView {
    let side = speaker_side(turn.speaker.as_ref());
    let who = turn
        .speaker
        .as_ref()
        .map(|s| s.label(locale).into_owned())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| format::MISSING.to_string());
    let text = turn.text.as_deref().unwrap_or("");
    let body = if needle.is_empty() || count_matches(text, needle) == 0 {
        text.to_string().into_any()
    } else {
        highlight(text, needle)
            .into_iter()
            .map(|piece| {
                let piece_text = piece.text.to_string();
                if piece.matched {
                    view! { <mark class="tc-match">{piece_text}</mark> }.into_any()
                } else {
                    piece_text.into_any()
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <li class=format!("tc-turn tc-turn-{side}")>
            <span class="tc-speaker">{who}</span>
            <p class="tc-bubble">{body}</p>
        </li>
    }
    .into_any()
}

#[component]
pub fn Transcript(turns: Vec<TranscriptTurn>) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let turns = Arc::new(turns);
    let needle = RwSignal::new(String::new());
    let matches = {
        let turns = Arc::clone(&turns);
        Memo::new(move |_| {
            let needle = needle.get();
            turns
                .iter()
                .map(|t| count_matches(t.text.as_deref().unwrap_or(""), &needle))
                .sum::<usize>()
        })
    };
    let count = turns.len();
    let list = move || {
        let needle = needle.get();
        let needle = needle.trim();
        turns
            .iter()
            .map(|turn| turn_view(turn, needle, locale))
            .collect_view()
    };
    view! {
        <section class="tc-transcript tc-card">
            <header class="tc-transcript-header">
                <h2>{app.t("对话记录", "Transcript")}</h2>
                <DebouncedInput class="tc-transcript-search" value=Signal::derive(move || needle.get())
                    placeholder=app.t("搜索对话内容", "Search the transcript")
                    on_change=Callback::new(move |text: String| needle.set(text))/>
                <span class="tc-match-count">
                    {move || {
                        let searching = !needle.with(|n| n.trim().is_empty());
                        searching.then(|| match locale {
                            Locale::ZhCn => format!("{} 处匹配", matches.get()),
                            Locale::En => format!("{} matches", matches.get()),
                        })
                    }}
                </span>
            </header>
            {if count == 0 {
                view! { <p class="tc-hint tc-transcript-empty">{app.t("没有对话内容", "No transcript")}</p> }.into_any()
            } else {
                view! { <ol class="tc-turns">{list}</ol> }.into_any()
            }}
        </section>
    }
}
