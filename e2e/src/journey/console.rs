//! What the journeys know of the console's pages: where its lists and panels are, how a
//! user pages through them, and how it writes what it shows.

use super::{Browser, Pending, StandIn};
use crate::url::{param, path_of};
use serde_json::{json, Value};
use std::time::Duration;

/// The rows of the jobs table (`data-job-id`).
pub const JOB_ROWS: &str = ".tc-jobs-table tbody tr";
/// The rows of a calls table (`data-call-id`).
pub const CALL_ROWS: &str = ".tc-calls-table tbody tr";

/// The console's four pages: name, path, what shows once its data is in.
pub fn pages(call: i64) -> [(&'static str, String, &'static str); 4] {
    [
        ("jobs", "/jobs".to_string(), JOB_ROWS),
        ("job", "/jobs/2".to_string(), ".tc-kpis"),
        ("calls", "/jobs/2/calls".to_string(), CALL_ROWS),
        ("call", format!("/calls/{call}"), ".tc-call-header"),
    ]
}

/// The first answered call of job 2.
pub fn answered_call(api: &StandIn) -> i64 {
    let (ids, _) = api.call_ids(
        &json!({"robotCallJobId": 2, "resultStatuses": ["ANSWERED"], "pageNum": 1, "pageSize": 1}),
    );
    ids[0]
}

/// The numbers in attribute `attr` of the elements `css`, in order.
pub fn ids(b: &Browser, css: &str, attr: &str) -> Vec<i64> {
    b.attrs(css, attr)
        .iter()
        .filter_map(|v| v.as_str().and_then(|s| s.parse().ok()))
        .collect()
}

/// Waits until the rows `css` carry exactly `expected` ids (`attr`), in order.
pub fn wait_rows(b: &Browser, what: &str, css: &str, attr: &str, expected: &[i64]) {
    b.wait(what, || {
        let shown = ids(b, css, attr);
        if shown == expected {
            Ok(())
        } else {
            Err(format!("{shown:?}, expected {expected:?}"))
        }
    });
}

/// Clicks the page-number button `n` under a list.
pub fn click_page(b: &Browser, n: u32) {
    b.wait(&format!("a click on page {n}"), || {
        let buttons = b
            .session()
            .find_all(".tc-pagination .tc-page-number")
            .map_err(|e| e.to_string())?;
        for button in buttons {
            let text = b.js_args("return arguments[0].innerText;", vec![button.json()]);
            if text.as_str().map(str::trim) == Some(n.to_string().as_str()) {
                return b.session().click(&button).map_err(|e| e.to_string());
            }
        }
        Err("no such page button".into())
    })
}

/// Waits until the URL satisfies `check`; the URL.
pub fn wait_url(b: &Browser, what: &str, check: impl Fn(&str) -> bool) -> String {
    b.wait(what, || {
        let url = b.url();
        if check(&url) {
            Ok(url)
        } else {
            Err(url)
        }
    })
}

/// Waits until the URL's path is `path`; the URL.
pub fn wait_path(b: &Browser, path: &str) -> String {
    wait_url(b, &format!("the path {path}"), |u| path_of(u) == path)
}

/// Waits until the URL's query has `key` = `value`; the URL.
pub fn wait_param(b: &Browser, key: &str, value: &str) -> String {
    wait_url(b, &format!("{key}={value} in the URL"), |u| {
        param(u, key).as_deref() == Some(value)
    })
}

/// [`wait_param`] after a new filter or page size, which starts the list again at page 1:
/// the URL names no page.
pub fn wait_param_from_page_1(b: &Browser, key: &str, value: &str) -> String {
    let url = wait_param(b, key, value);
    assert_eq!(
        param(&url, "page"),
        None,
        "a new {key} starts at page 1: {url}"
    );
    url
}

/// What the error panel shows, once it shows.
pub fn wait_error(b: &Browser, within: Duration) -> String {
    b.wait_within(within, "an error panel", || {
        b.text(".tc-error").ok_or_else(|| {
            b.text(".tc-main")
                .unwrap_or_default()
                .chars()
                .take(200)
                .collect::<Pending>()
        })
    })
}

/// The selector of a filter chip: `group` is its list's class, `code` the value it stands for.
pub fn chip(group: &str, code: &str) -> String {
    format!(".{group} .tc-filter-chip[data-code=\"{code}\"]")
}

/// `pageNum` and `pageSize` of a `getTasks` query.
pub fn page_params(page: u32, size: u32) -> Vec<(&'static str, String)> {
    vec![
        ("pageNum", page.to_string()),
        ("pageSize", size.to_string()),
    ]
}

/// `1:33`, `1:02:03`, as the console writes a number of seconds.
pub fn duration_text(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A JSON string's text; `""` for anything else.
pub fn text_of(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}
