//! Observability: one log line per request on stderr, and the last 100 requests for tests.

use std::collections::VecDeque;
use std::sync::Mutex;

use axum::http::{HeaderMap, Method};
use serde_json::{json, Map, Value};

pub const KEPT: usize = 100;

/// The last `KEPT` requests (not counting `/__mock/...`), oldest first.
#[derive(Default)]
pub struct RequestLog {
    entries: Mutex<VecDeque<Value>>,
    seq: std::sync::atomic::AtomicU64,
}

impl RequestLog {
    pub fn record(
        &self,
        method: &Method,
        path: &str,
        query: Option<&str>,
        headers: &HeaderMap,
        body: &[u8],
    ) {
        let mut hmap = Map::new();
        for (name, value) in headers {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            match hmap.get_mut(name.as_str()) {
                Some(Value::String(prev)) => {
                    prev.push_str(", ");
                    prev.push_str(&value);
                }
                _ => {
                    hmap.insert(name.as_str().to_string(), json!(value));
                }
            }
        }
        let qmap: Map<String, Value> = form_urlencoded::parse(query.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), json!(v)))
            .collect();
        let body = if body.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(body)
                .unwrap_or_else(|_| json!(String::from_utf8_lossy(body).into_owned()))
        };
        let seq = self.seq.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let entry = json!({
            "seq": seq,
            "timeMs": crate::auth::now_ms(),
            "method": method.as_str(),
            "path": path,
            "query": qmap,
            "rawQuery": query,
            "headers": hmap,
            "body": body,
        });
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= KEPT {
                entries.pop_front();
            }
            entries.push_back(entry);
        }
    }

    pub fn list(&self) -> Value {
        match self.entries.lock() {
            Ok(entries) => Value::Array(entries.iter().cloned().collect()),
            Err(_) => json!([]),
        }
    }

    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

/// `GET /apiOpen/v1/task/getTasks 200 code=200 3ms`
pub fn log_line(method: &Method, path: &str, status: u16, code: Option<i64>, ms: u128) {
    match code {
        Some(code) => eprintln!("{method} {path} {status} code={code} {ms}ms"),
        None => eprintln!("{method} {path} {status} {ms}ms"),
    }
}
