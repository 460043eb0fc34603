//! `/calls/:id`: one call: what happened, both recordings, the transcript, the customer and
//! why the intent level was given; previous and next within the list it was opened from.

use crate::api::{client, CallDetail};
use crate::components::audio_player::{
    choose_rate, load_rate, media_url, skip_by, MediaUrl, RateSelect, RecordingPlayer, RATES,
    SKIP_SECONDS,
};
use crate::components::badge::{call_result_badge, intent_badge};
use crate::components::call_nav::{use_list_walk, CallNav, Direction, ListWalk};
use crate::components::customer_card::{attribute_chips, CustomerCard};
use crate::components::facts::facts;
use crate::components::remote_view::RemoteView;
use crate::components::route_id::{IdOf, RouteId};
use crate::components::shortcut_sheet::ShortcutSheet;
use crate::components::transcript::Transcript;
use crate::format;
use crate::hooks::keys::{on_control, press, use_keydown};
use crate::hooks::{use_remote, RemoteData};
use crate::pages::routes;
use crate::perf;
use crate::shortcuts::{call_key, stepped_rate, CallKey};
use crate::state::storage;
use crate::state::use_app;
use leptos::html::Audio;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn CallPage() -> impl IntoView {
    let app = use_app();
    // One view from call to call (previous/next): it follows the id.
    view! {
        <section class="tc-page tc-call">
            <RouteId title=app.t("通话详情", "Call") of=IdOf::Call let:id>
                <CallView id/>
            </RouteId>
        </section>
    }
}

/// Which recording the shortcuts play.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Track {
    Whole,
    Customer,
}

/// The page's two players, for the shortcuts and auto-advance.
#[derive(Clone, Copy)]
struct Players {
    whole: NodeRef<Audio>,
    customer: NodeRef<Audio>,
    /// The recording the shortcuts act on.
    active: RwSignal<Track>,
    /// The next call should start playing when it shows (auto-advance).
    autoplay: RwSignal<bool>,
}

impl Players {
    fn audio(&self, track: Track) -> Option<web_sys::HtmlAudioElement> {
        match track {
            Track::Whole => self.whole.get_untracked(),
            Track::Customer => self.customer.get_untracked(),
        }
    }

    fn active_audio(&self) -> Option<web_sys::HtmlAudioElement> {
        self.audio(self.active.get_untracked())
    }

    fn play_pause(&self) {
        if let Some(audio) = self.active_audio() {
            if audio.paused() {
                let _ = audio.play();
            } else {
                let _ = audio.pause();
            }
        }
    }

    fn skip(&self, delta: f64) {
        if let Some(audio) = self.active_audio() {
            skip_by(&audio, delta);
        }
    }

    /// The other recording becomes the active one; if one was playing, the other plays on
    /// from the same moment.
    fn switch(&self) {
        let from = self.active.get_untracked();
        let to = match from {
            Track::Whole => Track::Customer,
            Track::Customer => Track::Whole,
        };
        let Some(next) = self.audio(to) else { return };
        if let Some(current) = self.audio(from) {
            if !current.paused() {
                let _ = current.pause();
                next.set_current_time(current.current_time());
                let _ = next.play();
            }
        }
        self.active.set(to);
    }
}

/// Whether auto-advance is on in this browser.
fn load_auto_advance() -> bool {
    storage::AUTO_ADVANCE.load().as_deref() == Some("1")
}

