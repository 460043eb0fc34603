//! Forgiving field decoders: a null, missing or wrongly typed field becomes "absent", never a
//! failed page.
//!
//! Each `fn(Deserializer)` is meant for `#[serde(default, deserialize_with = "...")]`; the
//! `*_of` functions do the same from a `serde_json::Value`.

use super::enums::WireEnum;
use super::model::Tally;
use super::time::ApiDateTime;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

fn value<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    Ok(Option::<Value>::deserialize(d)?.unwrap_or(Value::Null))
}

/// Text: a string as sent (blank is absent); a number or boolean as its text.
pub fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A whole number: a JSON integer, an integral float, or a string holding one.
pub fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().and_then(integral)),
        Value::String(s) => {
            let s = s.trim();
            s.parse::<i64>()
                .ok()
                .or_else(|| s.parse::<f64>().ok().and_then(integral))
        }
        _ => None,
    }
}

fn integral(f: f64) -> Option<i64> {
    // The range check keeps `as` from saturating silently.
    (f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
}

/// A number: a JSON number or a string holding a finite one.
pub fn float_of(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
    .filter(|f| f.is_finite())
}

/// A yes/no: a boolean, `0`/`1`, or the text `true`/`false`/`0`/`1`.
pub fn flag_of(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_f64().map(|f| f != 0.0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A list of texts: each scalar item as text (others skipped); a lone string is one item;
/// an object (a documented "Map") gives its keys.
pub fn texts_of(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(text_of).collect(),
        Value::Object(map) => map
            .keys()
            .filter(|k| !k.trim().is_empty())
            .cloned()
            .collect(),
        other => text_of(other).into_iter().collect(),
    }
}

/// A date-time in any of the API's shapes; a number is taken as epoch milliseconds.
pub fn date_time_of(v: &Value) -> Option<ApiDateTime> {
    match v {
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(ApiDateTime::parse(s)),
        Value::Number(_) => int_of(v).map(ApiDateTime::from_epoch_millis),
        _ => None,
    }
}

/// An enumeration value by name or documented number; an unknown one kept raw.
pub fn wire_of<T: WireEnum>(v: &Value) -> Option<T> {
    match v {
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(
            s.trim()
                .parse::<i64>()
                .ok()
                .and_then(T::from_number)
                .unwrap_or_else(|| T::from_code(s)),
        ),
        Value::Number(_) => int_of(v)
            .and_then(T::from_number)
            .or_else(|| text_of(v).map(|raw| T::from_code(&raw))),
        _ => None,
    }
}

/// A nested object; anything else (or an object that does not fit) is absent.
pub fn object_of<T: DeserializeOwned>(v: &Value) -> Option<T> {
    match v {
        Value::Object(_) => T::deserialize(v).ok(),
        _ => None,
    }
}

/// A list of objects; items that are not objects are skipped, a non-list is empty.
pub fn list_of<T: DeserializeOwned>(v: &Value) -> Vec<T> {
    match v {
        Value::Array(items) => items.iter().filter_map(object_of).collect(),
        _ => Vec::new(),
    }
}

/// A list of arbitrary JSON values (undocumented shapes); a non-list is empty.
pub fn json_list_of(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(items) => items.clone(),
        _ => Vec::new(),
    }
}

/// A map of arbitrary JSON values; a non-object is empty.
pub fn json_map_of(v: &Value) -> BTreeMap<String, Value> {
    match v {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => BTreeMap::new(),
    }
}

/// A map of counts keyed by an enumeration: known keys in documented order, then unknown
/// ones by name. A count that is not a whole number is absent.
pub fn tallies_of<K: WireEnum>(v: &Value) -> Vec<Tally<K>> {
    let Value::Object(map) = v else {
        return Vec::new();
    };
    let mut tallies: Vec<Tally<K>> = map
        .iter()
        .filter(|(key, _)| !key.trim().is_empty())
        .map(|(key, count)| Tally {
            key: K::from_code(key),
            count: int_of(count),
        })
        .collect();
    let rank = |key: &K| {
        K::all()
            .iter()
            .position(|known| known.code() == key.code())
            .unwrap_or(usize::MAX)
    };
    tallies.sort_by(|a, b| {
        rank(&a.key)
            .cmp(&rank(&b.key))
            .then_with(|| a.key.code().cmp(b.key.code()))
    });
    tallies
}

/// Looks a key up in an object, `Null` when absent.
pub fn field<'a>(map: &'a Map<String, Value>, key: &str) -> &'a Value {
    map.get(key).unwrap_or(&Value::Null)
}

/// Serde adapter: text.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    value(d).map(|v| text_of(&v))
}

/// Serde adapter: whole number.
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    value(d).map(|v| int_of(&v))
}

/// Serde adapter: number.
pub fn float<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    value(d).map(|v| float_of(&v))
}

/// Serde adapter: yes/no.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    value(d).map(|v| flag_of(&v))
}

/// Serde adapter: list of texts.
pub fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    value(d).map(|v| texts_of(&v))
}

/// Serde adapter: date-time.
pub fn date_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ApiDateTime>, D::Error> {
    value(d).map(|v| date_time_of(&v))
}

/// Serde adapter: enumeration value.
pub fn wire<'de, D: Deserializer<'de>, T: WireEnum>(d: D) -> Result<Option<T>, D::Error> {
    value(d).map(|v| wire_of(&v))
}

/// Serde adapter: nested object.
pub fn object<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    value(d).map(|v| object_of(&v))
}

/// Serde adapter: list of objects.
pub fn list<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    value(d).map(|v| list_of(&v))
}

/// Serde adapter: list of arbitrary values.
pub fn json_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Value>, D::Error> {
    value(d).map(|v| json_list_of(&v))
}

/// Serde adapter: map of arbitrary values.
pub fn json_map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Value>, D::Error> {
    value(d).map(|v| json_map_of(&v))
}

/// Serde adapter: map of counts.
pub fn tallies<'de, D: Deserializer<'de>, K: WireEnum>(d: D) -> Result<Vec<Tally<K>>, D::Error> {
    value(d).map(|v| tallies_of(&v))
}
