//! Recordings: real 8 kHz mono 16-bit WAV as long as the call, audible, with Range support.

mod common;

use common::*;
use serde_json::{json, Value};

fn get(base: &str, path: &str, range: Option<&str>) -> Resp {
    let headers: Vec<(&str, String)> = range
        .map(|r| vec![("Range", r.to_string())])
        .unwrap_or_default();
    request(base, "GET", path, &headers, None, TIMEOUT).expect("GET")
}

fn answered_calls(n: usize) -> Vec<Value> {
    let api = Api::new(shared());
    let env = api.post_env(
        CR_LIST,
        &json!({"robotCallJobId": 2, "resultStatuses": ["ANSWERED"], "pageSize": n}),
    );
    env["data"]["content"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn u16le(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32le(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn rms(pcm: &[u8]) -> f64 {
    let n = pcm.len() / 2;
    let sum: f64 = pcm
        .chunks_exact(2)
        .map(|s| {
            let v = i16::from_le_bytes([s[0], s[1]]) as f64;
            v * v
        })
        .sum();
    (sum / n.max(1) as f64).sqrt()
}

#[test]
fn full_file_is_a_wav_as_long_as_the_call_and_not_silent() {
    let base = shared().base_url();
    for call in answered_calls(5) {
        let dur = call["chatDuration"].as_u64().unwrap_or(0);
        for key in ["fullAudioUrl", "customerAudioUrl"] {
            let url = call[key].as_str().unwrap_or("");
            assert!(url.starts_with(&base) && url.ends_with(".wav"), "{url}");
            let r = get(&base, url.trim_start_matches(&base), None);
            assert_eq!(r.status, 200);
            assert_eq!(r.header("accept-ranges"), Some("bytes"));
            assert_eq!(r.header("content-type"), Some("audio/wav"));
            let b = &r.body;
            assert_eq!(b.len() as u64, 44 + dur * 16_000, "{url}");
            assert_eq!(
                r.header("content-length"),
                Some(b.len().to_string().as_str())
            );
            assert_eq!(&b[0..4], b"RIFF");
            assert_eq!(&b[8..16], b"WAVEfmt ");
            assert_eq!(u16le(b, 20), 1, "PCM");
            assert_eq!(u16le(b, 22), 1, "mono");
            assert_eq!(u32le(b, 24), 8000, "8 kHz");
            assert_eq!(u32le(b, 28), 16_000, "byte rate");
            assert_eq!(u16le(b, 34), 16, "16-bit");
            assert_eq!(&b[36..40], b"data");
            assert_eq!(
                u32le(b, 40) as u64,
                dur * 16_000,
                "data length matches chatDuration"
            );
            assert_eq!(u32le(b, 4) as usize, b.len() - 8);
            assert!(
                rms(&b[44..]) > 300.0,
                "{key} is audible: rms {}",
                rms(&b[44..])
            );
        }
    }
}

#[test]
fn the_customer_channel_differs_from_the_full_one() {
    let base = shared().base_url();
    let call = &answered_calls(1)[0];
    let full = get(
        &base,
        call["fullAudioUrl"]
            .as_str()
            .unwrap_or("")
            .trim_start_matches(&base),
        None,
    );
    let customer = get(
        &base,
        call["customerAudioUrl"]
            .as_str()
            .unwrap_or("")
            .trim_start_matches(&base),
        None,
    );
    assert_eq!(full.body.len(), customer.body.len());
    assert_ne!(full.body, customer.body);
    assert!(rms(&full.body[44..]) > rms(&customer.body[44..]));
}

#[test]
fn ranges_are_slices_of_the_full_file() {
    let base = shared().base_url();
    let call = &answered_calls(1)[0];
    let path = call["fullAudioUrl"]
        .as_str()
        .unwrap_or("")
        .trim_start_matches(&base)
        .to_string();
    let full = get(&base, &path, None).body;
    let len = full.len();
    let cases: Vec<(String, usize, usize)> = vec![
        ("bytes=0-".into(), 0, len - 1),
        ("bytes=0-43".into(), 0, 43),
        ("bytes=100-199".into(), 100, 199),
        ("bytes=45-46".into(), 45, 46),
        ("bytes=40-50".into(), 40, 50),
        (format!("bytes={}-", len - 7), len - 7, len - 1),
        ("bytes=-1000".into(), len - 1000, len - 1),
        (format!("bytes=1000-{}", len + 5000), 1000, len - 1),
        ("bytes=20001-40000, 50-60".into(), 20001, 40000),
    ];
    for (range, a, b) in cases {
        let r = get(&base, &path, Some(&range));
        assert_eq!(r.status, 206, "{range}");
        assert_eq!(
            r.header("content-range"),
            Some(format!("bytes {a}-{b}/{len}").as_str()),
            "{range}"
        );
        assert_eq!(
            r.header("content-length"),
            Some((b - a + 1).to_string().as_str())
        );
        assert_eq!(r.header("accept-ranges"), Some("bytes"));
        assert_eq!(r.body, full[a..=b].to_vec(), "{range}");
    }
    for range in [
        format!("bytes={len}-"),
        format!("bytes={}-{}", len + 10, len + 20),
        "bytes=-0".to_string(),
    ] {
        let r = get(&base, &path, Some(&range));
        assert_eq!(r.status, 416, "{range}");
        assert_eq!(
            r.header("content-range"),
            Some(format!("bytes */{len}").as_str())
        );
    }
    // A range that does not parse is ignored: the whole file.
    let r = get(&base, &path, Some("bytes=abc"));
    assert_eq!((r.status, r.body.len()), (200, len));
    // HEAD tells the length without the body.
    let r = request(&base, "HEAD", &path, &[], None, TIMEOUT).expect("HEAD");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-length"), Some(len.to_string().as_str()));
    assert!(r.body.is_empty());
}

#[test]
fn unanswered_calls_have_no_recording_and_forged_paths_404() {
    let base = shared().base_url();
    let api = Api::new(shared());
    let env = api.post_env(TASK_LIST, &json!({"robotCallJobId": 2, "resultStatuses": ["NO_ANSWER", "VACANT_NUMBER"], "pageSize": 10}));
    let calls = env["data"]["content"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!calls.is_empty());
    for c in &calls {
        assert!(c["fullAudioUrl"].is_null() && c["customerAudioUrl"].is_null());
        let d = api.get_env(&format!("{TASK_DETAIL}?callRecordId={}", c["callRecordId"]));
        assert!(d["data"]["fullAudioUrl"].is_null() && d["data"]["customerAudioUrl"].is_null());
    }
    let good = answered_calls(1)[0]["fullAudioUrl"]
        .as_str()
        .unwrap_or("")
        .trim_start_matches(&base)
        .to_string();
    for bad in [
        good.replace("ai_user.wav", "other.wav"),
        good.replace("CallJobId2", "CallJobId3"),
        good.replace("TenantId1", "TenantId2"),
        format!("{good}/extra"),
        "/recordings/TenantId1/CallJobId2/AAAAAAAA_TaskId_99999999/ai_user.wav".to_string(),
        "/recordings/whatever.wav".to_string(),
    ] {
        assert_eq!(get(&base, &bad, None).status, 404, "{bad}");
    }
}

#[test]
fn public_url_sets_the_recording_base() {
    let mock = mock_api::start_in_thread(mock_api::Options {
        public_url: Some("https://media.example.test/".into()),
        jobs: 2,
        calls_per_job: 50,
        ..mock_api::Options::default()
    })
    .expect("start");
    let api = Api::new(&mock);
    let env = api.post_env(
        CR_LIST,
        &json!({"robotCallJobId": 1, "resultStatuses": ["ANSWERED"], "pageSize": 1}),
    );
    let url = env["data"]["content"][0]["fullAudioUrl"]
        .as_str()
        .unwrap_or("");
    assert!(
        url.starts_with("https://media.example.test/recordings/TenantId1/CallJobId1/"),
        "{url}"
    );
}
