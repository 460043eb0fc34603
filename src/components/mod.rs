//! Widgets used by more than one page.

pub mod audio_player;
pub mod badge;
pub mod breadcrumbs;
pub mod call_columns;
pub mod call_export;
pub mod call_filters;
pub mod call_nav;
pub mod call_rows;
pub mod call_table;
pub mod charts;
pub mod config_error;
pub mod csv_export;
pub mod customer_card;
pub mod debounced_input;
pub mod error_panel;
pub mod facts;
pub mod pagination;
pub mod remote_view;
pub mod route_id;
pub mod sign_in;
pub mod transcript;

/// Whether a click landed on a link, button or player: a clickable row then leaves the
/// click to that control instead of also opening the row.
pub fn clicked_a_link(ev: &leptos::ev::MouseEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a, button, audio").ok().flatten())
        .is_some()
}
