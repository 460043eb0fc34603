//! The Tanyi console: a client-side Leptos app over Tanyi's open API.

pub mod api;
pub mod app;
pub mod boot;
pub mod components;
pub mod config;
pub mod format;
pub mod heap;
pub mod i18n;
pub mod markup;
pub mod pages;
pub mod panic_screen;
pub mod perf;
pub mod state;

pub use boot::{mount, start, BootOptions};

/// Panics on purpose, so support staff and the end-to-end tests can check that a crash
/// shows the "something went wrong" screen rather than a frozen page. Trunk exposes it as
/// `window.wasmBindings.simulate_crash()`.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn simulate_crash() {
    panic!("simulate_crash() was called");
}

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: heap::CountingAllocator = heap::CountingAllocator;

/// Bytes of the wasm heap in use (allocated, not freed), for the benchmark's memory
/// readings (`window.wasmBindings.wasm_heap_bytes()`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_heap_bytes() -> f64 {
    heap::bytes_in_use() as f64
}

/// The wasm linear memory's size in bytes, for the benchmark's memory readings
/// (`window.wasmBindings.wasm_memory_bytes()`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|memory| {
            memory
                .buffer()
                .dyn_into::<js_sys::ArrayBuffer>()
                .map_or(0.0, |buffer| f64::from(buffer.byte_length()))
        })
        .unwrap_or(0.0)
}

/// How many JS values the wasm side holds (DOM nodes, closures, promises), for the
/// benchmark's memory readings (`window.wasmBindings.wasm_js_handles()`): a leak of views
/// shows here first.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_js_handles() -> f64 {
    f64::from(wasm_bindgen::externref_heap_live_count())
}
