//! The stand-in API of a journey, in a child process, and the test's own signed requests to it.

use super::{APP_KEY, APP_SECRET, PROBE_HEADER, TENANT};
use crate::url::query_string;
use crate::{get, request};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

/// The calls list of the callRecord family.
pub const CALLS_PATH: &str = "/apiOpen/v1/callRecord/getCallRecordInfoList";

/// Set in the environment of a child that is to serve the stand-in (see [`StandIn`]).
const SERVE_VAR: &str = "TANYI_E2E_SERVE_STAND_IN";

/// In a test binary's `main`, first: when this process is a stand-in child started by
/// [`StandIn::start`], serves until killed and never returns.
pub fn serve_stand_in_if_asked() {
    if std::env::var_os(SERVE_VAR).is_none() {
        return;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match mock_api::cli::parse(args) {
        Ok(mock_api::cli::Command::Run(options)) => options,
        other => panic!("stand-in arguments: {other:?}"),
    };
    let mock = mock_api::start_in_thread(options).expect("the stand-in API starts");
    println!("{}", mock.base_url());
    // Serves until the parent closes our stdin: when it drops us, or dies.
    let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
    drop(mock);
    std::process::exit(0);
}

/// The stand-in with auth on, in a child process (the test binary itself, through
/// [`serve_stand_in_if_asked`]), so its log lines stay out of the test output and a
/// request it holds (the `timeout` fault) dies with it. Killed when dropped; it also ends
/// by itself when the test process dies (its stdin closes).
pub struct StandIn {
    child: Child,
    url: String,
}

impl Drop for StandIn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl StandIn {
    /// Starts a stand-in with the seed, jobs, calls per job and public URL of `options`
    /// (auth on with [`credentials`](super::credentials), any free port).
    pub fn start(options: &mock_api::Options) -> StandIn {
        let mut args = vec![
            "--port".to_string(),
            "0".into(),
            "--seed".into(),
            options.seed.to_string(),
            "--jobs".into(),
            options.jobs.to_string(),
            "--calls-per-job".into(),
            options.calls_per_job.to_string(),
            "--app-key".into(),
            APP_KEY.into(),
            "--app-secret".into(),
            APP_SECRET.into(),
            "--tenant-sign".into(),
            TENANT.into(),
        ];
        if let Some(url) = &options.public_url {
            args.extend(["--public-url".to_string(), url.clone()]);
        }
        if options.live {
            args.push("--live".into());
        }
        if options.running > 0 {
            args.extend(["--running".to_string(), options.running.to_string()]);
        }
        let exe = std::env::current_exe().expect("the test binary's path");
        let mut child = Command::new(exe)
            .args(&args)
            .env(SERVE_VAR, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting the stand-in");
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            let _ = BufReader::new(out).read_line(&mut line);
        }
        let url = line.trim().to_string();
        if !url.starts_with("http://") {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the stand-in did not start (it said {line:?})");
        }
        StandIn { child, url }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// POSTs a control (`/__mock/clock`, `/__mock/incident`, ...) and returns its answer.
    pub fn control(&self, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.url());
        let response = request(
            "POST",
            &url,
            &[("Content-Type", "application/json")],
            Some(body.to_string().as_bytes()),
        )
        .unwrap_or_else(|e| panic!("POST {url}: {e}"));
        assert_eq!(response.status, 200, "POST {url}: {}", response.text());
        serde_json::from_str(&response.text()).unwrap_or(Value::Null)
    }

    /// Clears fault, latency and request log.
    pub fn reset(&self) {
        self.control("/__mock/reset", json!({}));
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        let url = format!("{}/__mock/requests", self.url());
        let response =
            request("DELETE", &url, &[], None).unwrap_or_else(|e| panic!("DELETE {url}: {e}"));
        assert!(response.status < 300, "DELETE {url}: {}", response.raw());
    }

    /// Sets (or with `None` clears) a fault for every later request under `path_prefix`
    /// (`None`: every `/apiOpen` request).
    pub fn fault(&self, fault: Option<&str>, path_prefix: Option<&str>) {
        self.control(
            "/__mock/fault",
            json!({ "fault": fault, "path_prefix": path_prefix }),
        );
    }

    /// Delays every answer by `ms` plus up to `jitter_ms`.
    pub fn latency(&self, ms: u64, jitter_ms: u64) {
        self.control(
            "/__mock/latency",
            json!({ "ms": ms, "jitter_ms": jitter_ms }),
        );
    }

    /// The stand-in's today (live mode: its clock's), as a day number (`mock_api::time`).
    pub fn today(&self) -> i64 {
        let url = format!("{}/__mock/clock", self.url());
        let response = get(&url, &[]).unwrap_or_else(|e| panic!("GET {url}: {e}"));
        let clock: Value = serde_json::from_slice(&response.body)
            .unwrap_or_else(|e| panic!("GET {url}: not JSON ({e}): {}", response.text()));
        let now = clock["now"].as_str().unwrap_or_default();
        mock_api::time::parse_date(now.get(..10).unwrap_or_default())
            .unwrap_or_else(|| panic!("the stand-in's now: {clock}"))
    }

    /// The requests the app made (the last 100 the stand-in kept, the test's own left
    /// out), oldest first.
    pub fn app_requests(&self) -> Vec<Value> {
        let response = get(&format!("{}/__mock/requests", self.url()), &[]).expect("request log");
        let all: Value = serde_json::from_slice(&response.body).expect("request log is JSON");
        all.as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r["headers"].get(PROBE_HEADER).is_none())
            .collect()
    }

    fn signed(&self) -> Vec<(String, String)> {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default()
            .to_string();
        let signature = mock_api::signature(APP_KEY, APP_SECRET, TENANT, "v1", &timestamp);
        vec![
            ("appKey".into(), APP_KEY.into()),
            ("version".into(), "v1".into()),
            ("timestamp".into(), timestamp),
            ("signature".into(), signature),
            (PROBE_HEADER.into(), "1".into()),
        ]
    }

    fn envelope(what: &str, response: std::io::Result<crate::Response>) -> Value {
        let response = response.unwrap_or_else(|e| panic!("{what}: {e}"));
        let envelope: Value = serde_json::from_slice(&response.body)
            .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", response.text()));
        assert_eq!(envelope["code"], 200, "{what}: {envelope}");
        envelope
    }

    /// A signed request straight to the stand-in (`target`: path and query, `body`: JSON):
    /// the envelope (code 200 asserted).
    fn signed_request(&self, method: &str, target: &str, body: Option<&Value>) -> Value {
        let mut headers = self.signed();
        if body.is_some() {
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let text = body.map(Value::to_string);
        let url = format!("{}{target}", self.url());
        let bytes = text.as_deref().map(str::as_bytes);
        Self::envelope(
            &format!("{method} {target} {}", text.as_deref().unwrap_or_default()),
            request(method, &url, &headers, bytes),
        )
    }

    /// A signed GET straight to the stand-in: the envelope (code 200 asserted).
    pub fn api_get(&self, path: &str, params: &[(&str, String)]) -> Value {
        self.signed_request("GET", &format!("{path}?{}", query_string(params)), None)
    }

    /// A signed POST of a JSON body straight to the stand-in: the envelope.
    pub fn api_post(&self, path: &str, body: &Value) -> Value {
        self.signed_request("POST", path, Some(body))
    }

    /// What the stand-in answers now to a request of its log ([`StandIn::app_requests`]),
    /// asked again with the same method, path, query and body: under a fault, the faulty
    /// answer the app was given (the stand-in's answers are the same for the same request).
    pub fn answer_to(&self, logged: &Value) -> Value {
        let path = logged["path"].as_str().unwrap_or_default();
        match logged["method"].as_str() {
            Some("POST") => self.signed_request("POST", path, Some(&logged["body"])),
            _ => {
                let query = logged["rawQuery"].as_str().unwrap_or_default();
                self.signed_request("GET", &format!("{path}?{query}"), None)
            }
        }
    }

    /// The last calls-list request the app made, if any.
    pub fn last_calls_request(&self) -> Option<Value> {
        self.app_requests().into_iter().rev().find(|r| {
            r["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("/getCallRecordInfoList"))
        })
    }

    /// The job ids the stand-in lists for these `getTasks` parameters.
    pub fn job_ids(&self, params: &[(&str, String)]) -> Vec<i64> {
        let envelope = self.api_get("/apiOpen/v1/task/getTasks", params);
        envelope["data"]["content"]
            .as_array()
            .map(|jobs| {
                jobs.iter()
                    .filter_map(|j| j["robotCallJobId"].as_i64())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every job of the stand-in's list, over all its pages.
    pub fn all_jobs(&self) -> Vec<Value> {
        let mut jobs = Vec::new();
        for page in 1.. {
            let envelope = self.api_get(
                "/apiOpen/v1/task/getTasks",
                &[("pageNum", page.to_string()), ("pageSize", "100".into())],
            );
            let content = envelope["data"]["content"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if content.is_empty() {
                break;
            }
            jobs.extend(content);
        }
        jobs
    }

    /// Every call of a job that matches `filters` (a calls-list body without job and
    /// page), as the stand-in lists them, 100 a page.
    pub fn all_calls(&self, job: i64, filters: &Value) -> Vec<Value> {
        let mut out = Vec::new();
        for page in 1.. {
            let mut body = filters.clone();
            body["robotCallJobId"] = json!(job);
            body["pageNum"] = json!(page);
            body["pageSize"] = json!(100);
            let envelope = self.api_post(CALLS_PATH, &body);
            let items = envelope["data"]["content"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let pages = envelope["data"]["pages"].as_i64().unwrap_or(0);
            out.extend(items);
            if page >= pages {
                break;
            }
        }
        out
    }

    /// One page of calls (callRecord family) for a request body: ids in order, and the total.
    pub fn call_ids(&self, body: &Value) -> (Vec<i64>, i64) {
        let envelope = self.api_post(CALLS_PATH, body);
        let data = &envelope["data"];
        let ids = data["content"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|c| c["callRecordId"].as_i64())
                    .collect()
            })
            .unwrap_or_default();
        (ids, data["totalElements"].as_i64().unwrap_or(-1))
    }
}

/// A job's status as the list sends it, a name or a code.
pub fn job_status(job: &Value) -> Option<mock_api::enums::JobStatus> {
    use mock_api::enums::JobStatus;
    let status = &job["status"];
    status
        .as_str()
        .and_then(JobStatus::from_name)
        .or_else(|| status.as_i64().and_then(JobStatus::from_code))
}
