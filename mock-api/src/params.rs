//! Reading request parameters (query strings and JSON bodies) with messages that name the culprit.

use std::collections::HashMap;

use serde_json::Value;

/// Query-string parameters; a repeated name keeps its last value.
pub fn query_map(query: Option<&str>) -> HashMap<String, String> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

/// An optional non-negative integer from a query string; empty counts as absent.
pub fn query_u64(q: &HashMap<String, String>, key: &str) -> Result<Option<u64>, String> {
    match q.get(key).map(|s| s.trim()) {
        None | Some("") => Ok(None),
        Some(s) => s
            .parse::<u64>()
            .map(Some)
            .map_err(|_| format!("{key} must be a non-negative integer, got {s:?}")),
    }
}

/// A required id from a query string.
pub fn query_id(q: &HashMap<String, String>, key: &str) -> Result<u64, String> {
    query_u64(q, key)?.ok_or_else(|| format!("{key} is required"))
}

/// An optional string from a query string; empty counts as absent.
pub fn query_str<'a>(q: &'a HashMap<String, String>, key: &str) -> Option<&'a str> {
    q.get(key).map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// An optional non-negative integer in a JSON object: a number or numeric text; null, missing
/// and "" count as absent.
pub fn json_u64(body: &Value, key: &str) -> Result<Option<u64>, String> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .map(Some)
            .ok_or_else(|| format!("{key} must be a non-negative integer, got {n}")),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse::<u64>()
            .map(Some)
            .map_err(|_| format!("{key} must be a non-negative integer, got {s:?}")),
        Some(other) => Err(format!("{key} must be an integer, got {other}")),
    }
}

/// An optional string in a JSON object (numbers are taken as their text); "" counts as absent.
pub fn json_str(body: &Value, key: &str) -> Result<Option<String>, String> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(format!("{key} must be a string, got {other}")),
    }
}

/// An optional boolean in a JSON object.
pub fn json_bool(body: &Value, key: &str) -> Result<Option<bool>, String> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(Value::String(s)) if s == "true" || s == "false" => Ok(Some(s == "true")),
        Some(other) => Err(format!("{key} must be true or false, got {other}")),
    }
}

/// A list of enum names in a JSON object: a list of strings, or one string; null and [] mean
/// "no filter". Every element must parse.
pub fn json_enum_list<T>(
    body: &Value,
    key: &str,
    parse: impl Fn(&str) -> Option<T>,
    names: &str,
) -> Result<Vec<T>, String> {
    let items: Vec<&Value> = match body.get(key) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v @ Value::String(_)) => vec![v],
        Some(other) => return Err(format!("{key} must be a list of names, got {other}")),
    };
    items
        .into_iter()
        .map(|v| {
            v.as_str()
                .and_then(&parse)
                .ok_or_else(|| format!("unknown {key} value {v}; expected one of {names}"))
        })
        .collect()
}

/// One enum value given by name or by integer code; null and "" count as absent.
pub fn json_enum<T>(
    body: &Value,
    key: &str,
    by_name: impl Fn(&str) -> Option<T>,
    by_code: impl Fn(i64) -> Option<T>,
    names: &str,
) -> Result<Option<T>, String> {
    let found = match body.get(key) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::String(s)) => by_name(s.trim()),
        Some(Value::Number(n)) => n.as_i64().and_then(&by_code),
        Some(_) => None,
    };
    match found {
        Some(v) => Ok(Some(v)),
        None => Err(format!(
            "unknown {key} value {}; expected one of {names}",
            body.get(key).map(Value::to_string).unwrap_or_default()
        )),
    }
}

/// A page request: 1-based page number and size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageReq {
    pub num: u64,
    pub size: u64,
}

pub const DEFAULT_PAGE_SIZE: u64 = 20;

impl PageReq {
    pub fn new(num: Option<u64>, size: Option<u64>, max: Option<u64>) -> Result<Self, String> {
        let num = num.unwrap_or(1);
        let size = size.unwrap_or(DEFAULT_PAGE_SIZE);
        if num < 1 {
            return Err(format!("pageNum must be at least 1, got {num}"));
        }
        if size < 1 {
            return Err(format!("pageSize must be at least 1, got {size}"));
        }
        if let Some(max) = max {
            if size > max {
                return Err(format!("pageSize must be at most {max}, got {size}"));
            }
        }
        Ok(PageReq { num, size })
    }

    /// Index of the first item of the page.
    pub fn offset(&self) -> u64 {
        (self.num - 1).saturating_mul(self.size)
    }

    /// `pages` for a total: 0 when there is nothing.
    pub fn pages(&self, total: u64) -> u64 {
        total.div_ceil(self.size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integers_are_lenient_about_text_and_strict_about_junk() {
        let b = json!({"a": 5, "b": "7", "c": "x", "d": -1, "e": null, "f": "", "g": 1.5});
        assert_eq!(json_u64(&b, "a"), Ok(Some(5)));
        assert_eq!(json_u64(&b, "b"), Ok(Some(7)));
        assert!(json_u64(&b, "c").is_err());
        assert!(json_u64(&b, "d").is_err());
        assert_eq!(json_u64(&b, "e"), Ok(None));
        assert_eq!(json_u64(&b, "f"), Ok(None));
        assert!(json_u64(&b, "g").is_err());
        assert_eq!(json_u64(&b, "missing"), Ok(None));
    }

    #[test]
    fn pages() {
        let p = PageReq::new(Some(3), Some(20), Some(100)).unwrap_or(PageReq { num: 0, size: 0 });
        assert_eq!(p.offset(), 40);
        assert_eq!(p.pages(41), 3);
        assert_eq!(p.pages(0), 0);
        assert!(PageReq::new(Some(1), Some(101), Some(100)).is_err());
        assert!(PageReq::new(Some(0), None, None).is_err());
    }
}
