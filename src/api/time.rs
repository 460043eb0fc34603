//! Dates and times as the API sends them: several shapes, kept raw when none fits.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};

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

/// China Standard Time (no daylight saving): the zone the API's wall-clock times are in.
const CHINA_OFFSET_SECONDS: i32 = 8 * 3600;

impl ApiDateTime {
    /// Reads any of the shapes the API uses; other text is kept as it is, unparsed.
    pub fn parse(raw: &str) -> ApiDateTime {
        ApiDateTime {
            raw: raw.to_string(),
            parsed: parse_date_time(raw),
        }
    }
}

/// A date as the console writes it, for people, the URL, the date boxes and the API alike:
/// `2018-09-27`.
pub fn date_text(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// A date-time as `2018-10-02 16:54:08`, to the minute as `2018-10-01 16:39`, a date alone
/// as `2018-09-27`: how the console shows them and how it writes them down.
pub fn date_time_text(value: NaiveDateTime, precision: Precision) -> String {
    let day = date_text(value.date());
    match precision {
        Precision::Day => day,
        Precision::Minute => format!("{day} {:02}:{:02}", value.hour(), value.minute()),
        Precision::Second => format!(
            "{day} {:02}:{:02}:{:02}",
            value.hour(),
            value.minute(),
            value.second()
        ),
    }
}

/// A date as the URL, the date boxes and the API write it: `2018-09-27`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let mut text = Reader(text.trim().as_bytes());
    let date = text.date(b'-')?;
    text.0.is_empty().then_some(date)
}

/// A date-time in any of the API's shapes, with the precision it carries:
/// `2018-08-04 11:57:33` (documented), `2018-10-02T16:54:08`, either with a fraction of a
/// second (`.999`) or a zone (`Z`, `+08:00`: the wall-clock time is kept as written; RFC 3339
/// also allows a lower-case `t` and `z`),
/// `2018-10-01 16:39`, `2018-10-01T16:39`, `2018/08/04 11:57:33`, `2018/10/01 16:39` and a
/// date alone, `2018-09-27`. Read by hand in one pass: a page of calls has hundreds.
pub fn parse_date_time(text: &str) -> Option<(NaiveDateTime, Precision)> {
    let mut text = Reader(text.trim().as_bytes());
    // The shapes with slashes have neither a `T`, a fraction nor a zone, and no date alone.
    let slash = text.0.get(4) == Some(&b'/');
    let date = text.date(if slash { b'/' } else { b'-' })?;
    if text.0.is_empty() {
        return (!slash).then(|| (date.and_time(NaiveTime::MIN), Precision::Day));
    }
    if !(text.byte(b' ') || !slash && text.any(b"Tt")) {
        return None;
    }
    let (hour, minute) = (text.number()?, text.after(b':')?);
    let (second, nanos, precision) = if text.byte(b':') {
        let second = text.number()?;
        let nanos = if slash { Some(0) } else { text.fraction() }?;
        (second, nanos, Precision::Second)
    } else {
        (0, 0, Precision::Minute)
    };
    if precision == Precision::Second && !slash {
        text.zone()?;
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    text.0.is_empty().then(|| (date.and_time(time), precision))
}

/// What is left of a text being read, front first.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    /// Takes `b` if the text starts with it.
    fn byte(&mut self, b: u8) -> bool {
        let found = self.0.first() == Some(&b);
        if found {
            self.0 = &self.0[1..];
        }
        found
    }

    /// Takes any one of `bytes` if the text starts with it.
    fn any(&mut self, bytes: &[u8]) -> bool {
        bytes.iter().any(|b| self.byte(*b))
    }

    /// Up to `most` digits (at least one): their value and how many there were.
    fn digits(&mut self, most: usize) -> Option<(u32, usize)> {
        let count = self
            .0
            .iter()
            .take(most)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let value = self.0[..count]
            .iter()
            .fold(0_u32, |n, b| n * 10 + u32::from(b - b'0'));
        self.0 = &self.0[count..];
        (count > 0).then_some((value, count))
    }

    /// Exactly `count` digits: their value.
    fn exactly(&mut self, count: usize) -> Option<u32> {
        self.digits(count)
            .and_then(|(value, read)| (read == count).then_some(value))
    }

    /// A field of one or two digits (a month, a day, an hour, ...).
    fn number(&mut self) -> Option<u32> {
        self.digits(2).map(|(value, _)| value)
    }

    /// `separator` and the field after it.
    fn after(&mut self, separator: u8) -> Option<u32> {
        self.byte(separator).then(|| self.number())?
    }

    /// `YYYY`, then month and day each after `separator`: a date on the calendar.
    fn date(&mut self, separator: u8) -> Option<NaiveDate> {
        let year = self.exactly(4)?;
        let (month, day) = (self.after(separator)?, self.after(separator)?);
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
    }

    /// An optional fraction of a second, `.` and digits: nanoseconds (digits past the ninth
    /// are read and dropped).
    fn fraction(&mut self) -> Option<u32> {
        if !self.byte(b'.') {
            return Some(0);
        }
        let (value, count) = self.digits(9)?;
        let more = self.0.iter().take_while(|b| b.is_ascii_digit()).count();
        self.0 = &self.0[more..];
        Some(value * 10_u32.pow((9 - count) as u32))
    }

    /// An optional zone, `Z` or `+08:00` / `-05:00`: read past, not applied.
    fn zone(&mut self) -> Option<()> {
        if self.0.is_empty() || self.any(b"Zz") {
            return Some(());
        }
        self.any(b"+-").then_some(())?;
        self.exactly(2)?;
        self.byte(b':').then_some(())?;
        self.exactly(2).map(|_| ())
    }
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
        ApiDateTime {
            raw: date_time_text(value, precision),
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
