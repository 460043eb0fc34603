//! A call: the recording, its speed, the transcript search, previous and next.

use e2e::journey::console::{text_of, wait_path, wait_rows, CALL_ROWS};
use e2e::journey::stand_in::CALLS_PATH;
use e2e::journey::{Browser, Journey};
use e2e::url::param;
use serde_json::json;

/// The full recording's player state: `[readyState, duration, currentTime, seeking, playbackRate]`.
const AUDIO_STATE: &str = "const a = document.querySelector('.tc-recording-full audio');\n\
    return a ? [a.readyState, a.duration, a.currentTime, a.seeking, a.playbackRate] : null;";

fn audio_state(b: &Browser) -> Option<(i64, f64, f64, bool, f64)> {
    let v = b.js(AUDIO_STATE);
    Some((
        v.get(0)?.as_i64()?,
        v[1].as_f64().unwrap_or(f64::NAN),
        v[2].as_f64().unwrap_or(f64::NAN),
        v[3].as_bool().unwrap_or(true),
        v[4].as_f64().unwrap_or(f64::NAN),
    ))
}

/// Waits until the full recording's metadata is loaded; its duration.
fn wait_audio_metadata(b: &Browser) -> f64 {
    b.wait("the recording's metadata", || match audio_state(b) {
        Some((ready, duration, ..)) if ready >= 1 && duration.is_finite() => Ok(duration),
        other => Err(format!("{other:?}")),
    })
}

