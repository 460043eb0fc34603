//! Injected faults: chosen per request (`x-mock-fault`) or for all later requests (`/__mock/fault`).

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::envelope;

pub const HEADER: &str = "x-mock-fault";

/// How long `timeout` holds a request before giving up with 504 (well past any client's 60 s).
pub const TIMEOUT_HOLD: Duration = Duration::from_secs(120);
/// How long `slow` delays an otherwise normal answer.
pub const SLOW_DELAY: Duration = Duration::from_secs(3);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// HTTP 500 with a Spring-style error body.
    Http500,
    /// No answer for `TIMEOUT_HOLD`.
    Timeout,
    /// HTTP 200, `application/json`, a body that is not JSON.
    Garbage,
    /// HTTP 200 `text/html`: a gateway's error page.
    Html,
    /// The normal answer after `SLOW_DELAY`.
    Slow,
    /// The envelope with code 401.
    Code401,
    /// The envelope with code 412.
    Code412,
    /// The normal answer's shape filled with a hostile corpus.
    Hostile,
    /// The normal answer, with a `callDetail` transcript of `LONG_TURNS` turns (the
    /// benchmark's long call); other paths are unchanged.
    Long,
    /// HTTP 429 with `Retry-After: 1` and the proxy's rate-limit envelope.
    TooMany,
    /// HTTP 401 with the proxy's "sign in first" envelope (`data.signInUrl` = the portal's form).
    SignIn,
}

/// Turns in a `long` `callDetail` transcript.
pub const LONG_TURNS: usize = 500;

impl Fault {
    pub const NAMES: &'static str =
        "500, timeout, garbage, html, slow, 401, 412, hostile, long, 429, signin";

    pub fn parse(s: &str) -> Option<Fault> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "500" => Fault::Http500,
            "timeout" => Fault::Timeout,
            "garbage" => Fault::Garbage,
            "html" => Fault::Html,
            "slow" => Fault::Slow,
            "401" => Fault::Code401,
            "412" => Fault::Code412,
            "hostile" => Fault::Hostile,
            "long" => Fault::Long,
            "429" => Fault::TooMany,
            "signin" => Fault::SignIn,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Fault::Http500 => "500",
            Fault::Timeout => "timeout",
            Fault::Garbage => "garbage",
            Fault::Html => "html",
            Fault::Slow => "slow",
            Fault::Code401 => "401",
            Fault::Code412 => "412",
            Fault::Hostile => "hostile",
            Fault::Long => "long",
            Fault::TooMany => "429",
            Fault::SignIn => "signin",
        }
    }
}

/// A fault set at run time for all later requests whose path starts with `path_prefix`
/// (default: every `/apiOpen` request) and, with `job`, that name that job; with `times`, only
/// for that many more of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlobalFault {
    pub fault: Fault,
    pub path_prefix: Option<String>,
    /// How many more matching requests get the fault (`None`: until cleared); never 0 (the
    /// fault is cleared when the last one is used).
    pub times: Option<u64>,
    /// Only requests naming `robotCallJobId` = this job (`requested_job`).
    pub job: Option<u64>,
}

impl GlobalFault {
    /// Whether a request to `path` naming `job` (`requested_job`) gets the fault.
    pub fn applies_to(&self, path: &str, job: Option<u64>) -> bool {
        let path_ok = match &self.path_prefix {
            Some(prefix) => path.starts_with(prefix.as_str()),
            None => path.starts_with("/apiOpen"),
        };
        path_ok && self.job.is_none_or(|j| job == Some(j))
    }
}

/// The job a request names: `robotCallJobId` in its query (getTaskDetail) or in its JSON
/// body (getCallRecordInfoList), as a number or numeric text; `None` when it names none.
pub fn requested_job(query: Option<&str>, body: &[u8]) -> Option<u64> {
    const KEY: &str = "robotCallJobId";
    let from_query = crate::params::query_u64(&crate::params::query_map(query), KEY);
    if let Ok(Some(id)) = from_query {
        return Some(id);
    }
    let json: serde_json::Value = serde_json::from_slice(body).ok()?;
    crate::params::json_u64(&json, KEY).ok().flatten()
}

fn with_type(mut resp: Response, content_type: &'static str) -> Response {
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp
}

/// An error envelope the way the signing proxy writes its own (`code`, `data`, `requestId`,
/// `resultMsg`; no `errorStackTrace`), with the HTTP status equal to `code`.
fn proxy_envelope(status: StatusCode, data: serde_json::Value, msg: &str, rid: &str) -> Response {
    let body = json!({
        "code": status.as_u16(),
        "data": data,
        "requestId": rid,
        "resultMsg": msg,
    });
    envelope::json_response(status, &body)
}

