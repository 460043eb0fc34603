//! Accessibility and small screens, on every route and every screen a user can meet (data,
//! empty, error, bad address, not found, sign-in, configuration error), in Chinese and in
//! English: axe-core finds nothing against WCAG 2.0 and 2.1 A and AA, keyboard focus is
//! always visible, and at 390 px wide nothing reaches past the viewport.
//!
//! axe-core is the npm package that `cargo xtask test`'s tools stage installs into .tools/
//! (xtask/src/tools.rs); the journey injects its file into each page over WebDriver.
//! `TANYI_E2E_SCREENS=1` also saves a full-page screenshot of each screen at 390 and 1280 px
//! into target/screens/.

use e2e::journey::console::{answered_call, CALL_ROWS, JOB_ROWS};
use e2e::journey::{Browser, Journey, Stack};
use serde_json::{json, Value};
use std::path::PathBuf;

/// The rules: every WCAG 2.0 and 2.1 rule of levels A and AA.
const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const PHONE: (u32, u32) = (390, 844);
/// The leads page once every job is read.
const LEADS_READ: &str = ".tc-leads-progress:is([data-phase=finished], [data-phase=overlimit])";
const DESKTOP: (u32, u32) = (1280, 900);

fn axe_path() -> PathBuf {
    xtask::shell::root().join(".tools/node_modules/axe-core/axe.min.js")
}

/// axe-core's script; the journey fails at once, saying how to get it, when it is absent.
fn axe_source() -> String {
    let path = axe_path();
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is not at {} ({e}): `cargo xtask test` installs it (its tools stage), \
             or `npm install --prefix .tools axe-core@{}`",
            path.display(),
            xtask::tools::AXE_CORE_VERSION
        )
    })
}

/// One screen: its name, its path, and what shows once it is drawn.
struct Screen {
    name: &'static str,
    path: String,
    ready: &'static str,
}

fn screen(name: &'static str, path: impl Into<String>, ready: &'static str) -> Screen {
    Screen {
        name,
        path: path.into(),
        ready,
    }
}

/// What a browser at one width and language found wrong on one screen.
struct Checker<'a> {
    b: &'a Browser,
    axe: String,
    language: &'static str,
    failures: Vec<String>,
    shots: Option<PathBuf>,
}

