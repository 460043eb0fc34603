//! What a user journey runs on: the release build served by the real nginx (site on one
//! port, signing proxy on another), the stand-in API with auth on behind it, and a headless
//! Chromium driven over WebDriver that fails the journey on any console error, panic or
//! script run by injected content, and leaves a screenshot when the journey fails.

use crate::webdriver::{ChromeDriver, Element, LogEntry, Session, WdError};
use crate::{free_port, get, request, TempDir};
use serde_json::{json, Map, Value};
use std::cell::{Cell, RefCell};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use xtask::nginx::{
    self, Auth, Credentials, CredentialsSource, Layout, Nginx, ProxySettings, RateLimit,
};

pub const APP_KEY: &str = "journey-app-key";
pub const APP_SECRET: &str = "journey-secret-3c9e";
pub const TENANT: &str = "journey-tenant";
/// Header on the test's own requests to the stand-in, so its log tells them from the app's.
pub const PROBE_HEADER: &str = "x-e2e-probe";
/// How long a journey waits for what a user would wait for.
pub const WAIT: Duration = Duration::from_secs(20);
/// `id` of the overlay the app shows after a panic (src/panic_screen.rs).
pub const CRASH_OVERLAY: &str = "tanyi-console-crashed";

/// Runs before any script of every page and frame: records what injected markup would
/// make happen (dialogs), in `window.__pwned`, instead of blocking the browser on them.
const INIT_SCRIPT: &str = r#"(() => {
  const pwned = [];
  Object.defineProperty(window, '__pwned', { value: pwned });
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    window[name] = (...args) => { pwned.push(name + '(' + args.map(String).join(', ') + ')'); };
  }
})();"#;

/// The suite's shared parts: one chromedriver, the builds under test, where screenshots go.
pub struct Suite {
    pub driver: ChromeDriver,
    /// The release build served at `/` (dist/).
    pub dist: PathBuf,
    /// The same build for `/portal/tanyi/`, when given.
    pub subpath_dist: Option<PathBuf>,
    pub screenshots: PathBuf,
}

impl Suite {
    /// From `TANYI_E2E_DIST` (and `TANYI_E2E_SUBPATH_DIST`); `None` when not asked to run.
    pub fn from_env() -> Option<Result<Suite, String>> {
        let dist = PathBuf::from(std::env::var_os("TANYI_E2E_DIST")?);
        Some(Suite::start(
            dist,
            std::env::var_os("TANYI_E2E_SUBPATH_DIST").map(PathBuf::from),
        ))
    }

