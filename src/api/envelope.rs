//! The response envelope (`code`, `data`, `resultMsg`, `requestId`), decoded once for every
//! endpoint: from an HTTP status and a body text to typed data or an [`ApiError`].

use super::error::{ApiError, MISSING};
use super::lenient::{scalar_callbacks, skip_list, Scalar, Slot};
use super::model::{Page, PageData};
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;

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

/// The envelope's members as read from the text, `data` as `D`.
struct Members<D> {
    code: Scalar,
    result_msg: Option<String>,
    request_id: Option<String>,
    data: Option<D>,
}

/// A body: an object's members, or the kind of the JSON value sent instead.
enum Body<D> {
    Object(Members<D>),
    Other(&'static str),
}

struct BodyVisitor<D>(PhantomData<D>);

impl<'de, D: Deserialize<'de>> Visitor<'de> for BodyVisitor<D> {
    type Value = Body<D>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Body<D>, A::Error> {
        let mut members = Members {
            code: Scalar::Null,
            result_msg: None,
            request_id: None,
            data: None,
        };
        // A member sent twice counts once, the last time (as JSON parsers commonly do).
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "code" => members.code = map.next_value()?,
                "resultMsg" => members.result_msg = map.next_value::<Scalar>()?.text(),
                "requestId" => members.request_id = map.next_value::<Scalar>()?.text(),
                "data" => members.data = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Body::Object(members))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Body<D>, A::Error> {
        skip_list(seq).map(|()| Body::Other(Scalar::List.kind()))
    }

    scalar_callbacks!(|s: Scalar| Body::Other(s.kind()));
}

impl<'de, D: Deserialize<'de>> Deserialize<'de> for Body<D> {
    fn deserialize<De: Deserializer<'de>>(d: De) -> Result<Body<D>, De::Error> {
        d.deserialize_any(BodyVisitor(PhantomData))
    }
}

/// Reads a body straight from its text into typed data, without a JSON tree in between.
fn parse<D: DeserializeOwned>(body: &str) -> Result<Body<D>, serde_json::Error> {
    match serde_json::from_str::<Body<D>>(body) {
        // The text is JSON, but a model met a field twice (serde refuses duplicates): read a
        // copy written back from the JSON tree, where the last one won.
        Err(e) if e.is_data() => match serde_json::from_str::<Value>(body) {
            Ok(tree) => serde_json::from_str(&tree.to_string()),
            Err(_) => Err(e),
        },
        read => read,
    }
}

/// The proxy's "nobody is signed in": HTTP 401 whose envelope has a `data.signInUrl` text.
/// (Tanyi's own 401 envelope comes with HTTP 200, an older proxy's 401 without an address:
/// both stay ordinary errors.) Read as a JSON tree: it is one small answer.
fn sign_in(status: u16, body: &str) -> Option<ApiError> {
    if status != 401 {
        return None;
    }
    let answer: Value = serde_json::from_str(body).ok()?;
    let url = answer.pointer("/data/signInUrl")?.as_str()?.trim();
    if url.is_empty() {
        return None;
    }
    let request_id = match answer.get("requestId") {
        Some(Value::String(id)) => Some(id.clone()),
        Some(Value::Number(id)) => Some(id.to_string()),
        _ => None,
    };
    Some(ApiError::SignIn {
        url: url.to_string(),
        request_id,
    })
}

/// Classifies an answer: the members of a success (`data` as `D`), or the error it stands for.
///
/// An envelope with a `code` other than 200 wins over the HTTP status, since it carries the
/// API's message and request id; otherwise an HTTP error status is an [`ApiError::Http`].
fn classify<D: DeserializeOwned>(status: u16, body: &str) -> Result<Members<D>, ApiError> {
    if let Some(sign_in) = sign_in(status, body) {
        return Err(sign_in);
    }
    let members = match parse::<D>(body) {
        Ok(Body::Object(members)) => members,
        Ok(Body::Other(kind)) if is_success(status) => {
            return Err(ApiError::Shape {
                path: "(body)".to_string(),
                detail: format!("expected an object, found {kind}"),
                request_id: None,
            })
        }
        Err(e) if is_success(status) && e.is_data() => {
            return Err(ApiError::Shape {
                path: "data".to_string(),
                detail: e.to_string(),
                request_id: None,
            })
        }
        Err(_) if is_success(status) => {
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
    let Members {
        code,
        result_msg,
        request_id,
        data,
    } = members;
    match code.int() {
        Some(OK_CODE) if is_success(status) => Ok(Members {
            code,
            result_msg,
            request_id,
            data,
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
            detail: match code {
                Scalar::Null => MISSING.to_string(),
                other => format!("expected a number, found {}", other.kind()),
            },
            request_id,
        }),
    }
}

/// Classifies an answer: the envelope of a success, or the error it stands for.
pub fn decode_envelope(status: u16, body: &str) -> Result<Envelope, ApiError> {
    let members = classify::<Value>(status, body)?;
    Ok(Envelope {
        data: members.data.unwrap_or(Value::Null),
        request_id: members.request_id,
        result_msg: members.result_msg,
    })
}

/// Decodes a list endpoint's answer into a page. `data: null` is an empty page.
pub fn decode_page<T: DeserializeOwned>(status: u16, body: &str) -> Result<Page<T>, ApiError> {
    let members = classify::<Slot<PageData<T>>>(status, body)?;
    let shape = |path: &str, detail: String| ApiError::Shape {
        path: path.to_string(),
        detail,
        request_id: members.request_id.clone(),
    };
    match members.data.unwrap_or_default() {
        Slot::Null => Ok(Page::default()),
        Slot::Other(kind) => Err(shape("data", format!("expected an object, found {kind}"))),
        Slot::Object(page) => page
            .into_page()
            .map_err(|kind| shape("data.content", format!("expected a list, found {kind}"))),
    }
}

/// Decodes a detail endpoint's answer. `data` must be an object.
pub fn decode_item<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    let members = classify::<Slot<T>>(status, body)?;
    match members.data.unwrap_or_default() {
        Slot::Object(item) => Ok(item),
        Slot::Null => Err(ApiError::NoData {
            request_id: members.request_id,
        }),
        Slot::Other(kind) => Err(ApiError::Shape {
            path: "data".to_string(),
            detail: format!("expected an object, found {kind}"),
            request_id: members.request_id,
        }),
    }
}
