//! Hostile content: every page (the overview and the leads too) shows the data the
//! stand-in's `hostile` fault sent, its markup as text; no script runs, no unsafe URL or
//! injected element lands in the page.

use e2e::journey::console::{answered_call, pages, CALL_ROWS, JOB_ROWS};
use e2e::journey::stand_in::CALLS_PATH;
use e2e::journey::{Browser, Journey, StandIn};
use mock_api::hostile::HOSTILE_TURNS;
use serde_json::{json, Value};

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

/// The endpoint whose answer each page shows.
fn endpoint(page: &str) -> &'static str {
    match page {
        "jobs" => "/apiOpen/v1/task/getTasks",
        "job" => "/apiOpen/v1/task/getTaskDetail",
        "calls" => CALLS_PATH,
        _ => "/apiOpen/v1/callRecord/callDetail",
    }
}

/// The answer the app was given for `path`: its request, from the stand-in's log, asked
/// again (the stand-in answers a request the same way each time, the fault included).
fn answer_to_the_app(api: &StandIn, page: &str, path: &str) -> Value {
    let asked = api
        .app_requests()
        .into_iter()
        .rev()
        .find(|r| r["path"] == path)
        .unwrap_or_else(|| panic!("the {page} page never asked for {path}"));
    api.answer_to(&asked)
}

/// The text items of a JSON list (the `hostile` fault mixes in numbers, nulls and objects).
fn texts_in(list: &Value) -> Vec<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|t| !t.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Where each page shows text the stand-in sent, and that text: (element, strings).
fn sent_text(page: &str, data: &Value) -> Vec<(String, Vec<String>)> {
    let rows = data["content"].as_array().cloned().unwrap_or_default();
    match page {
        // Each job's name and organisation in its row.
        "jobs" => rows
            .iter()
            .map(|job| {
                let css = format!("{JOB_ROWS}[data-job-id=\"{}\"]", job["robotCallJobId"]);
                (
                    css,
                    texts_in(&json!([job["name"], job["organizationName"]])),
                )
            })
            .collect(),
        // The job's name, organisation and description, and the customers' concerns.
        "job" => {
            let job = &data["robotCallJob"];
            let fields = json!([job["name"], data["organizationName"], job["description"]]);
            let mut texts = texts_in(&fields);
            texts.extend(texts_in(&data["callJobStatsInfo"]["customerConcern"]));
            vec![(".tc-main".to_string(), texts)]
        }
        // Each call's concerns in its row.
        "calls" => rows
            .iter()
            .map(|call| {
                let css = format!("{CALL_ROWS}[data-call-id=\"{}\"]", call["callRecordId"]);
                (css, texts_in(&call["customerConcern"]))
            })
            .collect(),
        // The customer's name, group, properties (names and values) and concerns; the
        // transcript is checked turn by turn.
        _ => {
            let person = &data["customerPerson"];
            let mut texts = texts_in(&json!([person["name"], person["customerGroupName"]]));
            for (key, value) in person["properties"].as_object().into_iter().flatten() {
                if let Some(value) = value.as_str().filter(|v| !v.trim().is_empty()) {
                    texts.extend([key.clone(), value.to_string()]);
                }
            }
            texts.extend(texts_in(&data["customerConcern"]));
            vec![(".tc-main".to_string(), texts)]
        }
    }
}

/// Waits until the element `css` shows every one of `texts`.
fn wait_shown(b: &Browser, what: &str, css: &str, texts: &[String]) {
    b.wait(what, || {
        let shown = b.text(css).unwrap_or_default();
        let missing: Vec<&String> = texts.iter().filter(|t| !shown.contains(*t)).collect();
        match missing.first() {
            None => Ok(()),
            Some(first) => Err(format!(
                "{} of {} not shown, the first {:?}; {css} shows {:?}",
                missing.len(),
                texts.len(),
                first.chars().take(80).collect::<String>(),
                shown.chars().take(300).collect::<String>()
            )),
        }
    });
}

