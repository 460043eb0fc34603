//! The response envelope (`code`, `data`, `resultMsg`, `requestId`), decoded once for every
//! endpoint: from an HTTP status and a body text to typed data or an [`ApiError`].

use super::error::{ApiError, MISSING};
use super::lenient;
use super::model::{kind, Page};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The `code` of a successful answer.
pub const OK_CODE: i64 = 200;
/// How much of an unexpected body an error keeps, in characters.
pub const EXCERPT_CHARS: usize = 160;

/// A successful envelope: its `data` (which may be `null`) and `requestId`.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    /// The `data` member, `Null` when absent.
    pub data: Value,
    /// The `requestId`, when sent.
    pub request_id: Option<String>,
    /// The `resultMsg`, when sent.
    pub result_msg: Option<String>,
}

/// The start of a body for an error message: whitespace collapsed, at most
/// [`EXCERPT_CHARS`] characters (an ellipsis marks a cut).
pub fn excerpt(body: &str) -> String {
    let collapsed = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = collapsed.chars();
    let mut out: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// Classifies an answer: the envelope of a success, or the error it stands for.
///
/// An envelope with a `code` other than 200 wins over the HTTP status, since it carries the
/// API's message and request id; otherwise an HTTP error status is an [`ApiError::Http`].
pub fn decode_envelope(status: u16, body: &str) -> Result<Envelope, ApiError> {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    let mut map = match parsed {
        Some(Value::Object(map)) => map,
        Some(other) if is_success(status) => {
            return Err(ApiError::Shape {
                path: "(body)".to_string(),
                detail: format!("expected an object, found {}", kind(&other)),
                request_id: None,
            })
        }
        None if is_success(status) => {
            return Err(ApiError::NotJson {
                excerpt: excerpt(body),
            })
        }
        _ => {
            return Err(ApiError::Http {
                status,
                excerpt: excerpt(body),
                request_id: None,
            })
        }
    };
    let request_id = lenient::text_of(lenient::field(&map, "requestId"));
    let result_msg = lenient::text_of(lenient::field(&map, "resultMsg"));
    let code = lenient::int_of(lenient::field(&map, "code"));
    match code {
        Some(OK_CODE) if is_success(status) => Ok(Envelope {
            // Moved out, not copied: a page of calls is most of the body.
            data: map.remove("data").unwrap_or(Value::Null),
            request_id,
            result_msg,
        }),
        Some(code) if code != OK_CODE => Err(ApiError::Api {
            code,
            message: result_msg,
            request_id,
        }),
        // A server's own JSON error page: keep its request id for support.
        _ if !is_success(status) => Err(ApiError::Http {
            status,
            excerpt: excerpt(body),
            request_id,
        }),
        _ => Err(ApiError::Shape {
            path: "code".to_string(),
            detail: match map.get("code") {
                None | Some(Value::Null) => MISSING.to_string(),
                Some(other) => format!("expected a number, found {}", kind(other)),
            },
            request_id,
        }),
    }
}

/// Decodes a list endpoint's answer into a page. `data: null` is an empty page.
pub fn decode_page<T: DeserializeOwned>(status: u16, body: &str) -> Result<Page<T>, ApiError> {
    let envelope = decode_envelope(status, body)?;
    Page::from_data(&envelope.data).map_err(|(path, detail)| ApiError::Shape {
        path,
        detail,
        request_id: envelope.request_id,
    })
}

/// Decodes a detail endpoint's answer. `data` must be an object.
pub fn decode_item<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    let envelope = decode_envelope(status, body)?;
    let shape = |detail: String| ApiError::Shape {
        path: "data".to_string(),
        detail,
        request_id: envelope.request_id.clone(),
    };
    match &envelope.data {
        Value::Object(_) => T::deserialize(&envelope.data).map_err(|e| shape(e.to_string())),
        Value::Null => Err(ApiError::NoData {
            request_id: envelope.request_id.clone(),
        }),
        other => Err(shape(format!("expected an object, found {}", kind(other)))),
    }
}
