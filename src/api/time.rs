//! Dates and times as the API sends them: several shapes, kept raw when none fits.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// How much of a date-time the API gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// A date only: `2018-09-27`.
    Day,
    /// Down to the minute: `2018-10-01 16:39`.
    Minute,
    /// Down to the second: `2018-08-04 11:57:33` or `2018-10-02T16:54:08`.
    Second,
}

/// A date-time from the API: the text as sent, and its value when it has a known shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiDateTime {
    raw: String,
    parsed: Option<(NaiveDateTime, Precision)>,
}

/// Shapes tried in order, each with the precision it carries.
const SHAPES: [(&str, Precision); 6] = [
    ("%Y-%m-%d %H:%M:%S%.f", Precision::Second),
    ("%Y-%m-%dT%H:%M:%S%.f", Precision::Second),
    ("%Y-%m-%d %H:%M", Precision::Minute),
    ("%Y-%m-%dT%H:%M", Precision::Minute),
    ("%Y/%m/%d %H:%M:%S", Precision::Second),
    ("%Y/%m/%d %H:%M", Precision::Minute),
];

/// China Standard Time (no daylight saving): the zone the API's wall-clock times are in.
const CHINA_OFFSET_SECONDS: i32 = 8 * 3600;

impl ApiDateTime {
    /// Reads any of the shapes the API uses; other text is kept as it is, unparsed.
    pub fn parse(raw: &str) -> ApiDateTime {
        let text = raw.trim();
        let parsed = documented_shape(text)
            .map(|value| (value, Precision::Second))
            .or_else(|| parse_other_shapes(text));
        ApiDateTime {
            raw: raw.to_string(),
            parsed,
        }
    }
}

/// `2018-08-04 11:57:33`, the documented shape, read by hand: a page of calls has a hundred,
/// and trying chrono's format strings in turn costs about ten times as much.
fn documented_shape(text: &str) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    let shape_fits = bytes.len() == 19
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            10 => *b == b' ',
            13 | 16 => *b == b':',
            _ => b.is_ascii_digit(),
        });
    if !shape_fits {
        return None;
    }
    let number = |from: usize, to: usize| {
        bytes[from..to]
            .iter()
            .fold(0_u32, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let year = i32::try_from(number(0, 4)).ok()?;
    NaiveDate::from_ymd_opt(year, number(5, 7), number(8, 10))?.and_hms_opt(
        number(11, 13),
        number(14, 16),
        number(17, 19),
    )
}

fn parse_other_shapes(text: &str) -> Option<(NaiveDateTime, Precision)> {
    SHAPES
        .iter()
        .find_map(|(shape, precision)| {
            NaiveDateTime::parse_from_str(text, shape)
                .ok()
                .map(|value| (value, *precision))
        })
        .or_else(|| {
            // With a zone (`...Z`, `+08:00`): keep the wall-clock time as written.
            DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|value| (value.naive_local(), Precision::Second))
        })
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|date| date.and_hms_opt(0, 0, 0))
                .map(|value| (value, Precision::Day))
        })
}

impl ApiDateTime {
    /// A time given as milliseconds since the epoch, shown in China Standard Time.
    pub fn from_epoch_millis(millis: i64) -> ApiDateTime {
        let parsed = chrono::FixedOffset::east_opt(CHINA_OFFSET_SECONDS).and_then(|zone| {
            Utc.timestamp_millis_opt(millis)
                .single()
                .map(|utc| (utc.with_timezone(&zone).naive_local(), Precision::Second))
        });
        ApiDateTime {
            raw: millis.to_string(),
            parsed,
        }
    }

    /// A value built from a known date-time (for tests and derived values).
    pub fn from_value(value: NaiveDateTime, precision: Precision) -> ApiDateTime {
        let raw = match precision {
            Precision::Day => value.format("%Y-%m-%d").to_string(),
            Precision::Minute => value.format("%Y-%m-%d %H:%M").to_string(),
            Precision::Second => value.format("%Y-%m-%d %H:%M:%S").to_string(),
        };
        ApiDateTime {
            raw,
            parsed: Some((value, precision)),
        }
    }

    /// The text exactly as the API sent it.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The date-time, when the text had a known shape.
    pub fn value(&self) -> Option<NaiveDateTime> {
        self.parsed.map(|(value, _)| value)
    }

    /// How precise the text was, when it had a known shape.
    pub fn precision(&self) -> Option<Precision> {
        self.parsed.map(|(_, precision)| precision)
    }

    /// The calendar date, when the text had a known shape.
    pub fn date(&self) -> Option<NaiveDate> {
        self.value().map(|value| value.date())
    }
}
