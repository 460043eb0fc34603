//! Forgiving field decoders: a null, missing or wrongly typed field becomes "absent", never a
//! failed page.
//!
//! Each `fn(Deserializer)` is meant for `#[serde(default, deserialize_with = "...")]`. They
//! read what arrives with visitors, straight from the answer's text: a list or an object sent
//! where a scalar belongs is skipped, never copied (a page of calls decodes without building a
//! JSON tree first).

use super::enums::WireEnum;
use super::model::Tally;
use super::time::ApiDateTime;
use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Number, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// A JSON value as a scalar field sees it: the scalar kept, a container's contents skipped.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Number(Number),
    Text(String),
    List,
    Object,
}

impl Scalar {
    /// The value's kind, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "a boolean",
            Scalar::Number(_) => "a number",
            Scalar::Text(_) => "a string",
            Scalar::List => "a list",
            Scalar::Object => "an object",
        }
    }

    /// Text: a string as sent (blank is absent); a number or boolean as its text.
    pub fn text(self) -> Option<String> {
        match self {
            Scalar::Text(s) if s.trim().is_empty() => None,
            Scalar::Text(s) => Some(s),
            Scalar::Number(n) => Some(n.to_string()),
            Scalar::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A whole number: a JSON integer, an integral float, or a string holding one.
    pub fn int(&self) -> Option<i64> {
        match self {
            Scalar::Number(n) => n.as_i64().or_else(|| n.as_f64().and_then(integral)),
            Scalar::Text(s) => {
                let s = s.trim();
                s.parse::<i64>()
                    .ok()
                    .or_else(|| s.parse::<f64>().ok().and_then(integral))
            }
            _ => None,
        }
    }

    /// A number: a JSON number or a string holding a finite one.
    pub fn float(&self) -> Option<f64> {
        match self {
            Scalar::Number(n) => n.as_f64(),
            Scalar::Text(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        }
        .filter(|f| f.is_finite())
    }

    /// A yes/no: a boolean, `0`/`1`, or the text `true`/`false`/`0`/`1`.
    pub fn flag(&self) -> Option<bool> {
        match self {
            Scalar::Bool(b) => Some(*b),
            Scalar::Number(n) => n.as_f64().map(|f| f != 0.0),
            Scalar::Text(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// A date-time in any of the API's shapes; a number is taken as epoch milliseconds.
    pub fn date_time(&self) -> Option<ApiDateTime> {
        match self {
            Scalar::Text(s) if s.trim().is_empty() => None,
            Scalar::Text(s) => Some(ApiDateTime::parse(s)),
            Scalar::Number(_) => self.int().map(ApiDateTime::from_epoch_millis),
            _ => None,
        }
    }

    /// An enumeration value by name or documented number; an unknown one kept raw.
    pub fn wire<T: WireEnum>(self) -> Option<T> {
        match &self {
            Scalar::Text(s) if s.trim().is_empty() => None,
            Scalar::Text(s) => Some(
                s.trim()
                    .parse::<i64>()
                    .ok()
                    .and_then(T::from_number)
                    .unwrap_or_else(|| T::from_code(s)),
            ),
            Scalar::Number(_) => match self.int().and_then(T::from_number) {
                Some(known) => Some(known),
                None => self.text().map(|raw| T::from_code(&raw)),
            },
            _ => None,
        }
    }
}

fn integral(f: f64) -> Option<i64> {
    // The range check keeps `as` from saturating silently.
    (f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
}

/// Reads past a list or an object that is not wanted where it was sent.
pub(crate) fn skip_list<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn skip_object<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Implements the scalar callbacks of a visitor whose value is built from a [`Scalar`].
macro_rules! scalar_callbacks {
    ($make:expr) => {
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok($make(Scalar::Bool(v)))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok($make(Scalar::Number(v.into())))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok($make(Scalar::Number(v.into())))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok($make(
                serde_json::Number::from_f64(v).map_or(Scalar::Null, Scalar::Number),
            ))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok($make(Scalar::Text(v.to_string())))
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok($make(Scalar::Text(v)))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok($make(Scalar::Null))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok($make(Scalar::Null))
        }
        fn visit_some<Inner: serde::Deserializer<'de>>(
            self,
            d: Inner,
        ) -> Result<Self::Value, Inner::Error> {
            d.deserialize_any(self)
        }
    };
}

pub(crate) use scalar_callbacks;

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    scalar_callbacks!(|s| s);

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Scalar, A::Error> {
        skip_list(seq).map(|()| Scalar::List)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar, A::Error> {
        skip_object(map).map(|()| Scalar::Object)
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// Where an object belongs: the object, `null`, or something else (its kind, skipped).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Slot<T> {
    #[default]
    Null,
    Object(T),
    Other(&'static str),
}

impl<T> Slot<T> {
    pub fn object(self) -> Option<T> {
        match self {
            Slot::Object(value) => Some(value),
            _ => None,
        }
    }
}

struct SlotVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for SlotVisitor<T> {
    type Value = Slot<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    scalar_callbacks!(|s: Scalar| match s {
        Scalar::Null => Slot::Null,
        other => Slot::Other(other.kind()),
    });

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Slot<T>, A::Error> {
        skip_list(seq).map(|()| Slot::Other(Scalar::List.kind()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Slot<T>, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Slot::Object)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Slot<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Slot<T>, D::Error> {
        d.deserialize_any(SlotVisitor(PhantomData))
    }
}

/// Where a list of objects belongs: the objects (other items skipped), `null`, or something
/// else (its kind, skipped).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Items<T> {
    #[default]
    Null,
    List(Vec<T>),
    Other(&'static str),
}

impl<T> Items<T> {
    pub fn list(self) -> Vec<T> {
        match self {
            Items::List(items) => items,
            _ => Vec::new(),
        }
    }
}

struct ItemsVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ItemsVisitor<T> {
    type Value = Items<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    scalar_callbacks!(|s: Scalar| match s {
        Scalar::Null => Items::Null,
        other => Items::Other(other.kind()),
    });

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(slot) = seq.next_element::<Slot<T>>()? {
            items.extend(slot.object());
        }
        Ok(Items::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Items<T>, A::Error> {
        skip_object(map).map(|()| Items::Other(Scalar::Object.kind()))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Items<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Items<T>, D::Error> {
        d.deserialize_any(ItemsVisitor(PhantomData))
    }
}

/// A list of texts: each scalar item as text (others skipped); a lone scalar is one item;
/// an object (a documented "Map") gives its keys.
struct TextsVisitor;

impl<'de> Visitor<'de> for TextsVisitor {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of texts")
    }

    scalar_callbacks!(|s: Scalar| s.text().into_iter().collect());

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut texts = Vec::new();
        while let Some(item) = seq.next_element::<Scalar>()? {
            texts.extend(item.text());
        }
        Ok(texts)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
        let mut keys = Vec::new();
        while let Some((key, IgnoredAny)) = map.next_entry::<String, IgnoredAny>()? {
            if !key.trim().is_empty() {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}

/// A map of counts: each key with its value read as a whole number; a non-object is empty.
struct CountsVisitor;

impl<'de> Visitor<'de> for CountsVisitor {
    type Value = Vec<(String, Option<i64>)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map of counts")
    }

    scalar_callbacks!(|_: Scalar| Vec::new());

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        skip_list(seq).map(|()| Vec::new())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut counts = Vec::new();
        while let Some((key, count)) = map.next_entry::<String, Scalar>()? {
            counts.push((key, count.int()));
        }
        Ok(counts)
    }
}

/// Counts keyed by an enumeration: known keys in documented order, then unknown ones by
/// name. Blank keys are dropped.
fn tallies_from<K: WireEnum>(counts: Vec<(String, Option<i64>)>) -> Vec<Tally<K>> {
    let mut tallies: Vec<Tally<K>> = counts
        .into_iter()
        .filter(|(key, _)| !key.trim().is_empty())
        .map(|(key, count)| Tally {
            key: K::from_code(&key),
            count,
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

/// Serde adapter: text.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Scalar::deserialize(d).map(Scalar::text)
}

/// Serde adapter: whole number.
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Scalar::deserialize(d).map(|s| s.int())
}

/// Serde adapter: number.
pub fn float<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Scalar::deserialize(d).map(|s| s.float())
}

/// Serde adapter: yes/no.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Scalar::deserialize(d).map(|s| s.flag())
}

/// Serde adapter: list of texts.
pub fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(TextsVisitor)
}

/// Serde adapter: date-time.
pub fn date_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ApiDateTime>, D::Error> {
    Scalar::deserialize(d).map(|s| s.date_time())
}

/// Serde adapter: enumeration value.
pub fn wire<'de, D: Deserializer<'de>, T: WireEnum>(d: D) -> Result<Option<T>, D::Error> {
    Scalar::deserialize(d).map(Scalar::wire)
}

/// Serde adapter: nested object (anything else is absent).
pub fn object<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    Slot::<T>::deserialize(d).map(Slot::object)
}

/// Serde adapter: list of objects (items that are not objects skipped; a non-list is empty).
pub fn list<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    Items::<T>::deserialize(d).map(Items::list)
}

/// Serde adapter: list of arbitrary values (undocumented shapes); a non-list is empty.
pub fn json_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Value>, D::Error> {
    Value::deserialize(d).map(|v| match v {
        Value::Array(items) => items,
        _ => Vec::new(),
    })
}

/// Serde adapter: map of arbitrary values; a non-object is empty.
pub fn json_map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Value>, D::Error> {
    Value::deserialize(d).map(|v| match v {
        Value::Object(map) => map.into_iter().collect(),
        _ => BTreeMap::new(),
    })
}

/// Serde adapter: map of counts.
pub fn tallies<'de, D: Deserializer<'de>, K: WireEnum>(d: D) -> Result<Vec<Tally<K>>, D::Error> {
    d.deserialize_any(CountsVisitor).map(tallies_from)
}
