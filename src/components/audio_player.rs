//! Recordings: which addresses may play, the playback speed the user chose, and the players
//! (the call page's full player and the calls table's inline one).
//!
//! Only `http:` and `https:` addresses ever become an `src` or an `href`; anything else
//! (`javascript:`, `data:`, relative junk) is reported and never reaches the DOM.

use crate::state::{storage, use_app};
use leptos::html::Audio;
use leptos::prelude::*;

/// The speeds offered.
pub const RATES: [f64; 6] = [0.5, 0.75, 1.0, 1.25, 1.5, 2.0];
/// How far the skip buttons jump, in seconds.
pub const SKIP_SECONDS: f64 = 5.0;

/// What a recording address from the API is good for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MediaUrl {
    /// No address was sent (or it is blank).
    Missing,
    /// Not an `http(s)://host...` address: never shown as a source or a link.
    Invalid,
    /// An `http:` or `https:` address, trimmed.
    Safe(String),
}

/// Checks a recording address: `http://` or `https://` (any case) with a host, and no
/// whitespace or control characters anywhere (browsers drop tabs and newlines inside a
/// URL, so `java\tscript:` would otherwise turn into `javascript:`).
pub fn media_url(raw: Option<&str>) -> MediaUrl {
    let Some(url) = raw.map(str::trim).filter(|url| !url.is_empty()) else {
        return MediaUrl::Missing;
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return MediaUrl::Invalid;
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let host = rest.and_then(|rest| rest.split(['/', '?', '#']).next());
    match host {
        Some(host) if !host.is_empty() && !host.contains('\\') => MediaUrl::Safe(url.to_string()),
        _ => MediaUrl::Invalid,
    }
}

/// A stored speed: one of [`RATES`], else normal speed.
pub fn parse_rate(stored: Option<&str>) -> f64 {
    stored
        .and_then(|text| text.trim().parse::<f64>().ok())
        .and_then(|rate| RATES.into_iter().find(|r| (r - rate).abs() < 1e-9))
        .unwrap_or(1.0)
}

/// A speed as the menu shows it: `0.5x`, `1x`, `1.25x`.
pub fn rate_text(rate: f64) -> String {
    format!("{rate}x")
}

/// Where a skip of `delta` seconds from `current` lands: never before the start, never past
/// the end when the length is known.
pub fn skip_to(current: f64, delta: f64, duration: f64) -> f64 {
    let current = if current.is_finite() { current } else { 0.0 };
    let target = (current + delta).max(0.0);
    if duration.is_finite() && duration > 0.0 {
        target.min(duration)
    } else {
        target
    }
}

/// The speed remembered in this browser.
pub fn load_rate() -> f64 {
    parse_rate(storage::PLAYBACK_RATE.load().as_deref())
}

/// Moves a recording `delta` seconds, within it.
pub fn skip_by(audio: &web_sys::HtmlMediaElement, delta: f64) {
    audio.set_current_time(skip_to(audio.current_time(), delta, audio.duration()));
}

/// Sets the speed of every player holding `rate`, and remembers it.
pub fn choose_rate(rate: RwSignal<f64>, chosen: f64) {
    storage::PLAYBACK_RATE.save(&chosen.to_string());
    rate.set(chosen);
}

/// The speed menu; the choice is remembered and applies to every player holding `rate`.
#[component]
pub fn RateSelect(rate: RwSignal<f64>) -> impl IntoView {
    let app = use_app();
    view! {
        <label class="tc-rate-label">
            {app.t("播放速度", "Speed")}
            <select class="tc-select tc-rate" on:change=move |ev| {
                choose_rate(rate, parse_rate(Some(&event_target_value(&ev))));
            }>
                {RATES.into_iter().map(|r| view! {
                    <option value=r.to_string() selected=move || (rate.get() - r).abs() < 1e-9>{rate_text(r)}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// A message in place of a player.
fn note(class: &'static str, zh: &'static str, en: &'static str) -> AnyView {
    let app = use_app();
    view! { <p class=format!("tc-recording-note {class}") role="status">{app.t(zh, en)}</p> }
        .into_any()
}

/// One recording of a call: the player at the chosen speed, ±5 s, a download link; or a
/// clear message when there is no recording, its address is not valid, or it fails to load.
#[component]
pub fn RecordingPlayer(
    /// The recording's name (already in the user's language).
    title: &'static str,
    /// The address as the API sent it.
    url: Option<String>,
    /// The speed, shared by the page's players.
    #[prop(into)]
    rate: Signal<f64>,
    /// A class naming which recording this is.
    class: &'static str,
    /// The audio element, for the page's shortcuts.
    #[prop(optional)]
    audio: NodeRef<Audio>,
    /// Runs when the recording has played to its end.
    #[prop(optional)]
    on_ended: Option<Callback<()>>,
    /// Whether this is the recording the shortcuts play (marked for the user).
    #[prop(optional, into)]
    active: Signal<bool>,
) -> impl IntoView {
    let body = match media_url(url.as_deref()) {
        MediaUrl::Missing => note("tc-recording-missing", "无录音", "No recording"),
        MediaUrl::Invalid => note(
            "tc-recording-invalid",
            "录音地址无效",
            "The recording's address is not valid",
        ),
        MediaUrl::Safe(src) => view! { <Player src rate audio on_ended/> }.into_any(),
    };
    view! {
        <section class=format!("tc-recording {class}") class:tc-active=move || active.get()>
            <h3 class="tc-recording-title">{title}</h3>
            {body}
        </section>
    }
}

/// What a player says once its recording failed to load.
fn load_failed_text() -> &'static str {
    use_app().t("录音无法加载", "The recording could not be loaded")
}

/// A calls table row's player: the recording, playing, and a stop button; `stop` runs on
/// the button and when the recording ends.
#[component]
pub fn RowPlayer(src: String, stop: Callback<()>) -> impl IntoView {
    let app = use_app();
    let failed = RwSignal::new(false);
    let load_failed = load_failed_text();
    view! {
        <span class="tc-row-player">
            <audio class="tc-row-audio" controls autoplay preload="auto" src=src
                on:ended=move |_| stop.run(()) on:error=move |_| failed.set(true)></audio>
            <button type="button" class="tc-link-button tc-stop" on:click=move |_| stop.run(())>
                {app.t("停止", "Stop")}
            </button>
            {move || failed.get().then(|| view! {
                <span class="tc-recording-failed" role="alert">{load_failed}</span>
            })}
        </span>
    }
}

#[component]
fn Player(
    src: String,
    rate: Signal<f64>,
    audio: NodeRef<Audio>,
    on_ended: Option<Callback<()>>,
) -> impl IntoView {
    let app = use_app();
    let load_failed = load_failed_text();
    let failed = RwSignal::new(false);
    let apply_rate = move |speed: f64| {
        if let Some(element) = audio.get_untracked() {
            element.set_default_playback_rate(speed);
            element.set_playback_rate(speed);
        }
    };
    Effect::new(move |_| {
        let speed = rate.get();
        if audio.get().is_some() {
            apply_rate(speed);
        }
    });
    let skip = move |delta: f64| {
        if let Some(element) = audio.get_untracked() {
            skip_by(&element, delta);
        }
    };
    view! {
        <audio node_ref=audio class="tc-audio" controls preload="metadata" src=src.clone()
            on:error=move |_| failed.set(true)
            on:ended=move |_| if let Some(ended) = on_ended { ended.run(()) }
            // Loading resets the speed to the default one: set it again.
            on:loadedmetadata=move |_| apply_rate(rate.get_untracked())></audio>
        {move || failed.get().then(|| view! {
            <p class="tc-recording-note tc-recording-failed" role="alert">{load_failed}</p>
        })}
        <div class="tc-recording-controls">
            <button type="button" class="tc-button tc-button-plain tc-skip-back" on:click=move |_| skip(-SKIP_SECONDS)>
                {app.t("后退 5 秒", "Back 5 s")}
            </button>
            <button type="button" class="tc-button tc-button-plain tc-skip-forward" on:click=move |_| skip(SKIP_SECONDS)>
                {app.t("前进 5 秒", "Forward 5 s")}
            </button>
            <a class="tc-recording-download" href=src download="" target="_blank" rel="noopener noreferrer">
                {app.t("下载录音", "Download")}
            </a>
        </div>
    }
}
