//! Live mode's clock: the machine's clock plus an offset that `POST /__mock/clock` moves forward.
//!
//! The data's times are naive local times (seconds since 1970 as read on a wall clock); the
//! machine's UTC offset is asked of `date +%z` once (UTC when that fails).

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::time::DAY;

/// The machine's clock: milliseconds since 1970-01-01 UTC.
pub fn system_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// "+0800" → 28800, "-0330" → -12600.
pub fn parse_utc_offset(text: &str) -> Option<i64> {
    let t = text.trim();
    let (sign, digits) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => return None,
    };
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i64 = digits[..2].parse().ok()?;
    let minutes: i64 = digits[2..].parse().ok()?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

/// The machine's UTC offset in seconds (as `date +%z` tells it, asked once per process;
/// 0 when it cannot be asked). A change of daylight-saving time while running is not seen.
pub fn local_utc_offset_s() -> i64 {
    static OFFSET: OnceLock<i64> = OnceLock::new();
    *OFFSET.get_or_init(|| {
        std::process::Command::new("date")
            .arg("+%z")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| parse_utc_offset(&String::from_utf8_lossy(&o.stdout)))
            .unwrap_or(0)
    })
}

/// Naive local seconds of an epoch-ms moment, clamped to what the data's `u32` times hold.
pub fn local_secs(epoch_ms: i64, utc_offset_s: i64) -> u32 {
    (epoch_ms.div_euclid(1000) + utc_offset_s).clamp(0, u32::MAX as i64) as u32
}

/// The stand-in's clock. With live mode off it never cuts anything (`cut` is `u32::MAX`) and
/// does not move.
#[derive(Debug)]
pub struct Clock {
    pub live: bool,
    offset_ms: AtomicI64,
}

impl Clock {
    pub fn new(live: bool) -> Clock {
        Clock {
            live,
            offset_ms: AtomicI64::new(0),
        }
    }

    /// How far `advance` has moved the clock, in milliseconds.
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }

    /// Now, in milliseconds since 1970 UTC: the machine's clock plus the offset.
    pub fn now_ms(&self) -> i64 {
        system_ms().saturating_add(self.offset_ms())
    }

    /// Now as naive local seconds, the data's time scale.
    pub fn now_local(&self) -> u32 {
        local_secs(self.now_ms(), local_utc_offset_s())
    }

    /// The day number of today (local).
    pub fn today(&self) -> i64 {
        (self.now_local() / DAY) as i64
    }

    /// The moment that decides which calls are made: now in live mode, else the end of time.
    pub fn cut(&self) -> u32 {
        if self.live {
            self.now_local()
        } else {
            u32::MAX
        }
    }

    /// Moves the clock forward by `ms` (saturating).
    pub fn advance(&self, ms: i64) {
        let _ = self
            .offset_ms
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |o| {
                Some(o.saturating_add(ms.max(0)))
            });
    }

    /// Back to the machine's clock.
    pub fn reset(&self) {
        self.offset_ms.store(0, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_offsets() {
        assert_eq!(parse_utc_offset("+0800\n"), Some(28_800));
        assert_eq!(parse_utc_offset("-0330"), Some(-12_600));
        assert_eq!(parse_utc_offset("+0000"), Some(0));
        for bad in ["", "0800", "+08", "+08:00", "+2500", "+08x0"] {
            assert_eq!(parse_utc_offset(bad), None, "{bad}");
        }
    }

    #[test]
    fn local_seconds() {
        assert_eq!(local_secs(1_000_999, 0), 1_000);
        assert_eq!(local_secs(1_000_000, 3_600), 4_600);
        assert_eq!(local_secs(-5_000, 0), 0);
        assert_eq!(local_secs(i64::MAX, 0), u32::MAX);
    }

    #[test]
    fn moves_forward_and_back_to_zero() {
        let c = Clock::new(true);
        let before = c.now_ms();
        c.advance(3_600_000);
        c.advance(-5);
        assert_eq!(c.offset_ms(), 3_600_000);
        assert!(c.now_ms() >= before + 3_600_000);
        c.reset();
        assert_eq!(c.offset_ms(), 0);
        assert_eq!(Clock::new(false).cut(), u32::MAX);
    }
}
