//! `cargo xtask demo`: the production topology on this machine. The release build served
//! by nginx at P, the signing proxy at P+1 (another origin, so CORS is real), the stand-in
//! API with auth on at P+2, and with it the stand-in portal operators sign in at (mode sso).
//! Ctrl-C or SIGTERM stops everything it started.

use serde_json::Value;
use std::path::Path;
use std::sync::mpsc;
use xtask::build::{self, dist_dir};
use xtask::nginx::{self, Auth, Credentials, CredentialsSource, Layout, ProxySettings};
use xtask::shell::{root, say};
use xtask::smoke::start_mock;
use xtask::tools::{self, Need};

/// The demo's operators: user name = password = role.
const ACCOUNTS: [&str; 2] = ["viewer", "supervisor"];

pub fn run(port: u16, auth_mode: &str) -> Result<(), String> {
    let (proxy_port, api_port) = match (port.checked_add(1), port.checked_add(2)) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(format!("--port {port}: P+1 and P+2 must be ports too")),
    };
    let (stop_tx, stop_rx) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    })
    .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;

    tools::ensure(&[Need::Build, Need::Nginx])?;
    build::release("/")?;
    let api_url = format!("http://127.0.0.1:{api_port}");
    // Live: today's data, and running jobs make calls as time passes.
    let _mock = start_mock(true, api_port, &["--public-url", &api_url, "--live"])?;

    let work = root().join("target/xtask/demo-nginx");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("creating {}: {e}", work.display()))?;
    let config = work.join("config.json");
    let proxy_url = format!("http://127.0.0.1:{proxy_port}");
    std::fs::write(&config, demo_config(&proxy_url)?)
        .map_err(|e| format!("writing {}: {e}", config.display()))?;
    say(&format!("config.json served with apiBaseUrl {proxy_url}"));

    let credentials = Credentials {
        app_key: "demo-app-key".into(),
        app_secret: "demo-app-secret".into(),
        tenant_sign: "demo-tenant".into(),
    };
    let auth = demo_auth(auth_mode, &api_url, &work)?;
    let mut settings = ProxySettings::new(
        api_url.clone(),
        CredentialsSource::Values(credentials),
        auth.clone(),
    );
    settings.config_json = Some(config);
    let layout = Layout::CrossOrigin {
        site_port: port,
        proxy_port,
    };
    say(&format!(
        "starting nginx: site at {port}, signing proxy at {proxy_port}"
    ));
    let nginx =
        nginx::start(&dist_dir(), &settings, &layout, &work).map_err(|e| format!("nginx: {e}"))?;

    println!();
    println!("  console:           http://127.0.0.1:{port}/");
    println!("  signing proxy:     {proxy_url}/apiOpen/");
    println!(
        "  stand-in API:      {api_url}/  (auth on: demo-app-key / demo-tenant; live: today's"
    );
    println!("                     data, running jobs make calls as time passes)");
    match &auth {
        Auth::Sso { sign_in_url, .. } => {
            println!("  sign-in (sso):     {sign_in_url}  (the stand-in portal)");
        }
        Auth::Basic { .. } => {
            println!("  sign-in (basic):   HTTP basic at {proxy_url}  (curl -u viewer:viewer)");
        }
        Auth::None => {
            println!("  sign-in (none):    nobody signs in; everyone is a viewer");
        }
    }
    if auth != Auth::None {
        println!("  accounts:          viewer / viewer (role viewer), supervisor / supervisor (role supervisor)");
    }
    println!("audit log: {}", nginx.audit_log().display());
    println!();
    println!("Ctrl-C stops all three.");
    let _ = stop_rx.recv();
    say("stopping nginx and the stand-in API");
    Ok(())
}

/// The sign-in of `--auth`: the stand-in portal (sso), or an htpasswd and a role file
/// written into the demo's work directory (basic).
fn demo_auth(mode: &str, api_url: &str, work: &Path) -> Result<Auth, String> {
    match mode {
        "sso" => Ok(Auth::Sso {
            session_check_url: format!("{api_url}/__portal/session"),
            sign_in_url: format!("{api_url}/__portal/sign-in"),
        }),
        "basic" => {
            let write = |name: &str, text: String| {
                let path = work.join(name);
                std::fs::write(&path, text)
                    .map(|_| path.clone())
                    .map_err(|e| format!("writing {}: {e}", path.display()))
            };
            // {PLAIN}: the demo's passwords are printed on its banner anyway; production
            // hashes them (deploy/nginx/README.md).
            let htpasswd = ACCOUNTS.map(|a| format!("{a}:{{PLAIN}}{a}\n")).concat();
            let roles = ACCOUNTS.map(|a| format!("{a} {a};\n")).concat();
            Ok(Auth::Basic {
                htpasswd: write("htpasswd", htpasswd)?,
                roles: write("roles.map", roles)?,
            })
        }
        "none" => Ok(Auth::None),
        other => Err(format!("--auth {other}: one of sso, basic, none")),
    }
}

/// dist/config.json with `apiBaseUrl` pointing at the proxy.
fn demo_config(proxy_url: &str) -> Result<String, String> {
    let path = dist_dir().join("config.json");
    let text =
        std::fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let mut config: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Some(map) = config.as_object_mut() {
        map.insert("apiBaseUrl".into(), Value::from(proxy_url));
    }
    serde_json::to_string_pretty(&config).map_err(|e| e.to_string())
}
