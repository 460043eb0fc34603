//! The console as a whole: a dead API address in settings gives a clear error and reset
//! recovers; a panic shows the crash overlay, whose button reloads; a long session keeps its
//! memory.

use e2e::journey::console::{answered_call, page_params, pages, wait_error, wait_rows, JOB_ROWS};
use e2e::journey::{Journey, WAIT};
use serde_json::json;
use std::time::Duration;

pub fn settings_dead_address_and_reset(j: &Journey) {
    let stack = j.stack(|_| {});
    let b = j.browser();
    b.goto(&stack.url("/settings"));
    let dead = format!("http://127.0.0.1:{}", e2e::free_port());
    b.type_text(".tc-api-base-url", &format!("{dead}\u{E007}"));
    b.element(".tc-setting[data-key=apiBaseUrl] .tc-source-override");
    assert_eq!(b.text(".tc-api-url").as_deref(), Some(dead.as_str()));

    // The browser refuses (CSP connect-src) or nothing answers: either is a failed fetch.
    b.allow_console("violates the following Content Security Policy directive: \"connect-src");
    b.allow_console("Refused to connect");
    b.allow_console("net::ERR_");
    b.allow_console("Failed to fetch");
    b.click(".tc-nav a[href=\"/jobs\"]");
    let error = wait_error(&b, WAIT);
    assert!(
        error.contains("无法连接接口服务") && error.contains("apiBaseUrl"),
        "the error says the API cannot be reached and what to check: {error}"
    );
    assert!(!b.exists(JOB_ROWS));
    b.reload();
    let error = wait_error(&b, WAIT);
    assert!(error.contains("无法连接接口服务"), "{error}");

    b.goto(&stack.url("/settings"));
    b.click(".tc-reset-settings");
    b.element(".tc-setting[data-key=apiBaseUrl] .tc-source-file");
    assert_eq!(b.text(".tc-api-url").as_deref(), Some(stack.site.api_url()));
    b.click(".tc-nav a[href=\"/jobs\"]");
    let all = stack.stand_in.job_ids(&page_params(1, 20));
    wait_rows(&b, "the jobs after reset", JOB_ROWS, "data-job-id", &all);
    b.reload();
    wait_rows(&b, "the jobs after reload", JOB_ROWS, "data-job-id", &all);
}

// ---------------------------------------------------------------------------------------
// A panic shows the "something went wrong" overlay, whose button reloads.

pub fn panic_shows_the_crash_overlay(j: &Journey) {
    let stack = j.stack(|_| {});
    let b = j.browser();
    b.goto(&stack.url("/jobs"));
    b.element(JOB_ROWS);
    b.allow_panic();
    b.allow_console("RuntimeError: unreachable");
    // The panic unwinds into the script as a JavaScript error: expected.
    let _ = b
        .session()
        .execute("window.wasmBindings.simulate_crash();", Vec::new());
    let text = b.wait_text("the crash overlay", "#tanyi-console-crashed");
    assert!(
        text.contains("出错了") && text.contains("Something went wrong"),
        "{text}"
    );
    let visible = b.js(
        "const r = document.getElementById('tanyi-console-crashed').getBoundingClientRect();\n\
         const d = document.documentElement;\n\
         return r.width >= d.clientWidth - 1 && r.height >= d.clientHeight - 1;",
    );
    assert_eq!(visible, json!(true), "the overlay covers the page");
    b.click("#tanyi-console-crashed button");
    b.wait("the reloaded page without the overlay", || {
        if b.exists("#tanyi-console-crashed") {
            Err("overlay still there".into())
        } else if !b.exists(JOB_ROWS) {
            Err("no rows yet".into())
        } else {
            Ok(())
        }
    });
}

// ---------------------------------------------------------------------------------------
// A long session: page after page, the console's memory stays where it was.

/// A client-side navigation, as the router's own links and the browser's back button make.
const NAVIGATE: &str = "history.pushState(null, '', arguments[0]);\n\
    dispatchEvent(new PopStateEvent('popstate', { state: null }));";

pub fn a_long_session_keeps_its_memory(j: &Journey) {
    // The wasm heap's reading is one of the benchmark's instruments: only its build has it.
    let bench_dist = j.suite.bench_dist.clone().expect(
        "TANYI_E2E_BENCH_DIST names the build with the feature bench (cargo xtask test makes it)",
    );
    let stack = j.stack(|p| p.dist = bench_dist);
    let call = answered_call(&stack.stand_in);
    let b = j.browser();
    b.goto(&stack.url("/jobs"));
    b.element(JOB_ROWS);
    let heap = || {
        // Requests still under way hold memory for a moment; let them finish.
        std::thread::sleep(Duration::from_millis(300));
        b.js("return window.wasmBindings.wasm_heap_bytes();")
            .as_f64()
            .unwrap_or(f64::NAN)
    };
    let (warm_up, measured) = (20usize, 100u32);
    let mut at_start = 0.0;
    for n in 1..=warm_up + measured as usize {
        let cycle = pages(call);
        let (page, path, data) = &cycle[n % cycle.len()];
        b.js_args(NAVIGATE, vec![json!(path)]);
        b.wait(&format!("navigation {n}: the {page} page's data"), || {
            let here = b.js("return location.pathname;");
            match (here.as_str() == Some(path.as_str()), b.exists(data)) {
                (true, true) => Ok(()),
                state => Err(format!("{state:?}")),
            }
        });
        if n == warm_up {
            at_start = heap();
        }
    }
    let growth = (heap() - at_start) / f64::from(measured);
    println!("the wasm heap grew {growth:.0} bytes a navigation");
    // Today about 300 bytes a navigation (leptos_router's own); each page visit leaked
    // 2 to 9 KB before pages stopped subscribing to the never-changing configuration.
    assert!(
        growth < 1500.0,
        "the wasm heap grew {growth:.0} bytes a navigation over {measured} navigations"
    );
    assert!(b.problems().is_empty(), "{:?}", b.problems());
}
