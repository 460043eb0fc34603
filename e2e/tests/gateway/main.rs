//! The gateway in front of Tanyi, black-box: only the console's six reads pass, operators
//! sign in (sso, basic), roles decide what leaves the proxy, the rate limit, and the audit log.
//! "Never reached Tanyi" is read from the stand-in's own request log. One module a
//! concern; what they share is in `e2e::stack`.

mod limits_audit;
mod masking;
mod paths;
mod sign_in;