#[component]
fn CallView(id: Signal<i64>) -> impl IntoView {
    let app = use_app();
    let detail = use_remote(
        move || id.get(),
        |config, id| client::get_call_detail(&config, id),
    );
    // The benchmark's mark (only a build with the feature bench sets it): the call painted.
    perf::mark_when_painted(perf::CALL_PAINTED, move || {
        detail.with(|d| matches!(d, RemoteData::Loaded(_)))
    });
    let rate = RwSignal::new(load_rate());
    Effect::new(move |_| {
        let ids = detail.with(|call| call.data().map(|c| (c.id, c.robot_call_job_id)));
        if let Some((Some(call), Some(job))) = ids {
            app.call_job.set(Some((call, job)));
        }
    });
    let walk = use_list_walk(id);
    let players = Players {
        whole: NodeRef::new(),
        customer: NodeRef::new(),
        active: RwSignal::new(Track::Whole),
        autoplay: RwSignal::new(false),
    };
    let auto_advance = RwSignal::new(load_auto_advance());
    // Why auto-advance stopped (the end of the list), in the user's language.
    let stopped = RwSignal::new(None::<&'static str>);
    let end_of_list = app.t(
        "已是列表最后一条，自动连播已停止",
        "The last call of the list: auto-advance stopped",
    );
    let advance = Callback::new(move |_: ()| {
        if !auto_advance.get_untracked() {
            return;
        }
        if walk.go(Direction::Next) {
            players.autoplay.set(true);
        } else {
            players.autoplay.set(false);
            stopped.set(Some(end_of_list));
        }
    });
    let help = RwSignal::new(false);
    use_keydown(move |ev| {
        if help.get_untracked() && ev.key() == "Escape" {
            help.set(false);
            return;
        }
        let Some(action) = press(ev, call_key) else {
            return;
        };
        // A focused player or button does space and arrows by itself.
        let own = matches!(
            action,
            CallKey::PlayPause | CallKey::Back | CallKey::Forward
        );
        if own && on_control(ev) {
            return;
        }
        ev.prevent_default();
        match action {
            CallKey::Next => {
                walk.go(Direction::Next);
            }
            CallKey::Previous => {
                walk.go(Direction::Previous);
            }
            CallKey::PlayPause => players.play_pause(),
            CallKey::Back => players.skip(-SKIP_SECONDS),
            CallKey::Forward => players.skip(SKIP_SECONDS),
            CallKey::Slower | CallKey::Faster => {
                let step = if action == CallKey::Slower { -1 } else { 1 };
                choose_rate(rate, stepped_rate(&RATES, rate.get_untracked(), step));
            }
            CallKey::SwitchTrack => players.switch(),
            CallKey::Search => focus_transcript_search(),
            CallKey::Help => help.update(|open| *open = !*open),
        }
    });
    let mask = app.config_untracked().mask_phone_numbers;
    // Previous/next keep this view and change the id.
    let title = Signal::derive(move || format!("{} #{}", app.t("通话", "Call"), id.get()));
    let toggle_auto = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        storage::AUTO_ADVANCE.save(if on { "1" } else { "0" });
        auto_advance.set(on);
        stopped.set(None);
    };
    view! {
        <div class="tc-call-tools">
            <CallNav walk/>
            <label class="tc-auto-advance">
                <input type="checkbox" class="tc-auto-advance-toggle" prop:checked=move || auto_advance.get()
                    on:change=toggle_auto/>
                " " {app.t("自动连播", "Auto-advance")}
            </label>
            <button type="button" class="tc-link-button tc-shortcuts-open" aria-keyshortcuts="?"
                on:click=move |_| help.set(true)>
                {app.t("快捷键 (?)", "Shortcuts (?)")}
            </button>
            {move || stopped.get().map(|text| view! { <span class="tc-auto-advance-end" role="status">{text}</span> })}
        </div>
        <ShortcutSheet open=help/>
        <RemoteView remote=detail title let:call>
            <CallDetailView call=(*call).clone() mask rate players advance walk/>
        </RemoteView>
    }
}

/// Puts the focus in the transcript's search box.
fn focus_transcript_search() {
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".tc-transcript-search").ok().flatten());
    if let Some(input) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = input.focus();
    }
}

fn or_missing(text: Option<&str>) -> String {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or_else(|| format::MISSING.to_string(), str::to_string)
}

