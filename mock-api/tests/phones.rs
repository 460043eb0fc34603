//! Phone numbers in free text, for the proxy's masking tests: callback numbers in some
//! transcripts, spare numbers in some customers' `properties`, never the called number.

mod common;

use std::sync::OnceLock;

use common::*;
use mock_api::{start_in_thread, Options, RunningMock};
use serde_json::{json, Value};

/// The default dataset (seed 42, 40 jobs × 500 calls), as `cargo run -p mock-api` serves it.
fn default_mock() -> &'static RunningMock {
    static MOCK: OnceLock<RunningMock> = OnceLock::new();
    MOCK.get_or_init(|| start_in_thread(Options::default()).expect("start mock"))
}

/// A number as written in text: the characters, and its digits (without a leading +86).
#[derive(Debug)]
struct Found {
    raw: String,
    digits: String,
}

impl Found {
    /// An 11-digit mobile written without separators: "13812345678".
    fn is_plain_mobile(&self) -> bool {
        self.raw.len() == 11 && self.raw.starts_with('1') && self.digits == self.raw
    }

    /// A landline with its area code: "0571-88889999" (0 + 2-3 digits, hyphen, 7-8 digits).
    fn is_landline(&self) -> bool {
        match self.raw.split_once('-') {
            Some((area, local)) => {
                area.starts_with('0')
                    && (3..=4).contains(&area.len())
                    && (7..=8).contains(&local.len())
                    && area
                        .bytes()
                        .chain(local.bytes())
                        .all(|b| b.is_ascii_digit())
            }
            None => false,
        }
    }
}

/// Runs of digits (single spaces or hyphens allowed between digits, an optional leading
/// "+") with at least 7 digits: the phone numbers in `text`, in any of the written forms.
fn numbers(text: &str) -> Vec<Found> {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        if chars[i] == '+' && digit(i + 1) {
            i += 1;
        }
        if !digit(i) || (start > 0 && chars[start - 1].is_ascii_digit()) {
            i = start + 1;
            continue;
        }
        while digit(i) || (matches!(chars.get(i), Some(' ' | '-')) && digit(i + 1)) {
            i += 1;
        }
        let raw: String = chars[start..i].iter().collect();
        let mut digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        if raw.starts_with("+86") {
            digits.drain(..2);
        }
        if digits.len() >= 7 {
            out.push(Found { raw, digits });
        }
    }
    out
}

#[test]
fn the_number_finder_sees_every_form() {
    let text = "我的手机号是13812345678。回电请打 139 1234 5678，+86 186-1234-5678，座机 0571-88889999，均价17000";
    let found = numbers(text);
    let digits: Vec<&str> = found.iter().map(|f| f.digits.as_str()).collect();
    assert_eq!(
        digits,
        ["13812345678", "13912345678", "18612345678", "057188889999"]
    );
    assert!(found[0].is_plain_mobile() && !found[1].is_plain_mobile());
    assert!(found[3].is_landline() && !found[2].is_landline());
}

/// Every answered call of the default dataset, from the callRecord list (which carries the
/// transcript as `callDetailList`).
fn answered_items(api: &Api) -> Vec<Value> {
    let mut items = Vec::new();
    for job in 1..=Options::default().jobs {
        for page in 1.. {
            let env = api.post_env(
                CR_LIST,
                &json!({"robotCallJobId": job, "resultStatuses": ["ANSWERED"],
                        "pageNum": page, "pageSize": 100}),
            );
            assert_eq!(env["code"], 200, "{env}");
            let content = env["data"]["content"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let done = content.len() < 100;
            items.extend(content);
            if done {
                break;
            }
        }
    }
    items
}

/// What a transcript says about numbers: (a plain mobile in a customer turn, a landline
/// anywhere, any number at all). Panics if a number is the call's own.
fn transcript_numbers(turns: &Value, own: &str, id: &Value) -> (bool, bool, bool) {
    let (mut mobile, mut landline, mut any) = (false, false, false);
    for turn in turns.as_array().cloned().unwrap_or_default() {
        let text = turn["text"].as_str().unwrap_or("");
        for n in numbers(text) {
            assert_ne!(n.digits, own, "call {id}: its own number in {text}");
            any = true;
            mobile |= turn["type"] == "PERSON" && n.is_plain_mobile();
            landline |= n.is_landline();
        }
    }
    (mobile, landline, any)
}

#[test]
fn some_transcripts_and_properties_carry_other_phone_numbers() {
    let api = Api::new(default_mock());
    let items = answered_items(&api);
    assert!(items.len() > 1000, "{} answered calls", items.len());
    let (mut with_mobile, mut with_landline, mut with_any) = (Vec::new(), Vec::new(), 0);
    for item in &items {
        let own = item["calledPhoneNumber"].as_str().unwrap_or("");
        let id = &item["callRecordId"];
        let (mobile, landline, any) = transcript_numbers(&item["callDetailList"], own, id);
        if mobile {
            with_mobile.push(id.clone());
        }
        if landline {
            with_landline.push(id.clone());
        }
        with_any += any as usize;
    }
    // A minority: about one answered call in six.
    assert!(
        with_any * 10 > items.len() && with_any * 4 < items.len(),
        "{with_any} of {} answered calls have a number",
        items.len()
    );

    // callDetail answers the same transcripts, numbers included.
    let mut detail_mobile = false;
    let mut detail_landline = false;
    for id in with_mobile
        .iter()
        .take(5)
        .chain(with_landline.iter().take(5))
    {
        let env = api.get_env(&format!("{CR_DETAIL}?callRecordId={id}"));
        let d = &env["data"];
        let own = d["customerPerson"]["phoneNumber"].as_str().unwrap_or("");
        let (mobile, landline, _) = transcript_numbers(&d["callDetailList"], own, id);
        detail_mobile |= mobile;
        detail_landline |= landline;
        let listed = items.iter().find(|i| &i["callRecordId"] == id);
        assert_eq!(
            Some(&d["callDetailList"]),
            listed.map(|i| &i["callDetailList"])
        );
    }
    assert!(
        detail_mobile,
        "a callDetail with an 11-digit mobile in a customer turn"
    );
    assert!(detail_landline, "a callDetail with a landline");

    // Some customers' properties hold a spare number (any call, answered or not).
    let first = mock_api::data::CALL_ID_BASE;
    let mut with_property = 0;
    for id in first..first + 120 {
        let env = api.get_env(&format!("{CR_DETAIL}?callRecordId={id}"));
        let person = &env["data"]["customerPerson"];
        let own = person["phoneNumber"].as_str().unwrap_or("");
        let props = person["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let mut has = false;
        for value in props.values() {
            for n in numbers(value.as_str().unwrap_or("")) {
                assert_ne!(n.digits, own, "call {id}: its own number in {value}");
                has = true;
            }
        }
        with_property += has as usize;
    }
    assert!(
        (1..60).contains(&with_property),
        "{with_property} of 120 customers have a number in their properties"
    );
}

#[test]
fn the_numbers_are_the_same_for_the_same_seed() {
    let a = Api::new(default_mock());
    let other = start_in_thread(Options::default()).expect("start mock");
    let b = Api::new(&other);
    let first = mock_api::data::CALL_ID_BASE;
    for id in first..first + 60 {
        let path = format!("{CR_DETAIL}?callRecordId={id}");
        let (x, y) = (a.get_env(&path), b.get_env(&path));
        for key in ["callDetailList", "customerPerson", "chatDuration"] {
            assert_eq!(x["data"][key], y["data"][key], "call {id} {key}");
        }
    }
}
