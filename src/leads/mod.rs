//! The leads list's logic (issue #16): its URL query, reading every job's calls with the
//! filters, merging them newest first with each call once, and where the reading stands.
//! No views: it builds and tests on the host.

pub mod load;
pub mod merge;
pub mod progress;
pub mod query;

pub use merge::{Lead, Merged, PageAdded};
pub use progress::{JobRead, Phase, ReadState, Reading, MATCH_LIMIT};
pub use query::{LeadsQuery, ROWS_PER_PAGE};