impl<'a> Checker<'a> {
    fn new(b: &'a Browser, language: &'static str) -> Checker<'a> {
        let shots = std::env::var_os("TANYI_E2E_SCREENS")
            .filter(|v| !v.is_empty() && v != "0")
            .map(|_| xtask::shell::root().join("target/screens"));
        if let Some(dir) = &shots {
            let _ = std::fs::create_dir_all(dir);
        }
        Checker {
            b,
            axe: axe_source(),
            language,
            failures: Vec::new(),
            shots,
        }
    }

    fn viewport(&self, (width, height): (u32, u32)) {
        let metrics = json!({
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600,
        });
        self.b
            .session()
            .cdp("Emulation.setDeviceMetricsOverride", metrics)
            .unwrap_or_else(|e| panic!("setting the viewport to {width} px: {e}"));
    }

    /// Loads the screen, waits for it (and for its loading to end), then checks it at both
    /// widths.
    fn check(&mut self, stack: &Stack, s: &Screen) {
        self.viewport(DESKTOP);
        self.b.goto(&stack.url(&s.path));
        self.settle(s);
        self.check_here(s);
    }

    /// Checks the screen as it is now, at both widths.
    fn check_here(&mut self, s: &Screen) {
        let what = format!("{} ({}, {})", s.name, s.path, self.language);
        for size in [DESKTOP, PHONE] {
            self.viewport(size);
            self.settle(s);
            let at = format!("{what} at {} px", size.0);
            self.axe(&at);
            if size == PHONE {
                self.overflow(&at);
            }
            self.focus(&at);
            self.keyboard_reaches_every_click(&at);
            self.shoot(s, size.0);
        }
        self.viewport(DESKTOP);
    }

    fn settle(&self, s: &Screen) {
        self.b.element(s.ready);
        self.b.wait_js(
            &format!("{}: loading to end", s.name),
            "!document.querySelector('.tc-loading-bar.tc-active, .tc-booting') \
             && document.fonts.status === 'loaded'",
        );
        // A frame for the layout after the last change.
        let _ = self.b.session().execute_async(
            "const done = arguments[arguments.length - 1];\n\
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            Vec::new(),
        );
    }

    fn axe(&mut self, at: &str) {
        let present = self.b.js("return typeof window.axe === 'object';");
        if present != json!(true) {
            let loaded = self.b.session().execute(
                &format!("{}\nreturn typeof window.axe;", self.axe),
                Vec::new(),
            );
            match loaded {
                Ok(v) if v == json!("object") => {}
                other => panic!("injecting axe-core: {other:?}"),
            }
        }
        let result = self
            .b
            .session()
            .execute_async(
                "const done = arguments[arguments.length - 1];\n\
                 axe.run(document, {\n\
                   runOnly: { type: 'tag', values: arguments[0] },\n\
                   resultTypes: ['violations'],\n\
                 }).then(r => done(r.violations.map(v => ({\n\
                   id: v.id, impact: v.impact, help: v.help,\n\
                   nodes: v.nodes.map(n => ({\n\
                     target: n.target.join(' '),\n\
                     html: n.html.slice(0, 160),\n\
                     why: (n.failureSummary || '').split('\\n').slice(1, 3).join(' '),\n\
                   })),\n\
                 }))), e => done({ error: String(e) }));",
                vec![json!(TAGS)],
            )
            .unwrap_or_else(|e| panic!("running axe-core on {at}: {e}"));
        if let Some(error) = result.get("error") {
            panic!("axe-core failed on {at}: {error}");
        }
        for violation in result.as_array().cloned().unwrap_or_default() {
            let nodes = violation["nodes"].as_array().cloned().unwrap_or_default();
            let mut text = format!(
                "{at}: axe {} ({}, {} nodes): {}",
                violation["id"].as_str().unwrap_or("?"),
                violation["impact"].as_str().unwrap_or("?"),
                nodes.len(),
                violation["help"].as_str().unwrap_or("?"),
            );
            for node in nodes.iter().take(4) {
                text.push_str(&format!(
                    "\n      {} {} {}",
                    node["target"].as_str().unwrap_or("?"),
                    node["html"].as_str().unwrap_or("?"),
                    node["why"].as_str().unwrap_or(""),
                ));
            }
            self.failures.push(text);
        }
    }

    /// Nothing is wider than the viewport: the page never scrolls sideways, and no visible
    /// element's box reaches past the right edge, not even inside a scrolling box (only what
    /// a box clips on purpose, like a long badge's end, may).
    fn overflow(&mut self, at: &str) {
        let found = self
            .b
            .js("const width = document.documentElement.clientWidth;\n\
             const out = [];\n\
             const clipped = e => {\n\
               for (let p = e.parentElement; p; p = p.parentElement) {\n\
                 const o = getComputedStyle(p).overflowX;\n\
                 if (o === 'hidden' || o === 'clip') return true;\n\
               }\n\
               return false;\n\
             };\n\
             for (const e of document.querySelectorAll('.tanyi-console *')) {\n\
               const r = e.getBoundingClientRect();\n\
               if (r.width === 0 || r.height === 0) continue;\n\
               if (r.right > width + 0.5 && !clipped(e)) {\n\
                 out.push(e.tagName.toLowerCase() + '.' + Array.from(e.classList).join('.') +\n\
                   ' right ' + Math.round(r.right));\n\
               }\n\
             }\n\
             return { scroll: document.documentElement.scrollWidth, width, inner: innerWidth,\n\
                      out: out.slice(0, 8), count: out.length };");
        let (scroll, width) = (&found["scroll"], &found["width"]);
        if scroll.as_f64() > width.as_f64() {
            self.failures.push(format!(
                "{at}: the page scrolls sideways (scrollWidth {scroll} > {width})"
            ));
        }
        if found["count"].as_u64().unwrap_or(0) > 0 {
            self.failures.push(format!(
                "{at}: {} elements reach past the viewport's {width} px: {}",
                found["count"], found["out"]
            ));
        }
    }

    /// Tabs through the page: every element that takes the focus shows it (an outline or a
    /// ring), and the focus never lands on something hidden.
    fn focus(&mut self, at: &str) {
        self.b.js(
            "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);\n\
             window.__tcFocused = new WeakSet();",
        );
        for _ in 0..80 {
            self.tab();
            let state = self.b.js(
                "const e = document.activeElement;\n\
                 if (!e || e === document.body || window.__tcFocused.has(e)) return null;\n\
                 window.__tcFocused.add(e);\n\
                 const s = getComputedStyle(e);\n\
                 const r = e.getBoundingClientRect();\n\
                 const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;\n\
                 const ring = s.boxShadow && s.boxShadow !== 'none';\n\
                 return { what: e.tagName.toLowerCase() + '.' + Array.from(e.classList).join('.'),\n\
                          visible: outline || ring,\n\
                          shown: r.width > 0 && r.height > 0 };",
            );
            if state.is_null() {
                break;
            }
            let what = state["what"].as_str().unwrap_or("?").to_string();
            if state["visible"] != json!(true) {
                self.failures
                    .push(format!("{at}: the focus on {what} is not visible"));
            }
            if state["shown"] != json!(true) {
                self.failures
                    .push(format!("{at}: the focus lands on {what}, which has no box"));
            }
        }
    }

    /// Whatever looks clickable (a pointer cursor) can be reached with the keyboard: it takes
    /// the focus, is inside something that does (a label, a button), or holds a link or button
    /// that does the same (a row and the link in it).
    fn keyboard_reaches_every_click(&mut self, at: &str) {
        let found = self.b.js(
            "const focusable = 'a[href], button, input, select, textarea, summary, audio, [tabindex]';\n\
             const out = [];\n\
             for (const e of document.querySelectorAll('.tanyi-console *')) {\n\
               if (getComputedStyle(e).cursor !== 'pointer') continue;\n\
               // Only where the pointer starts: the cursor is inherited.\n\
               if (e.parentElement && getComputedStyle(e.parentElement).cursor === 'pointer') continue;\n\
               const r = e.getBoundingClientRect();\n\
               if (r.width === 0 || r.height === 0) continue;\n\
               if (e.closest(focusable + ', label')) continue;\n\
               if (e.querySelector(focusable)) continue;\n\
               out.push(e.tagName.toLowerCase() + '.' + Array.from(e.classList).join('.'));\n\
             }\n\
             return out.slice(0, 8);",
        );
        if let Some(out) = found.as_array().filter(|out| !out.is_empty()) {
            self.failures.push(format!(
                "{at}: clickable but out of the keyboard's reach: {out:?}"
            ));
        }
    }

    fn tab(&self) {
        for kind in ["keyDown", "keyUp"] {
            let key = json!({
                "type": kind, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9,
            });
            self.b
                .session()
                .cdp("Input.dispatchKeyEvent", key)
                .unwrap_or_else(|e| panic!("pressing Tab: {e}"));
        }
    }

    fn shoot(&self, s: &Screen, width: u32) {
        let Some(dir) = &self.shots else { return };
        self.b
            .js("document.activeElement && document.activeElement.blur();");
        let shot = self.b.session().cdp(
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": true }),
        );
        if let Ok(data) = shot {
            use base64::Engine;
            if let Ok(png) = base64::engine::general_purpose::STANDARD
                .decode(data["data"].as_str().unwrap_or_default())
            {
                let file = dir.join(format!("{}-{}-{width}.png", s.name, self.language));
                let _ = std::fs::write(file, png);
            }
        }
    }
}