pub fn call_recording_transcript_and_neighbours(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let job = 2i64;
    let list = |page: u32| {
        api.api_post(
            CALLS_PATH,
            &json!({"robotCallJobId": job, "resultStatuses": ["ANSWERED"], "pageNum": page, "pageSize": 20}),
        )["data"]
            .clone()
    };
    let page1 = list(1);
    let items = page1["content"].as_array().cloned().unwrap_or_default();
    let ids1: Vec<i64> = items
        .iter()
        .filter_map(|c| c["callRecordId"].as_i64())
        .collect();
    let total = page1["totalElements"].as_i64().unwrap_or(0);
    assert_eq!(ids1.len(), 20, "job {job} has over 20 answered calls");
    let ids2: Vec<i64> = list(2)["content"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c["callRecordId"].as_i64())
                .collect()
        })
        .unwrap_or_default();
    // The longest call of the page, not the last: it has a neighbour on the same page.
    let k = (0..19)
        .max_by_key(|&i| items[i]["chatDuration"].as_i64().unwrap_or(0))
        .unwrap_or(0);
    let id = ids1[k];

    let b = j.browser();
    b.goto(&stack.url(&format!("/jobs/{job}/calls?result=ANSWERED")));
    wait_rows(&b, "the answered calls", CALL_ROWS, "data-call-id", &ids1);
    b.click(&format!("{CALL_ROWS}[data-call-id=\"{id}\"] .tc-call-id a"));
    wait_path(&b, &format!("/calls/{id}"));
    let detail = api.api_get(
        "/apiOpen/v1/callRecord/callDetail",
        &[("callRecordId", id.to_string())],
    );
    let detail = &detail["data"];
    let chat_duration = detail["chatDuration"].as_f64().unwrap_or(0.0);
    b.wait_js(
        "the call's title",
        &format!("document.querySelector('.tc-call-title')?.innerText.includes('{id}')"),
    );

    // The recording: metadata, then a seek to the middle fetched by Range.
    let duration = wait_audio_metadata(&b);
    assert!(
        (duration - chat_duration).abs() <= 1.0,
        "the recording lasts {duration} s, the call {chat_duration} s"
    );
    api.reset();
    let target = duration / 2.0;
    b.js(&format!(
        "document.querySelector('.tc-recording-full audio').currentTime = {target};"
    ));
    b.wait("the seek to the middle", || match audio_state(&b) {
        Some((ready, _, now, false, _)) if ready >= 2 && (now - target).abs() < 1.0 => Ok(()),
        other => Err(format!("{other:?}")),
    });
    let ranges: Vec<String> = api
        .app_requests()
        .iter()
        .filter(|r| text_of(&r["path"]).ends_with("/ai_user.wav"))
        .map(|r| text_of(&r["headers"]["range"]))
        .collect();
    let from_middle = ranges.iter().any(|r| {
        r.strip_prefix("bytes=")
            .and_then(|r| r.split('-').next())
            .and_then(|n| n.parse::<f64>().ok())
            .is_some_and(|n| n > duration * 16000.0 / 4.0)
    });
    assert!(
        from_middle,
        "the seek fetched the middle by Range: {ranges:?}"
    );

    // The speed survives a reload.
    b.select(".tc-rate", "1.5");
    b.wait("the player at 1.5x", || match audio_state(&b) {
        Some((.., 1.5)) => Ok(()),
        other => Err(format!("{other:?}")),
    });
    b.reload();
    wait_audio_metadata(&b);
    b.wait("1.5x after reload", || {
        let chosen = b.js("return document.querySelector('.tc-rate').value;");
        match audio_state(&b) {
            Some((.., rate)) if rate == 1.5 && chosen == json!("1.5") => Ok(()),
            other => Err(format!("{other:?}, menu {chosen}")),
        }
    });

    // Transcript search: a piece of what the customer said, every match marked.
    let turns = detail["callDetailList"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    b.wait("every turn of the transcript", || {
        let n = b.js("return document.querySelectorAll('.tc-turn').length;");
        if n == json!(turns.len()) {
            Ok(())
        } else {
            Err(format!("{n} of {}", turns.len()))
        }
    });
    let needle: String = turns
        .iter()
        .filter(|t| t["type"] == "PERSON")
        .map(|t| text_of(&t["text"]))
        .find(|t| t.chars().count() >= 2)
        .map(|t| t.chars().take(2).collect())
        .expect("the customer said something");
    let expected: usize = turns
        .iter()
        .map(|t| {
            text_of(&t["text"])
                .to_ascii_lowercase()
                .matches(&needle.to_ascii_lowercase())
                .count()
        })
        .sum();
    b.type_text(".tc-transcript-search", &format!("{needle}\u{E007}"));
    b.wait("the matches marked", || {
        let marks = b.texts(".tc-turns mark.tc-match");
        let count = b.text(".tc-match-count").unwrap_or_default();
        if marks.len() == expected
            && marks.iter().all(|m| *m == needle)
            && count.contains(&format!("{expected} 处匹配"))
        {
            Ok(())
        } else {
            Err(format!(
                "{} marks {:?}, count {count:?}",
                marks.len(),
                marks.iter().take(3).collect::<Vec<_>>()
            ))
        }
    });

    // Previous and next within the list it was opened from.
    let place = |n: usize| format!("第 {n} / {total} 条");
    let on_call = |id: i64, n: usize| {
        wait_path(&b, &format!("/calls/{id}"));
        b.wait(&format!("call {id} at place {n}"), || {
            let title = b.text(".tc-call-title").unwrap_or_default();
            let shown = b.text(".tc-call-place").unwrap_or_default();
            if title.contains(&id.to_string()) && shown == place(n) {
                Ok(())
            } else {
                Err(format!("{title:?} {shown:?}"))
            }
        });
    };
    on_call(id, k + 1);
    b.click(".tc-call-next");
    on_call(ids1[k + 1], k + 2);
    b.click(".tc-call-prev");
    on_call(id, k + 1);
    // At the end of the page, "next" fetches the next page.
    b.click(".tc-back-to-list");
    wait_rows(&b, "the list again", CALL_ROWS, "data-call-id", &ids1);
    assert_eq!(param(&b.url(), "result").as_deref(), Some("ANSWERED"));
    b.click(&format!(
        "{CALL_ROWS}[data-call-id=\"{}\"] .tc-call-id a",
        ids1[19]
    ));
    on_call(ids1[19], 20);
    b.click(".tc-call-next");
    on_call(ids2[0], 21);
    b.click(".tc-call-prev");
    on_call(ids1[19], 20);
    // The first call of the list has no previous one.
    b.click(".tc-back-to-list");
    wait_rows(&b, "the list once more", CALL_ROWS, "data-call-id", &ids1);
    b.click(&format!(
        "{CALL_ROWS}[data-call-id=\"{}\"] .tc-call-id a",
        ids1[0]
    ));
    on_call(ids1[0], 1);
    assert_eq!(
        b.js("return document.querySelector('.tc-call-prev').disabled;"),
        json!(true)
    );
}
