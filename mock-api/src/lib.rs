//! The stand-in Tanyi open API: both endpoint families, signed requests, realistic deterministic
//! data, recordings, and injected faults, for the console's demo and tests.

pub mod auth;
pub mod cli;
pub mod clock;
pub mod corpus;
pub mod data;
pub mod enums;
pub mod envelope;
pub mod faults;
pub mod filters;
pub mod hostile;
pub mod incident;
pub mod observe;
pub mod params;
pub mod phone;
pub mod render;
pub mod rng;
mod routes;
pub mod server;
pub mod stats;
pub mod time;
pub mod transcript;
pub mod view;
pub mod wav;

pub use auth::signature;
pub use server::{serve, start_in_thread, RunningMock};

/// The tenant's credentials the stand-in checks signatures against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    pub app_key: String,
    pub app_secret: String,
    pub tenant_sign: String,
}

impl Default for Credentials {
    fn default() -> Self {
        Credentials {
            app_key: "demo-app-key".into(),
            app_secret: "demo-app-secret".into(),
            tenant_sign: "demo-tenant".into(),
        }
    }
}

/// How to run the stand-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// 0 = any free port.
    pub port: u16,
    pub seed: u64,
    pub jobs: usize,
    pub calls_per_job: usize,
    /// `None` = no signature check (`--no-auth`).
    pub auth: Option<Credentials>,
    /// Added to every `/apiOpen` and `/recordings` answer.
    pub latency_ms: u64,
    /// Base of recording URLs; default `http://127.0.0.1:PORT`.
    pub public_url: Option<String>,
    /// Adds CORS headers and answers preflights when set (may be `*`).
    pub cors_origin: Option<String>,
    /// Live mode (`--live`): the data's today is the machine's, running jobs make calls as
    /// the clock passes, and `POST /__mock/clock` moves that clock forward.
    pub live: bool,
    /// The first `running` jobs are IN_PROCESS instead of their drawn status (`--running`;
    /// at most `jobs`).
    pub running: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            port: 0,
            seed: 42,
            jobs: 40,
            calls_per_job: 500,
            auth: Some(Credentials::default()),
            latency_ms: 0,
            public_url: None,
            cors_origin: None,
            live: false,
            running: 0,
        }
    }
}
