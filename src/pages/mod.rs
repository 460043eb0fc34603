//! One module per route.

pub mod call;
pub mod calls;
pub mod job;
pub mod jobs;
pub mod not_found;
pub mod settings;
