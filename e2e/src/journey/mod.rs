//! What a user journey runs on: the release build served by the real nginx (site on one
//! port, signing proxy on another), the stand-in API with auth on behind it, and a headless
//! Chromium driven over WebDriver that fails the journey on any console error, panic or
//! script run by injected content, and leaves a screenshot when the journey fails.
//!
//! [`stand_in`]: the stand-in in a child process; [`site`]: nginx serving a build, and the
//! whole [`Stack`]; [`browser`]: the Chromium session; [`portal`]: a page of another origin;
//! [`console`]: what the journeys know of the console's pages.

pub mod browser;
pub mod console;
pub mod portal;
pub mod site;
pub mod stand_in;

pub use browser::{Browser, Pending};
pub use portal::Portal;
pub use site::{Site, Stack};
pub use stand_in::{serve_stand_in_if_asked, StandIn};

use crate::webdriver::ChromeDriver;
use serde_json::{Map, Value};
use std::cell::Cell;
use std::path::PathBuf;
use std::time::Duration;
use xtask::nginx::{Credentials, RateLimit};

pub const APP_KEY: &str = "journey-app-key";
pub const APP_SECRET: &str = "journey-secret-3c9e";
pub const TENANT: &str = "journey-tenant";
/// Header on the test's own requests to the stand-in, so its log tells them from the app's.
pub const PROBE_HEADER: &str = "x-e2e-probe";
/// How long a journey waits for what a user would wait for.
pub const WAIT: Duration = Duration::from_secs(20);
/// `id` of the overlay the app shows after a panic (src/panic_screen.rs).
pub const CRASH_OVERLAY: &str = "tanyi-console-crashed";

/// The suite's shared parts: one chromedriver, the builds under test, where screenshots go.
pub struct Suite {
    pub driver: ChromeDriver,
    /// The release build served at `/` (dist/).
    pub dist: PathBuf,
    /// The same build for `/portal/tanyi/`, when given.
    pub subpath_dist: Option<PathBuf>,
    /// The same build with the benchmark's instruments (feature `bench`), when given.
    pub bench_dist: Option<PathBuf>,
    pub screenshots: PathBuf,
}

impl Suite {
    /// From `TANYI_E2E_DIST` (and `TANYI_E2E_SUBPATH_DIST`, `TANYI_E2E_BENCH_DIST`); `None`
    /// when not asked to run.
    pub fn from_env() -> Option<Result<Suite, String>> {
        let dist = PathBuf::from(std::env::var_os("TANYI_E2E_DIST")?);
        let other = |name: &str| std::env::var_os(name).map(PathBuf::from);
        Some(Suite::start(
            dist,
            other("TANYI_E2E_SUBPATH_DIST"),
            other("TANYI_E2E_BENCH_DIST"),
        ))
    }

    pub fn start(
        dist: PathBuf,
        subpath_dist: Option<PathBuf>,
        bench_dist: Option<PathBuf>,
    ) -> Result<Suite, String> {
        let dist = absolute(dist)?;
        if !dist.join("index.html").is_file() {
            return Err(format!(
                "{} holds no index.html: run `cargo xtask build` first",
                dist.display()
            ));
        }
        let subpath_dist = subpath_dist.map(absolute).transpose()?;
        let bench_dist = bench_dist.map(absolute).transpose()?;
        let screenshots = xtask::shell::root().join("target/e2e/screenshots");
        std::fs::create_dir_all(&screenshots)
            .map_err(|e| format!("creating {}: {e}", screenshots.display()))?;
        let driver = ChromeDriver::start().map_err(|e| format!("chromedriver: {e}"))?;
        Ok(Suite {
            driver,
            dist,
            subpath_dist,
            bench_dist,
            screenshots,
        })
    }
}

/// A relative path is taken from the workspace root (cargo runs tests in the crate's dir).
fn absolute(path: PathBuf) -> Result<PathBuf, String> {
    std::path::absolute(xtask::shell::root().join(&path))
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// One journey being run: its name (for screenshots) and the suite.
pub struct Journey<'a> {
    pub suite: &'a Suite,
    pub name: &'static str,
    browsers: Cell<usize>,
}

impl<'a> Journey<'a> {
    pub fn new(suite: &'a Suite, name: &'static str) -> Journey<'a> {
        Journey {
            suite,
            name,
            browsers: Cell::new(0),
        }
    }

    /// A fresh browser (own profile, own downloads); the second is `<name>-2` and so on.
    pub fn browser(&self) -> Browser {
        let n = self.browsers.get() + 1;
        self.browsers.set(n);
        let name = match n {
            1 => self.name.to_string(),
            n => format!("{}-{n}", self.name),
        };
        Browser::open(self.suite, name)
    }

    /// The demo topology on free ports, serving dist/, with the stand-in reset.
    pub fn stack(&self, plan: impl FnOnce(&mut Plan)) -> Stack {
        let mut p = Plan::new(self.suite.dist.clone());
        plan(&mut p);
        Stack::start(p)
    }
}

/// A rate limit for the proxy that nothing here reaches: for runs that measure or exercise
/// something other than the limit, faster than the default refills.
pub const UNLIMITED_RATE: RateLimit = RateLimit {
    per_second: 10_000,
    burst: 10_000,
};

/// The credentials nginx signs with and the stand-in checks.
pub fn credentials() -> Credentials {
    Credentials {
        app_key: APP_KEY.into(),
        app_secret: APP_SECRET.into(),
        tenant_sign: TENANT.into(),
    }
}

/// What a [`Stack`] is made of.
pub struct Plan {
    /// Seed, jobs, calls per job and public URL of the stand-in (see [`StandIn::start`]).
    pub mock: mock_api::Options,
    pub dist: PathBuf,
    /// As given to Trunk: `/` or `/portal/tanyi/`.
    pub public_url: String,
    /// Origins other than the site's own that may call the proxy and load the files.
    pub allowed_origins: Vec<String>,
    pub frame_ancestors: String,
    /// Keys of the served config.json, over the defaults (`apiBaseUrl`: the proxy).
    pub config: Map<String, Value>,
    /// Operators sign in at the stand-in's portal (mode sso); otherwise mode none.
    pub sign_in: bool,
    /// The proxy's rate limit, when not the default.
    pub rate_limit: Option<RateLimit>,
}

impl Plan {
    fn new(dist: PathBuf) -> Plan {
        Plan {
            mock: mock_api::Options::default(),
            dist,
            public_url: "/".into(),
            allowed_origins: Vec::new(),
            frame_ancestors: "'self'".into(),
            config: Map::new(),
            sign_in: false,
            rate_limit: None,
        }
    }
}
