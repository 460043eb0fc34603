//! Widgets used by more than one page.

pub mod audio_player;
pub mod badge;
pub mod breadcrumbs;
pub mod call_columns;
pub mod call_export;
pub mod call_filters;
pub mod call_nav;
pub mod call_row;
pub mod call_table;
pub mod charts;
pub mod config_error;
pub mod csv_export;
pub mod customer_card;
pub mod debounced_input;
pub mod error_panel;
pub mod facts;
pub mod pagination;
pub mod progress;
pub mod refresh_control;
pub mod remote_view;
pub mod route_id;
pub mod row_link;
pub mod shortcut_sheet;
pub mod sign_in;
pub mod transcript;
