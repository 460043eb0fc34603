//! Reactive plumbing the pages share: loading a view's data from the API, refreshing it,
//! keyboard shortcuts.

pub mod keys;
pub mod listener;
pub mod refresh;
pub mod remote;
pub mod row_keys;

pub use refresh::{use_refresh, Refresh};
pub use remote::{use_remote, use_remote_eq, view_slot, Remote, RemoteData};
