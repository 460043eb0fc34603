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

/// The selected row's call id while the list lives; `rows` are the list's rows as they are
/// now (a list that grows keeps its selection on the same call), `on_open` runs before a call
/// is opened (to remember the list), `playing` is the table's playing row.
pub fn use_row_keys(
    rows: Signal<Vec<KeyRow>>,
    playing: RwSignal<Option<i64>>,
    on_open: Callback<()>,
) -> RwSignal<Option<i64>> {
    let selected = RwSignal::new(None::<i64>);
    let navigate = use_navigate();
    use_keydown(move |ev| {
        let Some(action) = press(ev, |p| list_key(p, on_control(ev))) else {
            return;
        };
        let rows = rows.get_untracked();
        let index = selected
            .get_untracked()
            .and_then(|id| rows.iter().position(|row| row.id == id));
        let current = index.and_then(|i| rows.get(i).copied());
        match action {
            ListKey::Down | ListKey::Up => {
                ev.prevent_default();
                let next = moved_selection(index, action, rows.len())
                    .and_then(|i| rows.get(i))
                    .map(|row| row.id);
                selected.set(next);
                if let Some(id) = next {
                    reveal(id);
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
