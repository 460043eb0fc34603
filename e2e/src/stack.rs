//! A deployment of deploy/nginx run for real in front of the stand-in API, with a fake
//! build: what the proxy and gateway tests start, one per test.

use crate::{free_port, get, request, write_fake_dist, Response, TempDir};
use base64::Engine as _;
use mock_api::{start_in_thread, RunningMock};
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};
use xtask::nginx::{self, Auth, Credentials, CredentialsSource, Layout, Nginx, ProxySettings};

pub const APP_KEY: &str = "e2e-app-key";
pub const SECRET: &str = "e2e-s3cret-must-never-leak-5b1f";
pub const TENANT: &str = "e2e-tenant";
pub const PORTAL: &str = "https://portal.example.com";
pub const OTHER: &str = "https://evil.example.net";
pub const LONG_CACHE: &str = "public, max-age=31536000, immutable";
/// The first ten jobs: the simplest read.
pub const TASKS: &str = "/apiOpen/v1/task/getTasks?pageNum=1&pageSize=10";
/// The calls list of the callRecord family (a POST).
pub const CALL_RECORDS: &str = "/apiOpen/v1/callRecord/getCallRecordInfoList";

pub fn credentials() -> Credentials {
    Credentials {
        app_key: APP_KEY.into(),
        app_secret: SECRET.into(),
        tenant_sign: TENANT.into(),
    }
}

pub fn mock() -> RunningMock {
    mock_with(4, 10)
}

/// A stand-in with auth on and `jobs` jobs of `calls_per_job` calls.
pub fn mock_with(jobs: usize, calls_per_job: usize) -> RunningMock {
    start_in_thread(mock_api::Options {
        jobs,
        calls_per_job,
        auth: Some(mock_api::Credentials {
            app_key: APP_KEY.into(),
            app_secret: SECRET.into(),
            tenant_sign: TENANT.into(),
        }),
        ..mock_api::Options::default()
    })
    .expect("the stand-in API starts")
}

#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Same,
    Cross,
}

/// nginx + stand-in + fake dist; fields drop in order: nginx first, the dirs last.
pub struct Stack {
    pub nginx: Nginx,
    pub mock: RunningMock,
    pub dist: TempDir,
    pub work: TempDir,
}

impl Stack {
    pub fn start(kind: Kind, tweak: impl FnOnce(&mut ProxySettings)) -> Stack {
        let mock = mock();
        let mut settings = ProxySettings::new(
            mock.base_url(),
            CredentialsSource::Values(credentials()),
            Auth::None,
        );
        settings.allowed_origins = vec![PORTAL.into()];
        settings.frame_ancestors = format!("'self' {PORTAL}");
        settings.test_endpoints = true;
        tweak(&mut settings);
        Stack::start_with(kind, mock, settings)
    }

    pub fn start_with(kind: Kind, mock: RunningMock, settings: ProxySettings) -> Stack {
        let dist = TempDir::new("dist");
        let work = TempDir::new("nginx");
        let (layout, api_base) = match kind {
            Kind::Same => (Layout::SameOrigin { port: free_port() }, String::new()),
            Kind::Cross => {
                let layout = Layout::CrossOrigin {
                    site_port: free_port(),
                    proxy_port: free_port(),
                };
                (layout, layout.api_url())
            }
        };
        let config = format!(r#"{{"apiBaseUrl":"{api_base}"}}"#);
        write_fake_dist(dist.path(), &settings.public_url, &config).unwrap();
        let nginx =
            nginx::start(dist.path(), &settings, &layout, work.path()).expect("nginx starts");
        Stack {
            nginx,
            mock,
            dist,
            work,
        }
    }

    pub fn site(&self, path: &str) -> String {
        format!("{}{path}", self.nginx.site_url())
    }

    pub fn api(&self, path: &str) -> String {
        format!("{}{path}", self.nginx.api_url())
    }

    /// GET [`TASKS`] through the proxy.
    pub fn get_tasks(&self, headers: &[(&str, &str)]) -> Response {
        get(&self.api(TASKS), headers).unwrap()
    }

    /// A CORS preflight for a POST of JSON to [`CALL_RECORDS`] from `origin`.
    pub fn preflight(&self, origin: &str) -> Response {
        let headers = [
            ("Origin", origin),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ];
        request("OPTIONS", &self.api(CALL_RECORDS), &headers, None).unwrap()
    }

    /// A request to the proxy with a body of the given type.
    pub fn typed(&self, method: &str, path: &str, content_type: &str, body: &[u8]) -> Response {
        self.send(method, path, content_type, body, &[])
    }

    /// A POST of a JSON body to the proxy, with more headers.
    pub fn post_json(&self, path: &str, body: &str, headers: &[(&str, &str)]) -> Response {
        self.send("POST", path, "application/json", body.as_bytes(), headers)
    }

    fn send(
        &self,
        method: &str,
        path: &str,
        content_type: &str,
        body: &[u8],
        headers: &[(&str, &str)],
    ) -> Response {
        let mut all = vec![("Content-Type", content_type)];
        all.extend_from_slice(headers);
        request(method, &self.api(path), &all, Some(body)).unwrap()
    }

    /// The requests the stand-in received, oldest first.
    pub fn seen(&self) -> Vec<Value> {
        let r = get(&format!("{}/__mock/requests", self.mock.base_url()), &[]).unwrap();
        match serde_json::from_slice(&r.body).unwrap() {
            Value::Array(a) => a,
            other => panic!("unexpected /__mock/requests: {other}"),
        }
    }

    pub fn last_seen(&self) -> Value {
        self.seen().pop().expect("the stand-in received a request")
    }

    /// The access log once it holds `lines` lines: nginx writes a request's line
    /// after sending the response, so a client can be faster than the log.
    pub fn access_log_with(&self, lines: usize) -> String {
        log_with(&self.nginx.access_log(), lines)
    }

    /// The audit log of /apiOpen/ once it holds `lines` lines.
    pub fn audit_log_with(&self, lines: usize) -> String {
        log_with(&self.nginx.audit_log(), lines)
    }

    /// nginx's error log, access log and stderr.
    pub fn logs(&self) -> String {
        let read = |p: &Path| fs::read_to_string(p).unwrap_or_default();
        read(&self.nginx.error_log())
            + &read(&self.nginx.access_log())
            + &read(&self.nginx.audit_log())
            + &read(&self.work.path().join("stderr.log"))
    }
}

pub fn envelope(r: &Response) -> Value {
    serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.raw()))
}

