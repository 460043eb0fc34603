//! The keyboard alone, with real key presses: from the header through the jobs, a job and its
//! calls to a call's recording, played with the space bar, and back to the header; every
//! stop of the focus on the way is visibly marked.

use e2e::journey::console::{text_of, wait_path};
use e2e::journey::{Browser, Journey};
use serde_json::Value;

const TAB: &str = "\u{E004}";
const SHIFT_TAB: &str = "\u{E008}\u{E004}";
const ENTER: &str = "\u{E007}";
/// Tab presses a journey allows to reach one target.
const MOST_TABS: usize = 120;

/// The focused element: tag, class, href, and whether its focus is drawn (an outline or a
/// box shadow).
const FOCUSED: &str = "const e = document.activeElement;\n\
    if (!e || e === document.body) return null;\n\
    const s = getComputedStyle(e);\n\
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;\n\
    const shadow = s.boxShadow && s.boxShadow !== 'none';\n\
    return { tag: e.tagName.toLowerCase(), cls: e.className || '', href: e.getAttribute('href') || '',\n\
             text: (e.textContent || '').trim().slice(0, 40), drawn: outline || shadow,\n\
             inHeader: !!e.closest('.tc-header'),
             recording: e.closest('.tc-recording') ? e.closest('.tc-recording').className : '' };";

fn focused(b: &Browser) -> Value {
    b.js(FOCUSED)
}

fn press(b: &Browser, keys: &[&str]) {
    b.session()
        .press_keys(keys)
        .unwrap_or_else(|e| panic!("pressing {keys:?}: {e}"));
}

/// Presses Tab (or Shift+Tab) until `wanted` holds for the focused element; every element
/// the focus stops on must show it. How many presses it took.
fn tab_to(b: &Browser, what: &str, back: bool, wanted: impl Fn(&Value) -> bool) -> usize {
    for n in 1..=MOST_TABS {
        press(b, &[if back { SHIFT_TAB } else { TAB }]);
        let now = focused(b);
        if now.is_null() {
            continue;
        }
        assert!(
            now["drawn"].as_bool() == Some(true),
            "the focus on {now} is not visible (on the way to {what})"
        );
        if wanted(&now) {
            return n;
        }
    }
    panic!("{what} not reached in {MOST_TABS} presses of Tab")
}

pub fn keyboard_alone_from_the_header_to_a_call_s_recording_and_back(j: &Journey) {
    let stack = j.stack(|_| {});
    let b = j.browser();
    b.goto(&stack.url("/overview"));
    b.element(".tc-overview");
    // The header's jobs link, then Enter.
    tab_to(&b, "the header's jobs link", false, |f| {
        f["inHeader"] == Value::Bool(true) && text_of(&f["href"]).ends_with("/jobs")
    });
    press(&b, &[ENTER]);
    wait_path(&b, "/jobs");
    b.element(".tc-jobs-table tbody tr");
    // The first job's link, then Enter.
    tab_to(&b, "a job's link", false, |f| {
        let href = text_of(&f["href"]);
        f["tag"] == "a" && href.starts_with("/jobs/") && href.len() > "/jobs/".len()
    });
    press(&b, &[ENTER]);
    b.wait("a job's page", || match b.url() {
        url if url.contains("/jobs/") && !url.ends_with("/jobs") => Ok(()),
        url => Err(url),
    });
    b.element(".tc-to-calls");
    tab_to(&b, "the job's calls link", false, |f| {
        text_of(&f["cls"]).contains("tc-to-calls")
    });
    press(&b, &[ENTER]);
    b.wait("the job's calls", || match b.url() {
        url if url.contains("/calls") => Ok(()),
        url => Err(url),
    });
    b.element(".tc-calls-table tbody tr");
    // An answered call's link (its row has a play button).
    let answered = b.js(
        "const row = [...document.querySelectorAll('.tc-calls-table tbody tr')]\n\
           .find(r => r.querySelector('.tc-play'));\n\
         return row ? row.querySelector('.tc-call-id a').getAttribute('href') : null;",
    );
    let href = text_of(&answered);
    assert!(!href.is_empty(), "an answered call on the first page");
    tab_to(&b, "an answered call's link", false, |f| {
        text_of(&f["href"]) == href
    });
    press(&b, &[ENTER]);
    wait_path(&b, &href);
    b.element(".tc-recording-full audio");
    // The whole call's player, then the space bar plays it.
    tab_to(&b, "the whole call's player", false, |f| {
        f["tag"] == "audio" && text_of(&f["recording"]).contains("tc-recording-full")
    });
    press(&b, &[" "]);
    b.wait("the recording playing", || {
        match b.js("const a = document.querySelector('.tc-recording-full audio'); return !!a && !a.paused;") {
            Value::Bool(true) => Ok(()),
            other => Err(other.to_string()),
        }
    });
    // And back to the header.
    let back = tab_to(&b, "the header", true, |f| {
        f["inHeader"] == Value::Bool(true)
    });
    assert!(back > 1, "the header is more than one stop away");
    b.assert_clean();
}
