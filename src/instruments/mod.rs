//! The benchmark's instruments, built only with the feature `bench` (`cargo xtask bench`
//! and the memory journey build it; the users' build has none of this): a counting
//! allocator and memory readings that `window.wasmBindings` exposes to the driver.

mod heap;

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

/// Decodes `body` as the console decodes a calls-list answer, for the benchmark's decode
/// line (`window.wasmBindings.decode_calls_page(text)`): the number of calls read, or -1
/// when the answer is not a page of calls.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn decode_calls_page(body: &str) -> f64 {
    use crate::api::{envelope::decode_page, model::CallRecord};
    decode_page::<CallRecord>(200, body).map_or(-1.0, |page| page.items.len() as f64)
}