/// The answer of a fault that replaces the normal answer; `None` for `slow`, `hostile` and
/// `long`, which change the normal answer instead. `public_url` is the stand-in's own base
/// (for `signin`'s `signInUrl`).
pub async fn respond(
    fault: Fault,
    request_id: &str,
    path: &str,
    public_url: &str,
) -> Option<Response> {
    Some(match fault {
        Fault::Http500 => {
            let body = json!({
                "timestamp": crate::auth::now_ms(),
                "status": 500,
                "error": "Internal Server Error",
                "message": "mock fault: 500",
                "path": path,
                "requestId": request_id,
            });
            with_type(
                (StatusCode::INTERNAL_SERVER_ERROR, body.to_string()).into_response(),
                envelope::JSON_TYPE,
            )
        }
        Fault::Timeout => {
            tokio::time::sleep(TIMEOUT_HOLD).await;
            with_type(
                (StatusCode::GATEWAY_TIMEOUT, "mock fault: timeout").into_response(),
                "text/plain; charset=utf-8",
            )
        }
        Fault::Garbage => with_type(
            (StatusCode::OK, &b"\x00\x1f{\"code\":200,\"data\":[{]]} <<garbage>> \xff\xfe"[..])
                .into_response(),
            envelope::JSON_TYPE,
        ),
        Fault::Html => with_type(
            (
                StatusCode::OK,
                "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
            )
                .into_response(),
            "text/html",
        ),
        Fault::Code401 => envelope::error_response(401, "mock fault: 认证失败 (401)", request_id),
        Fault::Code412 => envelope::error_response(412, "mock fault: 参数错误 (412)", request_id),
        Fault::TooMany => {
            let mut resp = proxy_envelope(
                StatusCode::TOO_MANY_REQUESTS,
                serde_json::Value::Null,
                "请求过于频繁 · Too many requests",
                request_id,
            );
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            resp
        }
        Fault::SignIn => proxy_envelope(
            StatusCode::UNAUTHORIZED,
            json!({ "signInUrl": format!("{public_url}/__portal/sign-in") }),
            "请先登录 · Sign in first",
            request_id,
        ),
        Fault::Slow | Fault::Hostile | Fault::Long => return None,
    })
}

/// A `callDetail` envelope with its transcript (`data.callDetailList`) made `LONG_TURNS`
/// turns long: the call's own turns repeated in order (numbered on), or, for a call without
/// any, alternating robot and customer lines. Anything else is returned as it came.
pub fn lengthen_transcript(mut envelope: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    let Some(Value::Array(turns)) = envelope.pointer_mut("/data/callDetailList") else {
        return envelope;
    };
    let own = std::mem::take(turns);
    *turns = (0..LONG_TURNS)
        .map(|i| {
            let mut turn = match own.get(i % own.len().max(1)) {
                Some(turn) => turn.clone(),
                None if i % 2 == 0 => {
                    json!({"type": "ROBOT", "text": format!("第 {} 句：您好，这里是探意。", i + 1)})
                }
                None => json!({"type": "PERSON", "text": format!("第 {} 句：好的，请说。", i + 1)}),
            };
            if let Some(map) = turn.as_object_mut() {
                map.insert("callDetailId".into(), json!(i + 1));
            }
            turn
        })
        .collect();
    envelope
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in Fault::NAMES.split(", ") {
            assert_eq!(Fault::parse(name).map(Fault::name), Some(name));
        }
        assert_eq!(Fault::parse("nope"), None);
        let g = GlobalFault {
            fault: Fault::Http500,
            path_prefix: None,
            times: None,
            job: None,
        };
        assert!(g.applies_to("/apiOpen/v1/task/getTasks", None));
        assert!(!g.applies_to("/recordings/x.wav", None));
    }

    #[test]
    fn the_job_a_request_names() {
        assert_eq!(requested_job(Some("robotCallJobId=7"), b""), Some(7));
        assert_eq!(requested_job(None, br#"{"robotCallJobId": 7}"#), Some(7));
        assert_eq!(requested_job(None, br#"{"robotCallJobId": "7"}"#), Some(7));
        assert_eq!(
            requested_job(Some("pageSize=5"), br#"{"pageNum": 1}"#),
            None
        );
        assert_eq!(requested_job(Some("robotCallJobId=x"), b"not json"), None);
        assert_eq!(requested_job(None, br#"{"robotCallJobId": -1}"#), None);
    }

    #[test]
    fn a_job_fault_hits_only_that_job() {
        let g = GlobalFault {
            fault: Fault::Http500,
            path_prefix: None,
            times: None,
            job: Some(3),
        };
        assert!(g.applies_to("/apiOpen/v1/task/getTaskDetail", Some(3)));
        assert!(!g.applies_to("/apiOpen/v1/task/getTaskDetail", Some(4)));
        assert!(!g.applies_to("/apiOpen/v1/task/getTasks", None));
        assert!(!g.applies_to("/recordings/x", Some(3)));
        let any = GlobalFault { job: None, ..g };
        assert!(any.applies_to("/apiOpen/v1/task/getTasks", None));
    }
}
