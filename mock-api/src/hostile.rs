//! The `hostile` fault: a real answer's shape, filled with text and values meant to break a UI.

use serde_json::{json, Map, Value};

/// Turns in a hostile `callDetail` transcript.
pub const HOSTILE_TURNS: usize = 2000;

const TEXTS: &[&str] = &[
    "<script>alert(\"xss\")</script>",
    "<img src=x onerror=\"alert('img')\">",
    "\"><svg/onload=alert(1)>",
    "</textarea></title><b>粗体?</b><i>斜体?</i>",
    "<a href=\"javascript:alert(1)\">点我</a>",
    "<iframe src=\"javascript:alert('frame')\"></iframe>",
    "{{constructor.constructor('alert(1)')()}}",
    "${alert(1)}",
    "'; DROP TABLE call_record; --",
    "\u{202E}gnp.exe",
    "零宽\u{200B}字符\u{FEFF}",
    "<style>body{display:none}</style>",
    "&lt;already escaped&gt; &amp;amp;",
    "\u{0000}NUL and \u{0007}BEL",
    "👨‍👩‍👧‍👦🔥 emoji",
    "<script src=//evil.invalid/x.js></script>",
    "<marquee>滚动</marquee>",
];

const URLS: &[&str] = &[
    "javascript:alert(document.domain)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:audio/wav;base64,UklGRg==",
    "vbscript:msgbox(1)",
    "java\tscript:alert(1)",
];

const ENUMS: &[&str] = &[
    "QUANTUM_SUPERPOSITION",
    "<script>alert('enum')</script>",
    "answered",
    "",
    "UNKNOWN_FUTURE_VALUE",
    "A+",
];

/// Keys whose values are enum names.
const ENUM_KEYS: &[&str] = &[
    "status",
    "resultStatus",
    "intentLevel",
    "realIntentLevel",
    "readStatus",
    "hangupBy",
    "followStatus",
    "mode",
    "phoneType",
    "type",
    "gender",
    "source",
    "lastEmotion",
    "customerLevel",
    "lastIntentLevel",
    "lastDialStatus",
    "wechatSendMethod",
];

/// Numbers that come as text here.
const AS_TEXT: &[(&str, &str)] = &[
    ("chatRound", "十六"),
    ("chatDuration", "93秒"),
    ("completedTask", "2157"),
    ("answeredRate", "9.47%"),
    ("taskProgress", "<b>50%</b>"),
    ("redialTimes", "三次"),
    ("robotCount", "many"),
    ("lastChatDuration", "NaN"),
];

/// Text that comes as another type here.
fn as_other(key: &str, text: &str) -> Option<Value> {
    Some(match key {
        "calledPhoneNumber" | "phoneNumber" => {
            json!(text.parse::<u64>().unwrap_or(18_817_501_728))
        }
        "createdByUserName" => json!(12345),
        "dialogFlowName" => json!(404),
        "analysisBasis" => json!(true),
        "robotCallJobName" => json!(["<b>list</b>", "instead of text"]),
        _ => return None,
    })
}

fn junk_properties() -> Value {
    json!({
        "<script>alert('key')</script>": "<img src=x onerror=alert(1)>",
        "nested": {"deeper": {"deepest": [1, "two", null, {"x": "<b>x</b>"}]}},
        "number": 12345,
        "bool": true,
        "null": null,
        "array": [[], {}, [[["<i>deep</i>"]]]],
        "__proto__": {"polluted": true},
        "constructor": "prototype",
    })
}

struct Walker {
    n: usize,
    detail: bool,
    long: String,
}

impl Walker {
    fn text(&mut self) -> Value {
        self.n += 1;
        if self.n.is_multiple_of(23) {
            return json!(self.long.clone());
        }
        json!(TEXTS[self.n % TEXTS.len()])
    }

    fn pick(&mut self, from: &[&str]) -> Value {
        self.n += 1;
        json!(from[self.n % from.len()])
    }

