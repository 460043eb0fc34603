//! Widgets used by more than one page.

pub mod breadcrumbs;
pub mod charts;
pub mod config_error;
pub mod pagination;
