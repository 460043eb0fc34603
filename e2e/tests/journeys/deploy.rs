//! Deployment: a sub-path, an iframe of another origin, a portal page, CORS.

use e2e::journey::console::{
    answered_call, page_params, text_of, wait_error, wait_path, wait_rows, CALL_ROWS, JOB_ROWS,
};
use e2e::journey::{credentials, Journey, Portal, Site, WAIT};
use e2e::url::path_of;
use serde_json::json;
use std::collections::BTreeSet;
use xtask::nginx::{Auth, CredentialsSource, Layout, ProxySettings};

const SUB_PATH: &str = "/portal/tanyi";

pub fn deploy_under_a_sub_path(j: &Journey) {
    let dist =
        j.suite.subpath_dist.clone().expect(
            "TANYI_E2E_SUBPATH_DIST: a build for /portal/tanyi/ (cargo xtask test makes one)",
        );
    let stack = j.stack(|p| {
        p.dist = dist;
        p.public_url = format!("{SUB_PATH}/");
    });
    let api = &stack.stand_in;
    let call = answered_call(api);
    let b = j.browser();

    // A deep link, loaded cold and reloaded.
    let (answered, _) = api.call_ids(
        &json!({"robotCallJobId": 2, "resultStatuses": ["ANSWERED"], "pageNum": 1, "pageSize": 20}),
    );
    b.goto(&stack.url(&format!("{SUB_PATH}/jobs/2/calls?result=ANSWERED")));
    wait_rows(
        &b,
        "the deep-linked calls",
        CALL_ROWS,
        "data-call-id",
        &answered,
    );
    b.reload();
    wait_rows(
        &b,
        "the calls after reload",
        CALL_ROWS,
        "data-call-id",
        &answered,
    );
    // Links stay under the prefix.
    let href = b.attrs(&format!("{CALL_ROWS} .tc-call-id a"), "href");
    assert_eq!(href[0], json!(format!("{SUB_PATH}/calls/{}", answered[0])));
    b.click(&format!("{CALL_ROWS} .tc-call-id a"));
    wait_path(&b, &format!("{SUB_PATH}/calls/{}", answered[0]));
    b.element(".tc-call-header");
    b.reload();
    b.element(".tc-call-header");
    b.goto(&stack.url(&format!("{SUB_PATH}/calls/{call}")));
    b.element(".tc-call-header");
    b.click(&format!(".tc-nav a[href=\"{SUB_PATH}/jobs\"]"));
    wait_path(&b, &format!("{SUB_PATH}/jobs"));
    b.element(JOB_ROWS);
    // The bare prefix lands on the overview, whose rows open jobs under the prefix.
    b.goto(&stack.url(SUB_PATH));
    wait_path(&b, &format!("{SUB_PATH}/overview"));
    b.element(".tc-overview-jobs tbody tr");
    let href = b.attrs(".tc-overview-jobs tbody tr .tc-job-name-cell a", "href");
    assert!(
        text_of(&href[0]).starts_with(&format!("{SUB_PATH}/jobs/")),
        "{href:?}"
    );
    // Every asset came from under the prefix (nothing at the root, which is not ours).
    let assets = b.js(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name))\n\
           .filter(u => u.origin === location.origin).map(u => u.pathname);",
    );
    for path in assets.as_array().cloned().unwrap_or_default() {
        assert!(
            text_of(&path).starts_with(&format!("{SUB_PATH}/")),
            "asset {path} outside the prefix"
        );
    }
}

/// A portal page of another origin framing the console's `/jobs`.
fn frame_page(site: String) -> impl Fn(&str) -> Option<String> + Send + 'static {
    move |path| {
        (path == "/").then(|| {
            format!(
                "<!DOCTYPE html><html><head><meta charset=utf-8><link rel=icon href=\"data:,\"><title>Portal</title></head>\n\
                 <body><h1>Portal</h1><iframe id=\"console\" src=\"{site}/jobs\" width=\"1200\" height=\"700\"></iframe></body></html>"
            )
        })
    }
}

