//! A small W3C WebDriver client for Debian's chromedriver, over the crate's std HTTP client.
//!
//! Hand-written rather than fantoccini or thirtyfour: the journeys need a dozen blocking
//! commands to 127.0.0.1, and those crates bring an async HTTP client stack (hyper-util's
//! client, reqwest for thirtyfour) to compile on a 2-core machine; this builds in seconds
//! from what the workspace already has.

use crate::{free_port, request_within, TempDir};
use base64::Engine as _;
use serde_json::{json, Value};
use std::fmt;
use std::io;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};
use xtask::smoke::{CHROMEDRIVER, CHROMIUM, CHROMIUM_FLAGS};

/// The key of an element reference in W3C WebDriver JSON.
pub const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long one WebDriver command may take (a page load included).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// What chromedriver said went wrong: the W3C error code (`no such element`,
/// `stale element reference`, `javascript error`, ...) and its message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WdError {
    pub error: String,
    pub message: String,
}

impl WdError {
    fn transport(e: impl fmt::Display) -> WdError {
        WdError {
            error: "transport".into(),
            message: e.to_string(),
        }
    }

    /// Whether trying the same command again may work (the DOM changed under it).
    pub fn is_transient(&self) -> bool {
        matches!(
            self.error.as_str(),
            "stale element reference"
                | "element click intercepted"
                | "element not interactable"
                | "no such element"
        )
    }
}

impl fmt::Display for WdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // chromedriver appends a native stack trace of no use here.
        let message = self.message.lines().next().unwrap_or_default();
        write!(f, "{}: {message}", self.error)
    }
}

impl std::error::Error for WdError {}

// Lets code that reports errors as text (the bench) use `?` on commands.
impl From<WdError> for String {
    fn from(error: WdError) -> String {
        error.to_string()
    }
}

/// Sends one command; the `value` of the answer, or the error it holds.
fn call(method: &str, url: &str, body: Option<&Value>) -> Result<Value, WdError> {
    let text = body.map(Value::to_string);
    let headers: &[(&str, &str)] = match text {
        Some(_) => &[("Content-Type", "application/json; charset=utf-8")],
        None => &[],
    };
    let response = request_within(
        method,
        url,
        headers,
        text.as_deref().map(str::as_bytes),
        COMMAND_TIMEOUT,
    )
    .map_err(WdError::transport)?;
    let answer: Value = serde_json::from_slice(&response.body).map_err(|e| {
        WdError::transport(format!(
            "{method} {url}: HTTP {} and not JSON ({e}): {}",
            response.status,
            response.text()
        ))
    })?;
    let value = answer.get("value").cloned().unwrap_or(Value::Null);
    if response.status == 200 {
        return Ok(value);
    }
    Err(WdError {
        error: value["error"]
            .as_str()
            .unwrap_or("unknown error")
            .to_string(),
        message: value["message"].as_str().unwrap_or_default().to_string(),
    })
}

/// A chromedriver child on a free port; killed when dropped.
#[derive(Debug)]
pub struct ChromeDriver {
    child: Child,
    url: String,
}

impl ChromeDriver {
    /// Starts `/usr/bin/chromedriver` and waits until it says it is ready.
    pub fn start() -> io::Result<ChromeDriver> {
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let mut driver = ChromeDriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = driver.child.try_wait()? {
                return Err(io::Error::other(format!(
                    "chromedriver exited at start ({status})"
                )));
            }
            let ready = call("GET", &format!("{}/status", driver.url), None)
                .map(|v| v["ready"].as_bool() == Some(true))
                .unwrap_or(false);
            if ready {
                return Ok(driver);
            }
            if Instant::now() > deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "chromedriver was not ready within 20 s",
                ));
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One line of the browser's console (chromedriver's `browser` log).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    /// `SEVERE`, `WARNING`, `INFO`, `DEBUG`.
    pub level: String,
    /// `console-api`, `javascript`, `network`, `security`, ...
    pub source: String,
    pub message: String,
}

