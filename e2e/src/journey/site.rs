//! The console's site: nginx serving a build with its config.json, and the whole stack of a
//! journey (that nginx, its signing proxy, the stand-in behind it).

use super::{credentials, Plan, StandIn};
use crate::{free_port, TempDir};
use serde_json::{json, Value};
use std::path::Path;
use xtask::nginx::{self, Auth, CredentialsSource, Layout, Nginx, ProxySettings};

/// An nginx serving a build with its config.json; stopped, and its files removed, on drop.
pub struct Site {
    pub nginx: Nginx,
    _work: TempDir,
}

impl Site {
    pub fn start(dist: &Path, mut settings: ProxySettings, layout: Layout, config: &Value) -> Site {
        let work = TempDir::new("journey-nginx");
        let config_path = work.path().join("config.json");
        std::fs::write(&config_path, config.to_string()).expect("writing config.json");
        settings.config_json = Some(config_path);
        let nginx = nginx::start(dist, &settings, &layout, &work.path().join("nginx"))
            .unwrap_or_else(|e| panic!("nginx did not start: {e}"));
        Site { nginx, _work: work }
    }

    /// The console in `dist` with its signing proxy on another origin (free ports) in front
    /// of `stand_in`, signing with [`credentials`], mode none unless `proxy`, which adjusts
    /// the proxy's settings, says otherwise. config.json holds the keys of `config` (an
    /// object), and `apiBaseUrl` (the proxy) unless `config` has one.
    pub fn console(
        dist: &Path,
        stand_in: &StandIn,
        config: Value,
        proxy: impl FnOnce(&mut ProxySettings),
    ) -> Site {
        let mut settings = ProxySettings::new(
            stand_in.url(),
            CredentialsSource::Values(credentials()),
            Auth::None,
        );
        proxy(&mut settings);
        let layout = Layout::CrossOrigin {
            site_port: free_port(),
            proxy_port: free_port(),
        };
        let Value::Object(keys) = config else {
            panic!("config.json is an object, not {config}");
        };
        let mut config = json!({ "apiBaseUrl": layout.api_url() });
        if let Some(map) = config.as_object_mut() {
            map.extend(keys);
        }
        Site::start(dist, settings, layout, &config)
    }

    /// A URL on the site: `site.url("/jobs")`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.nginx.site_url())
    }

    /// The proxy's origin.
    pub fn api_url(&self) -> &str {
        self.nginx.api_url()
    }
}

/// The demo topology: nginx (site and proxy on two ports) in front of the stand-in.
/// Fields drop in order: nginx before the stand-in.
pub struct Stack {
    pub site: Site,
    pub stand_in: StandIn,
}

impl Stack {
    pub fn start(plan: Plan) -> Stack {
        let stand_in = StandIn::start(&plan.mock);
        let auth = match plan.sign_in {
            true => Auth::Sso {
                session_check_url: format!("{}/__portal/session", stand_in.url()),
                sign_in_url: format!("{}/__portal/sign-in", stand_in.url()),
            },
            false => Auth::None,
        };
        let mut config = json!({
            "callRecordApi": "callRecord",
            "maskPhoneNumbers": true,
            "locale": "zh-CN",
            "pageSize": 20,
        });
        if let Some(map) = config.as_object_mut() {
            map.extend(plan.config);
        }
        let site = Site::console(&plan.dist, &stand_in, config, |settings| {
            settings.auth = auth;
            if let Some(limit) = plan.rate_limit {
                settings.rate_limit = limit;
            }
            settings.public_url = plan.public_url;
            settings.allowed_origins = plan.allowed_origins;
            settings.frame_ancestors = plan.frame_ancestors;
        });
        stand_in.reset();
        Stack { site, stand_in }
    }

    /// A URL on the console's site.
    pub fn url(&self, path: &str) -> String {
        self.site.url(path)
    }
}