pub fn hostile_content_stays_text(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let call = answered_call(api);
    // Every answer, recordings included.
    api.fault(Some("hostile"), Some("/"));
    let b = j.browser();
    let mut outcome = Vec::new();
    for (page, path, data) in pages(call) {
        api.clear_requests();
        b.goto(&stack.url(&path));
        b.wait(&format!("the {page} page with hostile data"), || {
            if let Some(error) = b.text(".tc-error") {
                panic!("the {page} page shows an error instead of the data: {error}");
            }
            match (b.exists(".tc-loading-bar.tc-active"), b.exists(data)) {
                (false, true) => Ok(()),
                state => Err(format!("(loading, data) {state:?}")),
            }
        });
        let answer = answer_to_the_app(api, page, endpoint(page));
        let expected = sent_text(page, &answer["data"]);
        let texts: usize = expected.iter().map(|(_, t)| t.len()).sum();
        let markup = expected
            .iter()
            .flat_map(|(_, t)| t)
            .any(|t| t.contains("<script>"));
        assert!(
            expected.iter().all(|(_, t)| !t.is_empty()) && markup,
            "the stand-in sent the {page} page no hostile text to show: {expected:?}"
        );
        for (css, texts) in &expected {
            wait_shown(
                &b,
                &format!("the {page} page showing as text what was sent"),
                css,
                texts,
            );
        }
        let unsafe_dom = b.js(UNSAFE_IN_DOM);
        assert_eq!(
            unsafe_dom,
            json!([]),
            "the {page} page holds unsafe markup or URLs"
        );
        outcome.push(format!("{page}: {texts} texts"));
        b.assert_clean();
    }

    // The call page (the last one): the 2,000-turn transcript renders, each turn as sent,
    // and searching markup marks text.
    let detail = answer_to_the_app(api, "call", endpoint("call"));
    let turns: Vec<String> = detail["data"]["callDetailList"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| t["text"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(turns.len(), HOSTILE_TURNS, "the hostile transcript's turns");
    b.wait("the long transcript, each turn as sent", || {
        let shown = b.texts(".tc-turns .tc-turn .tc-bubble");
        match shown.iter().zip(&turns).position(|(s, t)| s != t) {
            None if shown.len() == turns.len() => Ok(()),
            None => Err(format!("{} turns of {}", shown.len(), turns.len())),
            Some(i) => Err(format!(
                "turn {i} shows {:?}, was sent {:?}",
                shown[i].chars().take(80).collect::<String>(),
                turns[i].chars().take(80).collect::<String>()
            )),
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

    // The overview and the leads, which gather many answers on one page: the job names as
    // sent, as text, and nothing unsafe.
    for (page, path, shown) in [
        (
            "overview",
            "/overview",
            ".tc-overview-jobs tbody tr, .tc-overview .tc-empty",
        ),
        ("leads", "/leads", ".tc-leads-progress[data-phase=finished]"),
    ] {
        api.clear_requests();
        b.goto(&stack.url(path));
        b.element(shown);
        if page == "overview" {
            let jobs = answer_to_the_app(api, page, endpoint("jobs"));
            let listed: Vec<String> = b
                .attrs(".tc-overview-jobs tbody tr", "data-job-id")
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            let names: Vec<String> = jobs["data"]["content"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|job| listed.contains(&job["robotCallJobId"].to_string()))
                .filter_map(|job| job["name"].as_str())
                .filter(|name| !name.trim().is_empty())
                .map(str::to_string)
                .collect();
            // The hostile job list gives statuses the overview does not list (unknown ones,
            // finished ones) as much as ones it does: whichever it lists show their names.
            if !names.is_empty() {
                wait_shown(
                    &b,
                    "the overview's job names as sent",
                    ".tc-overview-jobs",
                    &names,
                );
            }
            outcome.push(format!("overview: {} job names", names.len()));
        }
        assert_eq!(
            b.js(UNSAFE_IN_DOM),
            json!([]),
            "the {page} page holds unsafe markup or URLs"
        );
        b.assert_clean();
    }
    println!("  hostile content shown as text: {}", outcome.join(", "));
}
