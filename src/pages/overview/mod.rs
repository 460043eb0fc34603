//! `/overview`, the landing page: today's totals across the running and waiting jobs next to
//! yesterday's, the alerts, and those jobs with today's figures. It refreshes itself every
//! `refreshSeconds` while the tab is visible; the figures on screen stay until new ones come.

mod alert_list;
mod job_table;
pub mod links;
mod totals_strip;

use crate::api::sources::ApiSource;
use crate::api::ApiError;
use crate::components::refresh_control::RefreshControl;
use crate::components::remote_view::RemoteView;
use crate::hooks::{use_refresh, use_remote, RemoteData};
use crate::overview::load::load;
use crate::overview::snapshot::Snapshot;
use crate::overview::{CompletedReadings, SeenAlerts};
use crate::perf;
use crate::state::{storage, use_app};
use alert_list::AlertList;
use chrono::Local;
use job_table::JobTable;
use leptos::prelude::*;
use std::sync::Arc;
use totals_strip::{StripFigures, TotalsStrip};

#[component]
pub fn OverviewPage() -> impl IntoView {
    let app = use_app();
    // Declared before the data it refreshes: the tick is part of the request's key.
    let live_seconds = RwSignal::new(0);
    let refresh = use_refresh(live_seconds.into());
    // The running jobs' completed counts over this visit's refreshes.
    let readings = StoredValue::new_local(CompletedReadings::new());
    // Every answer is a new snapshot (the running jobs' readings move): nothing to compare.
    let snapshot = use_remote(
        move || refresh.tick(),
        move |config, _| {
            // "Today" is the browser's calendar day, taken when the refresh leaves.
            let today = Local::now().date_naive();
            async move {
                let lines = load(&ApiSource { config }, today).await?;
                readings
                    .try_update_value(|readings| Snapshot::new(today, lines, readings))
                    .ok_or(ApiError::Superseded)
            }
        },
    );
    // The benchmark's mark (only a build with the feature bench sets it): all figures painted.
    perf::mark_when_painted(perf::OVERVIEW_PAINTED, move || {
        snapshot.with(|s| matches!(s, RemoteData::Loaded(_)))
    });
    // The countdown starts again from each answer (a failed one too: a wallboard mends).
    Effect::new(move |_| {
        let loading = snapshot.with(|s| s.is_loading());
        live_seconds.set(if loading {
            0
        } else {
            app.config_untracked().refresh_seconds
        });
    });
    // Each part is drawn again only when what it shows changes: a refresh that moves one
    // job's figures leaves the rest of the page, and the focus, where they were. The
    // snapshot on screen changes with a new answer only (not while one is on its way).
    let shown = Memo::new_with_compare(
        move |_| snapshot.with(|s| s.data().cloned()),
        |old, new| match (old.and_then(Option::as_ref), new.and_then(Option::as_ref)) {
            (Some(old), Some(new)) => !Arc::ptr_eq(old, new),
            (old, new) => old.is_some() != new.is_some(),
        },
    );
    let strip = Memo::new(move |_| shown.with(|s| s.as_deref().map(StripFigures::of)));
    let alerts = Memo::new(move |_| shown.with(|s| s.as_deref().map(|s| (s.today, s.alerts()))));
    // New alerts are those not listed when the user last looked, before this visit; what
    // is listed now is what they have seen next time.
    let seen = SeenAlerts::from_text(&storage::SEEN_ALERTS.load().unwrap_or_default());
    Effect::new(move |_| {
        alerts.with(|listed| {
            if let Some((_, listed)) = listed {
                let mut looked = SeenAlerts::new();
                looked.looked_at(listed);
                storage::SEEN_ALERTS.save(&looked.to_text());
            }
        })
    });
    view! {
        <section class="tc-page tc-overview">
            <header class="tc-page-header">
                <h1>{app.t("总览", "Overview")}</h1>
                <Show when=move || snapshot.with(|s| s.data().is_some())>
                    <RefreshControl updated_at=Signal::derive(move || snapshot.updated_at())
                        on_refresh=Callback::new(move |_: ()| refresh.now())
                        loading=Signal::derive(move || snapshot.with(|s| s.is_loading()))/>
                </Show>
            </header>
            // The loading bar or the failure (a 429 is waited out request by request, inside
            // the refresh); the figures below.
            <RemoteView remote=snapshot let:_shown>""</RemoteView>
            {move || strip.get().map(|figures| view! { <TotalsStrip figures/> })}
            {move || {
                let seen = seen.clone();
                alerts.get().map(|(today, alerts)| view! { <AlertList alerts today seen/> })
            }}
            <JobTable shown/>
        </section>
    }
}
