//! Journeys through the gateway: signing in keeps the page the user was on, a viewer never
//! sees a whole number whatever the settings say, and an export that meets the rate limit
//! pauses and finishes with every call once.

use e2e::csv::parse_csv;
use e2e::journey::console::CALL_ROWS;
use e2e::journey::{Browser, Journey, Stack, WAIT};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use xtask::nginx::RateLimit;

/// The browser's console reports each refused request: expected here.
fn allow_refusals(b: &Browser) {
    b.allow_console("status of 401");
    b.allow_console("status of 429");
    // The stand-in portal's page has no icon.
    b.allow_console("favicon.ico");
}

/// On the stand-in portal's form: signs in as `user` (password = user name).
fn sign_in_at_portal(b: &Browser, user: &str) {
    b.element("form input[name=user]");
    b.set_value("input[name=user]", user);
    b.set_value("input[name=password]", user);
    b.click("form button[type=submit]");
}

/// Opens `path` signed out, follows the console's sign-in link, signs in as `user`; the
/// URL the browser is back on.
fn sign_in_from(b: &Browser, stack: &Stack, path: &str, user: &str) -> String {
    b.goto(&stack.url(path));
    b.element(".tc-sign-in .tc-sign-in-link");
    let href = b.attrs(".tc-sign-in .tc-sign-in-link", "href")[0]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        href.starts_with(&format!("{}/__portal/sign-in?rd=", stack.stand_in.url())),
        "the link leads to the portal: {href}"
    );
    b.click(".tc-sign-in .tc-sign-in-link");
    sign_in_at_portal(b, user);
    b.wait("back on the console", || {
        let url = b.url();
        url.starts_with(&stack.url("/"))
            .then_some(url.clone())
            .ok_or(url)
    })
}

pub fn sign_in_round_trip_keeps_the_url(j: &Journey) {
    let stack = j.stack(|p| p.sign_in = true);
    let b = j.browser();
    allow_refusals(&b);
    let path = "/jobs/1/calls?result=ANSWERED&page=2";
    let back = sign_in_from(&b, &stack, path, "supervisor");
    assert_eq!(back, stack.url(path), "signing in returns to the very URL");
    b.element(CALL_ROWS);
    let header = b.wait_text("the operator in the header", ".tc-operator");
    assert!(
        header.contains("supervisor") && header.contains("主管"),
        "{header}"
    );
    // The filters and page are the URL's: that is what the console asked for.
    let asked = b.wait("the calls request", || {
        stack
            .stand_in
            .last_calls_request()
            .ok_or_else(|| "no calls request yet".to_string())
    });
    assert_eq!(asked["body"]["pageNum"], 2, "{asked}");
    assert_eq!(
        asked["body"]["resultStatuses"],
        json!(["ANSWERED"]),
        "{asked}"
    );
}

/// A call whose transcript holds a mobile number the customer said: its id, that number and
/// the number called.
fn call_with_a_spoken_number(stack: &Stack) -> (i64, String, String) {
    let calls = stack
        .stand_in
        .all_calls(1, &json!({"resultStatuses": ["ANSWERED"]}));
    calls
        .iter()
        .find_map(|call| {
            let turns = call["callDetailList"].as_array()?;
            let said = turns.iter().find_map(|turn| {
                let text = turn["text"].as_str()?;
                let digits: String = text.chars().filter(char::is_ascii_digit).collect();
                (digits.len() == 11 && text.contains(&digits)).then_some(digits)
            })?;
            let called = call["calledPhoneNumber"].as_str()?.to_string();
            Some((call["callRecordId"].as_i64()?, said, called))
        })
        .expect("a call of job 1 whose customer says a mobile number")
}

