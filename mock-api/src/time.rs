//! Naive local date-times as seconds since 1970-01-01 00:00, and the text shapes the documents use.

pub const DAY: u32 = 86_400;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub const fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) of a day number.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn parts(ts: u32) -> (i64, u32, u32, u32, u32, u32) {
    let (y, mo, d) = civil_from_days((ts / DAY) as i64);
    let s = ts % DAY;
    (y, mo, d, s / 3600, s / 60 % 60, s % 60)
}

/// "2018-08-04"
pub fn date(ts: u32) -> String {
    let (y, mo, d, ..) = parts(ts);
    format!("{y:04}-{mo:02}-{d:02}")
}

/// "2018-09-26 18:07"
pub fn minute(ts: u32) -> String {
    let (y, mo, d, h, mi, _) = parts(ts);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}")
}

/// "2018-08-04 11:57:33"
pub fn second(ts: u32) -> String {
    let (y, mo, d, h, mi, s) = parts(ts);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
}

/// "2018-10-02T16:54:08"
pub fn iso(ts: u32) -> String {
    let (y, mo, d, h, mi, s) = parts(ts);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
}

/// "15:08:31" from seconds since midnight.
pub fn clock(secs: u32) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}

/// Day number of a strict "YYYY-MM-DD", or None.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = &s[r];
        if t.bytes().all(|c| c.is_ascii_digit()) {
            t.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y as i64, m) {
        return None;
    }
    Some(days_from_civil(y as i64, m, d))
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Seconds since the epoch of midnight starting a day number.
pub fn day_start(day: i64) -> u32 {
    (day.max(0) as u32).saturating_mul(DAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_shapes() {
        let day = parse_date("2018-08-04").unwrap_or_default();
        assert_eq!(civil_from_days(day), (2018, 8, 4));
        let ts = day_start(day) + 11 * 3600 + 57 * 60 + 33;
        assert_eq!(second(ts), "2018-08-04 11:57:33");
        assert_eq!(iso(ts), "2018-08-04T11:57:33");
        assert_eq!(minute(ts), "2018-08-04 11:57");
        assert_eq!(date(ts), "2018-08-04");
        assert_eq!(clock(15 * 3600 + 8 * 60 + 31), "15:08:31");
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in [
            "2018-02-30",
            "2018-13-01",
            "2018-1-01",
            "20180101",
            "2018-01-01 00:00",
            "abcd-ef-gh",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert!(parse_date("2020-02-29").is_some());
    }
}
