//! Test helpers: a minimal HTTP/1.1 client over std, signing, and servers on free ports.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use mock_api::data::{Call, Dataset};
use mock_api::{signature, start_in_thread, Credentials, Options, RunningMock};
use serde_json::Value;

/// Small data, so brute force stays fast in debug builds.
pub const SEED: u64 = 7;
pub const JOBS: usize = 12;
pub const CALLS: usize = 300;

pub fn small_options() -> Options {
    Options {
        seed: SEED,
        jobs: JOBS,
        calls_per_job: CALLS,
        ..Options::default()
    }
}

/// One server with the small data and default credentials, shared by read-only tests.
pub fn shared() -> &'static RunningMock {
    static MOCK: OnceLock<RunningMock> = OnceLock::new();
    MOCK.get_or_init(|| start_in_thread(small_options()).expect("start mock"))
}

/// The same data the shared server serves.
pub fn dataset() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::generate(SEED, JOBS, CALLS))
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = find(data, b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16)
            .unwrap_or(0);
        data = &data[line_end + 2..];
        if size == 0 || data.len() < size {
            break;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[(size + 2).min(data.len())..];
    }
    out
}

/// One request on a fresh connection (`Connection: close`); a body is sent as JSON.
pub fn request(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: Option<&[u8]>,
    timeout: Duration,
) -> std::io::Result<Resp> {
    request_typed(
        base,
        method,
        path,
        headers,
        body.map(|b| ("application/json", b)),
        timeout,
    )
}

/// One request on a fresh connection (`Connection: close`), with a body of the given
/// content type.
pub fn request_typed(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: Option<(&str, &[u8])>,
    timeout: Duration,
) -> std::io::Result<Resp> {
    let host = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host)?;
    stream.set_read_timeout(Some(timeout))?;
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some((content_type, b)) = body {
        req.push_str(&format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
            b.len()
        ));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes())?;
    if let Some((_, b)) = body {
        stream.write_all(b)?;
    }
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split =
        find(&raw, b"\r\n\r\n").ok_or_else(|| std::io::Error::other("no end of headers"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("bad status line"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Ok(Resp {
        status,
        headers,
        body,
    })
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// The four auth headers for these credentials at `ts`.
pub fn signed_headers(c: &Credentials, ts: u64) -> Vec<(&'static str, String)> {
    let ts = ts.to_string();
    vec![
        ("appKey", c.app_key.clone()),
        ("version", "v1".to_string()),
        ("timestamp", ts.clone()),
        (
            "signature",
            signature(&c.app_key, &c.app_secret, &c.tenant_sign, "v1", &ts),
        ),
    ]
}

/// A client that signs with the default credentials.
pub struct Api {
    pub base: String,
    pub extra: Vec<(&'static str, String)>,
}

pub const TIMEOUT: Duration = Duration::from_secs(30);

impl Api {
    pub fn new(mock: &RunningMock) -> Api {
        Api {
            base: mock.base_url(),
            extra: Vec::new(),
        }
    }

    fn headers(&self) -> Vec<(&'static str, String)> {
        let mut h = signed_headers(&Credentials::default(), now_ms());
        h.extend(self.extra.iter().cloned());
        h
    }

    pub fn get(&self, path: &str) -> Resp {
        request(&self.base, "GET", path, &self.headers(), None, TIMEOUT).expect("GET")
    }

    pub fn post(&self, path: &str, body: &Value) -> Resp {
        let bytes = serde_json::to_vec(body).unwrap_or_default();
        request(
            &self.base,
            "POST",
            path,
            &self.headers(),
            Some(&bytes),
            TIMEOUT,
        )
        .expect("POST")
    }

    /// The envelope of a GET, checked to be HTTP 200 JSON.
    pub fn get_env(&self, path: &str) -> Value {
        let r = self.get(path);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        r.json()
    }

    pub fn post_env(&self, path: &str, body: &Value) -> Value {
        let r = self.post(path, body);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        r.json()
    }
}

pub const TASK_LIST: &str = "/apiOpen/v1/task/getCallRecordInfoList";
pub const CR_LIST: &str = "/apiOpen/v1/callRecord/getCallRecordInfoList";
pub const TASK_DETAIL: &str = "/apiOpen/v1/task/callDetail";
pub const CR_DETAIL: &str = "/apiOpen/v1/callRecord/callDetail";

/// Every page of a call query, concatenated: (totalElements, ids in order).
pub fn all_ids(api: &Api, path: &str, query: &Value) -> (u64, Vec<u64>) {
    let mut ids = Vec::new();
    let mut page = 1;
    loop {
        let mut q = query.clone();
        q["pageNum"] = page.into();
        q["pageSize"] = 100.into();
        let env = api.post_env(path, &q);
        assert_eq!(env["code"], 200, "{q}: {env}");
        let data = &env["data"];
        let content = data["content"].as_array().cloned().unwrap_or_default();
        ids.extend(content.iter().filter_map(|c| c["callRecordId"].as_u64()));
        let total = data["totalElements"].as_u64().unwrap_or(0);
        if content.is_empty() || ids.len() as u64 >= total {
            return (total, ids);
        }
        page += 1;
    }
}

/// Pattern check for date text: `d` is a digit, anything else must match exactly.
pub fn shaped(text: &str, pattern: &str) -> bool {
    text.len() == pattern.len()
        && text.bytes().zip(pattern.bytes()).all(|(c, p)| {
            if p == b'd' {
                c.is_ascii_digit()
            } else {
                c == p
            }
        })
}

/// A stand-in control request (`/__mock/...`), unsigned, with an optional JSON body.
pub fn admin(mock: &RunningMock, method: &str, path: &str, body: Option<Value>) -> Resp {
    let bytes = body.map(|b| serde_json::to_vec(&b).unwrap_or_default());
    request(
        &mock.base_url(),
        method,
        path,
        &[],
        bytes.as_deref(),
        TIMEOUT,
    )
    .expect(path)
}

/// Every job of the job list (one page of 100).
pub fn job_list(api: &Api) -> Vec<Value> {
    let env = api.get_env("/apiOpen/v1/task/getTasks?pageSize=100");
    env["data"]["content"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The path below `base` of job 1's first answered call's full recording.
pub fn first_recording_path(api: &Api, base: &str) -> String {
    let env = api.post_env(
        TASK_LIST,
        &serde_json::json!({"robotCallJobId": 1, "resultStatuses": ["ANSWERED"], "pageSize": 1}),
    );
    let url = env["data"]["content"][0]["fullAudioUrl"]
        .as_str()
        .unwrap_or("")
        .to_string();
    url.trim_start_matches(base).to_string()
}

/// A server of its own: `options` with `jobs` jobs of `calls_per_job` calls each.
pub fn start_sized(jobs: usize, calls_per_job: usize, options: Options) -> RunningMock {
    start_in_thread(Options {
        jobs,
        calls_per_job,
        ..options
    })
    .expect("start")
}

/// The id of the shared data's first call that `wanted` picks (0 if none does).
pub fn first_call_where(wanted: impl Fn(&Call) -> bool) -> u64 {
    dataset()
        .calls
        .iter()
        .find(|c| wanted(c))
        .map(|c| c.id)
        .unwrap_or(0)
}