pub fn a_viewer_never_sees_a_whole_number_whatever_the_settings_say(j: &Journey) {
    let stack = j.stack(|p| p.sign_in = true);
    let (call, spoken, whole) = call_with_a_spoken_number(&stack);

    for (user, reveals) in [("viewer", false), ("supervisor", true)] {
        let b = j.browser();
        allow_refusals(&b);
        sign_in_from(&b, &stack, "/jobs", user);
        b.goto(&stack.url("/settings"));
        // Masking off in this browser.
        let checkbox = ".tc-mask-phones";
        b.element(checkbox);
        if b.js("return document.querySelector('.tc-mask-phones').checked") == json!(true) {
            b.click(checkbox);
        }
        b.goto(&stack.url(&format!("/calls/{call}")));
        let phone = b.wait_text("the call's phone number", ".tc-call-phone");
        let transcript = b.texts(".tc-turns .tc-bubble").join("\n");
        if reveals {
            assert_eq!(
                phone, whole,
                "a supervisor with masking off sees the number"
            );
            assert!(transcript.contains(&spoken), "{transcript}");
        } else {
            assert!(phone.contains("****"), "a viewer sees {phone}");
            assert_ne!(phone, whole);
            assert!(!transcript.contains(&spoken), "the viewer heard {spoken}");
            assert!(transcript.contains("****"), "{transcript}");
            // The settings page says why the switch shows nothing more.
            b.goto(&stack.url("/settings"));
            b.element(".tc-proxy-masks");
            let header = b.text(".tc-operator").unwrap_or_default();
            assert!(
                header.contains("viewer") && header.contains("查看员"),
                "{header}"
            );
        }
    }
}

pub fn an_export_that_meets_the_rate_limit_pauses_and_finishes(j: &Journey) {
    let stack = j.stack(|p| {
        p.sign_in = true;
        // Ten pages to export, and a limit low enough that the export meets it however
        // slowly this machine gets to it.
        p.mock.jobs = 4;
        p.mock.calls_per_job = 1000;
        p.rate_limit = Some(RateLimit {
            per_second: 1,
            burst: 3,
        });
        // The console would show whole numbers: only the proxy masks the viewer's file.
        p.config.insert("maskPhoneNumbers".into(), json!(false));
    });
    let b = j.browser();
    allow_refusals(&b);
    sign_in_from(&b, &stack, "/jobs/1/calls", "viewer");
    b.element(CALL_ROWS);
    let expected = stack.stand_in.all_calls(1, &json!({}));
    assert!(expected.len() > 900, "enough calls for ten pages");
    b.click(".tc-export-start");
    let paused = b.wait("the export to pause on the limit", || {
        b.text(".tc-export-page")
            .filter(|t| t.contains("请求过于频繁"))
            .ok_or_else(|| format!("{:?}", b.text(".tc-export-page")))
    });
    assert!(paused.contains("秒后继续"), "{paused}");
    let rows = b.wait_within(WAIT * 3, "the export to finish", || {
        b.js("return document.querySelector('.tc-export-done')?.dataset.rows ?? null")
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("{:?}", b.text(".tc-export-page")))
    });
    assert_eq!(rows, expected.len().to_string());
    let file = b.downloaded("the downloaded CSV", |name| name.ends_with(".csv"));
    let table = parse_csv(&std::fs::read_to_string(file).expect("the CSV is UTF-8"));
    let ids: Vec<&String> = table[1..].iter().map(|line| &line[0]).collect();
    let unique: BTreeSet<&String> = ids.iter().copied().collect();
    assert_eq!(ids.len(), expected.len(), "one line per call");
    assert_eq!(unique.len(), ids.len(), "no call twice");
    let want: BTreeSet<String> = expected
        .iter()
        .map(|c: &Value| c["callRecordId"].to_string())
        .collect();
    assert_eq!(unique.into_iter().cloned().collect::<BTreeSet<_>>(), want);
    // A viewer's export is masked, though the console's masking is off.
    assert!(
        table[1..].iter().all(|line| line[1].contains("****")),
        "{:?}",
        table.get(1)
    );
    // The proxy refused some pages: the audit log says so.
    let audit = std::fs::read_to_string(stack.site.nginx.audit_log()).unwrap_or_default();
    assert!(audit.contains("\"status\":429"), "{audit}");
}