/// The console in a language, through the configuration it is deployed with.
fn in_language(language: &'static str) -> impl Fn(&mut e2e::journey::Plan) {
    move |p| {
        p.config.insert("locale".into(), json!(language));
    }
}

pub fn every_screen_passes_axe_and_fits_a_phone(j: &Journey) {
    let mut failures = Vec::new();
    for language in ["zh-CN", "en"] {
        failures.extend(language_screens(j, language));
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

fn language_screens(j: &Journey, language: &'static str) -> Vec<String> {
    let stack = j.stack(|p| {
        in_language(language)(p);
        p.mock.live = true;
        p.config.insert("refreshSeconds".into(), json!(0));
    });
    let api = &stack.stand_in;
    api.control("/__mock/clock", json!({ "paused": true }));
    let call = answered_call(api);
    let b = j.browser();
    b.allow_console("Failed to load resource");
    let mut c = Checker::new(&b, language);
    let screens = [
        screen(
            "overview",
            "/overview",
            ".tc-overview-jobs, .tc-overview .tc-empty",
        ),
        screen("jobs", "/jobs", JOB_ROWS),
        screen(
            "jobs-empty",
            "/jobs?name=zzzz-no-such-job",
            ".tc-jobs .tc-empty",
        ),
        screen("job", "/jobs/2", ".tc-kpis"),
        screen("calls", "/jobs/2/calls", CALL_ROWS),
        screen(
            "calls-empty",
            "/jobs/2/calls?q=zzzz-no-such-call",
            ".tc-calls-empty, .tc-empty",
        ),
        screen("call", format!("/calls/{call}"), ".tc-call-header"),
        screen("leads", "/leads", LEADS_READ),
        screen("settings", "/settings", ".tc-settings-table"),
        screen("not-found", "/no/such/page", ".tc-main h1"),
        screen("bad-id", "/jobs/abc", ".tc-bad-id, .tc-error, .tc-main h1"),
    ];
    for s in &screens {
        c.check(&stack, s);
    }
    // The call page's sheet of keyboard shortcuts (`?`), over the page.
    let sheet = screen("call-shortcuts", format!("/calls/{call}"), ".tc-sheet");
    c.viewport(DESKTOP);
    b.goto(&stack.url(&sheet.path));
    c.settle(&screen("call", sheet.path.clone(), ".tc-call-header"));
    b.js("document.activeElement && document.activeElement.blur();");
    b.session()
        .press_keys(&["?"])
        .unwrap_or_else(|e| panic!("pressing ?: {e}"));
    c.settle(&sheet);
    c.check_here(&sheet);
    // At 390 px a list's filters fold behind a button; opened, they pass and fit too.
    for (name, path, rows, form) in [
        (
            "calls-filters-open",
            "/jobs/2/calls",
            CALL_ROWS,
            ".tc-call-filters",
        ),
        (
            "leads-filters-open",
            "/leads",
            LEADS_READ,
            ".tc-leads-filters",
        ),
    ] {
        c.viewport(PHONE);
        b.goto(&stack.url(path));
        b.element(rows);
        // (The leads' filters fold once their page puts them in a FilterFold.)
        if !b.exists(&format!(".tc-filter-fold {form}")) && name.starts_with("leads") {
            continue;
        }
        let shown = format!("return getComputedStyle(document.querySelector('{form}')).display;");
        if b.js(&shown) != json!("none") {
            c.failures.push(format!(
                "{name} ({language}): at 390 px the filters are not folded"
            ));
        }
        b.click(".tc-filters-toggle");
        let open = screen(name, path, ".tc-filter-fold.tc-open");
        c.settle(&open);
        if b.js(&shown) == json!("none") {
            c.failures.push(format!(
                "{name} ({language}): the button does not unfold the filters"
            ));
        }
        let at = format!("{name} ({path}, {language}) at 390 px");
        c.axe(&at);
        c.overflow(&at);
        c.shoot(&open, PHONE.0);
    }
    // Failures: the error panel on each page.
    api.fault(Some("500"), None);
    for s in [
        screen("overview-error", "/overview", ".tc-error, .tc-row-error"),
        screen("jobs-error", "/jobs", ".tc-error"),
        screen("job-error", "/jobs/2", ".tc-error"),
        screen("calls-error", "/jobs/2/calls", ".tc-error"),
        screen("call-error", format!("/calls/{call}"), ".tc-error"),
        screen("leads-error", "/leads", ".tc-error, .tc-leads-failures"),
    ] {
        c.check(&stack, &s);
    }
    api.fault(None, None);
    let mut failures = std::mem::take(&mut c.failures);
    drop(c);
    drop(b);

    // Signed out: the sign-in screen.
    let stack = j.stack(|p| {
        in_language(language)(p);
        p.sign_in = true;
    });
    let b = j.browser();
    b.allow_console("status of 401");
    let mut c = Checker::new(&b, language);
    c.check(
        &stack,
        &screen("sign-in", "/jobs", ".tc-sign-in .tc-sign-in-link"),
    );
    failures.append(&mut c.failures);
    drop(c);
    drop(b);

    // A configuration that cannot be used.
    let stack = j.stack(|p| {
        in_language(language)(p);
        p.config
            .insert("apiBaseUrl".into(), Value::from("ftp://example.com"));
    });
    let b = j.browser();
    let mut c = Checker::new(&b, language);
    c.check(&stack, &screen("config-error", "/jobs", ".tc-config-error"));
    failures.append(&mut c.failures);
    failures
}
