//! The app-wide state every page reads: the configuration in effect and its overrides, and
//! who the proxy says is signed in; what the console keeps in the browser ([`storage`]).

pub mod storage;

use crate::api::Session;
use crate::config::{Config, Layer, Resolved};
use crate::i18n::Locale;
use leptos::prelude::*;

/// Shared through context once the configuration has loaded.
#[derive(Clone, Copy)]
pub struct AppState {
    pub resolved: RwSignal<Resolved>,
    base_path: StoredValue<String>,
    /// The call on screen and its job (call id, job id), once the call has loaded: the
    /// breadcrumbs lead back through that job, which the call's URL does not name.
    pub call_job: RwSignal<Option<(i64, i64)>>,
    /// The operator and role of the latest API answer (see [`AppState::listen_to_answers`]).
    pub session: RwSignal<Session>,
    /// Leads that came in since the user's previous visit to the leads list, once it has
    /// counted them (the header shows it).
    pub new_leads: RwSignal<Option<usize>>,
}

impl AppState {
    pub fn new(resolved: Resolved, base_path: String) -> AppState {
        AppState {
            resolved: RwSignal::new(resolved),
            base_path: StoredValue::new(base_path),
            call_job: RwSignal::new(None),
            session: RwSignal::new(Session::default()),
            new_leads: RwSignal::new(None),
        }
    }

    /// Keeps [`AppState::session`] up to date with every API answer while the calling
    /// component (the shell) lives.
    pub fn listen_to_answers(&self) {
        let session = self.session;
        let listening = crate::api::session::listen(move |latest| {
            // Only a change notifies: most answers name the same operator.
            if session.try_with_untracked(|shown| *shown != latest) == Some(true) {
                let _ = session.try_set(latest);
            }
        });
        on_cleanup(move || crate::api::session::stop_listening(listening));
    }

    /// The router base (`""` at the site root).
    pub fn base_path(&self) -> String {
        self.base_path.get_value()
    }

    /// A link to a route (`/jobs/5`) under the router base. Links are plain `<a>` elements
    /// (leptos_router's `<A>` leaves absolute paths unprefixed and, per link, keeps memory
    /// after the link is gone); the router turns their clicks into client-side navigations.
    pub fn href(&self, route: &str) -> String {
        self.base_path.with_value(|base| format!("{base}{route}"))
    }

    /// The configuration in effect (tracked): for what stays on screen while it changes
    /// (the header, the settings page). Pages read it untracked (see [`AppState::locale`]):
    /// it only changes on the settings page, and a page reads it again when next shown.
    pub fn config(&self) -> Config {
        self.resolved.with(|r| r.config.clone())
    }

    /// The configuration in effect, untracked: for pages, event handlers and set-up.
    pub fn config_untracked(&self) -> Config {
        self.resolved.with_untracked(|r| r.config.clone())
    }

    /// The user's language. Untracked: the shell renders the pages again when it changes.
    /// (A closure that tracked it would stay subscribed to the never-changing configuration
    /// after its page is gone: Leptos 0.8 keeps a dropped subscriber's memory until the
    /// signal next changes, some hundred bytes a closure, a leak on every page visit.)
    pub fn locale(&self) -> Locale {
        self.resolved.with_untracked(|r| r.config.locale)
    }

    /// The user's language, tracked: for the shell only.
    pub fn locale_tracked(&self) -> Locale {
        self.resolved.with(|r| r.config.locale)
    }

    /// Text in the user's language. The one way a view writes a label: `app.t(zh, en)` as a
    /// plain value where the view is built, never inside `move ||` (the language is read
    /// untracked; the shell builds every view again in the new language, see
    /// [`AppState::locale`]). Pure code handed a `Locale` (tested on the host) uses its `pick`.
    pub fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        self.locale().pick(zh, en)
    }

    /// Replaces this browser's overrides and saves them.
    pub fn set_overrides(&self, overrides: Layer) {
        save_overrides(&overrides);
        self.resolved.update(|r| *r = r.with_overrides(overrides));
    }
}

/// The state provided by the app shell. Pages and components are only rendered below it:
/// one rendered elsewhere is a wiring mistake, and fails here rather than showing defaults.
#[track_caller]
pub fn use_app() -> AppState {
    let caller = std::panic::Location::caller();
    use_context::<AppState>().unwrap_or_else(|| {
        panic!("{caller}: no AppState: rendered outside the console's shell (app.rs provides it)")
    })
}

/// The overrides saved in this browser, as stored text.
pub fn load_overrides_text() -> Option<String> {
    storage::SETTINGS.load()
}

/// Saves the overrides, or removes the entry when there are none.
pub fn save_overrides(overrides: &Layer) {
    if overrides.is_empty() {
        storage::SETTINGS.remove();
    } else {
        storage::SETTINGS.save(&overrides.to_json());
    }
}
