//! The Tanyi console: a client-side Leptos app over Tanyi's open API.

pub mod api;
pub mod app;
pub mod boot;
pub mod components;
pub mod config;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod leads;
pub mod overview;
pub mod pages;
pub mod panic_screen;
pub mod perf;
pub mod shortcuts;
pub mod state;

pub use boot::{mount, start, BootOptions};

/// Panics on purpose, so support staff and the end-to-end tests can check that a crash
/// shows the "something went wrong" screen rather than a frozen page. Trunk exposes it as
/// `window.wasmBindings.simulate_crash()`.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn simulate_crash() {
    panic!("simulate_crash() was called");
}

/// The benchmark's instruments (feature `bench`): the users' build has none of them.
#[cfg(feature = "bench")]
pub mod instruments;
