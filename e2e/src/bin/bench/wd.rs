//! A WebDriver session with the bench's own Chromium flags (`--enable-precise-memory-info`,
//! `--js-flags=--expose-gc`), which `e2e::webdriver::Session` does not take: the few
//! commands the bench needs, over the crate's HTTP client.

use e2e::webdriver::ChromeDriver;
use e2e::{request_within, TempDir};
use serde_json::{json, Value};
use std::time::Duration;
use xtask::smoke::{CHROMIUM, CHROMIUM_FLAGS};

/// How long one command may take (a script waiting for a mark included).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(90);

pub struct Session {
    base: String,
    _profile: TempDir,
}

fn call(method: &str, url: &str, body: Option<&Value>) -> Result<Value, String> {
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
    .map_err(|e| format!("{method} {url}: {e}"))?;
    let answer: Value = serde_json::from_slice(&response.body)
        .map_err(|e| format!("{method} {url}: HTTP {} and not JSON: {e}", response.status))?;
    let value = answer.get("value").cloned().unwrap_or(Value::Null);
    if response.status == 200 {
        Ok(value)
    } else {
        let message = value["message"].as_str().unwrap_or_default();
        Err(format!(
            "{}: {}",
            value["error"].as_str().unwrap_or("unknown error"),
            message.lines().next().unwrap_or_default()
        ))
    }
}

impl Session {
    /// A fresh headless Chromium (own profile, 1280×900) with the memory flags.
    pub fn new(driver: &ChromeDriver) -> Result<Session, String> {
        let profile = TempDir::new("bench-profile");
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| f.to_string()).collect();
        args.extend([
            format!("--user-data-dir={}", profile.path().display()),
            "--window-size=1280,900".into(),
            "--enable-precise-memory-info".into(),
            "--js-flags=--expose-gc".into(),
        ]);
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "timeouts": { "script": 60000, "pageLoad": 60000 },
                "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
            }}
        });
        let value = call(
            "POST",
            &format!("{}/session", driver.url()),
            Some(&capabilities),
        )?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no sessionId in {value}"))?;
        Ok(Session {
            base: format!("{}/session/{id}", driver.url()),
            _profile: profile,
        })
    }

    fn post(&self, path: &str, body: Value) -> Result<Value, String> {
        call("POST", &format!("{}{path}", self.base), Some(&body))
    }

    /// Loads a URL and waits for its `load` event.
    pub fn goto(&self, url: &str) -> Result<(), String> {
        self.post("/url", json!({ "url": url })).map(drop)
    }

    /// Runs a function body; its value.
    pub fn js(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        self.post("/execute/sync", json!({ "script": script, "args": args }))
    }

    /// Runs a function body that calls `arguments[arguments.length - 1](value)` when done.
    pub fn js_async(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        self.post("/execute/async", json!({ "script": script, "args": args }))
    }

    /// A Chrome DevTools Protocol command.
    pub fn cdp(&self, command: &str, params: Value) -> Result<Value, String> {
        self.post(
            "/goog/cdp/execute",
            json!({ "cmd": command, "params": params }),
        )
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = call("DELETE", &self.base, None);
    }
}
