//! The contract with Tanyi: models, enums, queries and the HTTP client. No view code.
//!
//! Pages use only the typed items here: a query ([`query`]) goes in, a model ([`model`])
//! or an [`ApiError`] comes out of a [`client`] function. Nothing else touches JSON or HTTP.

pub mod client;
pub mod enums;
pub mod envelope;
pub mod error;
pub mod lenient;
pub mod limiter;
pub mod model;
pub mod query;
pub mod reply;
pub mod session;
pub mod slot;
pub mod sources;
pub mod time;

mod fetch;

pub use error::ApiError;
pub use model::{
    CallDetail, CallRecord, CustomerPerson, DailyPoint, DailySeries, JobDetail, JobInfo, JobStats,
    JobSummary, Page, Tally, TranscriptTurn,
};
pub use query::{CallFilter, CallQuery, JobQuery};
pub use reply::Reply;
pub use session::{Role, Session};
pub use slot::{RequestSlot, Ticket};
pub use time::{ApiDateTime, Precision};
