//! The signing CORS proxy: renders deploy/nginx for a given topology and runs nginx.
//!
//! The templates and `tanyi.js` under `deploy/nginx/` are what users deploy; `render` fills
//! them in and `process` runs the real nginx as a child process (tests, the demo) with its
//! own prefix, pid, temp paths and logs in a work directory, on 127.0.0.1 ports.
//! Credentials reach nginx through its environment or a file: never through the
//! rendered config, dist/ or a log.

mod process;
mod render;
#[cfg(test)]
mod tests;

pub use process::{render, start, Installation, Nginx};
pub use render::{
    render_snippets, Snippets, API_TEMPLATE, AUTH_BASIC_TEMPLATE, AUTH_NONE_TEMPLATE,
    AUTH_SSO_TEMPLATE, HTTP_TEMPLATE, NJS_SCRIPT, SITE_TEMPLATE,
};

use process::brotli_static_module;
use std::fmt;
use std::path::PathBuf;

/// Environment variable names njs reads (from nginx's environment or the credentials file).
pub const APP_KEY_VAR: &str = "TANYI_APP_KEY";
pub const APP_SECRET_VAR: &str = "TANYI_APP_SECRET";
pub const TENANT_SIGN_VAR: &str = "TANYI_TENANT_SIGN";

/// Where a production rendering writes the audit log unless told otherwise.
pub const DEFAULT_AUDIT_LOG: &str = "/var/log/nginx/tanyi-audit.log";

/// How operators sign in (deploy/nginx/README.md, "Sign-in").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Auth {
    /// The portal's session check (`auth_request`), as oauth2-proxy's `/oauth2/auth`: a 2xx
    /// with `X-Auth-Request-User` and `X-Auth-Request-Groups` signs the operator in.
    Sso {
        /// The session check nginx asks, with the browser's cookies.
        session_check_url: String,
        /// Where the console sends someone who is not signed in (`rd=` is appended).
        sign_in_url: String,
    },
    /// `auth_basic`: an htpasswd file, and a role file of `USER ROLE;` lines.
    Basic { htpasswd: PathBuf, roles: PathBuf },
    /// No operators: anyone who reaches the proxy is a viewer, limited per address.
    None,
}

impl Auth {
    /// The mode's name, as in `--auth` and the templates.
    pub fn mode(&self) -> &'static str {
        match self {
            Auth::Sso { .. } => "sso",
            Auth::Basic { .. } => "basic",
            Auth::None => "none",
        }
    }
}

/// nginx's `limit_req` for each operator: a sustained rate and the burst above it served at
/// once. The default lets the console's CSV export run at full speed against Tanyi, lets the
/// overview of 40 running jobs load at once (161 requests), and stops a script that asks for
/// pages faster than a person's console would.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub per_second: u32,
    pub burst: u32,
}

impl Default for RateLimit {
    fn default() -> RateLimit {
        RateLimit {
            per_second: 10,
            burst: 200,
        }
    }
}

/// A tenant's credentials for the Tanyi open API.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub app_key: String,
    pub app_secret: String,
    pub tenant_sign: String,
}

// The secret stays out of debug output and so out of test failure messages.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("app_key", &self.app_key)
            .field("app_secret", &"<redacted>")
            .field("tenant_sign", &self.tenant_sign)
            .finish()
    }
}

/// Where njs finds the credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CredentialsSource {
    /// Given to the nginx child as `TANYI_APP_KEY`, `TANYI_APP_SECRET`, `TANYI_TENANT_SIGN`.
    Values(Credentials),
    /// nginx's environment as it is (production: set by the service manager).
    Environment,
    /// A `KEY=value` file with those three names, outside the web root, read by njs.
    File(PathBuf),
}

