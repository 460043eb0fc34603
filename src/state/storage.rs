//! What the console keeps in this browser, under which keys, and the one way to read and
//! write it.
//!
//! Storage may be unavailable (private mode, a sandboxed frame): then nothing is found and
//! nothing is kept, and what the user chose lasts for the visit.

/// One thing the console keeps: its key, and whether it is for this tab only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kept {
    key: &'static str,
    tab_only: bool,
}

/// This browser's overrides of config.json (the settings page).
pub const SETTINGS: Kept = Kept {
    key: "tanyi-console.settings",
    tab_only: false,
};

/// The playback speed last chosen.
pub const PLAYBACK_RATE: Kept = Kept {
    key: "tanyi-console.playback-rate",
    tab_only: false,
};

/// The overview's alerts listed when the user last looked (the others are new).
pub const SEEN_ALERTS: Kept = Kept {
    key: "tanyi-console.seen-alerts",
    tab_only: false,
};

/// When the user last opened the leads list (local time, `YYYY-MM-DD HH:MM:SS`): leads
/// newer than the visit before are new.
pub const LEADS_VISIT: Kept = Kept {
    key: "tanyi-console.leads-visit",
    tab_only: false,
};

/// The previous leads visit (`""`: none), kept while a lead's call is open: coming back to
/// the list from it is the same visit, and keeps its marks.
pub const LEADS_PREVIOUS_VISIT: Kept = Kept {
    key: "tanyi-console.leads-previous-visit",
    tab_only: true,
};

/// Whether the call page moves on to the next call when a recording ends ("1" or "0").
pub const AUTO_ADVANCE: Kept = Kept {
    key: "tanyi-console.auto-advance",
    tab_only: false,
};

/// The list of calls a call was opened from (previous/next), for this tab.
pub const CALL_LIST: Kept = Kept {
    key: "tanyi-console.call-list",
    tab_only: true,
};

impl Kept {
    /// The storage key.
    pub fn key(self) -> &'static str {
        self.key
    }

    fn storage(self) -> Option<web_sys::Storage> {
        let window = web_sys::window()?;
        let storage = if self.tab_only {
            window.session_storage()
        } else {
            window.local_storage()
        };
        storage.ok().flatten()
    }

    /// The text kept, if any.
    pub fn load(self) -> Option<String> {
        self.storage()?.get_item(self.key).ok().flatten()
    }

    /// Keeps `text`, replacing what was kept.
    pub fn save(self, text: &str) {
        if let Some(storage) = self.storage() {
            let _ = storage.set_item(self.key, text);
        }
    }

    /// Forgets what was kept.
    pub fn remove(self) {
        if let Some(storage) = self.storage() {
            let _ = storage.remove_item(self.key);
        }
    }
}