    pub fn start(dist: PathBuf, subpath_dist: Option<PathBuf>) -> Result<Suite, String> {
        let dist = absolute(dist)?;
        if !dist.join("index.html").is_file() {
            return Err(format!(
                "{} holds no index.html: run `cargo xtask build` first",
                dist.display()
            ));
        }
        let subpath_dist = subpath_dist.map(absolute).transpose()?;
        let screenshots = xtask::shell::root().join("target/e2e/screenshots");
        std::fs::create_dir_all(&screenshots)
            .map_err(|e| format!("creating {}: {e}", screenshots.display()))?;
        let driver = ChromeDriver::start().map_err(|e| format!("chromedriver: {e}"))?;
        Ok(Suite {
            driver,
            dist,
            subpath_dist,
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

    /// A URL on the site: `site.url("/jobs")`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.nginx.site_url())
    }

    /// The proxy's origin.
    pub fn api_url(&self) -> &str {
        self.nginx.api_url()
    }
}

/// Set in the environment of a child that is to serve the stand-in (see [`StandIn`]).
const SERVE_VAR: &str = "TANYI_E2E_SERVE_STAND_IN";

/// In a test binary's `main`, first: when this process is a stand-in child started by
/// [`StandIn::start`], serves until killed and never returns.
pub fn serve_stand_in_if_asked() {
    if std::env::var_os(SERVE_VAR).is_none() {
        return;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match mock_api::cli::parse(args) {
        Ok(mock_api::cli::Command::Run(options)) => options,
        other => panic!("stand-in arguments: {other:?}"),
    };
    let mock = mock_api::start_in_thread(options).expect("the stand-in API starts");
    println!("{}", mock.base_url());
    // Serves until the parent closes our stdin: when it drops us, or dies.
    let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
    drop(mock);
    std::process::exit(0);
}

/// The stand-in with auth on, in a child process (the test binary itself, through
/// [`serve_stand_in_if_asked`]), so its log lines stay out of the test output and a
/// request it holds (the `timeout` fault) dies with it. Killed when dropped; it also ends
/// by itself when the test process dies (its stdin closes).
pub struct StandIn {
    child: Child,
    url: String,
}

impl Drop for StandIn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn admin(url: &str, body: Value) {
    let response = request(
        "POST",
        url,
        &[("Content-Type", "application/json")],
        Some(body.to_string().as_bytes()),
    )
    .unwrap_or_else(|e| panic!("POST {url}: {e}"));
    assert_eq!(response.status, 200, "POST {url}: {}", response.text());
}

/// `a=1&b=x%20y`, for the test's own requests.
fn query_string(params: &[(&str, String)]) -> String {
    let encode = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    params
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

impl StandIn {
    /// Starts a stand-in with the seed, jobs, calls per job and public URL of `options`
    /// (auth on with [`credentials`], any free port).
    pub fn start(options: &mock_api::Options) -> StandIn {
        let mut args = vec![
            "--port".to_string(),
            "0".into(),
            "--seed".into(),
            options.seed.to_string(),
            "--jobs".into(),
            options.jobs.to_string(),
            "--calls-per-job".into(),
            options.calls_per_job.to_string(),
            "--app-key".into(),
            APP_KEY.into(),
            "--app-secret".into(),
            APP_SECRET.into(),
            "--tenant-sign".into(),
            TENANT.into(),
        ];
        if let Some(url) = &options.public_url {
            args.extend(["--public-url".to_string(), url.clone()]);
        }
        let exe = std::env::current_exe().expect("the test binary's path");
        let mut child = Command::new(exe)
            .args(&args)
            .env(SERVE_VAR, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting the stand-in");
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            let _ = BufReader::new(out).read_line(&mut line);
        }
        let url = line.trim().to_string();
        if !url.starts_with("http://") {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the stand-in did not start (it said {line:?})");
        }
        StandIn { child, url }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// Clears fault, latency and request log.
    pub fn reset(&self) {
        admin(&format!("{}/__mock/reset", self.url()), json!({}));
    }

    /// Sets (or with `None` clears) a fault for every later request under `path_prefix`
    /// (`None`: every `/apiOpen` request).
    pub fn fault(&self, fault: Option<&str>, path_prefix: Option<&str>) {
        admin(
            &format!("{}/__mock/fault", self.url()),
            json!({ "fault": fault, "path_prefix": path_prefix }),
        );
    }

    /// Delays every answer by `ms` plus up to `jitter_ms`.
    pub fn latency(&self, ms: u64, jitter_ms: u64) {
        admin(
            &format!("{}/__mock/latency", self.url()),
            json!({ "ms": ms, "jitter_ms": jitter_ms }),
        );
    }

    /// The requests the app made (the last 100 the stand-in kept, the test's own left
    /// out), oldest first.
    pub fn app_requests(&self) -> Vec<Value> {
        let response = get(&format!("{}/__mock/requests", self.url()), &[]).expect("request log");
        let all: Value = serde_json::from_slice(&response.body).expect("request log is JSON");
        all.as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r["headers"].get(PROBE_HEADER).is_none())
            .collect()
    }

    fn signed(&self) -> Vec<(String, String)> {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default()
            .to_string();
        let signature = mock_api::signature(APP_KEY, APP_SECRET, TENANT, "v1", &timestamp);
        vec![
            ("appKey".into(), APP_KEY.into()),
            ("version".into(), "v1".into()),
            ("timestamp".into(), timestamp),
            ("signature".into(), signature),
            (PROBE_HEADER.into(), "1".into()),
        ]
    }

    fn envelope(what: &str, response: std::io::Result<crate::Response>) -> Value {
        let response = response.unwrap_or_else(|e| panic!("{what}: {e}"));
        let envelope: Value = serde_json::from_slice(&response.body)
            .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", response.text()));
        assert_eq!(envelope["code"], 200, "{what}: {envelope}");
        envelope
    }

    /// A signed GET straight to the stand-in: the envelope (code 200 asserted).
    pub fn api_get(&self, path: &str, params: &[(&str, String)]) -> Value {
        let url = format!("{}{path}?{}", self.url(), query_string(params));
        let headers = self.signed();
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        Self::envelope(&format!("GET {path}"), get(&url, &headers))
    }

    /// A signed POST of a JSON body straight to the stand-in: the envelope.
    pub fn api_post(&self, path: &str, body: &Value) -> Value {
        let url = format!("{}{path}", self.url());
        let mut headers = self.signed();
        headers.push(("Content-Type".into(), "application/json".into()));
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let text = body.to_string();
        Self::envelope(
            &format!("POST {path} {text}"),
            request("POST", &url, &headers, Some(text.as_bytes())),
        )
    }

    /// The last calls-list request the app made, if any.
    pub fn last_calls_request(&self) -> Option<Value> {
        self.app_requests().into_iter().rev().find(|r| {
            r["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("/getCallRecordInfoList"))
        })
    }

    /// One page of calls (callRecord family) for a request body: ids in order, and the total.
    pub fn call_ids(&self, body: &Value) -> (Vec<i64>, i64) {
        let envelope = self.api_post("/apiOpen/v1/callRecord/getCallRecordInfoList", body);
        let data = &envelope["data"];
        let ids = data["content"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|c| c["callRecordId"].as_i64())
                    .collect()
            })
            .unwrap_or_default();
        (ids, data["totalElements"].as_i64().unwrap_or(-1))
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
        let mut settings = ProxySettings::new(
            stand_in.url(),
            CredentialsSource::Values(credentials()),
            auth,
        );
        if let Some(limit) = plan.rate_limit {
            settings.rate_limit = limit;
        }
        settings.public_url = plan.public_url;
        settings.allowed_origins = plan.allowed_origins;
        settings.frame_ancestors = plan.frame_ancestors;
        let layout = Layout::CrossOrigin {
            site_port: free_port(),
            proxy_port: free_port(),
        };
        let mut config = json!({
            "apiBaseUrl": layout.api_url(),
            "callRecordApi": "callRecord",
            "maskPhoneNumbers": true,
            "locale": "zh-CN",
            "pageSize": 20,
        });
        if let Some(map) = config.as_object_mut() {
            map.extend(plan.config);
        }
        let site = Site::start(&plan.dist, settings, layout, &config);
        stand_in.reset();
        Stack { site, stand_in }
    }

    /// A URL on the console's site.
    pub fn url(&self, path: &str) -> String {
        self.site.url(path)
    }
}

/// What a poll saw when the condition did not hold yet.
pub type Pending = String;

/// A headless Chromium for one journey. When dropped it fails the journey on any console
/// error, panic, crash overlay or dialog opened by page content (unless allowed), and when
/// the journey failed it saves a screenshot to `target/e2e/screenshots/<name>.png`.
pub struct Browser {
    session: Session,
    name: String,
    screenshots: PathBuf,
    /// Where this browser's downloads land.
    pub downloads: TempDir,
    allowed: RefCell<Vec<String>>,
    allow_panic: Cell<bool>,
    console: RefCell<Vec<LogEntry>>,
}

impl Browser {
    pub fn open(suite: &Suite, name: String) -> Browser {
        let downloads = TempDir::new("journey-downloads");
        let session = Session::new(&suite.driver, downloads.path())
            .unwrap_or_else(|e| panic!("a Chromium session: {e}"));
        session
            .cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({ "source": INIT_SCRIPT }),
            )
            .unwrap_or_else(|e| panic!("installing the page hooks: {e}"));
        Browser {
            session,
            name,
            screenshots: suite.screenshots.clone(),
            downloads,
            allowed: RefCell::new(Vec::new()),
            allow_panic: Cell::new(false),
            console: RefCell::new(Vec::new()),
        }
    }

    /// The WebDriver session, for what this wrapper does not cover.
    pub fn session(&self) -> &Session {
        &self.session
    }

    fn must<T>(&self, what: &str, result: Result<T, WdError>) -> T {
        result.unwrap_or_else(|e| panic!("{what}: {e}"))
    }

    /// Console errors containing `text` are expected from now on (a fault's failed load).
    pub fn allow_console(&self, text: &str) {
        self.allowed.borrow_mut().push(text.to_string());
    }

    /// Expected errors no longer allowed.
    pub fn disallow_console(&self) {
        self.allowed.borrow_mut().clear();
    }

    /// A panic (and the crash overlay) is what this journey is about.
    pub fn allow_panic(&self) {
        self.allow_panic.set(true);
    }

    pub fn goto(&self, url: &str) {
        self.must(&format!("loading {url}"), self.session.goto(url));
    }

    pub fn url(&self) -> String {
        self.must("reading the URL", self.session.current_url())
    }

    pub fn back(&self) {
        self.must("going back", self.session.back());
    }

    pub fn forward(&self) {
        self.must("going forward", self.session.forward());
    }

    pub fn reload(&self) {
        self.must("reloading", self.session.refresh());
    }

    /// Runs a function body in the page (`arguments[i]` are `args`).
    pub fn js_args(&self, script: &str, args: Vec<Value>) -> Value {
        self.must(
            &format!("running {}", script.chars().take(80).collect::<String>()),
            self.session.execute(script, args),
        )
    }

    /// Runs a function body in the page.
    pub fn js(&self, script: &str) -> Value {
        self.js_args(script, Vec::new())
    }

    /// Polls `probe` until it gives a value, for at most `within`; fails the journey with
    /// what it last saw.
    pub fn wait_within<T>(
        &self,
        within: Duration,
        what: &str,
        mut probe: impl FnMut() -> Result<T, Pending>,
    ) -> T {
        let deadline = Instant::now() + within;
        loop {
            match probe() {
                Ok(value) => return value,
                Err(seen) if Instant::now() > deadline => panic!(
                    "waited {:.0} s for {what}; last seen: {seen}",
                    within.as_secs_f64()
                ),
                Err(_) => thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// [`Browser::wait_within`] for [`WAIT`].
    pub fn wait<T>(&self, what: &str, probe: impl FnMut() -> Result<T, Pending>) -> T {
        self.wait_within(WAIT, what, probe)
    }

    /// Waits until a JavaScript expression is truthy; its value.
    pub fn wait_js(&self, what: &str, expression: &str) -> Value {
        let script = format!("return ({expression});");
        self.wait(what, || match self.session.execute(&script, Vec::new()) {
            Ok(v) if !(v.is_null() || v == json!(false) || v == json!("") || v == json!(0)) => {
                Ok(v)
            }
            Ok(v) => Err(format!("{v}")),
            Err(e) => Err(e.to_string()),
        })
    }

    /// Waits for an element matching `css`.
    pub fn element(&self, css: &str) -> Element {
        self.wait(&format!("an element {css}"), || {
            match self.session.find(css) {
                Ok(Some(e)) => Ok(e),
                Ok(None) => Err("none".into()),
                Err(e) => Err(e.to_string()),
            }
        })
    }

    /// Whether an element matching `css` is in the page now.
    pub fn exists(&self, css: &str) -> bool {
        self.js_args(
            "return document.querySelector(arguments[0]) !== null;",
            vec![json!(css)],
        ) == json!(true)
    }

    /// A user's click on the first element matching `css` (waiting for it, trying again
    /// while the page re-renders under it).
    pub fn click(&self, css: &str) {
        self.wait(&format!("a click on {css}"), || {
            let element = match self.session.find(css) {
                Ok(Some(e)) => e,
                Ok(None) => return Err("no such element yet".into()),
                Err(e) => return Err(e.to_string()),
            };
            match self.session.click(&element) {
                Ok(()) => Ok(()),
                Err(e) if e.is_transient() => Err(e.to_string()),
                Err(e) => panic!("clicking {css}: {e}"),
            }
        })
    }

    /// Chooses `<option value=value>` of the select `css`, as a user would.
    pub fn select(&self, css: &str, value: &str) {
        self.click(&format!("{css} option[value=\"{value}\"]"));
    }

    /// Empties the input `css` and types `text` into it, key by key.
    pub fn type_text(&self, css: &str, text: &str) {
        let element = self.element(css);
        self.must(&format!("clearing {css}"), self.session.clear(&element));
        self.must(
            &format!("typing into {css}"),
            self.session.send_keys(&element, text),
        );
    }

    /// Sets an input's value as a date picker does, firing `input` and `change`.
    pub fn set_value(&self, css: &str, value: &str) {
        let element = self.element(css);
        self.js_args(
            "const e = arguments[0]; e.value = arguments[1];\n\
             e.dispatchEvent(new Event('input', { bubbles: true }));\n\
             e.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![element.json(), json!(value)],
        );
    }

    /// The visible text of the first element matching `css`, if there is one.
    pub fn text(&self, css: &str) -> Option<String> {
        self.js_args(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;",
            vec![json!(css)],
        )
        .as_str()
        .map(str::to_string)
    }

    /// The attribute `name` of every element matching `css`, in order (`null` when absent).
    pub fn attrs(&self, css: &str, name: &str) -> Vec<Value> {
        self.js_args(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.getAttribute(arguments[1]));",
            vec![json!(css), json!(name)],
        )
        .as_array()
        .cloned()
        .unwrap_or_default()
    }

    /// The visible text of every element matching `css`, in order.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.js_args(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText);",
            vec![json!(css)],
        )
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
    }

    /// The console lines so far (kept for the final check too).
    pub fn console(&self) -> Vec<LogEntry> {
        if let Ok(lines) = self.session.browser_log() {
            self.console.borrow_mut().extend(lines);
        }
        self.console.borrow().clone()
    }

    /// Everything wrong so far: console errors not allowed, panics, the crash overlay,
    /// dialogs opened by page content. Console lines are checked once each.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let lines = self.session.browser_log().unwrap_or_default();
        self.console.borrow_mut().extend(lines.iter().cloned());
        let allowed = self.allowed.borrow();
        for line in &lines {
            let panic = line.message.contains("panicked at");
            if panic && !self.allow_panic.get() {
                problems.push(format!("Rust panic: {line}"));
            } else if line.level == "SEVERE"
                && !panic
                && !allowed.iter().any(|a| line.message.contains(a.as_str()))
            {
                problems.push(format!("console error: {line}"));
            }
        }
        let page = self
            .session
            .execute(
                "return { crashed: document.getElementById(arguments[0]) !== null,\n\
                          pwned: Array.from(window.__pwned || []) };",
                vec![json!(CRASH_OVERLAY)],
            )
            .unwrap_or(Value::Null);
        if page["crashed"] == json!(true) && !self.allow_panic.get() {
            problems.push("the page shows the crash overlay".into());
        }
        if let Some(pwned) = page["pwned"].as_array().filter(|p| !p.is_empty()) {
            problems.push(format!("page content opened dialogs: {pwned:?}"));
        }
        if let Some(text) = self.session.alert_text() {
            problems.push(format!("a dialog is open: {text:?}"));
        }
        problems
    }

    /// Fails the journey now if anything is wrong so far.
    pub fn assert_clean(&self) {
        let problems = self.problems();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Saves a PNG of the page to `target/e2e/screenshots/<name>.png`.
    pub fn screenshot(&self) -> Option<PathBuf> {
        let png = self.session.screenshot().ok()?;
        let path = self.screenshots.join(format!("{}.png", self.name));
        std::fs::write(&path, png).ok()?;
        Some(path)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let problems = if thread::panicking() {
            Vec::new()
        } else {
            self.problems()
        };
        let always = std::env::var_os("TANYI_E2E_SCREENSHOTS").is_some_and(|v| v == "always");
        if always && !thread::panicking() && problems.is_empty() {
            self.screenshot();
        }
        if thread::panicking() || !problems.is_empty() {
            let url = self.session.current_url().unwrap_or_default();
            match self.screenshot() {
                Some(path) => eprintln!("  screenshot of {url}: {}", path.display()),
                None => eprintln!("  (no screenshot of {url})"),
            }
            let console = self.console();
            if !console.is_empty() {
                eprintln!("  browser console of {}:", self.name);
                for line in console.iter().rev().take(30).rev() {
                    eprintln!("    {line}");
                }
            }
        }
        if !problems.is_empty() {
            panic!("{}:\n{}", self.name, problems.join("\n"));
        }
    }
}

/// A page of another origin (a portal) served from a thread: `page(path)` gives the HTML
/// for a path, `None` a 404. Stopped when dropped.
pub struct Portal {
    url: String,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Portal {
    pub fn start(page: impl Fn(&str) -> Option<String> + Send + 'static) -> Portal {
        Portal::start_on(0, page)
    }

    /// On a given port (`0`: any), for a portal whose origin must be known beforehand.
    pub fn start_on(port: u16, page: impl Fn(&str) -> Option<String> + Send + 'static) -> Portal {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("a port for the portal");
        let url = format!(
            "http://{}",
            listener.local_addr().expect("the portal's address")
        );
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let thread = thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let _ = answer(stream, &page);
                }
            }
        });
        Portal {
            url,
            stop,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> &str {
        &self.url
    }
}

fn answer(mut stream: TcpStream, page: &impl Fn(&str) -> Option<String>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let (status, body) = match page(path.split('?').next().unwrap_or("/")) {
        Some(html) => ("200 OK", html),
        None => ("404 Not Found", "not found".to_string()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    stream.flush()
}

impl Drop for Portal {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