pub fn deploy_in_a_portal_iframe(j: &Journey) {
    // The portals need the site's address, the site needs the portal's origin: ports first.
    let (portal_port, other_port) = (e2e::free_port(), e2e::free_port());
    let portal_origin = format!("http://127.0.0.1:{portal_port}");
    let stack = j.stack(|p| p.frame_ancestors = format!("'self' {portal_origin}"));
    let portal = Portal::start_on(portal_port, frame_page(stack.url("")));
    let other = Portal::start_on(other_port, frame_page(stack.url("")));
    let api = &stack.stand_in;
    let jobs = api.job_ids(&page_params(1, 20));

    let b = j.browser();
    b.goto(portal.url());
    let frame = b.element("#console");
    b.session()
        .switch_to_frame(Some(&frame))
        .expect("into the frame");
    wait_rows(&b, "the jobs in the frame", JOB_ROWS, "data-job-id", &jobs);
    b.click(&format!(
        "{JOB_ROWS}[data-job-id=\"{}\"] .tc-job-name-cell a",
        jobs[0]
    ));
    b.element(".tc-kpis");
    let inside = b.js("return location.pathname;");
    assert_eq!(inside, json!(format!("/jobs/{}", jobs[0])));
    b.session()
        .switch_to_frame(None)
        .expect("back to the portal");
    assert_eq!(b.text("h1").as_deref(), Some("Portal"));

    // A page of an origin not in frame-ancestors gets no console.
    b.allow_console("violates the following Content Security Policy directive: \"frame-ancestors");
    b.goto(other.url());
    let frame = b.element("#console");
    b.wait("the browser to refuse the frame", || {
        let refused = b.console().iter().any(|l| {
            l.message.contains(&format!("Framing '{}/'", stack.url("")))
                && l.message.contains("frame-ancestors")
        });
        if refused {
            Ok(())
        } else {
            Err("no refusal on the console yet".into())
        }
    });
    b.session()
        .switch_to_frame(Some(&frame))
        .expect("into the refused frame");
    assert!(
        !b.exists(".tanyi-console"),
        "the console ran in a frame of {}",
        other.url()
    );
    b.session().switch_to_frame(None).expect("back to the top");
}

/// A portal page that mounts the console into its `#tanyi-console` with embed.js, under
/// `/portal/ops/tanyi`, with its own styles on bare elements.
fn embed_page(site: String) -> impl Fn(&str) -> Option<String> + Send + 'static {
    move |path| {
        (path == "/portal/ops/tanyi" || path.starts_with("/portal/ops/tanyi/")).then(|| {
            format!(
                "<!DOCTYPE html><html><head><meta charset=utf-8><link rel=icon href=\"data:,\"><title>Ops portal</title>\n\
                 <style>body {{ font-family: serif; }} h1 {{ color: rgb(10, 20, 30); font-size: 40px; }}\n\
                 table {{ border-spacing: 7px; }} button {{ background: rgb(200, 0, 0); }} a {{ color: rgb(0, 128, 0); }}</style></head>\n\
                 <body><h1 class=\"portal-title\">Ops portal</h1>\n\
                 <table class=\"portal-table\"><tr><td>portal cell</td></tr></table>\n\
                 <div id=\"tanyi-console\" data-config-url=\"{site}/config.json\" data-base-path=\"/portal/ops/tanyi\"></div>\n\
                 <script type=\"module\" src=\"{site}/embed.js\"></script></body></html>"
            )
        })
    }
}