impl fmt::Display for LogEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{} {}] {}", self.level, self.source, self.message)
    }
}

/// A reference to an element of the current page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element(pub String);

impl Element {
    /// As a script argument.
    pub fn json(&self) -> Value {
        json!({ ELEMENT_KEY: self.0 })
    }

    fn from_json(value: &Value) -> Option<Element> {
        value[ELEMENT_KEY]
            .as_str()
            .map(|id| Element(id.to_string()))
    }
}

/// One headless Chromium with its own profile and download directory; quit when dropped.
#[derive(Debug)]
pub struct Session {
    base: String,
    _profile: TempDir,
}

impl Session {
    /// A new browser (the machine's flags, a fresh profile, a 1280×900 window, every
    /// console line kept, downloads into `downloads` without asking, dialogs left open).
    pub fn new(driver: &ChromeDriver, downloads: &Path) -> Result<Session, WdError> {
        Session::with_flags(driver, downloads, &[])
    }

    /// The same with more Chromium flags (the bench's memory flags, say).
    pub fn with_flags(
        driver: &ChromeDriver,
        downloads: &Path,
        extra_flags: &[&str],
    ) -> Result<Session, WdError> {
        let profile = TempDir::new("chromium-profile");
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| f.to_string()).collect();
        args.extend(extra_flags.iter().map(|f| f.to_string()));
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.push("--window-size=1280,900".into());
        // Autoplay of the table's row player needs no click in a test.
        args.push("--autoplay-policy=no-user-gesture-required".into());
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "unhandledPromptBehavior": "ignore",
                    "timeouts": { "script": 60000, "pageLoad": 60000 },
                    "goog:loggingPrefs": { "browser": "ALL" },
                    "goog:chromeOptions": {
                        "binary": CHROMIUM,
                        "args": args,
                        "prefs": {
                            "download.default_directory": downloads.display().to_string(),
                            "download.prompt_for_download": false,
                            "download.directory_upgrade": true,
                        },
                    },
                }
            }
        });
        let value = call(
            "POST",
            &format!("{}/session", driver.url()),
            Some(&capabilities),
        )?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| WdError::transport(format!("no sessionId in {value}")))?;
        Ok(Session {
            base: format!("{}/session/{id}", driver.url()),
            _profile: profile,
        })
    }

    fn get(&self, path: &str) -> Result<Value, WdError> {
        call("GET", &format!("{}{path}", self.base), None)
    }

    fn post(&self, path: &str, body: Value) -> Result<Value, WdError> {
        call("POST", &format!("{}{path}", self.base), Some(&body))
    }

    /// Loads a URL and waits for its `load` event.
    pub fn goto(&self, url: &str) -> Result<(), WdError> {
        self.post("/url", json!({ "url": url })).map(drop)
    }

    pub fn current_url(&self) -> Result<String, WdError> {
        Ok(self.get("/url")?.as_str().unwrap_or_default().to_string())
    }

    pub fn back(&self) -> Result<(), WdError> {
        self.post("/back", json!({})).map(drop)
    }

    pub fn forward(&self) -> Result<(), WdError> {
        self.post("/forward", json!({})).map(drop)
    }

    pub fn refresh(&self) -> Result<(), WdError> {
        self.post("/refresh", json!({})).map(drop)
    }

    /// Runs a function body in the page (`arguments[i]` are `args`) and returns its value.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value, WdError> {
        self.post("/execute/sync", json!({ "script": script, "args": args }))
    }

    /// Runs a function body that calls `arguments[arguments.length - 1](value)` when done.
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Result<Value, WdError> {
        self.post("/execute/async", json!({ "script": script, "args": args }))
    }

    /// Every element matching a CSS selector, in document order.
    pub fn find_all(&self, css: &str) -> Result<Vec<Element>, WdError> {
        let found = self.post(
            "/elements",
            json!({ "using": "css selector", "value": css }),
        )?;
        Ok(found
            .as_array()
            .map(|items| items.iter().filter_map(Element::from_json).collect())
            .unwrap_or_default())
    }

    /// The first element matching a CSS selector, if any.
    pub fn find(&self, css: &str) -> Result<Option<Element>, WdError> {
        Ok(self.find_all(css)?.into_iter().next())
    }

    /// A real click: scrolled into view, on the element's centre, refused if covered.
    pub fn click(&self, element: &Element) -> Result<(), WdError> {
        self.post(&format!("/element/{}/click", element.0), json!({}))
            .map(drop)
    }

    /// Empties an input.
    pub fn clear(&self, element: &Element) -> Result<(), WdError> {
        self.post(&format!("/element/{}/clear", element.0), json!({}))
            .map(drop)
    }

    /// Types into an element, key by key (`\u{E007}` is Enter).
    pub fn send_keys(&self, element: &Element, text: &str) -> Result<(), WdError> {
        self.post(
            &format!("/element/{}/value", element.0),
            json!({ "text": text }),
        )
        .map(drop)
    }

    /// Presses keys where the focus is, as a person would (trusted events: Tab moves the
    /// focus). Each key is a WebDriver key (`\u{E004}` Tab, `\u{E007}` Enter); a key after
    /// `\u{E008}` (Shift) is pressed with Shift held.
    pub fn press_keys(&self, keys: &[&str]) -> Result<(), WdError> {
        let mut actions = Vec::new();
        for key in keys {
            let mut chars = key.chars();
            match (chars.next(), chars.next()) {
                (Some('\u{E008}'), Some(with_shift)) => {
                    actions.push(json!({ "type": "keyDown", "value": "\u{E008}" }));
                    actions.push(json!({ "type": "keyDown", "value": with_shift.to_string() }));
                    actions.push(json!({ "type": "keyUp", "value": with_shift.to_string() }));
                    actions.push(json!({ "type": "keyUp", "value": "\u{E008}" }));
                }
                _ => {
                    actions.push(json!({ "type": "keyDown", "value": key }));
                    actions.push(json!({ "type": "keyUp", "value": key }));
                }
            }
        }
        self.post(
            "/actions",
            json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] }),
        )
        .map(drop)
    }

    /// Makes the frame `element` (or the top document, for `None`) the one commands act on.
    pub fn switch_to_frame(&self, element: Option<&Element>) -> Result<(), WdError> {
        let id = element.map_or(Value::Null, Element::json);
        self.post("/frame", json!({ "id": id })).map(drop)
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Result<Vec<u8>, WdError> {
        let data = self.get("/screenshot")?;
        base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap_or_default())
            .map_err(WdError::transport)
    }

    /// The console lines since the last call (chromedriver hands each out once).
    pub fn browser_log(&self) -> Result<Vec<LogEntry>, WdError> {
        let lines = self.post("/se/log", json!({ "type": "browser" }))?;
        let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
        Ok(lines
            .as_array()
            .map(|lines| {
                lines
                    .iter()
                    .map(|l| LogEntry {
                        level: text(&l["level"]),
                        source: text(&l["source"]),
                        message: text(&l["message"]),
                    })
                    .collect()
            })
            .unwrap_or_default())
    }

    /// A Chrome DevTools Protocol command.
    pub fn cdp(&self, command: &str, params: Value) -> Result<Value, WdError> {
        self.post(
            "/goog/cdp/execute",
            json!({ "cmd": command, "params": params }),
        )
    }

    /// The text of an open `alert`/`confirm`/`prompt`, if one is open.
    pub fn alert_text(&self) -> Option<String> {
        self.get("/alert/text")
            .ok()
            .map(|v| v.as_str().unwrap_or_default().to_string())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = call("DELETE", &self.base, None);
    }
}
