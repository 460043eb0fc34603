//! One module per route, and the routes' paths where more than one place writes them.

pub mod call;
pub mod calls;
pub mod job;
pub mod jobs;
pub mod leads;
pub mod not_found;
pub mod overview;
pub mod routes;
pub mod settings;

/// An id from the URL (`/jobs/:id`, `/calls/:id`): a positive whole number, or nothing.
pub fn parse_id(raw: Option<&str>) -> Option<i64> {
    raw?.trim().parse::<i64>().ok().filter(|id| *id > 0)
}