pub fn code(r: &Response) -> i64 {
    envelope(r)["code"].as_i64().unwrap_or(-1)
}

/// The envelope's `resultMsg`.
pub fn result_msg(r: &Response) -> String {
    envelope(r)["resultMsg"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The proxy's own refusal: that HTTP status, the same envelope code, a message, a request id.
pub fn assert_refused(r: &Response, status: u16, says: &str) {
    assert_eq!(r.status, status, "{}", r.raw());
    assert_eq!(code(r), i64::from(status), "{}", r.raw());
    assert!(result_msg(r).contains(says), "{}", r.raw());
    assert!(envelope(r)["requestId"]
        .as_str()
        .is_some_and(|id| !id.is_empty()));
}

/// The sources of one directive of a Content-Security-Policy.
pub fn directive(csp: &str, name: &str) -> Vec<String> {
    csp.split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix(name).filter(|rest| rest.starts_with(' ')))
        .map(|rest| rest.split_whitespace().map(String::from).collect())
        .unwrap_or_default()
}

/// The CSP source that allows exactly this inline script or style: `'sha256-…'`.
pub fn sha256_source(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn log_with(path: &Path, lines: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let log = fs::read_to_string(path).unwrap_or_default();
        if log.lines().count() >= lines || Instant::now() > deadline {
            return log;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Mode basic with the demo's accounts (`viewer`, `supervisor`: password = user name) and
/// `others` (user, role), all written into `dir`.
pub fn basic_auth(dir: &Path, others: &[(&str, &str)]) -> Auth {
    let users: Vec<(&str, &str)> = [("viewer", "viewer"), ("supervisor", "supervisor")]
        .into_iter()
        .chain(others.iter().copied())
        .collect();
    let htpasswd = dir.join("htpasswd");
    let roles = dir.join("roles.map");
    let lines =
        |f: fn(&str, &str) -> String| users.iter().map(|(u, r)| f(u, r)).collect::<String>();
    fs::write(&htpasswd, lines(|u, _| format!("{u}:{{PLAIN}}{u}\n"))).unwrap();
    fs::write(&roles, lines(|u, r| format!("{u} {r};\n"))).unwrap();
    Auth::Basic { htpasswd, roles }
}

/// The `Authorization` header of HTTP basic with password = user name.
pub fn basic(user: &str) -> String {
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{user}"));
    format!("Basic {token}")
}

/// Mode sso against the stand-in portal of `stand_in` (`http://127.0.0.1:PORT`).
pub fn sso_auth(stand_in: &str) -> Auth {
    Auth::Sso {
        session_check_url: format!("{stand_in}/__portal/session"),
        sign_in_url: format!("{stand_in}/__portal/sign-in"),
    }
}

/// Signs `user` (password = user name) in at the stand-in portal; the `Cookie` header that
/// carries the session.
pub fn portal_session(stand_in: &str, user: &str) -> String {
    let form = format!("user={user}&password={user}&rd=");
    let r = request(
        "POST",
        &format!("{stand_in}/__portal/sign-in"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(form.as_bytes()),
    )
    .unwrap();
    let cookie = r
        .header("Set-Cookie")
        .and_then(|c| c.split(';').next())
        .unwrap_or_else(|| panic!("no session for {user}: {}", r.raw()));
    cookie.to_string()
}

/// Each phone number written whole in `text`: an 11-digit mobile (maybe after +86, maybe
/// spaced or dashed) or a landline with its area code.
pub fn whole_phone_numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || " -+()".contains(c)))
        .map(str::trim)
        .filter_map(|run| {
            let digits: String = run.chars().filter(char::is_ascii_digit).collect();
            let mobile = digits.strip_prefix("86").filter(|_| run.starts_with('+'));
            let mobile = mobile.unwrap_or(&digits);
            let is_mobile = mobile.len() == 11
                && mobile.starts_with('1')
                && mobile.as_bytes()[1].is_ascii_digit()
                && mobile.as_bytes()[1] >= b'3';
            let is_landline = digits.starts_with('0') && (10..=12).contains(&digits.len());
            (is_mobile || is_landline).then(|| run.to_string())
        })
        .collect()
}

/// An upstream on a free port that answers every request with `answer` (a whole HTTP
/// response) and closes; it serves until the test process ends. Its `http://127.0.0.1:PORT`.
pub fn fixed_upstream(answer: &'static str) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buffer = [0u8; 16384];
            let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
            let _ = stream.read(&mut buffer);
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    url
}
