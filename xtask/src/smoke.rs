//! Stages that need a browser: the wasm-bindgen browser tests against the stand-in API,
//! and the release build loaded in headless Chromium through the real nginx.

use crate::build::dist_dir;
use crate::nginx::{self, Auth, Credentials, CredentialsSource, Layout, ProxySettings};
use crate::shell::{command, root, run, say};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Chromium's flags on this kind of machine (root, no network but the registries).
pub const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

/// A child process stopped when dropped.
pub struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A port nothing listens on right now.
pub fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

fn wait_for_port(port: u16, within: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// Builds (if needed) and starts the stand-in API with `args` on `port`.
pub fn start_mock(release: bool, port: u16, args: &[&str]) -> Result<Process, String> {
    let mut build = command("cargo");
    build.args(["build", "-q", "-p", "mock-api"]);
    if release {
        build.arg("--release");
    }
    run("building the stand-in API", &mut build)?;
    let binary = root()
        .join("target")
        .join(if release { "release" } else { "debug" })
        .join("mock-api");
    say(&format!("starting the stand-in API on port {port}"));
    let child = command(&binary)
        .args(["--port", &port.to_string()])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let process = Process(child);
    if wait_for_port(port, Duration::from_secs(30)) {
        Ok(process)
    } else {
        Err(format!(
            "the stand-in API did not listen on port {port} within 30 s"
        ))
    }
}

/// `cargo test --target wasm32-unknown-unknown`: the wasm-bindgen tests in headless
/// Chromium, with the stand-in API (no auth, CORS for any origin) at `TANYI_MOCK_URL`.
pub fn browser_tests() -> Result<(), String> {
    let port = free_port()?;
    let _mock = start_mock(false, port, &["--no-auth", "--cors-origin", "*"])?;
    run(
        "cargo test -p tanyi-console --target wasm32-unknown-unknown (headless Chromium)",
        command("cargo")
            .args([
                "test",
                "-p",
                "tanyi-console",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            .env("TANYI_MOCK_URL", format!("http://127.0.0.1:{port}")),
    )
}

/// What a headless Chromium showed of a page: its DOM once settled, and its console.
pub struct PageDump {
    pub dom: String,
    pub console: Vec<String>,
}

/// Loads `url` in a fresh headless Chromium and lets the page run for up to `budget_ms`.
pub fn dump_page(url: &str, budget_ms: u32) -> Result<PageDump, String> {
    let profile = root().join("target/xtask/chromium-profile");
    let _ = std::fs::remove_dir_all(&profile);
    let out = command(CHROMIUM)
        .args(CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--virtual-time-budget={budget_ms}"))
        .args(["--enable-logging=stderr", "--v=0", "--dump-dom", url])
        .output()
        .map_err(|e| format!("cannot run {CHROMIUM}: {e}"))?;
    let console = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains("CONSOLE"))
        .map(str::to_string)
        .collect();
    Ok(PageDump {
        dom: String::from_utf8_lossy(&out.stdout).into_owned(),
        console,
    })
}

/// The release build, served by the real nginx in front of the stand-in API, renders the
/// shell and the jobs route with nothing on the console (a broken wasm-opt fails here).
pub fn release_renders() -> Result<(), String> {
    let mock_port = free_port()?;
    let _mock = start_mock(false, mock_port, &[])?;
    let work: PathBuf = root().join("target/xtask/smoke-nginx");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("creating {}: {e}", work.display()))?;
    let config = work.join("config.json");
    std::fs::write(
        &config,
        r#"{"apiBaseUrl": "", "callRecordApi": "callRecord"}"#,
    )
    .map_err(|e| format!("writing {}: {e}", config.display()))?;
    let credentials = Credentials {
        app_key: "demo-app-key".into(),
        app_secret: "demo-app-secret".into(),
        tenant_sign: "demo-tenant".into(),
    };
    let mut settings = ProxySettings::new(
        format!("http://127.0.0.1:{mock_port}"),
        CredentialsSource::Values(credentials),
        Auth::None,
    );
    settings.config_json = Some(config);
    let layout = Layout::SameOrigin { port: free_port()? };
    let server =
        nginx::start(&dist_dir(), &settings, &layout, &work).map_err(|e| format!("nginx: {e}"))?;
    let url = format!("{}/jobs", server.site_url());
    say(&format!("loading {url} in headless Chromium"));
    let page = dump_page(&url, 20_000)?;
    check_rendered(&page)
}

/// Chromium's own notice about Trunk's `<link rel=preload integrity=...>`: not the app's.
const BENIGN_CONSOLE: [&str; 1] =
    ["The `integrity` attribute is currently ignored for preload destinations"];

fn check_rendered(page: &PageDump) -> Result<(), String> {
    // Chromium's log does not say a message's level, so any message counts, bar known notices.
    let problems: Vec<&String> = page
        .console
        .iter()
        .filter(|l| !BENIGN_CONSOLE.iter().any(|b| l.contains(b)))
        .collect();
    if !problems.is_empty() {
        return Err(format!("console messages: {problems:?}"));
    }
    if !page.dom.contains("tc-header") {
        let start: String = page.dom.chars().take(600).collect();
        return Err(format!("the shell did not render; the page was: {start}"));
    }
    // Rows prove the whole chain: wasm ran under the CSP, the proxy signed, the API answered.
    if !page.dom.contains("tc-jobs-table") {
        return Err("the jobs table did not render through the proxy".into());
    }
    // index.html's "loading" text, shown while the wasm downloads, goes when the app starts.
    if page.dom.contains("id=\"tanyi-boot\"") {
        return Err("the download placeholder (#tanyi-boot) is still on the page".into());
    }
    if page.dom.contains("tanyi-console-crashed") {
        return Err("the page shows the crash screen".into());
    }
    println!(
        "    shell rendered, {} console line(s), none an error",
        page.console.len()
    );
    Ok(())
}