#[component]
fn CallDetailView(
    call: CallDetail,
    mask: bool,
    rate: RwSignal<f64>,
    players: Players,
    /// Runs when the whole call's recording ends (auto-advance).
    advance: Callback<()>,
    walk: ListWalk,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    // Auto-advance: the new call plays as soon as its player is there; a call without a
    // recording is passed over.
    let playable = matches!(media_url(call.full_audio_url.as_deref()), MediaUrl::Safe(_));
    players.active.set(Track::Whole);
    Effect::new(move |_| {
        if !players.autoplay.get_untracked() {
            return;
        }
        if !playable {
            if !walk.go(Direction::Next) {
                players.autoplay.set(false);
            }
            return;
        }
        if let Some(audio) = players.whole.get() {
            players.autoplay.set(false);
            let _ = audio.play();
        }
    });
    let phone_raw = call
        .called_phone_number
        .clone()
        .filter(|p| !p.trim().is_empty())
        .or_else(|| {
            call.customer_person
                .as_ref()
                .and_then(|c| c.phone_number.clone())
        });
    let phone = format::display_phone(phone_raw.as_deref().unwrap_or(""), mask);
    let title = match call.id {
        Some(id) => format!("{} #{id}", app.t("通话", "Call")),
        None => app.t("通话", "Call").to_string(),
    };
    let job_link = call.robot_call_job_id.map(|job_id| {
        let name = call
            .robot_call_job_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .map(|n| format!("#{job_id} {n}"))
            .unwrap_or_else(|| format!("#{job_id}"));
        view! { <a href=app.href(&routes::job(job_id)) class="tc-call-job-link">{name}</a> }
    });
    let real_intent = format::intent_text(
        call.real_intent_level.as_ref(),
        call.real_intent_level_name.as_deref(),
        locale,
    );
    let rows: Vec<(&str, AnyView)> = vec![
        (
            app.t("通话结果", "Result"),
            call_result_badge(call.result_status.as_ref(), locale),
        ),
        (
            app.t("意向等级", "Intent level"),
            intent_badge(
                call.intent_level.as_ref(),
                call.intent_level_name.as_deref(),
                locale,
            ),
        ),
        (app.t("真实意向", "Reviewed intent"), real_intent.into_any()),
        (
            app.t("开始时间", "Started"),
            format::date_time(call.start_time.as_ref()).into_any(),
        ),
        (
            app.t("结束时间", "Ended"),
            format::date_time(call.end_time.as_ref()).into_any(),
        ),
        (
            app.t("通话时长", "Duration"),
            format::duration(call.chat_duration).into_any(),
        ),
        (
            app.t("通话轮次", "Rounds"),
            format::count(call.chat_round).into_any(),
        ),
        (
            app.t("挂断方", "Hung up by"),
            or_missing(call.hangup_by.as_ref().map(|h| h.label(locale)).as_deref()).into_any(),
        ),
        (
            app.t("话术", "Dialog flow"),
            or_missing(call.dialog_flow_name.as_deref()).into_any(),
        ),
        (
            app.t("所属任务", "Job"),
            match job_link {
                Some(link) => link.into_any(),
                None => format::MISSING.into_any(),
            },
        ),
    ];
    let concerns = format::concerns_text(&call.customer_concern, locale);
    let analysis = or_missing(call.analysis_basis.as_deref());
    let attributes = call.attributes.clone();
    view! {
        <header class="tc-call-header tc-card">
            <h1>
                <span class="tc-call-title">{title}</span>
                " "
                <span class="tc-call-phone">{phone}</span>
            </h1>
            {facts("tc-call-facts", rows)}
        </header>
        <section class="tc-recordings tc-card">
            <div class="tc-recordings-header">
                <h2>{app.t("录音", "Recordings")}</h2>
                <RateSelect rate/>
            </div>
            <div class="tc-recordings-grid">
                <RecordingPlayer title=app.t("完整通话", "Whole call") url=call.full_audio_url.clone()
                    rate=rate class="tc-recording-full" audio=players.whole on_ended=advance
                    active=Signal::derive(move || players.active.get() == Track::Whole)/>
                <RecordingPlayer title=app.t("客户音轨", "Customer track") url=call.customer_audio_url.clone()
                    rate=rate class="tc-recording-customer" audio=players.customer
                    active=Signal::derive(move || players.active.get() == Track::Customer)/>
            </div>
        </section>
        <div class="tc-call-grid">
            <Transcript turns=call.transcript/>
            <aside class="tc-call-side">
                <CustomerCard person=call.customer_person mask/>
                <section class="tc-analysis tc-card">
                    <h2>{app.t("分析依据", "Analysis basis")}</h2>
                    <p class="tc-analysis-text">{analysis}</p>
                    <h3 class="tc-subtitle">{app.t("客户关注点", "Concerns")}</h3>
                    <p class="tc-call-concerns">{concerns}</p>
                    {(!attributes.is_empty()).then(|| view! {
                        <h3 class="tc-subtitle">{app.t("通话参数", "Call attributes")}</h3>
                        <p class="tc-attributes">{attribute_chips(&attributes)}</p>
                    })}
                </section>
            </aside>
        </div>
    }
}
