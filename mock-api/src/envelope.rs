//! The response envelope `{code, data, requestId, resultMsg, errorStackTrace}` and JSON responses.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// The envelope code of a response, kept as a response extension for the request log line.
#[derive(Clone, Copy, Debug)]
pub struct EnvelopeCode(pub i64);

/// The `requestId` a response carries, kept as a request extension so every layer uses one.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

pub const JSON_TYPE: &str = "application/json;charset=UTF-8";

pub fn ok(data: Value, msg: &str, request_id: &str) -> Value {
    json!({
        "code": 200,
        "data": data,
        "requestId": request_id,
        "resultMsg": msg,
        "errorStackTrace": null,
    })
}

pub fn error(code: i64, msg: &str, request_id: &str) -> Value {
    json!({
        "code": code,
        "data": null,
        "requestId": request_id,
        "resultMsg": msg,
        "errorStackTrace": null,
    })
}

/// A JSON response with the given HTTP status.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let text = serde_json::to_vec(body).unwrap_or_default();
    let mut resp = (status, text).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_TYPE));
    if let Some(code) = body.get("code").and_then(Value::as_i64) {
        resp.extensions_mut().insert(EnvelopeCode(code));
    }
    resp
}

/// HTTP 200 with the envelope, as Tanyi answers errors too.
pub fn envelope(body: &Value) -> Response {
    json_response(StatusCode::OK, body)
}

pub fn error_response(code: i64, msg: &str, request_id: &str) -> Response {
    envelope(&error(code, msg, request_id))
}

/// 412 "bad parameters".
pub fn bad_param(msg: &str, request_id: &str) -> Response {
    error_response(412, &format!("参数错误: {msg}"), request_id)
}

/// 404 "not found" in the envelope.
pub fn not_found(msg: &str, request_id: &str) -> Response {
    error_response(404, msg, request_id)
}
