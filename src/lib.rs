//! The Tanyi console: a client-side Leptos app over Tanyi's open API.

pub mod api;
pub mod app;
pub mod boot;
pub mod components;
pub mod config;
pub mod format;
pub mod i18n;
pub mod pages;
pub mod panic_screen;
pub mod state;

pub use boot::{mount, start, BootOptions};