pub fn deploy_mounted_in_a_portal_page(j: &Journey) {
    let portal_port = e2e::free_port();
    let portal_origin = format!("http://127.0.0.1:{portal_port}");
    let origin = portal_origin.clone();
    let stack = j.stack(move |p| p.allowed_origins = vec![origin]);
    let portal = Portal::start_on(portal_port, embed_page(stack.url("")));
    let api = &stack.stand_in;
    let b = j.browser();

    b.goto(&format!("{}/portal/ops/tanyi/jobs/2", portal.url()));
    b.element("#tanyi-console .tc-kpis");
    let calls_link = b.attrs("#tanyi-console .tc-to-calls", "href");
    assert_eq!(calls_link, vec![json!("/portal/ops/tanyi/jobs/2/calls")]);
    b.click("#tanyi-console .tc-to-calls");
    let (first, _) = api.call_ids(&json!({"robotCallJobId": 2, "pageNum": 1, "pageSize": 20}));
    wait_rows(
        &b,
        "the calls on the portal page",
        &format!("#tanyi-console {CALL_ROWS}"),
        "data-call-id",
        &first,
    );
    assert_eq!(path_of(&b.url()), "/portal/ops/tanyi/jobs/2/calls");
    b.reload();
    wait_rows(
        &b,
        "the calls after reload",
        &format!("#tanyi-console {CALL_ROWS}"),
        "data-call-id",
        &first,
    );

    // Every stylesheet of the build is on the page.
    let index = std::fs::read_to_string(j.suite.dist.join("index.html")).expect("index.html");
    let built: BTreeSet<String> = index
        .split('"')
        .filter(|part| part.ends_with(".css"))
        .map(|part| part.rsplit('/').next().unwrap_or(part).to_string())
        .collect();
    let loaded: BTreeSet<String> = b
        .js("return Array.from(document.styleSheets).map(s => s.href || '').filter(h => h);")
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|h| {
            text_of(h)
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let missing: Vec<&String> = built.difference(&loaded).collect();
    assert!(
        missing.is_empty(),
        "embed.js did not load {missing:?} (the build has {built:?})"
    );

    // Styles: the portal's stay the portal's, the console's stay the console's.
    let style = |css: &str, property: &str| {
        text_of(&b.js_args(
            "return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1]);",
            vec![json!(css), json!(property)],
        ))
    };
    assert_eq!(style(".portal-title", "color"), "rgb(10, 20, 30)");
    assert_eq!(style(".portal-title", "font-size"), "40px");
    assert_eq!(style(".portal-table", "border-spacing"), "7px");
    assert!(style("body", "font-family").contains("serif"));
    assert_ne!(
        style("#tanyi-console h1", "font-size"),
        "40px",
        "the portal's h1 size leaked in"
    );
    assert_ne!(
        style("#tanyi-console h1", "color"),
        "rgb(10, 20, 30)",
        "the portal's h1 colour leaked in"
    );
    assert_ne!(
        style("#tanyi-console .tc-crumb a", "color"),
        "rgb(0, 128, 0)",
        "the portal's link colour leaked in"
    );
    for button in [".tc-export-start", ".tc-filter-chip", ".tc-lang"] {
        let css = format!("#tanyi-console {button}");
        assert_ne!(
            style(&css, "background-color"),
            "rgb(200, 0, 0)",
            "the portal's button style reached {button}"
        );
    }
    // Requests went through the proxy, signed, with no browser origin or cookie.
    let sent = api.app_requests();
    assert!(!sent.is_empty());
    for r in &sent {
        let headers = &r["headers"];
        assert!(headers.get("signature").is_some(), "unsigned: {r}");
        assert!(
            headers.get("origin").is_none() && headers.get("cookie").is_none(),
            "{r}"
        );
    }
}

pub fn deploy_disallowed_origin_fails_visibly(j: &Journey) {
    let stack = j.stack(|_| {});
    // The same build on another origin, configured for the same proxy, which does not list it.
    let mut settings = ProxySettings::new(
        stack.stand_in.url(),
        CredentialsSource::Values(credentials()),
        Auth::None,
    );
    settings.api_origin = Some(stack.site.api_url().to_string());
    let elsewhere = Site::start(
        &j.suite.dist,
        settings,
        Layout::SameOrigin {
            port: e2e::free_port(),
        },
        &json!({ "apiBaseUrl": stack.site.api_url() }),
    );
    let b = j.browser();
    b.allow_console("blocked by CORS policy");
    b.allow_console("Failed to load resource");
    b.allow_console("net::ERR_FAILED");
    b.goto(&elsewhere.url("/jobs"));
    let error = wait_error(&b, WAIT);
    assert!(
        error.contains("CORS") && error.contains("apiBaseUrl"),
        "the message names the cause: {error}"
    );
    assert!(!b.exists(JOB_ROWS));
    let blocked = b
        .console()
        .iter()
        .any(|l| l.message.contains("has been blocked by CORS policy"));
    assert!(blocked, "the browser blocked the answer for CORS");
    // The console's own origin still works.
    b.goto(&stack.url("/jobs"));
    b.element(JOB_ROWS);
}
