//! Reactive plumbing the pages share: loading a view's data from the API.

pub mod remote;

pub use remote::{use_remote, view_slot, Remote, RemoteData};
