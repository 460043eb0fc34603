//! Shared helpers for the tests in this folder.
#![allow(dead_code)]

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod calls;
#[cfg(target_arch = "wasm32")]
pub mod mock;
