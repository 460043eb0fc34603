//! Hostile content: rendered as text, no script, no unsafe URL.

use e2e::journey::console::{answered_call, pages};
use e2e::journey::Journey;
use serde_json::json;

/// Every `src`/`href` in the page (frames included as elements) that is not http(s), and
/// elements that only injected markup would create.
const UNSAFE_IN_DOM: &str = r#"
const bad = [];
for (const e of document.querySelectorAll('[src], [href], [action], [formaction], [poster], [data]')) {
  for (const name of ['src', 'href', 'action', 'formaction', 'poster', 'data']) {
    const raw = e.getAttribute(name);
    if (raw === null) continue;
    let protocol;
    try { protocol = new URL(raw, document.baseURI).protocol; } catch (_) { protocol = 'unparsable'; }
    if (protocol !== 'http:' && protocol !== 'https:') bad.push(e.tagName + ' ' + name + '=' + raw.slice(0, 60));
  }
}
const root = document.querySelector('.tanyi-console') || document.body;
for (const e of root.querySelectorAll('script, iframe, img, object, embed, marquee, style, b, i, svg:not(figure.tc-line-chart svg), [onerror], [onload], [onclick]')) {
  bad.push('element ' + e.outerHTML.slice(0, 80));
}
return bad;
"#;

pub fn hostile_content_stays_text(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let call = answered_call(api);
    // Every answer, recordings included.
    api.fault(Some("hostile"), Some("/"));
    let b = j.browser();
    let mut outcome = Vec::new();
    for (page, path, data) in pages(call) {
        b.goto(&stack.url(&path));
        let shown = b.wait(&format!("the {page} page with hostile data"), || {
            let loading = b.exists(".tc-loading-bar.tc-active");
            match (loading, b.exists(data), b.exists(".tc-error")) {
                (false, true, _) => Ok("data"),
                (false, _, true) => Ok("error"),
                state => Err(format!("{state:?}")),
            }
        });
        let unsafe_dom = b.js(UNSAFE_IN_DOM);
        assert_eq!(
            unsafe_dom,
            json!([]),
            "the {page} page holds unsafe markup or URLs"
        );
        let text = b.text(".tc-main").unwrap_or_default();
        if shown == "error" {
            let error = b.text(".tc-error").unwrap_or_default();
            assert!(
                error.contains("格式不符") || error.contains("JSON"),
                "the {page} page's error is not clear: {error}"
            );
        } else {
            assert!(
                text.contains("<script>alert(")
                    || text.contains("<img src=x")
                    || text.contains("<b>"),
                "the {page} page shows the markup as text"
            );
        }
        outcome.push(format!("{page}: {shown}"));
        b.assert_clean();
    }
    // The call page: the 2,000-turn transcript renders, and searching markup marks text.
    if b.exists(".tc-call-header") {
        b.wait("the long transcript", || {
            let n = b.js("return document.querySelectorAll('.tc-turn').length;");
            if n == json!(2000) {
                Ok(())
            } else {
                Err(n.to_string())
            }
        });
        let players = b.js("return document.querySelectorAll('audio').length;");
        assert_eq!(
            players,
            json!(0),
            "no player for javascript:/data: recordings"
        );
        let invalid = b.texts(".tc-recording-invalid");
        assert_eq!(
            invalid.len(),
            2,
            "both recordings are flagged as invalid: {invalid:?}"
        );
        b.type_text(".tc-transcript-search", "<script>\u{E007}");
        b.wait("marked markup", || {
            let marks = b.texts("mark.tc-match");
            if !marks.is_empty() && marks.iter().all(|m| m.eq_ignore_ascii_case("<script>")) {
                Ok(())
            } else {
                Err(format!("{} marks", marks.len()))
            }
        });
        assert_eq!(b.js(UNSAFE_IN_DOM), json!([]));
    }
    println!("  hostile content: {}", outcome.join(", "));
}