/// What a deployment decides; see deploy/nginx/README.md.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxySettings {
    /// Origin that /apiOpen/ goes to: `https://crm.tanyibot.com`, or the stand-in.
    pub upstream: String,
    /// Origin for /apiOpen/v1/callRecord/ when it differs (`https://openapi.tanyibot.com`).
    pub call_record_upstream: Option<String>,
    /// Origins whose pages may call the proxy (CORS). A cross-origin local run adds its site.
    pub allowed_origins: Vec<String>,
    /// CSP `frame-ancestors` sources: who may embed the console (`'self' https://portal.example.com`).
    pub frame_ancestors: String,
    /// Origin of the proxy as the browser calls it, when not the site's own (CSP `connect-src`).
    /// A cross-origin local run sets it to its proxy.
    pub api_origin: Option<String>,
    pub credentials: CredentialsSource,
    /// Path the console is served under, as given to Trunk's `--public-url`: `/` or `/portal/tanyi/`.
    pub public_url: String,
    /// A `config.json` served instead of dist/'s, so one build serves every deployment.
    pub config_json: Option<PathBuf>,
    /// Who may ask, and how they sign in.
    pub auth: Auth,
    /// Requests each operator (each client address without one) may make.
    pub rate_limit: RateLimit,
    /// The audit log of /apiOpen/ (one JSON line a request); a local run keeps it in its
    /// work directory, production defaults to [`DEFAULT_AUDIT_LOG`].
    pub audit_log: Option<PathBuf>,
    /// Adds `/__tanyi_test/sign` and `/__tanyi_test/mask` (njs on given inputs). Never in
    /// production.
    pub test_endpoints: bool,
    /// Sends the build's `NAME.br` to browsers that accept brotli (`brotli_static on`). nginx
    /// refuses the directive unless `ngx_http_brotli_static_module` is loaded (Debian:
    /// libnginx-mod-http-brotli-static), so it is only rendered when this is on; off, the
    /// same browsers get the `.gz`. [`ProxySettings::new`] turns it on when this machine has
    /// the module, which a local run then loads.
    pub brotli_static: bool,
}

impl ProxySettings {
    /// Settings with the defaults: site at `/`, embeddable by its own origin only, the
    /// default rate limit, brotli where this machine's nginx has the module, no extras. The
    /// sign-in mode is always chosen by the caller.
    pub fn new(
        upstream: impl Into<String>,
        credentials: CredentialsSource,
        auth: Auth,
    ) -> ProxySettings {
        ProxySettings {
            upstream: upstream.into(),
            call_record_upstream: None,
            allowed_origins: Vec::new(),
            frame_ancestors: "'self'".to_string(),
            api_origin: None,
            credentials,
            public_url: "/".to_string(),
            config_json: None,
            auth,
            rate_limit: RateLimit::default(),
            audit_log: None,
            test_endpoints: false,
            brotli_static: brotli_static_module().is_some(),
        }
    }
}

/// Where a local run listens (always 127.0.0.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// The site and /apiOpen/ on one server.
    SameOrigin { port: u16 },
    /// The site on one port, the proxy on another: the browser really does CORS.
    CrossOrigin { site_port: u16, proxy_port: u16 },
}

impl Layout {
    /// `http://127.0.0.1:PORT` of the site.
    pub fn site_url(&self) -> String {
        match *self {
            Layout::SameOrigin { port } => local_origin(port),
            Layout::CrossOrigin { site_port, .. } => local_origin(site_port),
        }
    }

    /// `http://127.0.0.1:PORT` of the proxy (the site's own in the same-origin layout).
    pub fn api_url(&self) -> String {
        match *self {
            Layout::SameOrigin { port } => local_origin(port),
            Layout::CrossOrigin { proxy_port, .. } => local_origin(proxy_port),
        }
    }

    fn ports(&self) -> Vec<u16> {
        match *self {
            Layout::SameOrigin { port } => vec![port],
            Layout::CrossOrigin {
                site_port,
                proxy_port,
            } => vec![site_port, proxy_port],
        }
    }
}

fn local_origin(port: u16) -> String {
    format!("http://127.0.0.1:{port}")
}
