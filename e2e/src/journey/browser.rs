//! The headless Chromium of a journey, and the checks it makes on every page.

use super::{Suite, CRASH_OVERLAY, WAIT};
use crate::webdriver::{Element, LogEntry, Session, WdError};
use crate::TempDir;
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use std::thread;
use std::time::{Duration, Instant};

/// Runs before any script of every page and frame: records what injected markup would
/// make happen (dialogs), in `window.__pwned`, instead of blocking the browser on them.
const INIT_SCRIPT: &str = r#"(() => {
  const pwned = [];
  Object.defineProperty(window, '__pwned', { value: pwned });
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    window[name] = (...args) => { pwned.push(name + '(' + args.map(String).join(', ') + ')'); };
  }
})();"#;

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

    /// Waits until the first element matching `css` shows some text; that text.
    pub fn wait_text(&self, what: &str, css: &str) -> String {
        self.wait(what, || {
            let text = self.text(css);
            text.clone()
                .filter(|t| !t.is_empty())
                .ok_or_else(|| format!("{css}: {text:?}"))
        })
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

    /// Waits for a file in this browser's download directory whose name satisfies `wanted`
    /// (a download in progress has another name); its path.
    pub fn downloaded(&self, what: &str, wanted: impl Fn(&str) -> bool) -> PathBuf {
        self.wait(what, || {
            let entries = std::fs::read_dir(self.downloads.path()).map_err(|e| e.to_string())?;
            let names: Vec<String> = entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            names
                .iter()
                .find(|n| wanted(n))
                .map(|n| self.downloads.path().join(n))
                .ok_or_else(|| format!("{names:?}"))
        })
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
