//! The nginx deployment of deploy/nginx, run for real in front of the stand-in API:
//! signing, CORS, static serving with SPA fallback and caching, security headers, and
//! the secret never leaving nginx. One module a concern; what they share is in `e2e::stack`.

mod cors;
mod csp;
mod secrets;
mod signing;
mod static_files;