    fn long_transcript(&mut self) -> Value {
        (0..HOSTILE_TURNS)
            .map(|i| {
                let kind = match i % 97 {
                    13 => json!("SYSTEM"),
                    41 => json!("<b>BOT</b>"),
                    77 => Value::Null,
                    _ if i % 2 == 0 => json!("ROBOT"),
                    _ => json!("PERSON"),
                };
                let id = if i % 50 == 49 {
                    json!(format!("id-{i}"))
                } else {
                    json!(i + 1)
                };
                json!({"text": self.text(), "type": kind, "callDetailId": id})
            })
            .collect()
    }

    fn walk(&mut self, key: &str, v: Value) -> Value {
        match (key, v) {
            ("callDetailList", Value::Array(_)) if self.detail => self.long_transcript(),
            ("fullAudioUrl" | "customerAudioUrl", _) => self.pick(URLS),
            ("properties", _) => junk_properties(),
            ("customerConcern", _) => json!([
                "<script>alert('concern')</script>",
                42,
                null,
                {"nested": ["<b>deep</b>"]},
                "价格"
            ]),
            (_, Value::Object(map)) => {
                let mut out = Map::new();
                for (k, v) in map {
                    let v = self.walk(&k, v);
                    out.insert(k, v);
                }
                if matches!(
                    key,
                    "intentLevel" | "dialResult" | "chatRound" | "chatDuration"
                ) {
                    out.insert("<script>alert('key')</script>".into(), json!(1));
                    out.insert("UNKNOWN_BUCKET".into(), json!("7"));
                }
                Value::Object(out)
            }
            (_, Value::Array(items)) => items.into_iter().map(|i| self.walk(key, i)).collect(),
            (k, Value::String(_)) if ENUM_KEYS.contains(&k) => self.pick(ENUMS),
            (k, Value::String(s)) => as_other(k, &s).unwrap_or_else(|| self.text()),
            (k, Value::Number(n)) => match AS_TEXT.iter().find(|(name, _)| *name == k) {
                Some((_, text)) => json!(text),
                None => Value::Number(n),
            },
            (_, other) => other,
        }
    }
}

/// Rewrites a successful envelope; `detail` is true for `callDetail` (2,000-turn transcript).
pub fn transform(envelope: Value, detail: bool) -> Value {
    let mut w = Walker {
        n: 0,
        detail,
        long: format!("<b>{}</b>", "长".repeat(5000)),
    };
    match envelope {
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let v = match k.as_str() {
                    "code" => v,
                    "errorStackTrace" => json!("java.lang.NullPointerException<script>alert('trace')</script>\n\tat com.tanyi.Foo(Foo.java:1)"),
                    _ => w.walk(&k, v),
                };
                out.insert(k, v);
            }
            Value::Object(out)
        }
        other => other,
    }
}

/// Bytes served instead of a recording under the hostile fault.
pub fn junk_audio() -> Vec<u8> {
    let mut v = b"<html><script>alert('audio')</script></html>".to_vec();
    v.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_shape_and_poisons_the_text() {
        let env = json!({"code": 200, "data": {"number": 1, "content": [{
            "callRecordId": 5, "calledPhoneNumber": "18817501728", "resultStatus": "ANSWERED",
            "fullAudioUrl": "http://x/a.wav", "chatRound": 3, "callDetailList": [{"text": "hi", "type": "ROBOT", "callDetailId": 1}],
        }]}, "requestId": "ABCDEFGH", "resultMsg": "ok", "errorStackTrace": null});
        let out = transform(env, true);
        assert_eq!(out["code"], 200);
        let item = &out["data"]["content"][0];
        assert_eq!(item["callRecordId"], 5);
        assert!(item["calledPhoneNumber"].is_number());
        assert!(item["chatRound"].is_string());
        assert!(!item["fullAudioUrl"]
            .as_str()
            .unwrap_or("http")
            .starts_with("http"));
        assert_eq!(
            item["callDetailList"].as_array().map(Vec::len),
            Some(HOSTILE_TURNS)
        );
    }
}
