//! The keys of a list of calls or leads: `j` / `k` move a visible row selection, `Enter`
//! opens the selected call, `p` plays its recording in its row.

use super::keys::{on_control, press, use_keydown};
use crate::shortcuts::{list_key, moved_selection, ListKey};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// A row as the keys see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyRow {
    /// The call's id.
    pub id: i64,
    /// Whether its recording can play in the row.
    pub playable: bool,
}

/// Shows the row of call `id` if it is out of sight.
fn reveal(id: i64) {
    let row = web_sys::window().and_then(|w| w.document()).and_then(|d| {
        d.query_selector(&format!("tr[data-call-id='{id}']"))
            .ok()
            .flatten()
    });
    if let Some(row) = row {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        row.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// The selected row (an index into `rows`) while the list lives; `on_open` runs before a
/// call is opened (to remember the list), `playing` is the table's playing row.
pub fn use_row_keys(
    rows: Vec<KeyRow>,
    playing: RwSignal<Option<i64>>,
    on_open: Callback<()>,
) -> RwSignal<Option<usize>> {
    let selected = RwSignal::new(None::<usize>);
    let navigate = use_navigate();
    use_keydown(move |ev| {
        let Some(action) = press(ev, |p| list_key(p, on_control(ev))) else {
            return;
        };
        let current = selected.get_untracked().and_then(|i| rows.get(i).copied());
        match action {
            ListKey::Down | ListKey::Up => {
                ev.prevent_default();
                let next = moved_selection(selected.get_untracked(), action, rows.len());
                selected.set(next);
                if let Some(row) = next.and_then(|i| rows.get(i)) {
                    reveal(row.id);
                }
            }
            ListKey::Open => {
                if let Some(row) = current {
                    ev.prevent_default();
                    on_open.run(());
                    navigate(&format!("/calls/{}", row.id), Default::default());
                }
            }
            ListKey::Play => {
                if let Some(row) = current.filter(|row| row.playable) {
                    playing.set(Some(row.id));
                }
            }
        }
    });
    selected
}
