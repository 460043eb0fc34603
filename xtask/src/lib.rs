//! Project automation shared by `cargo xtask` and the end-to-end tests.

pub mod build;
pub mod nginx;
pub mod shell;
pub mod smoke;
pub mod tools;
