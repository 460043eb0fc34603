//! The leads page's reading: started for each new set of filters, stopped when they change,
//! when the user stops it or leaves. Pages of calls join the list as they come; the view is
//! told at most once a frame, so a burst of answers draws the table once.

use crate::api::sources::ApiSource;
use crate::leads::load::{read_job, read_leads, Shared};
use crate::leads::{LeadsQuery, Reading};
use crate::state::{use_app, AppState};
use futures::future::{abortable, AbortHandle};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// The reading as the page holds it. Copy, so closures in views can hold it.
#[derive(Clone, Copy)]
pub struct LeadsReading {
    reading: StoredValue<Reading>,
    /// Bumped (at most once a frame) when the reading changed.
    version: RwSignal<u64>,
    /// A bump is waiting for the next frame.
    pending: StoredValue<bool>,
    /// The running reads: aborted (their requests with them) on stop.
    running: StoredValue<Vec<AbortHandle>>,
    query: Memo<LeadsQuery>,
    app: AppState,
}

impl Shared for LeadsReading {
    fn update<R>(&self, change: impl FnOnce(&mut Reading) -> R) -> Option<R> {
        let out = self.reading.try_update_value(change)?;
        self.redraw();
        Some(out)
    }
}

impl LeadsReading {
    /// Reads the reading (tracked: a view reading it draws again when it changes).
    pub fn with<R>(&self, read: impl FnOnce(&Reading) -> R) -> R {
        self.version.track();
        self.reading.with_value(read)
    }

    /// Reads it without tracking (event handlers).
    pub fn with_untracked<R>(&self, read: impl FnOnce(&Reading) -> R) -> R {
        self.reading.with_value(read)
    }

    fn redraw(&self) {
        if self.pending.try_get_value() != Some(false) {
            return;
        }
        self.pending.set_value(true);
        let (pending, version) = (self.pending, self.version);
        request_animation_frame(move || {
            pending.try_set_value(false);
            version.try_update(|v| *v = v.wrapping_add(1));
        });
    }

    fn abort_all(&self) {
        self.running
            .try_update_value(|running| running.drain(..).for_each(|handle| handle.abort()));
    }

    fn spawn(&self, read: impl Future<Output = ()> + 'static) {
        let (read, handle) = abortable(read);
        self.running.update_value(|running| running.push(handle));
        spawn_local(async move {
            let _ = read.await;
        });
    }

    /// Starts reading `query` afresh.
    fn start(&self, query: LeadsQuery) {
        self.abort_all();
        // The jobs the picker offers stay while the new reading lists them again.
        let candidates = self
            .reading
            .with_value(|reading| reading.candidates.clone());
        let mut fresh = Reading::new((query.from, query.to));
        fresh.candidates = candidates;
        self.reading.set_value(fresh);
        self.redraw();
        let source = ApiSource {
            config: self.app.config_untracked(),
        };
        let shared = *self;
        self.spawn(async move { read_leads(&source, &query, &shared).await });
    }

    /// Stops reading: what was read stays.
    pub fn stop(&self) {
        self.abort_all();
        self.update(Reading::stop);
    }

    /// Reads the same filters again from the start.
    pub fn restart(&self) {
        self.start(self.query.get_untracked());
    }

    /// Asks a failed job again.
    pub fn retry(&self, job_id: i64) {
        let query = self.query.get_untracked();
        let source = ApiSource {
            config: self.app.config_untracked(),
        };
        let shared = *self;
        self.spawn(async move { read_job(&source, &query, job_id, &shared).await });
    }
}

/// The reading of `query`'s leads: started now, again when its filters change (not its page).
pub fn use_leads(query: Memo<LeadsQuery>) -> LeadsReading {
    let first = query.get_untracked();
    let leads = LeadsReading {
        reading: StoredValue::new(Reading::new((first.from, first.to))),
        version: RwSignal::new(0),
        pending: StoredValue::new(false),
        running: StoredValue::new(Vec::new()),
        query,
        app: use_app(),
    };
    leads.start(first.clone());
    Effect::new(move |previous: Option<LeadsQuery>| {
        let now = query.get();
        let unchanged = match &previous {
            Some(previous) => previous.same_filters(&now),
            None => first.same_filters(&now),
        };
        if !unchanged {
            leads.start(now.clone());
        }
        now
    });
    on_cleanup(move || leads.abort_all());
    leads
}
