//! Live mode's clock: the machine's clock plus an offset that `POST /__mock/clock` moves forward,
//! or, paused, a moment that stands still until advanced or unpaused.
//!
//! The data's times are naive local times (seconds since 1970 as read on a wall clock); the
//! machine's UTC offset is asked of `date +%z` once (UTC when that fails).

use std::sync::{Mutex, OnceLock};
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

#[derive(Clone, Copy, Debug, Default)]
struct State {
    /// Added to the machine's clock while running.
    offset_ms: i64,
    /// While paused: now, standing still.
    paused_at_ms: Option<i64>,
}

/// The stand-in's clock. With live mode off it never cuts anything (`cut` is `u32::MAX`) and
/// does not move.
#[derive(Debug)]
pub struct Clock {
    pub live: bool,
    state: Mutex<State>,
}

impl Clock {
    pub fn new(live: bool) -> Clock {
        Clock {
            live,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> State {
        self.state.lock().map(|s| *s).unwrap_or_default()
    }

    fn update(&self, f: impl FnOnce(&mut State)) {
        if let Ok(mut s) = self.state.lock() {
            f(&mut s);
        }
    }

    /// How far the clock is from the machine's, in milliseconds: what `advance` added, less
    /// the time it stood paused (while paused: as when it was paused, plus advances).
    pub fn offset_ms(&self) -> i64 {
        self.state().offset_ms
    }

    /// Whether now stands still (`pause`).
    pub fn paused(&self) -> bool {
        self.state().paused_at_ms.is_some()
    }

    /// Now, in milliseconds since 1970 UTC: the machine's clock plus the offset, or where the
    /// paused clock stands.
    pub fn now_ms(&self) -> i64 {
        let s = self.state();
        s.paused_at_ms
            .unwrap_or_else(|| system_ms().saturating_add(s.offset_ms))
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

    /// Moves the clock forward by `ms` (saturating), paused or not.
    pub fn advance(&self, ms: i64) {
        let ms = ms.max(0);
        self.update(|s| {
            s.offset_ms = s.offset_ms.saturating_add(ms);
            s.paused_at_ms = s.paused_at_ms.map(|p| p.saturating_add(ms));
        });
    }

    /// Paused, now stands still; unpaused, it runs on from where it stood (no jump).
    pub fn set_paused(&self, paused: bool) {
        let now = system_ms();
        self.update(|s| match (paused, s.paused_at_ms) {
            (true, None) => s.paused_at_ms = Some(now.saturating_add(s.offset_ms)),
            (false, Some(at)) => {
                s.offset_ms = at.saturating_sub(now);
                s.paused_at_ms = None;
            }
            _ => {}
        });
    }

    /// Back to the machine's clock, running.
    pub fn reset(&self) {
        self.update(|s| *s = State::default());
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

    #[test]
    fn paused_it_stands_still_and_runs_on_from_there() {
        let c = Clock::new(true);
        c.advance(60_000);
        c.set_paused(true);
        assert!(c.paused());
        let stood = c.now_ms();
        std::thread::sleep(std::time::Duration::from_millis(30));
        assert_eq!(c.now_ms(), stood);
        c.set_paused(true);
        assert_eq!(c.now_ms(), stood, "pausing twice changes nothing");
        c.advance(1_000);
        assert_eq!(c.now_ms(), stood + 1_000);
        c.set_paused(false);
        assert!(!c.paused());
        let ran_on = c.now_ms() - (stood + 1_000);
        assert!(
            (0..1_000).contains(&ran_on),
            "{ran_on} ms from where it stood"
        );
        assert!(c.offset_ms() < 61_000);
        c.set_paused(true);
        c.reset();
        assert!(!c.paused());
        assert_eq!(c.offset_ms(), 0);
    }
}
