//! Reactive plumbing the pages share: loading a view's data from the API, refreshing it.

pub mod refresh;
pub mod remote;

pub use refresh::{use_refresh, Refresh};
pub use remote::{use_remote, use_remote_eq, view_slot, Remote, RemoteData};
